// The board's reviews as lists give them: a page of GET /reviews by id, and, for the exports, the
// dashboard's filters and order (the most urgent first), every review at once, with the dates a board's
// papers give.
#include <algorithm>
#include <cctype>
#include <tuple>

#include "service/review_queries_impl.h"

namespace scr {
namespace {

std::string Lowered(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// Whether `search` (lowered) is part of the review's title or of its reference: "SCR-12", "12".
bool Matches(const ReviewSummary& summary, const std::string& search) {
  if (search.empty()) return true;
  if (Lowered(summary.title).find(search) != std::string::npos) return true;
  std::string id = std::to_string(summary.id);
  return search == id || search == "scr-" + id || search == "#" + id;
}

std::optional<Date> FirstDay(const std::array<int32_t, kLifecycleEventCount>& days,
                             std::initializer_list<LifecycleEvent> events) {
  std::optional<Date> first;
  for (LifecycleEvent event : events) {
    int32_t day = days[static_cast<size_t>(event)];
    if (day != kNoDate && (!first || Date::FromDays(day) < *first)) first = Date::FromDays(day);
  }
  return first;
}

// The most overdue work first, then the nearest deadline; reviews with nothing dated last, by id.
bool MoreUrgent(const ReviewListing& a, const ReviewListing& b) {
  const ReviewSummary& x = a.summary;
  const ReviewSummary& y = b.summary;
  return std::make_tuple(-x.overdue_count, !x.next_due, x.next_due.value_or(Date()), x.id) <
         std::make_tuple(-y.overdue_count, !y.next_due, y.next_due.value_or(Date()), y.id);
}

}  // namespace

Result<ReviewListings> ReviewQueriesImpl::ListingsForExport(BoardId board, const ReviewListFilter& filter) {
  try {
    Result<const WorkingCalendar*> calendar = CalendarFor(board);
    if (!calendar.ok()) return calendar.status();
    ReviewListings listings;
    listings.today = (*calendar)->LocalDate(options_.clock->Now());
    std::unique_ptr<ReadScope> snapshot = store_->BeginRead();
    std::string search = Lowered(filter.search);
    std::vector<CheckpointView> views;
    Status failed;
    store_->reviews().VisitReviews(ReviewSelection{board, 0, filter.phase, false}, [&](StoredReview& review) {
      // Reviews that did not go ahead are listed with the closed ones (their duties are still chased).
      bool finished = IsEndPhase(review.summary.phase) || review.summary.phase == Phase::kNotProceeding;
      if (!filter.include_closed && !filter.phase && finished) return true;
      if (!Matches(review.summary, search)) return true;
      if (failed = ReadCheckpoints(review, &views); !failed.ok()) return false;
      if (failed = Summarise(review.record, views, &review.summary); !failed.ok()) return false;
      if (filter.overdue && (review.summary.overdue_count > 0) != *filter.overdue) return true;
      ReviewListing listing;
      listing.summary = std::move(review.summary);
      listing.decided_on = FirstDay(review.record.first_event_days,
                                    {LifecycleEvent::kDecideToReview, LifecycleEvent::kDecideNotToReview});
      listing.published_on = FirstDay(review.record.first_event_days, {LifecycleEvent::kPublish});
      listings.items.push_back(std::move(listing));
      return true;
    });
    if (!failed.ok()) return failed;
    std::sort(listings.items.begin(), listings.items.end(), MoreUrgent);
    return listings;
  } catch (const std::exception& e) {
    return StorageError(e, "listing the reviews for an export");
  }
}

Result<ReviewPage> ReviewQueriesImpl::ListReviews(BoardId board, const ReviewFilter& filter) {
  try {
    int limit = std::clamp(filter.limit, 1, 200);
    ReviewPage page;
    std::vector<CheckpointView> views;
    Status failed;
    ReviewSelection selection{board, filter.after.value_or(0), filter.phase, false};
    store_->reviews().VisitReviews(selection, [&](StoredReview& review) {
      if (failed = ReadCheckpoints(review, &views); !failed.ok()) return false;
      if (failed = Summarise(review.record, views, &review.summary); !failed.ok()) return false;
      if (filter.overdue && (review.summary.overdue_count > 0) != *filter.overdue) return true;
      if (static_cast<int>(page.items.size()) == limit) {
        page.next_cursor = page.items.back().id;
        return false;
      }
      page.items.push_back(std::move(review.summary));
      return true;
    });
    if (!failed.ok()) return failed;
    return page;
  } catch (const std::exception& e) {
    return StorageError(e, "listing reviews");
  }
}

}  // namespace scr
