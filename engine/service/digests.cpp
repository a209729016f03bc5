// The chair's digests, fired by the same scheduler as the alerts: a daily digest per board at the
// configured time on each working day (what became overdue, what was extended and why, what falls due
// in the next 10 working days), and one catch-up digest instead of a flood after downtime.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "service/review_service_impl.h"
#include "store/digest_body.h"
#include "store/history_fingerprint.h"

namespace scr {
namespace {

constexpr size_t kListedItems = 100;     // per list in a digest; the totals count the rest
constexpr int64_t kToldOneByOne = 20;    // a board's catch-up of up to this many alerts goes out alert by alert
constexpr int kDueSoonWorkingDays = 10;

}  // namespace

void ReviewServiceImpl::PlanDigests(BoardId board, const WorkingCalendar& calendar) {
  if (!options_.digest_time) return;
  BoardDigests digests;
  Date first_day = calendar.LocalDate(options_.clock->Now());
  bool after_now = true;  // a board's first digest is the next one to come, never one already past
  Database::Statement last = database_->Prepare(
      "SELECT day, fired_at, alerts_through FROM digests WHERE board_id = ? AND kind = 'daily' "
      "ORDER BY scheduled_for DESC LIMIT 1");
  last->bind(1, board);
  if (last->executeStep()) {
    Result<Date> day = Date::Parse(last->getColumn(0).getText());
    Result<Instant> fired = ParseInstant(last->getColumn(1).getText());
    if (day.ok() && fired.ok()) {
      first_day = day->AddDays(1);
      digests.last_fired_at = *fired;
      after_now = false;  // one missed while the service was stopped goes out late, once
    }
    digests.alerts_through = last->getColumn(2).getInt64();
  } else {
    digests.last_fired_at = options_.clock->Now();
    digests.alerts_through = LastAlertId();
  }
  for (;;) {
    Result<Date> day = calendar.WorkingDayOnOrAfter(first_day);
    if (!day.ok()) {
      spdlog::warn("board {}: no daily digest can be planned: {}", board, day.status().message());
      return;
    }
    digests.next_day = *day;
    digests.next_at = calendar.AtLocalTime(*day, *options_.digest_time);
    if (!after_now || digests.next_at > options_.clock->Now()) break;
    first_day = day->AddDays(1);
  }
  digests_[board] = digests;
}

std::map<BoardId, ReviewServiceImpl::BoardDigests>::iterator ReviewServiceImpl::NextDigest() {
  auto earliest = digests_.end();
  for (auto it = digests_.begin(); it != digests_.end(); ++it) {
    if (earliest == digests_.end() || it->second.next_at < earliest->second.next_at) earliest = it;
  }
  return earliest;
}

void ReviewServiceImpl::FireDigest(BoardId board, Instant now) {
  BoardDigests& digests = digests_.at(board);
  const WorkingCalendar& calendar = *CalendarFor(board).value();
  Date day = digests.next_day;
  Instant at = digests.next_at;
  Result<Date> following = calendar.WorkingDayOnOrAfter(day.AddDays(1));
  if (!following.ok()) {
    spdlog::warn("board {}: daily digests stop after {}: {}", board, day.ToString(), following.status().message());
    digests_.erase(board);
    return;
  }
  digests.next_day = *following;
  digests.next_at = calendar.AtLocalTime(*following, *options_.digest_time);
  // Of the digests missed while the service was stopped, only the last goes out, covering them all.
  if (at < opened_at_ && digests.next_at <= now) return;
  Instant fired_at = at >= opened_at_ ? options_.clock->HappenedAt(at, now) : now;

  Digest digest;
  digest.kind = DigestKind::kDaily;
  digest.day = day.ToString();
  Database::Statement became_overdue = database_->Prepare(
      "SELECT id, review_id, checkpoint, due FROM alerts WHERE id > ? AND +board_id = ? AND kind = 'overdue' "
      "ORDER BY id");  // by id from the last digest's: the unary + keeps SQLite off the board index
  became_overdue->bind(1, digests.alerts_through);
  became_overdue->bind(2, board);
  int64_t alerts_through = digests.alerts_through;
  while (became_overdue->executeStep()) {
    alerts_through = became_overdue->getColumn(0).getInt64();
    if (++digest.became_overdue.total > static_cast<int64_t>(kListedItems)) continue;
    DigestItem item;
    item.review = became_overdue->getColumn(1).getInt64();
    item.checkpoint = became_overdue->getColumn(2).getString();
    item.due = became_overdue->getColumn(3).getString();
    digest.became_overdue.items.push_back(std::move(item));
  }
  alerts_through = std::max(alerts_through, LastAlertId());
  std::string since = FormatInstant(digests.last_fired_at), until = FormatInstant(fired_at);
  Database::Statement delays = database_->Prepare(
      "SELECT d.review_id, d.checkpoint, d.previous_due, d.new_due, d.reason, d.recorded_by FROM delays d "
      "JOIN reviews r ON r.id = d.review_id WHERE r.board_id = ? AND d.recorded_at > ? AND d.recorded_at <= ? "
      "ORDER BY d.id");
  delays->bind(1, board);
  delays->bindNoCopy(2, since);
  delays->bindNoCopy(3, until);
  while (delays->executeStep()) {
    if (++digest.extended.total > static_cast<int64_t>(kListedItems)) continue;
    DigestItem item;
    item.review = delays->getColumn(0).getInt64();
    item.checkpoint = delays->getColumn(1).getString();
    item.previous_due = delays->getColumn(2).getString();
    item.due = delays->getColumn(3).getString();
    item.reason = delays->getColumn(4).getString();
    item.recorded_by = delays->getColumn(5).getString();
    digest.extended.items.push_back(std::move(item));
  }
  Result<Date> horizon = calendar.AddWorkingDays(day, kDueSoonWorkingDays);
  std::vector<std::tuple<int32_t, ReviewId, const std::string*>> soon;
  for (const auto& [id, review] : open_) {
    if (review.board_id != board || !IsChased(review) || !horizon.ok()) continue;
    for (const CheckpointSlot& slot : review.checkpoints) {
      if (slot.state != CheckpointState::kOpen || !slot.has_due() || review.IsHeld(slot)) continue;
      if (slot.due_days < day.days_since_epoch() || slot.due_days > horizon->days_since_epoch()) continue;
      soon.emplace_back(slot.due_days, id, &review.workflow->checkpoints[slot.definition].key);
    }
  }
  std::sort(soon.begin(), soon.end());
  digest.due_soon.total = static_cast<int64_t>(soon.size());
  for (size_t i = 0; i < soon.size() && i < kListedItems; ++i) {
    DigestItem item;
    item.review = std::get<1>(soon[i]);
    item.checkpoint = *std::get<2>(soon[i]);
    item.due = Date::FromDays(std::get<0>(soon[i])).ToString();
    digest.due_soon.items.push_back(std::move(item));
  }
  digest.since = since;
  digest.due_soon_until = horizon.ok() ? horizon->ToString() : day.ToString();
  // The board's histories as they stand, to be kept outside the service: `admin verify --fingerprint`.
  Result<std::string> fingerprint = HistoryFingerprint(*database_, board);
  if (fingerprint.ok()) digest.history_fingerprint = *fingerprint;
  size_t items = static_cast<size_t>(digest.became_overdue.total + digest.extended.total + digest.due_soon.total);
  int64_t stored = StoreDigest(board, digest, at, fired_at, items, alerts_through);
  if (stored != 0 && items > 0) QueueDigest(stored, board, {Role::kChair}, fired_at);
  digests.last_fired_at = fired_at;
  digests.alerts_through = alerts_through;
}

int64_t ReviewServiceImpl::StoreDigest(BoardId board, const Digest& digest, Instant scheduled_for, Instant fired_at,
                                       size_t items, int64_t alerts_through) {
  Database::Statement insert = database_->Prepare(
      "INSERT OR IGNORE INTO digests (board_id, kind, day, scheduled_for, fired_at, fired_late_by_s, item_count, "
      "body, alerts_through) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, board);
  insert->bindNoCopy(2, DigestKindName(digest.kind));
  insert->bind(3, digest.day);
  insert->bind(4, FormatInstant(scheduled_for));
  insert->bind(5, FormatInstant(fired_at));
  insert->bind(6, static_cast<int64_t>(std::chrono::duration_cast<std::chrono::seconds>(fired_at - scheduled_for).count()));
  insert->bind(7, static_cast<int64_t>(items));
  insert->bind(8, DigestBody(digest));
  insert->bind(9, alerts_through);
  if (insert->exec() == 0) return 0;  // this digest went out before
  return database_->connection().getLastInsertRowid();
}

void ReviewServiceImpl::QueueDigest(int64_t digest, BoardId board, const std::vector<Role>& recipients, Instant at) {
  Database::Statement queue = database_->Prepare(
      "INSERT INTO outbox (digest_id, board_id, recipient_role, created_at) VALUES (?, ?, ?, ?)");
  std::string created_at = FormatInstant(at);
  for (Role role : recipients) {
    queue->bind(1, digest);
    queue->bind(2, board);
    queue->bindNoCopy(3, RoleName(role));
    queue->bindNoCopy(4, created_at);
    queue->exec();
    queue->reset();
  }
}

Status ReviewServiceImpl::ReleaseHeldAlerts(Instant now) {
  try {
    WriteTransaction transaction(*database_);
    std::vector<std::pair<BoardId, int64_t>> boards;
    Database::Statement held = database_->Prepare(
        "SELECT board_id, COUNT(*) FROM alerts WHERE held = 1 GROUP BY board_id");
    while (held->executeStep()) boards.emplace_back(held->getColumn(0).getInt64(), held->getColumn(1).getInt64());
    for (const auto& [board, count] : boards) {
      if (count <= kToldOneByOne) {
        spdlog::info("board {}: {} alerts fell due while the service was stopped; each is sent now, late", board,
                     count);
        Database::Statement queue = database_->Prepare(
            "INSERT INTO outbox (alert_id, board_id, recipient_role, created_at) "
            "SELECT id, board_id, recipient_role, fired_at FROM alerts WHERE held = 1 AND board_id = ? ORDER BY id");
        queue->bind(1, board);
        queue->exec();
        Database::Statement release = database_->Prepare("UPDATE alerts SET held = 0 WHERE held = 1 AND board_id = ?");
        release->bind(1, board);
        release->exec();
        continue;
      }
      // Many: one catch-up digest, to the chair and to every role the alerts were for.
      const WorkingCalendar& calendar = *CalendarFor(board).value();
      Digest catch_up;
      catch_up.kind = DigestKind::kCatchUp;
      catch_up.day = calendar.LocalDate(now).ToString();
      catch_up.fired_at = FormatInstant(now);
      catch_up.alerts.total = count;
      std::set<Role> recipients = {Role::kChair};
      Database::Statement list = database_->Prepare(
          "SELECT review_id, checkpoint, kind, level, due, recipient_role, scheduled_for FROM alerts "
          "WHERE held = 1 AND board_id = ? ORDER BY scheduled_for, id");
      list->bind(1, board);
      while (list->executeStep()) {
        DigestItem item;
        item.review = list->getColumn(0).getInt64();
        item.checkpoint = list->getColumn(1).getString();
        item.alert_kind = list->getColumn(2).getString();
        item.level = list->getColumn(3).getInt();
        item.due = list->getColumn(4).getString();
        item.recipient_role = list->getColumn(5).getString();
        item.scheduled_for = list->getColumn(6).getString();
        ++catch_up.counts[item.alert_kind];
        if (std::optional<Role> role = RoleFromName(item.recipient_role)) recipients.insert(*role);
        if (catch_up.fell_due_from.empty()) catch_up.fell_due_from = item.scheduled_for;
        if (catch_up.alerts.items.size() < kListedItems) catch_up.alerts.items.push_back(std::move(item));
      }
      std::string from = catch_up.fell_due_from;
      int64_t digest = StoreDigest(board, catch_up, now, now, static_cast<size_t>(count), 0);
      if (digest == 0) return Status::Conflict("a catch-up digest for board " + std::to_string(board) + " at " +
                                               FormatInstant(now) + " exists already");
      QueueDigest(digest, board, {recipients.begin(), recipients.end()}, now);
      Database::Statement release =
          database_->Prepare("UPDATE alerts SET held = 0, digest_id = ? WHERE held = 1 AND board_id = ?");
      release->bind(1, digest);
      release->bind(2, board);
      release->exec();
      spdlog::info("board {}: {} alerts fell due while the service was stopped (from {}); they are told in one "
                   "catch-up digest (id {}) to {} roles, and each is in the alerts list",
                   board, count, from, digest, recipients.size());
    }
    transaction.Commit();
  } catch (const std::exception& e) {
    return StorageError(e, "releasing the alerts caught up after downtime");
  }
  release_held_ = false;
  return Status::Ok();
}

}  // namespace scr
