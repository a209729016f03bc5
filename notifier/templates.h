// The words of every message: plain English, one template per alert kind and one per digest kind,
// naming the review by its title and number, the checkpoint and its Quality Marker, the due date, how
// late it is, what to do, and a link. Built only from the alert, the review's title and the workflow:
// nothing about the family is ever read, so nothing about the family can be sent.
#pragma once

#include <string>

#include "engine/outbox.h"
#include "engine/workflow.h"

namespace scr::notifier {

struct MessageText {
  std::string subject;
  std::string body;
};

// `base_url` is where the service is reached (links point into it), without a trailing slash.
MessageText ComposeMessage(const OutboxEntry& entry, const WorkflowRegistry& workflows, const std::string& base_url);
// The JSON a webhook receives: the facts of the alert or digest, and the message's words.
std::string WebhookBody(const OutboxEntry& entry, const MessageText& text, const std::string& base_url,
                        const std::string& event_id);

}  // namespace scr::notifier
