// An open review's in-memory record as the engine keeps it, for tests of what is planned and fired from it.
#pragma once

#include <catch2/catch.hpp>

#include "review/open_review.h"
#include "support/calendar_helpers.h"
#include "support/test_support.h"

namespace scr::test {

// A scr-2015 review referred on Monday 2 March 2026 (incident 20 February): the chair's decision is due
// Thursday 2 April, the day before Good Friday.
inline OpenReview ReferredReview(const WorkingCalendar& calendar) {
  OpenReview review;
  review.workflow = ProjectWorkflows().Find("scr-2015");
  review.referral_date = D("2026-03-02");
  review.incident_date = D("2026-02-20");
  review.AddApplicableCheckpoints();
  REQUIRE(review.PlanDueDates(calendar).ok());
  return review;
}

}  // namespace scr::test
