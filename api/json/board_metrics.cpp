// The board's metrics (GET /metrics).
#include "json/resources.h"

namespace scr {
namespace {

nlohmann::json Optional(const std::optional<double>& value) { return value ? nlohmann::json(*value) : nlohmann::json(nullptr); }

}  // namespace

nlohmann::json ToJson(const BoardMetrics& metrics) {
  nlohmann::json intervals = nlohmann::json::array();
  for (const auto& interval : metrics.intervals) {
    intervals.push_back({{"workflow", interval.workflow},
                         {"measure", interval.measure},
                         {"reviews", interval.reviews},
                         {"median_days", Optional(interval.median_days)},
                         {"mean_days", Optional(interval.mean_days)},
                         {"max_days", interval.max_days ? nlohmann::json(*interval.max_days) : nlohmann::json(nullptr)}});
  }
  nlohmann::json timeliness = nlohmann::json::array();
  for (const auto& marker : metrics.timeliness) {
    timeliness.push_back({{"workflow", marker.workflow},
                          {"marker", marker.marker},
                          {"marker_name", marker.marker_name},
                          {"fallen_due", marker.fallen_due},
                          {"on_time", marker.on_time},
                          {"on_time_share", marker.fallen_due ? nlohmann::json(double(marker.on_time) / marker.fallen_due)
                                                              : nlohmann::json(nullptr)}});
  }
  nlohmann::json delays = nlohmann::json::array();
  for (const auto& delay : metrics.open_delays) {
    delays.push_back({{"review", delay.review},
                      {"review_title", delay.review_title},
                      {"subject", delay.subject},
                      {"previous_due", delay.previous_due.ToString()},
                      {"new_due", delay.new_due.ToString()},
                      {"reason", delay.reason},
                      {"recorded_at", delay.recorded_at}});
  }
  nlohmann::json agencies = nlohmann::json::array();
  for (const auto& agency : metrics.actions_by_agency) {
    agencies.push_back({{"agency", agency.agency}, {"total", agency.total}, {"red", agency.red}, {"amber", agency.amber},
                        {"green", agency.green}, {"none", agency.none}, {"overdue", agency.overdue},
                        {"evidenced", agency.evidenced}});
  }
  const BoardMetrics::Annual& a = metrics.annual;
  return {{"generated_at", metrics.generated_at},
          {"intervals", intervals},
          {"timeliness", timeliness},
          {"open_delays", delays},
          {"actions_by_agency", agencies},
          {"annual", {{"year", a.year}, {"referrals", a.referrals}, {"reviews_started", a.reviews_started},
                      {"reviews_concluded", a.reviews_concluded}, {"reviews_ongoing", a.reviews_ongoing},
                      {"not_proceeding", a.not_proceeding}, {"actions_agreed", a.actions_agreed},
                      {"actions_completed", a.actions_completed}, {"actions_evidenced", a.actions_evidenced},
                      {"actions_open", a.actions_open}, {"actions_overdue", a.actions_overdue},
                      {"follow_ups_done", a.follow_ups_done}, {"follow_ups_change_held", a.follow_ups_change_held}}}};
}

}  // namespace scr
