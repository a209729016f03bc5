// What the notifier sent: the caller's own inbox (read and unread) and how they want alerts by email,
// and for admins and the business unit the audit of every message with its attempts; an admin can send a
// dead message again.
#include "json/resources.h"
#include "list_params.h"
#include "problem.h"
#include "routes.h"
#include "strict_json.h"

namespace scr {
namespace {

const std::vector<Role> kEveryone = {Role::kAdmin,        Role::kBusinessUnit, Role::kChair,
                                     Role::kLeadReviewer, Role::kAgency,       Role::kViewer};
const std::vector<Role> kAuditors = {Role::kAdmin, Role::kBusinessUnit};

std::optional<std::string> Param(const httplib::Request& request, const char* name) {
  if (!request.has_param(name) || request.get_param_value(name).empty()) return std::nullopt;
  return request.get_param_value(name);
}

// The page's cursor: the last id, when the page is full.
template <typename Item>
nlohmann::json NextPage(const std::vector<Item>& items, const PageParams& page) {
  return NextCursor(items.size(), page, items.empty() ? 0 : items.back().id);
}

void ListInbox(ApiContext& api, RequestContext& context) {
  if (!context.actor.user_id) {
    return WriteProblem(context.response, 400, "Bad request",
                        "this token belongs to no user, and an inbox is a user's; use a token made with --user");
  }
  PageParams page;
  if (std::optional<std::string> wrong = ReadPageParams(context.request, &page)) {
    return WriteProblem(context.response, 400, "Bad request", *wrong);
  }
  std::optional<std::string> unread = Param(context.request, "unread");
  if (unread && *unread != "true" && *unread != "false") {
    return WriteProblem(context.response, 400, "Bad request", "unread must be true or false");
  }
  auto notifications = api.notifications.Acquire();
  if (!notifications.ok()) return WriteProblem(context.response, notifications.status());
  auto items = (*notifications)->Inbox(*context.actor.user_id, unread && *unread == "true", page.after, page.limit);
  if (!items.ok()) return WriteProblem(context.response, items.status());
  nlohmann::json list = nlohmann::json::array();
  for (const InboxItem& item : *items) list.push_back(ToJson(item, PublicBase(api, context.request)));
  WriteJson(context.response, 200, {{"items", list}, {"next_cursor", NextPage(*items, page)}});
}

// PUT /me/preferences {"email": "immediate" | "digest"}: the caller's own choice, so a token of a user.
void SetPreferences(ApiContext& api, RequestContext& context) {
  if (!context.actor.user_id) {
    return WriteProblem(context.response, 409, "Conflict",
                        "this token belongs to no user, and preferences are a user's; use a token made with --user");
  }
  StrictObject body(context.request.body, {"email"});
  std::string email = body.Text("email", true, 20).value_or("");
  if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  std::optional<EmailPreference> preference = EmailPreferenceFromName(email);
  if (!preference) {
    return WriteProblem(context.response, 400, "Bad request",
                        "email must be \"immediate\" (each alert as it fires) or \"digest\" (the daily digest only)");
  }
  auto directory = api.directories.Acquire();
  if (!directory.ok()) return WriteProblem(context.response, directory.status());
  if (Status saved = (*directory)->SetEmailPreference(*context.actor.user_id, *preference); !saved.ok()) {
    if (saved.code() == Status::Code::kNotFound) {
      return WriteProblem(context.response, 404, "Not found",
                          "the user of this token no longer exists; ask an admin for a token of your user");
    }
    return WriteProblem(context.response, saved);
  }
  WriteJson(context.response, 200, {{"email", EmailPreferenceName(*preference)}});
}

void MarkRead(ApiContext& api, RequestContext& context) {
  if (!context.actor.user_id) return WriteProblem(context.response, 404, "Not found", "no such message in your inbox");
  int64_t id = 0;
  try {
    id = std::stoll(context.request.matches[1].str());
  } catch (const std::exception&) {
    return WriteProblem(context.response, 404, "Not found", "no such message in your inbox");
  }
  auto notifications = api.notifications.Acquire();
  if (!notifications.ok()) return WriteProblem(context.response, notifications.status());
  auto item = (*notifications)->MarkRead(*context.actor.user_id, id, api.options.clock->Now());
  if (!item.ok()) return WriteProblem(context.response, item.status());
  WriteJson(context.response, 200, ToJson(*item, PublicBase(api, context.request)));
}

void ListNotifications(ApiContext& api, RequestContext& context) {
  NotificationFilter filter;
  filter.state = Param(context.request, "state");
  filter.channel = Param(context.request, "channel");
  if (filter.state && *filter.state != "pending" && *filter.state != "delivered" && *filter.state != "dead") {
    return WriteProblem(context.response, 400, "Bad request", "state must be pending, delivered or dead");
  }
  if (filter.channel && *filter.channel != "email" && *filter.channel != "webhook" && *filter.channel != "inbox") {
    return WriteProblem(context.response, 400, "Bad request", "channel must be email, webhook or inbox");
  }
  PageParams page;
  if (std::optional<std::string> wrong = ReadPageParams(context.request, &page)) {
    return WriteProblem(context.response, 400, "Bad request", *wrong);
  }
  filter.after = page.after;
  filter.limit = page.limit;
  auto notifications = api.notifications.Acquire();
  if (!notifications.ok()) return WriteProblem(context.response, notifications.status());
  auto list = (*notifications)->List(context.actor.board_id, filter);
  if (!list.ok()) return WriteProblem(context.response, list.status());
  nlohmann::json items = nlohmann::json::array();
  for (const Notification& n : *list) {
    nlohmann::json attempts = nlohmann::json::array();
    for (const DeliveryAttempt& attempt : n.attempts) {
      attempts.push_back({{"at", attempt.attempted_at}, {"outcome", attempt.outcome}, {"detail", attempt.detail}});
    }
    items.push_back({{"id", n.id},
                     {"channel", n.channel},
                     {"recipient", n.recipient},
                     {"subject", n.subject},
                     {"state", n.state},
                     {"idempotency_key", n.idempotency_key},
                     {"alert", n.alert ? nlohmann::json(*n.alert) : nlohmann::json(nullptr)},
                     {"digest", n.digest ? nlohmann::json(*n.digest) : nlohmann::json(nullptr)},
                     {"created_at", n.created_at},
                     {"delivered_at", n.delivered_at ? nlohmann::json(*n.delivered_at) : nlohmann::json(nullptr)},
                     {"next_attempt_at", n.state == "pending" ? nlohmann::json(n.next_attempt_at) : nlohmann::json(nullptr)},
                     {"last_error", n.last_error},
                     {"attempts", attempts}});
  }
  WriteJson(context.response, 200, {{"items", items}, {"next_cursor", NextPage(*list, page)}});
}

void RetryNotification(ApiContext& api, RequestContext& context) {
  int64_t id = 0;
  try {
    id = std::stoll(context.request.matches[1].str());
  } catch (const std::exception&) {
    return WriteProblem(context.response, 404, "Not found", "no such notification");
  }
  auto notifications = api.notifications.Acquire();
  if (!notifications.ok()) return WriteProblem(context.response, notifications.status());
  if (Status retried = (*notifications)->Retry(context.actor.board_id, id, api.options.real_time->Now());
      !retried.ok()) {
    return WriteProblem(context.response, retried);
  }
  WriteJson(context.response, 202, {{"id", id}, {"state", "pending"}});
}

}  // namespace

std::vector<Route> NotificationRoutes(ApiContext& api) {
  auto bind = [&api](void (*handler)(ApiContext&, RequestContext&)) {
    return [&api, handler](RequestContext& context) { handler(api, context); };
  };
  return {
      {"GET", "/api/v1/inbox", true, kEveryone, bind(ListInbox)},
      {"POST", R"(/api/v1/inbox/(\d+)/read)", true, kEveryone, bind(MarkRead)},
      {"PUT", "/api/v1/me/preferences", true, kEveryone, bind(SetPreferences)},
      {"GET", "/api/v1/notifications", true, kAuditors, bind(ListNotifications)},
      {"POST", R"(/api/v1/notifications/(\d+)/retry)", true, {Role::kAdmin}, bind(RetryNotification)},
  };
}

}  // namespace scr
