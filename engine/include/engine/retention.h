// Retention (UK GDPR): a board keeps a review's family records for its retention period (months, 72 by
// default) after the review ends (closed, or not proceeding); after that the review is anonymised:
//   - its family_members and privacy_identifiers rows are deleted;
//   - every free text that may name or describe people is blanked, wherever a copy of it is kept
//     (the SQLite store's review_erasure.cpp lists the columns): the referral's rationale and late referral
//     reason and the review's references (case numbers at the national bodies and the NHS);
//     checkpoints' notes and evidence; parallel processes' owners and notes; documents' titles, holders and
//     notes; information requests' texts and reasons; delay reasons; self-assessment notes and evidence;
//     follow-ups' findings and reasons; improvement actions' titles, findings, recommendations, leads,
//     reasons and impact, and their updates' notes; the reasons and free-text data of its history; its
//     entries in the chair's digests, and those texts in the messages (email, webhook, inbox) made from its
//     alerts and from the digests that list it;
//   - the history's chain still holds: each event's text is covered by a salted digest, and the erasure
//     blanks the text and the salt and keeps the digest (the SQLite store's event_log.h);
//   - reviews.anonymised_at is set, and a `retention_erasure` event (counts only) ends its history;
//   - the file is compacted and its write-ahead log emptied, so that no old copy stays in unused space.
// Kept: the review's title (which never names anyone), dates, phases, decisions, agencies, who recorded
// what, and the access log.
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
  // `history_key_file` as for ReviewService::Options (empty: beside the database).
  static Result<std::unique_ptr<Retention>> Open(const std::string& database_path,
                                                 const std::string& history_key_file = "");
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
