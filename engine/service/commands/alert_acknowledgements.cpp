// Acknowledging alerts: by the role an alert was sent to, or by an admin or the business unit on its
// behalf; an agency user only those about its own agency's items. Each acknowledgement goes in the
// review's history in the transaction that changes the alert.
#include <nlohmann/json.hpp>

#include <set>

#include "engine/access.h"
#include "service/commands/command_steps.h"

namespace scr {
namespace {

// One alert about to be acknowledged, as checked.
struct Acknowledgement {
  int64_t alert = 0;
  ReviewId review = 0;
  std::string subject;  // the checkpoint's key, or the item's ("action/12")
  std::string kind;
  int level = 0;
  std::optional<Role> on_behalf_of;
};

// The agency an alert's item belongs to: an action's (or its follow-up's action's) owner agency, or the
// agency an information request is addressed to; none for a checkpoint, which is no one agency's.
std::optional<std::string> ItemAgency(AlertStore& alerts, const std::string& subject) {
  size_t slash = subject.find('/');
  if (slash == std::string::npos) return std::nullopt;
  std::string kind = subject.substr(0, slash);
  for (ItemKind known : {ItemKind::kAction, ItemKind::kInformationRequest, ItemKind::kFollowUp}) {
    if (kind == ItemKindName(known)) return alerts.ReadItemAgency(known, std::stoll(subject.substr(slash + 1)));
  }
  return std::string();  // an item of a kind not known here: no agency user's
}

// The alert `id` of the actor's board, if it is open and the actor may acknowledge it.
Result<Acknowledgement> CheckAcknowledgement(AlertStore& alerts, const Actor& actor, int64_t id) {
  std::optional<AlertToAcknowledge> stored = alerts.ReadAlert(actor.board_id, id);
  if (!stored) return Status::NotFound("no alert " + std::to_string(id));
  Acknowledgement found;
  found.alert = id;
  found.review = stored->review;
  found.subject = stored->subject;
  found.kind = stored->kind;
  found.level = stored->level;
  const std::string& recipient = stored->recipient;
  if (stored->status != "open") return Status::Conflict("alert " + std::to_string(id) + " is already " + stored->status);
  Result<std::optional<Role>> acting = ActingFor(actor, RoleFromName(recipient).value_or(Role::kBusinessUnit), false,
                                                 "acknowledge alert " + std::to_string(id) + ", sent to the " + recipient + ",");
  if (!acting.ok()) return acting.status();
  found.on_behalf_of = *acting;
  std::optional<std::string> agency = ItemAgency(alerts, found.subject);
  if (agency && !MayActForAgency(actor, *agency)) {
    return Status::PermissionDenied("alert " + std::to_string(id) + " is about " + found.subject +
                                    ", which is not your agency's; an agency user acknowledges only its own agency's");
  }
  return found;
}

}  // namespace

Status AcknowledgeAlerts(const AcknowledgeAlertCommand& command, CommandContext& context, CommandResult& result) {
  if (command.alerts.empty()) return Status::InvalidArgument("name at least one alert to acknowledge");
  // Every alert is checked before any changes: one that may not be acknowledged refuses them all.
  std::vector<Acknowledgement> acknowledgements;
  std::set<int64_t> seen;
  for (int64_t id : command.alerts) {
    if (!seen.insert(id).second) continue;
    Result<Acknowledgement> checked = CheckAcknowledgement(context.store().alerts(), command.actor, id);
    if (!checked.ok()) return checked.status();
    acknowledgements.push_back(*checked);
  }
  const std::string acknowledged_by = DescribeActor(command.actor);
  for (const Acknowledgement& done : acknowledgements) {
    context.store().alerts().AcknowledgeAlert(done.alert, acknowledged_by, context.at());

    nlohmann::json data = {{"alert", done.alert}, {"kind", done.kind}, {"level", done.level}};
    size_t slash = done.subject.find('/');
    if (slash == std::string::npos) data["checkpoint"] = done.subject;
    else data[done.subject.substr(0, slash)] = std::stoll(done.subject.substr(slash + 1));  // action, ...
    if (done.on_behalf_of) data["on_behalf_of"] = RoleName(*done.on_behalf_of);
    if (context.IsOpen(done.review)) {
      Result<OpenReview> checked_out = context.CheckOut(command.actor, done.review);
      if (!checked_out.ok()) return checked_out.status();
      OpenReview review = std::move(checked_out).value();
      AppendToHistory(done.review, review, command.actor, context, "alert_acknowledged", command.note, data.dump());
      context.CheckIn(done.review, std::move(review));
    } else {
      OpenReview ended;  // its history's head is read from the database
      AppendToHistory(done.review, ended, command.actor, context, "alert_acknowledged", command.note, data.dump());
    }
  }
  result.review = acknowledgements.front().review;
  result.created_id = acknowledgements.front().alert;
  return Status::Ok();
}

}  // namespace scr
