#include "store/sqlite/alert_store.h"

namespace scr {

void SqliteAlertStore::ResolveAlerts(ReviewId review, const std::string& subject, std::optional<Date> due,
                                     const std::string& at) {
  // Alerts are found by their key, due date first: the due date now and every one it was moved from (the
  // delay register holds each move).
  Database::Statement resolve = database_.Prepare(
      "UPDATE alerts SET status = 'resolved', resolved_at = ?1 WHERE due IN (SELECT ?4 UNION SELECT previous_due "
      "FROM delays WHERE review_id = ?2 AND checkpoint = ?3) AND review_id = ?2 AND checkpoint = ?3 "
      "AND status <> 'resolved'");
  resolve->bindNoCopy(1, at);
  resolve->bind(2, review);
  resolve->bind(3, subject);
  if (due) resolve->bind(4, due->ToString());
  resolve->exec();
}

std::optional<AlertToAcknowledge> SqliteAlertStore::ReadAlert(BoardId board, int64_t alert) {
  Database::Statement find = database_.Prepare(
      "SELECT review_id, status, checkpoint, kind, level, recipient_role FROM alerts WHERE id = ? AND board_id = ?");
  find->bind(1, alert);
  find->bind(2, board);
  if (!find->executeStep()) return std::nullopt;
  AlertToAcknowledge found;
  found.review = find->getColumn(0).getInt64();
  found.status = find->getColumn(1).getString();
  found.subject = find->getColumn(2).getString();
  found.kind = find->getColumn(3).getString();
  found.level = find->getColumn(4).getInt();
  found.recipient = find->getColumn(5).getString();
  return found;
}

std::string SqliteAlertStore::ReadItemAgency(ItemKind kind, int64_t item) {
  const char* sql = kind == ItemKind::kAction ? "SELECT owner_agency FROM improvement_actions WHERE id = ?"
                    : kind == ItemKind::kInformationRequest
                        ? "SELECT agency FROM information_requests WHERE id = ?"
                        : "SELECT a.owner_agency FROM follow_ups f JOIN improvement_actions a ON a.id = f.action_id "
                          "WHERE f.id = ?";
  Database::Statement find = database_.Prepare(sql);
  find->bind(1, item);
  return find->executeStep() ? find->getColumn(0).getString() : std::string();
}

void SqliteAlertStore::AcknowledgeAlert(int64_t alert, const std::string& acknowledged_by, const std::string& at) {
  Database::Statement acknowledge = database_.Prepare(
      "UPDATE alerts SET status = 'acknowledged', acknowledged_by = ?, acknowledged_at = ? WHERE id = ?");
  acknowledge->bind(1, acknowledged_by);
  acknowledge->bindNoCopy(2, at);
  acknowledge->bind(3, alert);
  acknowledge->exec();
}

}  // namespace scr
