// The open reviews as an owner other than the review service keeps them, for tests of the scheduler and of
// the commands on their own: review records in a map, all of one board in England.
#pragma once

#include <functional>
#include <unordered_map>

#include "scheduler/scheduler.h"
#include "support/calendar_helpers.h"

namespace scr::test {

class BoardReviews final : public ScheduledReviews {
 public:
  OpenReview* Find(ReviewId id) override {
    auto it = open.find(id);
    return it == open.end() ? nullptr : &it->second;
  }
  Result<const WorkingCalendar*> CalendarFor(BoardId) override { return &england; }
  void ForEachOpenReview(const std::function<void(ReviewId, const OpenReview&)>& visit) override {
    for (const auto& [id, review] : open) visit(id, review);
  }

  WorkingCalendar england = England();
  std::unordered_map<ReviewId, OpenReview> open;
};

}  // namespace scr::test
