#include "templates.h"

#include <nlohmann/json.hpp>

namespace scr::notifier {
namespace {

std::string Plural(int64_t count, const std::string& one, const std::string& many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

// "2 days and 3 hours" from seconds, coarse: what a reader needs.
std::string HowLate(int64_t seconds) {
  if (seconds < 3600) return Plural(std::max<int64_t>(seconds / 60, 1), "minute", "minutes");
  if (seconds < 2 * 86400) return Plural(seconds / 3600, "hour", "hours");
  return Plural(seconds / 86400, "day", "days");
}

MessageText AlertMessage(const OutboxEntry& entry, const WorkflowRegistry& workflows, const std::string& base_url) {
  const WorkflowDefinition* workflow = workflows.Find(entry.workflow);
  const CheckpointDefinition* checkpoint = workflow ? workflow->FindCheckpoint(entry.checkpoint) : nullptr;
  std::string what = checkpoint ? checkpoint->title : entry.checkpoint;
  if (entry.checkpoint.rfind("information_request/", 0) == 0) {
    what = "Information requested from an agency (request " + entry.checkpoint.substr(20) + ")";
  } else if (entry.checkpoint.rfind("action/", 0) == 0) {
    what = "Improvement action " + entry.checkpoint.substr(7);
  } else if (entry.checkpoint.rfind("follow_up/", 0) == 0) {
    what = "The follow-up check " + entry.checkpoint.substr(10) + " of an improvement action";
  }
  std::string marker = checkpoint && checkpoint->marker > 0 ? " (Quality Marker " + std::to_string(checkpoint->marker) + ")" : "";
  std::string review = entry.review_title + " (review " + std::to_string(entry.review) + ")";
  std::string link = base_url + "/reviews/" + std::to_string(entry.review);
  MessageText text;
  std::string lead, todo;
  if (entry.alert_kind == AlertKind::kReminder) {
    text.subject = "Reminder: " + what + " is due on " + entry.due + " - " + review;
    lead = "This is a reminder that \"" + what + "\"" + marker + " for " + review + " is due on " + entry.due + ".";
    todo = "Please complete it by then, or, if it cannot be done in time, record an extension with the reason.";
  } else if (entry.alert_kind == AlertKind::kOverdue) {
    text.subject = "Overdue: " + what + " was due on " + entry.due + " - " + review;
    lead = "\"" + what + "\"" + marker + " for " + review + " was due on " + entry.due + " and is now overdue.";
    todo = "Please complete it, or record an extension with the reason so that the board can see why it slipped.";
  } else if (entry.alert_kind == AlertKind::kEscalation) {
    text.subject = "Escalation (level " + std::to_string(entry.level) + "): " + what + " overdue since " + entry.due +
                   " - " + review;
    lead = "\"" + what + "\"" + marker + " for " + review + " was due on " + entry.due +
           " and is still not done. It has been escalated to you (level " + std::to_string(entry.level) + ").";
    todo = "Please find out what is holding it up and agree with its owner when it will be done; an extension "
           "with its reason keeps the board informed.";
  } else if (entry.alert_kind == AlertKind::kTimescaleAtRisk) {
    text.subject = "Timescale at risk: " + review + " is due to finish by " + entry.due;
    lead = review + " should be finished by " + entry.due + " (its timescale), but steps still to do before "
           "then are now due after that date.";
    todo = "Please agree with the business unit and the lead reviewer how the timescale can still be met, or "
           "record why it cannot, so that the board knows.";
  } else if (entry.alert_kind == AlertKind::kTimescaleMissed) {
    text.subject = "Timescale missed: " + review + " was due to finish by " + entry.due;
    lead = review + " was due to finish by " + entry.due + " (its timescale) and has not.";
    todo = "Please record why in the review and tell the board when it will be finished.";
  } else {
    text.subject = "Deadline extended: " + what + " now due on " + entry.due + " - " + review;
    lead = "The deadline of \"" + what + "\"" + marker + " for " + review + " was extended to " + entry.due + ".";
    todo = "The reason is recorded in the review's delay register; no action is needed unless you disagree.";
  }
  text.body = "Dear colleague,\n\n" + lead + "\n";
  if (entry.late_by_s >= 60) {
    text.body += "\nThis message is late by " + HowLate(entry.late_by_s) +
                 ": it fell due while the service was not running.\n";
  }
  text.body += "\n" + todo + "\n\nOpen the review: " + link + "\n\n" + entry.board_name +
               " - Serious Case Review tracker. You receive this as the board's " + RoleName(entry.recipient_role) +
               ".\n";
  return text;
}

void ListItems(std::string& body, const DigestList& list, const std::string& heading, const std::string& base_url) {
  if (list.items.empty()) return;
  body += "\n" + heading + " (" + std::to_string(list.total) + "):\n";
  for (const DigestItem& item : list.items) {
    body += "  - review " + std::to_string(item.review) + ": " + item.checkpoint + ", due " + item.due;
    if (!item.previous_due.empty()) body += " (was " + item.previous_due + "; reason: " + item.reason + ")";
    if (!item.alert_kind.empty()) body += " [" + item.alert_kind + "]";
    body += "  " + base_url + "/reviews/" + std::to_string(item.review) + "\n";
  }
  int64_t listed = static_cast<int64_t>(list.items.size());
  if (list.total > listed) body += "  ... and " + std::to_string(list.total - listed) + " more.\n";
}

MessageText DigestMessage(const OutboxEntry& entry, const std::string& base_url) {
  const Digest& digest = entry.digest_content;
  MessageText text;
  if (digest.kind == DigestKind::kCatchUp) {
    text.subject = "Catch-up: " + Plural(digest.alerts.total, "alert", "alerts") +
                   " fell due while the tracker was stopped - " + entry.board_name;
    text.body = "Dear colleague,\n\nThe tracker was not running from " + digest.fell_due_from + " until " +
                digest.fired_at + ". Rather than send each alert late, here they are together.\n";
    ListItems(text.body, digest.alerts, "Alerts", base_url);
    text.body += "\nEach is also in your work list: " + base_url + "/my-work\n";
  } else {
    text.subject = "Daily digest for " + digest.day + " - " + entry.board_name;
    text.body = "Dear chair,\n\nYour digest for " + digest.day + ".\n";
    ListItems(text.body, digest.became_overdue, "Became overdue", base_url);
    ListItems(text.body, digest.extended, "Deadlines extended", base_url);
    std::string until = digest.due_soon_until.empty() ? "the next ten working days" : digest.due_soon_until;
    ListItems(text.body, digest.due_soon, "Due by " + until, base_url);
    text.body += "\nThe chair's queue: " + base_url + "/chair\n";
    if (!digest.history_fingerprint.empty()) {
      text.body += "\nFingerprint of the reviews' histories today (keep this message: `scr-tracker admin verify "
                   "--fingerprint` shows whether any history recorded up to today was changed since):\n" +
                   digest.history_fingerprint + "\n";
    }
  }
  text.body += "\n" + entry.board_name + " - Serious Case Review tracker.\n";
  return text;
}

}  // namespace

MessageText ComposeMessage(const OutboxEntry& entry, const WorkflowRegistry& workflows, const std::string& base_url) {
  if (entry.digest) return DigestMessage(entry, base_url);
  return AlertMessage(entry, workflows, base_url);
}

std::string WebhookBody(const OutboxEntry& entry, const MessageText& text, const std::string& base_url,
                        const std::string& event_id) {
  nlohmann::json body = {{"id", event_id},
                         {"board", entry.board},
                         {"recipient_role", RoleName(entry.recipient_role)},
                         {"subject", text.subject},
                         {"text", text.body}};
  if (entry.alert) {
    body["type"] = "alert";
    body["alert"] = {{"id", *entry.alert},   {"kind", AlertKindName(entry.alert_kind)}, {"level", entry.level},
                     {"review", entry.review}, {"checkpoint", entry.checkpoint}, {"due", entry.due},
                     {"fired_late_by_s", entry.late_by_s}};
    body["link"] = base_url + "/reviews/" + std::to_string(entry.review);
  } else {
    body["type"] = "digest";
    const Digest& digest = entry.digest_content;
    body["digest"] = {{"id", *entry.digest}, {"kind", DigestKindName(digest.kind)}, {"day", digest.day}};
    body["link"] = base_url + (digest.kind == DigestKind::kCatchUp ? "/my-work" : "/chair");
  }
  return body.dump();
}

}  // namespace scr::notifier
