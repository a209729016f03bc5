// The route table: every route with the roles allowed on it, in one place. Handlers are thin: they
// parse, call the engine, and map the result.
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "api/server.h"
#include "engine/access.h"
#include "engine/access_log.h"
#include "engine/directory.h"
#include "engine/model.h"
#include "engine/notifications.h"
#include "engine/review_queries.h"
#include "engine/sessions.h"
#include "engine/token_use.h"
#include "review_answers.h"

namespace scr {

// A small pool of per-thread connections: HTTP workers borrow one for the length of a request.
template <typename T>
class ConnectionPool {
 public:
  using Factory = std::function<Result<std::unique_ptr<T>>()>;
  explicit ConnectionPool(Factory factory) : factory_(std::move(factory)) {}

  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<T> item) : pool_(pool), item_(std::move(item)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (item_) pool_->Return(std::move(item_));
    }
    T* operator->() const { return item_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<T> item_;
  };

  Result<Lease> Acquire() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!free_.empty()) {
        std::unique_ptr<T> item = std::move(free_.back());
        free_.pop_back();
        return Lease(this, std::move(item));
      }
    }
    Result<std::unique_ptr<T>> made = factory_();
    if (!made.ok()) return made.status();
    return Lease(this, std::move(made).value());
  }

 private:
  void Return(std::unique_ptr<T> item) {
    std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(std::move(item));
  }

  Factory factory_;
  std::mutex mutex_;  // guards free_
  std::vector<std::unique_ptr<T>> free_;
};

struct ApiContext {
  ApiServer::Options options;
  ConnectionPool<ReviewQueries> queries;
  ConnectionPool<Directory> directories;
  ConnectionPool<Notifications> notifications;
  ConnectionPool<Sessions> sessions;
  std::unique_ptr<AccessLog> access_log;  // every successful read of a review is recorded here (server.cpp)
  std::unique_ptr<TokenUse> token_use;    // when each token was last used (server.cpp)
  ReviewAnswers review_answers;           // the JSON of reviews read lately (review_routes.cpp)
};

struct RequestContext {
  const httplib::Request& request;
  httplib::Response& response;
  Actor actor;
  std::string csrf_token;  // set when the caller signed in with a session cookie
};

struct Route {
  std::string method;   // GET, POST, PUT, PATCH, DELETE
  std::string pattern;  // a regular expression over the path, e.g. /api/v1/reviews/(\d+)
  bool requires_token = true;
  std::vector<Role> roles;  // who may call it (empty when no token is needed)
  std::function<void(RequestContext&)> handler;
  // ?token= accepted too, from a calendar-scoped token only (calendar feeds); never logged: the log has the
  // path only. A calendar-scoped token is accepted on these routes alone.
  bool token_in_query = false;
};

std::vector<Route> ReviewRoutes(ApiContext& api);
std::vector<Route> HealthRoutes(ApiContext& api);
std::vector<Route> ServiceRoutes(ApiContext& api);
std::vector<Route> AlertRoutes(ApiContext& api);
std::vector<Route> NotificationRoutes(ApiContext& api);
std::vector<Route> InformationRequestRoutes(ApiContext& api);
std::vector<Route> FamilyRoutes(ApiContext& api);
std::vector<Route> DocumentRoutes(ApiContext& api);
std::vector<Route> CalendarRoutes(ApiContext& api);
std::vector<Route> ActionRoutes(ApiContext& api);
std::vector<Route> AssessmentRoutes(ApiContext& api);
std::vector<Route> MetricsRoutes(ApiContext& api);
std::vector<Route> SessionRoutes(ApiContext& api);
std::vector<Route> WorkRoutes(ApiContext& api);
std::vector<Route> ReportRoutes(ApiContext& api);

// The dashboard's pages and files, served without the route table's checks (they hold no data).
void RegisterWebPages(httplib::Server& server);

// The session cookie's name, and its value in a request, if any.
extern const char* const kSessionCookie;
std::optional<std::string> SessionCookie(const httplib::Request& request);
std::vector<Route> AccessLogRoutes(ApiContext& api);

// Helpers for handlers.
void WriteJson(httplib::Response& response, int status, const nlohmann::json& body);
// The same, for JSON already written as text (review_json.h).
void WriteJsonText(httplib::Response& response, int status, std::string body);
// Answers 200 with the page of `items` (a list read whole) the request's `limit` and `cursor` ask for, or
// 400 when either is wrong (list_params.h).
void WriteListPage(RequestContext& context, nlohmann::json items);
// The number in the path's group `index` (1-based); nothing, after answering 404, when it is not one.
std::optional<int64_t> PathNumber(RequestContext& context, size_t index);
// The printable self-assessment report (assessment_report.cpp).
void PrintSelfAssessmentReport(ApiContext& api, RequestContext& context);
// Where users reach the page, without a trailing slash: server.public_url, or else the address this
// request was sent to. Links the API gives (the inbox, the calendar) start with it.
std::string PublicBase(const ApiContext& api, const httplib::Request& request);
// Waits for the engine's answer to `command`.
CommandResult RunCommand(ApiContext& api, Command command);

}  // namespace scr
