// The board's exports for its papers: the reviews as the dashboard lists them, as CSV and as a workbook.
#include "list_params.h"
#include "problem.h"
#include "review_export.h"
#include "routes.h"

namespace scr {
namespace {

const std::vector<Role> kReaders = {Role::kAdmin, Role::kBusinessUnit, Role::kChair, Role::kLeadReviewer, Role::kViewer};
constexpr size_t kMaxSearch = 200;

// The dashboard's filters: state, overdue, q (part of the title or reference), closed=true.
std::optional<std::string> ReadListFilter(const httplib::Request& request, ReviewListFilter* filter) {
  if (std::optional<std::string> wrong = ReadStateAndOverdue(request, &filter->phase, &filter->overdue)) return wrong;
  if (request.has_param("q")) {
    filter->search = request.get_param_value("q");
    if (filter->search.size() > kMaxSearch) return "q must be at most " + std::to_string(kMaxSearch) + " characters";
  }
  if (request.has_param("closed") && !request.get_param_value("closed").empty()) {
    std::string closed = request.get_param_value("closed");
    if (closed != "true" && closed != "false") return std::string("closed must be true or false");
    filter->include_closed = closed == "true";
  }
  return std::nullopt;
}

void Export(ApiContext& api, RequestContext& context, bool workbook) {
  ReviewListFilter filter;
  if (std::optional<std::string> wrong = ReadListFilter(context.request, &filter)) {
    return WriteProblem(context.response, 400, "Bad request", *wrong);
  }
  Result<ConnectionPool<ReviewQueries>::Lease> queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  Result<ReviewListings> reviews = (*queries)->ListingsForExport(context.actor.board_id, filter);
  if (!reviews.ok()) return WriteProblem(context.response, reviews.status());
  std::string name = "reviews-" + reviews->today.ToString() + (workbook ? ".xlsx" : ".csv");
  context.response.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
  if (!workbook) {
    context.response.status = 200;
    return context.response.set_content(ReviewsCsv(*reviews, *api.options.workflows), "text/csv; charset=utf-8");
  }
  Result<std::string> bytes = ReviewsWorkbook(*reviews, *api.options.workflows);
  if (!bytes.ok()) {
    context.response.headers.erase("Content-Disposition");
    return WriteProblem(context.response, bytes.status());
  }
  context.response.status = 200;
  context.response.set_content(std::move(bytes).value(),
                               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

}  // namespace

std::vector<Route> ReportRoutes(ApiContext& api) {
  return {
      {"GET", "/api/v1/reports/reviews.csv", true, kReaders, [&api](RequestContext& context) { Export(api, context, false); }},
      {"GET", "/api/v1/reports/reviews.xlsx", true, kReaders, [&api](RequestContext& context) { Export(api, context, true); }},
  };
}

}  // namespace scr
