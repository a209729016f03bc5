// The chair's digests, fired by the same scheduler as the alerts: a daily digest per board at the
// configured time on each working day (what became overdue, what was extended and why, what falls due
// in the next 10 working days), and one catch-up digest instead of a flood after downtime.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "scheduler/scheduler.h"

namespace scr {
namespace {

constexpr size_t kListedItems = 100;     // per list in a digest; the totals count the rest
constexpr int64_t kToldOneByOne = 20;    // a board's catch-up of up to this many alerts goes out alert by alert
constexpr int kDueSoonWorkingDays = 10;

}  // namespace

void Scheduler::PlanDigests(BoardId board, const WorkingCalendar& calendar) {
  if (!digest_time_) return;
  BoardDigests digests;
  Date first_day = calendar.LocalDate(clock_.Now());
  bool after_now = true;  // a board's first digest is the next one to come, never one already past
  if (std::optional<LastDigest> last = store_.ReadLastDailyDigest(board)) {
    Result<Date> day = Date::Parse(last->day);
    Result<Instant> fired = ParseInstant(last->fired_at);
    if (day.ok() && fired.ok()) {
      first_day = day->AddDays(1);
      digests.last_fired_at = *fired;
      after_now = false;  // one missed while the service was stopped goes out late, once
    }
    digests.alerts_through = last->alerts_through;
  } else {
    digests.last_fired_at = clock_.Now();
    digests.alerts_through = LastAlertId();
  }
  for (;;) {
    Result<Date> day = calendar.WorkingDayOnOrAfter(first_day);
    if (!day.ok()) {
      spdlog::warn("board {}: no daily digest can be planned: {}", board, day.status().message());
      return;
    }
    digests.next_day = *day;
    digests.next_at = calendar.AtLocalTime(*day, *digest_time_);
    if (!after_now || digests.next_at > clock_.Now()) break;
    first_day = day->AddDays(1);
  }
  digests_[board] = digests;
}

std::map<BoardId, Scheduler::BoardDigests>::iterator Scheduler::NextDigest() {
  auto earliest = digests_.end();
  for (auto it = digests_.begin(); it != digests_.end(); ++it) {
    if (earliest == digests_.end() || it->second.next_at < earliest->second.next_at) earliest = it;
  }
  return earliest;
}

void Scheduler::FireDigest(BoardId board, Instant now) {
  BoardDigests& digests = digests_.at(board);
  const WorkingCalendar& calendar = *reviews_.CalendarFor(board).value();
  Date day = digests.next_day;
  Instant at = digests.next_at;
  Result<Date> following = calendar.WorkingDayOnOrAfter(day.AddDays(1));
  if (!following.ok()) {
    spdlog::warn("board {}: daily digests stop after {}: {}", board, day.ToString(), following.status().message());
    digests_.erase(board);
    return;
  }
  digests.next_day = *following;
  digests.next_at = calendar.AtLocalTime(*following, *digest_time_);
  // Of the digests missed while the service was stopped, only the last goes out, covering them all.
  if (at < opened_at_ && digests.next_at <= now) return;
  Instant fired_at = at >= opened_at_ ? clock_.HappenedAt(at, now) : now;

  Digest digest;
  digest.kind = DigestKind::kDaily;
  digest.day = day.ToString();
  int64_t alerts_through =
      store_.ReadBecameOverdue(board, digests.alerts_through, kListedItems, digest.became_overdue);
  alerts_through = std::max(alerts_through, LastAlertId());
  std::string since = FormatInstant(digests.last_fired_at), until = FormatInstant(fired_at);
  store_.ReadDeadlinesMoved(board, since, until, kListedItems, digest.extended);
  Result<Date> horizon = calendar.AddWorkingDays(day, kDueSoonWorkingDays);
  std::vector<std::tuple<int32_t, ReviewId, const std::string*>> soon;
  reviews_.ForEachOpenReview([&](ReviewId id, const OpenReview& review) {
    if (review.board_id != board || !IsChased(review) || !horizon.ok()) return;
    for (const CheckpointSlot& slot : review.checkpoints) {
      if (slot.state != CheckpointState::kOpen || !slot.has_due() || review.IsHeld(slot)) continue;
      if (slot.due_days < day.days_since_epoch() || slot.due_days > horizon->days_since_epoch()) continue;
      soon.emplace_back(slot.due_days, id, &review.workflow->checkpoints[slot.definition].key);
    }
  });
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
  Result<std::string> fingerprint = store_.ReadHistoryFingerprint(board);
  if (fingerprint.ok()) digest.history_fingerprint = *fingerprint;
  size_t items = static_cast<size_t>(digest.became_overdue.total + digest.extended.total + digest.due_soon.total);
  int64_t stored = store_.StoreDigest(board, digest, at, fired_at, items, alerts_through);
  if (stored != 0 && items > 0) store_.QueueDigest(stored, board, {Role::kChair}, fired_at);
  digests.last_fired_at = fired_at;
  digests.alerts_through = alerts_through;
}

Status Scheduler::ReleaseHeldAlerts(Instant now) {
  try {
    std::unique_ptr<WriteScope> transaction = store_.BeginWrite();
    std::vector<std::pair<BoardId, int64_t>> boards = store_.ReadHeldAlertCounts();
    for (const auto& [board, count] : boards) {
      if (count <= kToldOneByOne) {
        spdlog::info("board {}: {} alerts fell due while the service was stopped; each is sent now, late", board,
                     count);
        store_.QueueHeldAlerts(board);
        continue;
      }
      // Many: one catch-up digest, to the chair and to every role the alerts were for.
      const WorkingCalendar& calendar = *reviews_.CalendarFor(board).value();
      Digest catch_up;
      catch_up.kind = DigestKind::kCatchUp;
      catch_up.day = calendar.LocalDate(now).ToString();
      catch_up.fired_at = FormatInstant(now);
      catch_up.alerts.total = count;
      std::set<Role> recipients = {Role::kChair};
      store_.ReadHeldAlerts(board, kListedItems, catch_up, recipients);
      std::string from = catch_up.fell_due_from;
      int64_t digest = store_.StoreDigest(board, catch_up, now, now, static_cast<size_t>(count), 0);
      if (digest == 0) return Status::Conflict("a catch-up digest for board " + std::to_string(board) + " at " +
                                               FormatInstant(now) + " exists already");
      store_.QueueDigest(digest, board, {recipients.begin(), recipients.end()}, now);
      store_.MarkHeldAlertsTold(board, digest);
      spdlog::info("board {}: {} alerts fell due while the service was stopped (from {}); they are told in one "
                   "catch-up digest (id {}) to {} roles, and each is in the alerts list",
                   board, count, from, digest, recipients.size());
    }
    transaction->Commit();
  } catch (const std::exception& e) {
    return StorageError(e, "releasing the alerts caught up after downtime");
  }
  release_held_ = false;
  return Status::Ok();
}

}  // namespace scr
