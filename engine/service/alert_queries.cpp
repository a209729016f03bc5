// The read side of alerts: a board's alerts, newest first, for GET /api/v1/alerts.
#include <algorithm>

#include "service/review_queries_impl.h"

namespace scr {

Result<std::pair<std::vector<Alert>, std::optional<int64_t>>> ReviewQueriesImpl::ListAlerts(
    BoardId board, const AlertFilter& filter) {
  try {
    Database::Statement select = database_->Prepare(
        "SELECT id, review_id, checkpoint, kind, level, recipient_role, due, scheduled_for, fired_at, "
        "fired_late_by_s, status, acknowledged_by, acknowledged_at FROM alerts "
        "WHERE board_id = ?1 AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR review_id = ?3) "
        "AND (?4 IS NULL OR level = ?4) AND (?5 IS NULL OR recipient_role = ?5) AND (?6 IS NULL OR id < ?6) "
        "ORDER BY id DESC LIMIT ?7");
    select->bind(1, board);
    if (filter.status) select->bind(2, *filter.status);
    if (filter.review) select->bind(3, *filter.review);
    if (filter.level) select->bind(4, *filter.level);
    if (filter.role) select->bind(5, RoleName(*filter.role));
    if (filter.after) select->bind(6, *filter.after);
    int limit = std::clamp(filter.limit, 1, 200);
    select->bind(7, limit + 1);
    std::vector<Alert> alerts;
    std::optional<int64_t> next;
    while (select->executeStep()) {
      if (static_cast<int>(alerts.size()) == limit) {
        next = alerts.back().id;
        break;
      }
      Alert alert;
      alert.id = select->getColumn(0).getInt64();
      alert.review = select->getColumn(1).getInt64();
      alert.checkpoint = select->getColumn(2).getString();
      alert.kind = select->getColumn(3).getString();
      alert.level = select->getColumn(4).getInt();
      alert.recipient_role = select->getColumn(5).getString();
      alert.due = select->getColumn(6).getString();
      alert.scheduled_for = select->getColumn(7).getString();
      alert.fired_at = select->getColumn(8).getString();
      alert.fired_late_by_s = select->getColumn(9).getInt64();
      alert.status = select->getColumn(10).getString();
      alert.acknowledged_by = select->getColumn(11).getString();
      alert.acknowledged_at = select->getColumn(12).getString();
      alerts.push_back(std::move(alert));
    }
    return std::make_pair(std::move(alerts), next);
  } catch (const std::exception& e) {
    return StorageError(e, "listing alerts");
  }
}

}  // namespace scr
