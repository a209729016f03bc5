// The read side of alerts: a board's alerts, newest first, for GET /api/v1/alerts, each with the titles of
// its review and of what it is about, and a deadline_extended alert with its extension's reason; and what
// fired since a moment, for the summary of a move of the simulated clock.
#include <algorithm>

#include "service/review_queries_impl.h"

namespace scr {
namespace {

// The alert, its subject's title completed: a checkpoint's from the review's workflow.
Alert Titled(StoredAlert stored, const WorkflowRegistry* workflows) {
  Alert& alert = stored.alert;
  if (alert.subject_title.empty()) {
    const WorkflowDefinition* workflow = workflows ? workflows->Find(stored.workflow) : nullptr;
    const CheckpointDefinition* checkpoint = workflow ? workflow->FindCheckpoint(alert.checkpoint) : nullptr;
    alert.subject_title = checkpoint ? checkpoint->title : alert.checkpoint;
  }
  return std::move(alert);
}

}  // namespace

Result<std::pair<std::vector<Alert>, std::optional<int64_t>>> ReviewQueriesImpl::ListAlerts(
    BoardId board, const AlertFilter& filter) {
  try {
    int limit = std::clamp(filter.limit, 1, 200);
    std::vector<Alert> alerts;
    std::optional<int64_t> next;
    for (StoredAlert& stored : store_->alert_reads().ReadAlerts(board, filter, limit + 1)) {
      if (static_cast<int>(alerts.size()) == limit) {
        next = alerts.back().id;
        break;
      }
      alerts.push_back(Titled(std::move(stored), options_.workflows));
    }
    return std::make_pair(std::move(alerts), next);
  } catch (const std::exception& e) {
    return StorageError(e, "listing alerts");
  }
}

Result<FiredMark> ReviewQueriesImpl::MarkFired() {
  try {
    return store_->alert_reads().ReadFiredMark();
  } catch (const std::exception& e) {
    return StorageError(e, "reading what has fired");
  }
}

Result<FiredSummary> ReviewQueriesImpl::FiredSince(BoardId board, const FiredMark& mark, int first) {
  try {
    FiredSummary summary;
    for (const AlertKindCount& kind : store_->alert_reads().CountAlertsSince(board, mark.alert)) {
      if (kind.kind == "reminder") {
        summary.reminders = kind.count;
      } else if (kind.kind == "overdue") {
        summary.overdue = kind.count;
      } else if (kind.kind == "escalation") {
        summary.escalations = kind.count;
        summary.escalations_to_chair = kind.to_chair;
      } else if (kind.kind == "deadline_extended") {
        summary.deadlines_extended = kind.count;
      } else if (kind.kind == "timescale_at_risk") {
        summary.timescales_at_risk = kind.count;
      } else if (kind.kind == "timescale_missed") {
        summary.timescales_missed = kind.count;
      }
    }
    summary.digests = store_->alert_reads().CountDigestsSince(board, mark.digest);
    summary.messages_queued = store_->alert_reads().CountMessagesSince(board, mark.outbox);
    for (StoredAlert& stored : store_->alert_reads().ReadAlertsSince(board, mark.alert, std::clamp(first, 0, 200))) {
      summary.first.push_back(Titled(std::move(stored), options_.workflows));
    }
    return summary;
  } catch (const std::exception& e) {
    return StorageError(e, "summarising what fired");
  }
}

}  // namespace scr
