// A board's figures across its reviews: how long each stage took per review type, which markers'
// checkpoints are met on time, the delays still open, actions by agency and RAG, and the year's figures
// for the annual report. Computed on demand from the same rows the rest of the read side uses.
#include <algorithm>
#include <numeric>

#include "service/review_queries_impl.h"

namespace scr {
namespace {

std::optional<Date> FirstDay(const OpenReview& record, LifecycleEvent event) {
  int32_t day = record.first_event_days[static_cast<size_t>(event)];
  if (day == kNoDate) return std::nullopt;
  return Date::FromDays(day);
}

std::optional<Date> Earliest(std::optional<Date> a, std::optional<Date> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

BoardMetrics::Interval SummariseDays(const std::string& workflow, const std::string& measure, std::vector<int> days) {
  BoardMetrics::Interval interval{workflow, measure, static_cast<int>(days.size()), std::nullopt, std::nullopt, std::nullopt};
  if (days.empty()) return interval;
  std::sort(days.begin(), days.end());
  size_t middle = days.size() / 2;
  interval.median_days = days.size() % 2 ? days[middle] : (days[middle - 1] + days[middle]) / 2.0;
  interval.mean_days = std::accumulate(days.begin(), days.end(), 0.0) / static_cast<double>(days.size());
  interval.max_days = days.back();
  return interval;
}

bool InYear(std::optional<Date> day, int year) { return day && day->year() == year; }

}  // namespace

Result<BoardMetrics> ReviewQueriesImpl::Metrics(BoardId board, std::optional<int> year) {
  try {
    Result<const WorkingCalendar*> calendar = CalendarFor(board);
    if (!calendar.ok()) return calendar.status();
    Instant now = options_.clock->Now();
    BoardMetrics metrics;
    metrics.generated_at = FormatInstant(now);
    metrics.annual.year = year.value_or((*calendar)->LocalDate(now).year());
    const int y = metrics.annual.year;
    Date year_end = Date::FromYmd(y, 12, 31);

    // Per review: when its actions were all evidenced, if they were (dropped ones do not count).
    std::map<ReviewId, std::optional<Date>> all_evidenced = store_->action_reads().ReadActionsEvidenced(board);

    std::map<std::pair<std::string, std::string>, std::vector<int>> intervals;
    std::map<std::pair<std::string, int>, BoardMetrics::MarkerTimeliness> timeliness;
    std::map<ReviewId, std::pair<std::string, std::vector<CheckpointView>>> open_reviews;
    std::vector<CheckpointView> views;
    Status failed;
    store_->reviews().VisitReviews(ReviewSelection{board, 0, std::nullopt, false}, [&](StoredReview& review) {
      if (failed = ReadCheckpoints(review, &views); !failed.ok()) return false;
      const ReviewSummary& summary = review.summary;
      const OpenReview& record = review.record;
      const std::string& workflow = summary.workflow;
      std::optional<Date> decided = FirstDay(record, LifecycleEvent::kDecideToReview);
      std::optional<Date> declined = FirstDay(record, LifecycleEvent::kDecideNotToReview);
      std::optional<Date> signed_off = FirstDay(record, LifecycleEvent::kSignOffReport);
      std::optional<Date> published = FirstDay(record, LifecycleEvent::kPublish);
      std::optional<Date> closed = FirstDay(record, LifecycleEvent::kClose);
      Date referred = summary.referral_date;
      auto add = [&](const char* measure, std::optional<Date> from, std::optional<Date> to) {
        if (from && to) intervals[{workflow, measure}].push_back(*to - *from);
      };
      add("referral_to_decision", referred, Earliest(decided, declined));
      add("decision_to_report", decided, signed_off);
      add("report_to_publication", signed_off, published);
      auto evidenced = all_evidenced.find(summary.id);
      if (evidenced != all_evidenced.end()) add("publication_to_actions_evidenced", published, evidenced->second);

      const WorkflowDefinition* definition = options_.workflows->Find(workflow);
      for (const CheckpointView& view : views) {
        if (!view.due || view.marker == 0) continue;
        bool late_open = view.status == CheckpointStatus::kOverdue;
        bool done = view.status == CheckpointStatus::kDone;
        if (!late_open && !done) continue;
        BoardMetrics::MarkerTimeliness& entry = timeliness[{workflow, view.marker}];
        entry.workflow = workflow;
        entry.marker = view.marker;
        if (definition && entry.marker_name.empty()) {
          for (const Marker& marker : definition->markers) {
            if (marker.number == view.marker) entry.marker_name = marker.name;
          }
        }
        ++entry.fallen_due;
        if (done && view.closed_at) {
          Result<Instant> at = ParseInstant(*view.closed_at);
          if (at.ok() && *at <= (*calendar)->EndOfDay(*view.due)) ++entry.on_time;
        }
      }
      bool ended = summary.phase == Phase::kClosed || summary.phase == Phase::kNotProceeding;
      if (!ended) open_reviews[summary.id] = {summary.title, views};

      BoardMetrics::Annual& annual = metrics.annual;
      if (referred.year() == y) ++annual.referrals;
      if (InYear(decided, y)) ++annual.reviews_started;
      if (InYear(declined, y)) ++annual.not_proceeding;
      std::optional<Date> concluded = published ? published : closed;
      if (InYear(concluded, y)) ++annual.reviews_concluded;
      if (decided && *decided <= year_end && (!concluded || *concluded > year_end)) ++annual.reviews_ongoing;
      return true;
    });
    if (!failed.ok()) return failed;
    for (auto& [key, days] : intervals) metrics.intervals.push_back(SummariseDays(key.first, key.second, days));
    for (auto& [key, entry] : timeliness) metrics.timeliness.push_back(entry);

    // The delays of what is still open: an open checkpoint of an open review, or an open action.
    Result<std::vector<ImprovementAction>> actions = Actions(board, ActionFilter{});
    if (!actions.ok()) return actions.status();
    for (const auto& [id, delay] : store_->reviews().ReadBoardDelays(board)) {
      auto review = open_reviews.find(id);
      if (review == open_reviews.end()) continue;
      const std::string& subject = delay.checkpoint;
      bool still_open = false;
      for (const CheckpointView& view : review->second.second) {
        if (view.key == subject) still_open = view.status != CheckpointStatus::kDone && view.status != CheckpointStatus::kWaived;
      }
      for (const ImprovementAction& action : *actions) {
        if (subject == "action/" + std::to_string(action.id)) {
          still_open = action.status == "not_started" || action.status == "in_progress";
        }
      }
      if (!still_open) continue;
      metrics.open_delays.push_back({review->first, review->second.first, subject, delay.previous_due, delay.new_due,
                                     delay.reason, delay.recorded_at});
    }

    std::map<std::string, BoardMetrics::AgencyActions> agencies;
    for (const ImprovementAction& action : *actions) {
      BoardMetrics::AgencyActions& agency = agencies[action.owner_agency];
      agency.agency = action.owner_agency;
      ++agency.total;
      if (action.rag == "red") ++agency.red;
      else if (action.rag == "amber") ++agency.amber;
      else if (action.rag == "green") ++agency.green;
      else ++agency.none;
      if (action.overdue) ++agency.overdue;
      if (action.status == "evidenced") ++agency.evidenced;

      BoardMetrics::Annual& annual = metrics.annual;
      if (action.created_at.compare(0, 4, std::to_string(y)) == 0) ++annual.actions_agreed;
      if (InYear(action.completed_on, y)) ++annual.actions_completed;
      if (InYear(action.evidenced_on, y)) ++annual.actions_evidenced;
      if (action.status == "not_started" || action.status == "in_progress") ++annual.actions_open;
      if (action.overdue) ++annual.actions_overdue;
      for (const FollowUp& follow_up : action.follow_ups) {
        if (follow_up.status != "done" || !InYear(follow_up.closed_on, y)) continue;
        ++annual.follow_ups_done;
        if (follow_up.change_holds.value_or(false)) ++annual.follow_ups_change_held;
      }
    }
    for (auto& [name, agency] : agencies) metrics.actions_by_agency.push_back(agency);
    return metrics;
  } catch (const std::exception& e) {
    return StorageError(e, "computing the board's metrics");
  }
}

}  // namespace scr
