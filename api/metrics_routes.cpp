// The board's figures, as JSON or as a CSV file that opens in a spreadsheet as it is.
#include "json/resources.h"
#include "csv.h"
#include "problem.h"
#include "routes.h"

namespace scr {
namespace {

const std::vector<Role> kReaders = {Role::kAdmin, Role::kBusinessUnit, Role::kChair, Role::kLeadReviewer,
                                    Role::kViewer};

std::string Number(const nlohmann::json& value) {
  if (value.is_null()) return "";
  if (value.is_number_float()) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", value.get<double>());
    return text;
  }
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// Every figure as one row: section, workflow, subject (a marker, an agency, a delayed item), measure, value.
std::string ToCsv(const nlohmann::json& metrics) {
  std::string csv = "section,workflow,subject,measure,value\r\n";
  auto row = [&csv](const std::string& section, const std::string& workflow, const std::string& subject,
                    const std::string& measure, const std::string& value) {
    csv += CsvCell(section) + "," + CsvCell(workflow) + "," + CsvCell(subject) + "," + CsvCell(measure) + "," + CsvCell(value) + "\r\n";
  };
  const nlohmann::json& annual = metrics["annual"];
  std::string year = std::to_string(annual["year"].get<int>());
  for (const auto& [measure, value] : annual.items()) {
    if (measure != "year") row("annual", "", year, measure, Number(value));
  }
  for (const auto& interval : metrics["intervals"]) {
    for (const char* measure : {"reviews", "median_days", "mean_days", "max_days"}) {
      row("interval", interval["workflow"], interval["measure"], measure, Number(interval[measure]));
    }
  }
  for (const auto& marker : metrics["timeliness"]) {
    std::string subject = "QM" + std::to_string(marker["marker"].get<int>()) + " " + marker["marker_name"].get<std::string>();
    for (const char* measure : {"fallen_due", "on_time", "on_time_share"}) {
      row("timeliness", marker["workflow"], subject, measure, Number(marker[measure]));
    }
  }
  for (const auto& agency : metrics["actions_by_agency"]) {
    for (const char* measure : {"total", "red", "amber", "green", "none", "overdue", "evidenced"}) {
      row("actions", "", agency["agency"], measure, Number(agency[measure]));
    }
  }
  for (const auto& delay : metrics["open_delays"]) {
    std::string subject = "review " + std::to_string(delay["review"].get<int64_t>()) + " " + delay["subject"].get<std::string>();
    row("open_delay", "", subject, "new_due", delay["new_due"]);
    row("open_delay", "", subject, "reason", delay["reason"]);
  }
  return csv;
}

void GetMetrics(ApiContext& api, RequestContext& context) {
  const httplib::Request& request = context.request;
  std::string format = request.has_param("format") ? request.get_param_value("format") : "json";
  if (format != "json" && format != "csv") return WriteProblem(context.response, 400, "Bad request", "format must be json or csv");
  std::optional<int> year;
  if (request.has_param("year")) {
    const std::string text = request.get_param_value("year");
    if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string::npos) {
      return WriteProblem(context.response, 400, "Bad request", "year must be a year such as 2026");
    }
    year = std::stoi(text);
  }
  auto queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  auto metrics = (*queries)->Metrics(context.actor.board_id, year);
  if (!metrics.ok()) return WriteProblem(context.response, metrics.status());
  nlohmann::json json = ToJson(*metrics);
  if (format == "json") return WriteJson(context.response, 200, json);
  context.response.status = 200;
  context.response.set_header("Content-Disposition", "attachment; filename=\"board-metrics-" +
                                                        std::to_string(json["annual"]["year"].get<int>()) + ".csv\"");
  context.response.set_content(ToCsv(json), "text/csv; charset=utf-8");
}

}  // namespace

std::vector<Route> MetricsRoutes(ApiContext& api) {
  return {{"GET", "/api/v1/metrics", true, kReaders, [&api](RequestContext& context) { GetMetrics(api, context); }}};
}

}  // namespace scr
