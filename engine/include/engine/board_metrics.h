// A board's figures for its annual report and its own oversight: a plain value type, computed by
// engine/service/board_metrics.cpp and answered by GET /api/v1/metrics.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/model.h"

namespace scr {

struct BoardMetrics {
  // How long reviews of one type took between two moments, in calendar days, over the reviews that
  // reached both. measure: referral_to_decision, decision_to_report, report_to_publication,
  // publication_to_actions_evidenced.
  struct Interval {
    std::string workflow;
    std::string measure;
    int reviews = 0;
    std::optional<double> median_days;
    std::optional<double> mean_days;
    std::optional<int> max_days;
  };
  // Checkpoints of one marker that have fallen due: done by the end of their due day, or not.
  struct MarkerTimeliness {
    std::string workflow;
    int marker = 0;
    std::string marker_name;
    int fallen_due = 0;  // done (on time or late) or open past their due day
    int on_time = 0;
  };
  // A delay recorded on something still open.
  struct OpenDelay {
    ReviewId review = 0;
    std::string review_title;
    std::string subject;  // the checkpoint's key, or action/ID
    Date previous_due;
    Date new_due;
    std::string reason;
    std::string recorded_at;
  };
  struct AgencyActions {
    std::string agency;
    int total = 0, red = 0, amber = 0, green = 0, none = 0, overdue = 0, evidenced = 0;
  };
  // The year's figures: reviews started (decided to review), concluded (published), ongoing at the
  // year's end, decided not to review; actions agreed, completed or evidenced, open and overdue now.
  struct Annual {
    int year = 0;
    int referrals = 0, reviews_started = 0, reviews_concluded = 0, reviews_ongoing = 0, not_proceeding = 0;
    int actions_agreed = 0, actions_completed = 0, actions_evidenced = 0, actions_open = 0, actions_overdue = 0;
    int follow_ups_done = 0, follow_ups_change_held = 0;
  };
  std::string generated_at;
  std::vector<Interval> intervals;
  std::vector<MarkerTimeliness> timeliness;
  std::vector<OpenDelay> open_delays;
  std::vector<AgencyActions> actions_by_agency;
  Annual annual;
};

}  // namespace scr
