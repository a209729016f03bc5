#include "problem.h"

#include <nlohmann/json.hpp>

namespace scr {
namespace {

const char* TitleFor(int http_status) {
  switch (http_status) {
    case 400: return "Bad request";
    case 401: return "Not signed in";
    case 403: return "Not allowed for your role";
    case 404: return "Not found";
    case 405: return "Method not allowed";
    case 409: return "Conflict with the review's current state";
    case 413: return "Request too large";
    case 415: return "Unsupported media type";
    case 422: return "Something must be recorded first";
    case 502: return "A service we send to did not answer";
    case 503: return "Service unavailable";
    default: return "Internal error";
  }
}

std::string TypeFor(int http_status) {
  switch (http_status) {
    case 400: return "https://scr-tracker.invalid/problems/bad-request";
    case 401: return "https://scr-tracker.invalid/problems/unauthenticated";
    case 403: return "https://scr-tracker.invalid/problems/forbidden";
    case 404: return "https://scr-tracker.invalid/problems/not-found";
    case 409: return "https://scr-tracker.invalid/problems/conflict";
    case 422: return "https://scr-tracker.invalid/problems/unprocessable";
    default: return "about:blank";
  }
}

}  // namespace

int HttpStatusFor(Status::Code code) {
  switch (code) {
    case Status::Code::kOk: return 200;
    case Status::Code::kNotFound: return 404;
    case Status::Code::kInvalidArgument: return 400;
    case Status::Code::kInvalidTransition: return 409;
    case Status::Code::kBlocked: return 409;
    case Status::Code::kConflict: return 409;
    case Status::Code::kStorage: return 503;
    case Status::Code::kUnavailable: return 502;
    case Status::Code::kPermissionDenied: return 403;
    case Status::Code::kUnprocessable: return 422;
  }
  return 500;
}

std::string ProblemBody(int http_status, const std::string& title, const std::string& detail) {
  nlohmann::json body = {{"type", TypeFor(http_status)}, {"title", title}, {"status", http_status}, {"detail", detail}};
  return body.dump();
}

void WriteProblem(httplib::Response& response, int http_status, const std::string& title, const std::string& detail) {
  response.status = http_status;
  response.set_content(ProblemBody(http_status, title, detail), "application/problem+json");
}

void WriteProblem(httplib::Response& response, const Status& status) {
  WriteProblem(response, status, nlohmann::json::object());
}

void WriteProblem(httplib::Response& response, const Status& status, const nlohmann::json& members) {
  int http_status = HttpStatusFor(status.code());
  nlohmann::json body = {{"type", TypeFor(http_status)},
                         {"title", TitleFor(http_status)},
                         {"status", http_status},
                         {"detail", status.message()}};
  if (status.code() == Status::Code::kInvalidTransition) {
    body["type"] = "https://scr-tracker.invalid/problems/event-not-allowed";
    body["allowed_events"] = status.items();
  } else if (status.code() == Status::Code::kBlocked) {
    body["type"] = "https://scr-tracker.invalid/problems/blocked";
    body["blocking"] = status.items();
  }
  if (members.is_object()) {
    for (const auto& [key, value] : members.items()) body[key] = value;
  }
  response.status = http_status;
  response.set_content(body.dump(), "application/problem+json");
}

}  // namespace scr
