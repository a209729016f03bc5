#include "engine/retention.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "engine/calendar.h"
#include "store/sqlite/database.h"
#include "engine/history_key.h"
#include "store/sqlite/event_log.h"
#include "store/sqlite/history_keying.h"
#include "store/sqlite/review_erasure.h"

namespace scr {
namespace {

class RetentionImpl final : public Retention {
 public:
  explicit RetentionImpl(std::unique_ptr<Database> database) : database_(std::move(database)) {}

  Result<std::vector<RetentionDue>> Due(Instant now) override {
    try {
      return ListDue(now);
    } catch (const std::exception& e) {
      return StorageError(e, "listing the reviews past their retention period");
    }
  }

  Result<std::vector<RetentionDue>> Erase(Instant now, const std::string& actor) override {
    try {
      // What is erased is overwritten in the file, not only unlinked from its page.
      database_->connection().exec("PRAGMA secure_delete = ON");
      std::vector<RetentionDue> due;
      {
        WriteTransaction transaction(*database_);
        due = ListDue(now);  // under the write lock: nothing changes meanwhile
        for (const RetentionDue& review : due) Anonymise(review, now, actor);
        if (!due.empty()) AddToLedger(*database_, static_cast<int64_t>(due.size()));
        transaction.Commit();
      }
      if (!due.empty()) ScrubFile();
      return due;
    } catch (const std::exception& e) {
      return StorageError(e, "erasing the reviews past their retention period");
    }
  }

  Status SetRetentionMonths(BoardId board, int months) override {
    if (months < 1 || months > 1200) return Status::InvalidArgument("--months must be 1 to 1200");
    try {
      Database::Statement update = database_->Prepare("UPDATE boards SET retention_months = ? WHERE id = ?");
      update->bind(1, months);
      update->bind(2, board);
      update->exec();
      if (database_->connection().getChanges() == 0)
        return Status::NotFound("no board " + std::to_string(board));
      return Status::Ok();
    } catch (const std::exception& e) {
      return StorageError(e, "setting the retention period");
    }
  }

 private:
  std::vector<RetentionDue> ListDue(Instant now) {
    // When a review ended: its last close or decide_not_to_review event (an ended review takes no more).
    Database::Statement select = database_->Prepare(
        "SELECT r.id, r.board_id, r.title, r.phase, e.at, b.retention_months, "
        "       (SELECT COUNT(*) FROM family_members f WHERE f.review_id = r.id) + "
        "       (SELECT COUNT(*) FROM privacy_identifiers i WHERE i.review_id = r.id) "
        "FROM reviews r JOIN boards b ON b.id = r.board_id "
        "JOIN review_events e ON e.review_id = r.id AND e.seq = (SELECT MAX(seq) FROM review_events "
        "  WHERE review_id = r.id AND (event = 'close' OR event = 'decide_not_to_review')) "
        "WHERE (r.phase = 'closed' OR r.phase = 'not_proceeding') AND r.anonymised_at IS NULL "
        "  AND datetime(e.at, '+' || b.retention_months || ' months') <= datetime(?) "
        "ORDER BY r.id");
    std::string at = FormatInstant(now);
    select->bind(1, at);
    std::vector<RetentionDue> due;
    while (select->executeStep()) {
      due.push_back({select->getColumn(0).getInt64(), select->getColumn(1).getInt64(),
                     select->getColumn(2).getString(), select->getColumn(3).getString(),
                     select->getColumn(4).getString(), select->getColumn(5).getInt(),
                     select->getColumn(6).getInt64()});
    }
    return due;
  }

  // Throws on a storage error: the caller's transaction then rolls everything back.
  void Anonymise(const RetentionDue& review, Instant now, const std::string& actor) {
    Database::Statement erase = database_->Prepare("DELETE FROM family_members WHERE review_id = ?");
    erase->bind(1, review.review);
    int64_t family_erased = erase->exec();
    Database::Statement erase_identifiers = database_->Prepare("DELETE FROM privacy_identifiers WHERE review_id = ?");
    erase_identifiers->bind(1, review.review);
    int64_t identifiers_erased = erase_identifiers->exec();
    ErasureCounts erased = EraseReviewText(*database_, review.review, review.board);
    std::string at = FormatInstant(now);
    Database::Statement mark = database_->Prepare("UPDATE reviews SET anonymised_at = ? WHERE id = ?");
    mark->bind(1, at);
    mark->bind(2, review.review);
    mark->exec();

    Result<HistoryHead> head = ReadHistoryHead(*database_, review.review);
    if (!head.ok()) throw std::runtime_error(head.status().message());
    nlohmann::json data = {{"family_members_erased", family_erased},
                           {"privacy_identifiers_erased", identifiers_erased},
                           {"records_with_free_text_blanked", erased.register_rows},
                           {"history_events_blanked", erased.history_events},
                           {"digests_blanked", erased.digests},
                           {"messages_blanked", erased.messages},
                           {"retention_months", review.retention_months},
                           {"ended_at", review.ended_at}};
    NewEvent event{review.review,
                   head->event_count + 1,
                   at,
                   actor,
                   "retention_erasure",
                   "the retention period of " + std::to_string(review.retention_months) +
                       " months after the review ended has passed",
                   data.dump()};
    AppendEvent(*database_, event, head->last_hash);
    spdlog::info("review {}: anonymised ({} family records erased, {} register rows, {} history events, {} digests "
                 "and {} messages with free text blanked)",
                 review.review, family_erased, erased.register_rows, erased.history_events, erased.digests,
                 erased.messages);
  }

  // Old copies of the erased texts may still sit in the file: in the free space of pages whose rows were
  // rewritten before (by the service, without secure_delete) and in the write-ahead log. VACUUM rewrites
  // every page; the checkpoint then copies them into the file and empties the log.
  void ScrubFile() {
    try {
      database_->connection().exec("VACUUM");
    } catch (const std::exception& e) {
      spdlog::warn("database {}: could not be compacted after the erasure ({}); old copies of erased text may stay "
                   "in unused space until `admin retention` runs again while the service is idle",
                   database_->path(), e.what());
    }
    SQLite::Statement checkpoint(database_->connection(), "PRAGMA wal_checkpoint(TRUNCATE)");
    if (checkpoint.executeStep() && checkpoint.getColumn(0).getInt() != 0) {
      spdlog::warn("database {}: the write-ahead log could not be emptied (a reader was busy); it is emptied at "
                   "the service's next checkpoint", database_->path());
    }
  }

  std::unique_ptr<Database> database_;
};

}  // namespace

Result<std::unique_ptr<Retention>> Retention::Open(const std::string& database_path,
                                                   const std::string& history_key_file) {
  Result<std::unique_ptr<Database>> database = Database::Open(database_path, Database::Mode::kReadWrite);
  if (!database.ok()) return database.status();
  Result<HistoryKey> key = LoadHistoryKey(HistoryKeyFile(history_key_file, database_path));
  if (!key.ok()) return key.status();
  if (Status keyed = AttachHistoryKey(**database, *key, Keying::kWhenSafe); !keyed.ok()) return keyed;
  return std::unique_ptr<Retention>(new RetentionImpl(std::move(database).value()));
}

}  // namespace scr
