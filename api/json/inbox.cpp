// An item of a user's inbox.
#include "json/resources.h"

namespace scr {

// `base`: where the page is reached (PublicBase), for the item's link.
nlohmann::json ToJson(const InboxItem& item, const std::string& base) {
  nlohmann::json json = {{"id", item.id},
                         {"subject", item.subject},
                         {"body", item.body},
                         {"created_at", item.created_at},
                         {"read", item.read_at.has_value()},
                         {"read_at", item.read_at ? nlohmann::json(*item.read_at) : nlohmann::json(nullptr)},
                         {"alert", item.alert ? nlohmann::json(*item.alert) : nlohmann::json(nullptr)},
                         {"review", item.alert ? nlohmann::json(item.review) : nlohmann::json(nullptr)},
                         {"review_title", item.alert ? nlohmann::json(item.review_title) : nlohmann::json(nullptr)}};
  if (item.alert) json["kind"] = item.alert_kind;
  json["link"] = item.alert ? base + "/reviews/" + std::to_string(item.review) : base + "/my-work";
  return json;
}

}  // namespace scr
