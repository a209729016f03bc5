// Retention (UK GDPR): a board keeps a review's family records for its retention period (months, 72 by
// default) after the review ends (closed, or not proceeding); after that the review is anonymised:
//   - its family_members rows are deleted;
//   - free text that may name people is blanked: the referral's rationale and late_referral_reason, the
//     notes and evidence of its checkpoints, the notes of its parallel processes, documents and
//     information requests, the reasons of its information requests and delays;
//   - reviews.anonymised_at is set, and a `retention_erasure` event (counts only) ends its history.
// Kept: the title (which never names anyone), dates, phases, decisions, the delay register's dates and
// the hash-chained history, the audit record, which cannot change without breaking its chain. The
// engine never writes a family member's details into it (it records that one was recorded, never who);
// reasons and notes are kept there as written, so they must not name family members either.
// An ended review is never in the engine's memory and takes no more commands, so this runs beside the
// service on its own connection. Ownership: owns one connection. Thread-safety: none.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/clock.h"
#include "engine/model.h"
#include "engine/status.h"

namespace scr {

struct RetentionDue {
  ReviewId review = 0;
  BoardId board = 0;
  std::string title;
  std::string phase;     // closed or not_proceeding
  std::string ended_at;  // when it closed (or was not taken forward), RFC 3339
  int retention_months = 0;
  int64_t family_records = 0;
};

class Retention {
 public:
  static Result<std::unique_ptr<Retention>> Open(const std::string& database_path);
  virtual ~Retention() = default;

  // The ended reviews, not yet anonymised, whose board's retention period has passed at `now`.
  virtual Result<std::vector<RetentionDue>> Due(Instant now) = 0;
  // Anonymises every review Due(now) lists, in one transaction, recording `actor` in each history; returns
  // what it erased.
  virtual Result<std::vector<RetentionDue>> Erase(Instant now, const std::string& actor) = 0;
  // The board's retention period; NotFound for no such board, InvalidArgument outside 1 to 1200 months.
  virtual Status SetRetentionMonths(BoardId board, int months) = 0;
};

}  // namespace scr
