// A review's references (PATCH /reviews/{id} {"references": {...}}): set, changed or removed one key at a
// time, each change kept in the history with the values before and after.
#include "engine/review_references.h"

#include <nlohmann/json.hpp>

#include <cctype>

#include "service/commands/command_steps.h"

namespace scr {
namespace {

bool IsReferenceCharacter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' || c == '.' ||
         c == '/' || c == '-' || c == '_' || c == ':' || c == '#' || c == '(' || c == ')';
}

std::string KnownKeys() {
  std::string keys;
  for (const ReferenceKey& known : ReferenceKeys()) keys += (keys.empty() ? "" : ", ") + std::string(known.key);
  return keys;
}

}  // namespace

const std::vector<ReferenceKey>& ReferenceKeys() {
  static const std::vector<ReferenceKey> keys = {
      {"national_notification", "the serious incident notification to the national bodies (England: Ofsted's notification)"},
      {"panel", "the Child Safeguarding Practice Review Panel's reference for the case"},
      {"home_office", "the Home Office's reference (domestic homicide reviews)"},
      {"steis", "the NHS serious incident number (StEIS)"},
      {"lfpse", "the NHS Learn from Patient Safety Events reference"},
      {"welsh_government", "the Welsh Government's reference"},
      {"care_inspectorate", "the Care Inspectorate's reference (Scotland)"},
      {"sbni", "the Safeguarding Board for Northern Ireland's reference"},
      {"local", "the board's own reference"},
  };
  return keys;
}

Status CheckReference(const std::string& key, const std::string& value) {
  bool known = false;
  for (const ReferenceKey& reference : ReferenceKeys()) known = known || key == reference.key;
  if (!known) return Status::InvalidArgument("unknown reference '" + key + "'; references are " + KnownKeys());
  bool characters_allowed = !value.empty() && value.size() <= kMaxReferenceLength &&
                            std::isalnum(static_cast<unsigned char>(value[0]));
  for (char c : value) characters_allowed = characters_allowed && IsReferenceCharacter(c);
  if (!characters_allowed) {
    return Status::InvalidArgument("reference " + key + " must be 1 to " + std::to_string(kMaxReferenceLength) +
                                   " characters: letters, digits, spaces and . / - _ : # ( ), starting with a "
                                   "letter or a digit (or null to remove it)");
  }
  return Status::Ok();
}

std::string EncodeReferences(const std::map<std::string, std::string>& references) {
  return nlohmann::json(references).dump();
}

std::map<std::string, std::string> DecodeReferences(const std::string& text) {
  std::map<std::string, std::string> references;
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) return references;
  for (const auto& item : json.items()) {
    if (item.value().is_string()) references[item.key()] = item.value().get<std::string>();
  }
  return references;
}

Status SetReferences(const SetReferencesCommand& command, CommandContext& context, CommandResult& result) {
  if (command.changes.empty()) {
    return Status::InvalidArgument("references must set or remove (with null) at least one of: " + KnownKeys());
  }
  for (const auto& [key, value] : command.changes) {
    if (Status valid = CheckReference(key, value.value_or("x")); !valid.ok()) return valid;
  }
  Result<OpenReview> checked_out = context.CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();
  std::optional<std::map<std::string, std::string>> stored = context.store().reviews().ReadReferences(command.review);
  if (!stored) return Status::NotFound("review " + std::to_string(command.review) + " not found");
  std::map<std::string, std::string>& references = *stored;

  nlohmann::json previous = nlohmann::json::object(), changed = nlohmann::json::object();
  for (const auto& [key, value] : command.changes) {
    auto current = references.find(key);
    std::optional<std::string> before =
        current == references.end() ? std::nullopt : std::optional<std::string>(current->second);
    if (before == value) continue;
    previous[key] = before ? nlohmann::json(*before) : nlohmann::json(nullptr);
    changed[key] = value ? nlohmann::json(*value) : nlohmann::json(nullptr);
    if (value) references[key] = *value;
    else references.erase(key);
  }
  result.review = command.review;
  result.phase = review.phase;
  if (changed.empty()) return Status::Ok();  // nothing differs from what is recorded: nothing to keep

  context.store().reviews().SaveReferences(command.review, references);
  nlohmann::json data = {{"references", changed}, {"previous", previous}};
  AppendToHistory(command.review, review, command.actor, context, "references_changed", "", data.dump());
  context.CheckIn(command.review, std::move(review));
  return Status::Ok();
}

}  // namespace scr
