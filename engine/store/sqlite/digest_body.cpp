#include "store/sqlite/digest_body.h"

#include <nlohmann/json.hpp>

namespace scr {
namespace {

nlohmann::json ItemJson(const DigestItem& item) {
  nlohmann::json json = {{"review", item.review}, {"checkpoint", item.checkpoint}};
  if (!item.previous_due.empty()) {
    json["previous_due"] = item.previous_due;
    json["new_due"] = item.due;
    json["reason"] = item.reason;
    json["recorded_by"] = item.recorded_by;
  } else {
    json["due"] = item.due;
  }
  if (!item.alert_kind.empty()) {
    json["kind"] = item.alert_kind;
    json["level"] = item.level;
    json["recipient_role"] = item.recipient_role;
    json["scheduled_for"] = item.scheduled_for;
  }
  return json;
}

DigestItem ItemFrom(const nlohmann::json& json) {
  DigestItem item;
  item.review = json.value("review", ReviewId{0});
  item.checkpoint = json.value("checkpoint", "");
  item.due = json.value("due", json.value("new_due", ""));
  item.previous_due = json.value("previous_due", "");
  item.reason = json.value("reason", "");
  item.recorded_by = json.value("recorded_by", "");
  item.alert_kind = json.value("kind", "");
  item.level = json.value("level", 0);
  item.recipient_role = json.value("recipient_role", "");
  item.scheduled_for = json.value("scheduled_for", "");
  return item;
}

void PutList(nlohmann::json& body, const std::string& name, const DigestList& list) {
  nlohmann::json items = nlohmann::json::array();
  for (const DigestItem& item : list.items) items.push_back(ItemJson(item));
  body[name] = std::move(items);
  body[name + "_total"] = list.total;
}

DigestList ListFrom(const nlohmann::json& body, const std::string& name) {
  DigestList list;
  auto items = body.find(name);
  if (items != body.end() && items->is_array()) {
    for (const nlohmann::json& item : *items) {
      if (item.is_object()) list.items.push_back(ItemFrom(item));
    }
  }
  list.total = body.value(name + "_total", static_cast<int64_t>(list.items.size()));
  return list;
}

}  // namespace

const char* DigestKindName(DigestKind kind) { return kind == DigestKind::kCatchUp ? "catch_up" : "daily"; }

std::string DigestBody(const Digest& digest) {
  nlohmann::json body = {{"kind", DigestKindName(digest.kind)}};
  if (digest.kind == DigestKind::kCatchUp) {
    body["fell_due_from"] = digest.fell_due_from;
    body["fired_at"] = digest.fired_at;
    body["counts"] = digest.counts;
    PutList(body, "alerts", digest.alerts);
  } else {
    body["day"] = digest.day;
    body["since"] = digest.since;
    PutList(body, "became_overdue", digest.became_overdue);
    PutList(body, "extended", digest.extended);
    PutList(body, "due_soon", digest.due_soon);
    body["due_soon_until"] = digest.due_soon_until;
    if (!digest.history_fingerprint.empty()) body["history_fingerprint"] = digest.history_fingerprint;
  }
  return body.dump();
}

Digest DigestFromBody(const std::string& kind, const std::string& day, const std::string& text) {
  Digest digest;
  digest.kind = kind == "catch_up" ? DigestKind::kCatchUp : DigestKind::kDaily;
  digest.day = day;
  nlohmann::json body = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object()) return digest;
  digest.since = body.value("since", "");
  digest.became_overdue = ListFrom(body, "became_overdue");
  digest.extended = ListFrom(body, "extended");
  digest.due_soon = ListFrom(body, "due_soon");
  digest.due_soon_until = body.value("due_soon_until", "");
  digest.history_fingerprint = body.value("history_fingerprint", "");
  digest.fell_due_from = body.value("fell_due_from", "");
  digest.fired_at = body.value("fired_at", "");
  if (auto counts = body.find("counts"); counts != body.end() && counts->is_object()) {
    for (const auto& [name, count] : counts->items()) {
      if (count.is_number_integer()) digest.counts[name] = count.get<int64_t>();
    }
  }
  digest.alerts = ListFrom(body, "alerts");
  return digest;
}

}  // namespace scr
