// RFC 9457 problem details: the one place where engine errors become HTTP status codes.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <string>

#include "engine/status.h"

namespace scr {

int HttpStatusFor(Status::Code code);
// Writes `status` as application/problem+json; allowed events or blockers go in their own members.
void WriteProblem(httplib::Response& response, const Status& status);
// As above, with further members (a refused event's `next_events`, ...).
void WriteProblem(httplib::Response& response, const Status& status, const nlohmann::json& members);
void WriteProblem(httplib::Response& response, int http_status, const std::string& title, const std::string& detail);
// The problem+json text of such an answer, for answers written below the library (connection_guard.cpp).
std::string ProblemBody(int http_status, const std::string& title, const std::string& detail);

}  // namespace scr
