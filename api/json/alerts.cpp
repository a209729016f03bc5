// An alert as GET /alerts shows it, and what fired while the simulated clock moved (POST /admin/clock/advance).
#include "json/resources.h"

namespace scr {
namespace {

std::string Counted(int64_t count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

// "Mon 14 Dec 2026" from an RFC 3339 instant (its date as written).
std::string DayOf(const std::string& instant) {
  static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  Result<Date> date = Date::Parse(instant.substr(0, 10));
  if (!date.ok()) return instant;
  return std::string(kDays[date->weekday()]) + " " + std::to_string(date->day()) + " " + kMonths[date->month() - 1] +
         " " + std::to_string(date->year());
}

}  // namespace

nlohmann::json AlertJson(const Alert& alert) {
  // A dated item's alert names the item ("action/12") where a checkpoint's names its key.
  size_t slash = alert.checkpoint.find('/');
  bool item = slash != std::string::npos;
  nlohmann::json json = {{"id", alert.id},
                         {"review", alert.review},
                         {"checkpoint", item ? nlohmann::json(nullptr) : nlohmann::json(alert.checkpoint)},
                         {"kind", alert.kind},
                         {"level", alert.level},
                         {"recipient_role", alert.recipient_role},
                         {"due", alert.due},
                         {"scheduled_for", alert.scheduled_for},
                         {"fired_at", alert.fired_at},
                         {"fired_late_by_s", alert.fired_late_by_s},
                         {"status", alert.status},
                         {"review_title", alert.review_title},
                         {"subject_title", alert.subject_title}};
  if (alert.kind == "deadline_extended") {
    json["reason"] = alert.reason;
    json["previous_due"] = alert.previous_due.empty() ? nlohmann::json(nullptr) : nlohmann::json(alert.previous_due);
    json["new_due"] = alert.due;
  }
  // information_request, action or follow_up, with the item's id
  if (item) json[alert.checkpoint.substr(0, slash)] = std::stoll(alert.checkpoint.substr(slash + 1));
  if (!alert.acknowledged_at.empty()) {
    json["acknowledged_by"] = alert.acknowledged_by;
    json["acknowledged_at"] = alert.acknowledged_at;
  }
  return json;
}

nlohmann::json FiredJson(const FiredSummary& fired, const std::string& now) {
  std::vector<std::string> parts;
  if (fired.timescales_missed) parts.push_back(Counted(fired.timescales_missed, "timescale missed", "timescales missed"));
  if (fired.timescales_at_risk) {
    parts.push_back(Counted(fired.timescales_at_risk, "timescale at risk", "timescales at risk"));
  }
  if (fired.reminders) parts.push_back(Counted(fired.reminders, "reminder", "reminders"));
  if (fired.overdue) parts.push_back(std::to_string(fired.overdue) + " overdue");
  if (fired.escalations) {
    parts.push_back(Counted(fired.escalations, "escalation", "escalations") +
                    (fired.escalations_to_chair == fired.escalations ? " to the chair" : ""));
  }
  if (fired.deadlines_extended) parts.push_back(Counted(fired.deadlines_extended, "deadline extended", "deadlines extended"));
  if (fired.digests) parts.push_back(Counted(fired.digests, "digest", "digests"));
  if (fired.messages_queued) parts.push_back(Counted(fired.messages_queued, "message queued", "messages queued"));
  std::string summary = "Moved to " + DayOf(now) + ": ";
  if (parts.empty()) summary += "nothing fell due";
  for (size_t i = 0; i < parts.size(); ++i) summary += (i ? ", " : "") + parts[i];
  nlohmann::json first = nlohmann::json::array();
  for (const Alert& alert : fired.first) first.push_back(AlertJson(alert));
  return {{"reminder", fired.reminders},
          {"overdue", fired.overdue},
          {"escalation", fired.escalations},
          {"escalation_to_chair", fired.escalations_to_chair},
          {"deadline_extended", fired.deadlines_extended},
          {"timescale_at_risk", fired.timescales_at_risk},
          {"timescale_missed", fired.timescales_missed},
          {"digests", fired.digests},
          {"messages_queued", fired.messages_queued},
          {"first", first},
          {"summary", summary}};
}

}  // namespace scr
