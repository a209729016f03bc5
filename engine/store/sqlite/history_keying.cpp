#include "store/sqlite/history_keying.h"

#include <openssl/evp.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "engine/calendar.h"
#include "engine/clock.h"
#include "store/sqlite/event_log.h"

namespace scr {
EventHash UnkeyedEventHash(const NewEvent& event, const EventHash& previous) {
  std::string encoded;
  AddField(encoded, std::to_string(event.review_id));
  AddField(encoded, std::to_string(event.seq));
  AddField(encoded, event.at);
  AddField(encoded, event.actor);
  AddField(encoded, event.event);
  AddField(encoded, event.reason);
  AddField(encoded, event.data);
  encoded.append(reinterpret_cast<const char*>(previous.data()), previous.size());
  EventHash hash{};
  unsigned int length = 0;
  EVP_Digest(encoded.data(), encoded.size(), hash.data(), &length, Sha256(), nullptr);
  return hash;
}

namespace {

struct Rekeyed {
  int64_t events = 0;
  std::string broken;  // the first broken event of the old chains, in words
};

// Checks each old chain and, when every one holds, rewrites each event's salt, text digest and keyed hash.
// Runs inside the caller's write transaction; throws on a storage error.
Rekeyed RekeyEvents(Database& database, HistorySeal& seal) {
  Rekeyed result;
  SQLite::Statement select(database.connection(),
                           "SELECT id, review_id, seq, at, actor, event, reason, data, hash FROM review_events "
                           "ORDER BY review_id, seq");
  SQLite::Statement update(database.connection(),
                           "UPDATE review_events SET text_salt = ?, text_digest = ?, hash = ? WHERE id = ?");
  ReviewId review = 0;
  EventHash old_previous{}, new_previous{};
  int64_t seq = 0;
  while (select.executeStep()) {
    NewEvent event{select.getColumn(1).getInt64(), select.getColumn(2).getInt64(), select.getColumn(3).getString(),
                   select.getColumn(4).getString(),  select.getColumn(5).getString(), select.getColumn(6).getString(),
                   select.getColumn(7).getString()};
    if (event.review_id != review) {
      review = event.review_id;
      old_previous = new_previous = EventHash{};
      seq = 0;
    }
    std::string where = "review " + std::to_string(review) + ", event " + std::to_string(event.seq) + " (" +
                        event.event + " at " + event.at + ")";
    if (event.seq != seq + 1) {
      result.broken = "review " + std::to_string(review) + ": event " + std::to_string(seq + 1) + " is missing";
      return result;
    }
    EventHash old_hash = UnkeyedEventHash(event, old_previous);
    if (ToHex(old_hash) != select.getColumn(8).getString()) {
      result.broken = where + ": its hash does not match its content";
      return result;
    }
    DataTexts split = SplitDataTexts(event.data);
    std::string salt = NewSalt();
    EventHash text_digest = TextDigest(salt, event.reason, split.texts);
    new_previous = ChainHash(seal, event, split.skeleton, text_digest, new_previous);
    update.reset();
    update.bind(1, salt);
    update.bind(2, ToHex(text_digest));
    update.bind(3, ToHex(new_previous));
    update.bind(4, select.getColumn(0).getInt64());
    update.exec();
    old_previous = old_hash;
    seq = event.seq;
    ++result.events;
  }
  int64_t recorded = database.connection().execAndGet("SELECT event_total FROM ledger WHERE id = 1").getInt64();
  if (recorded != result.events) {
    result.broken = "the histories hold " + std::to_string(result.events) + " events but the ledger counted " +
                    std::to_string(recorded);
  }
  return result;
}

Status KeyHistory(Database& database, const HistoryKey& key, Keying keying) {
  HistorySeal& seal = *database.history_seal();
  WriteTransaction transaction(database);  // re-read under the write lock: another process may have keyed it
  SQLite::Statement keyed(database.connection(), "SELECT key_check FROM history_keying WHERE id = 1");
  if (keyed.executeStep()) return Status::Ok();
  int64_t events = database.connection().execAndGet("SELECT COUNT(*) FROM review_events").getInt64();
  if (events > 0 && keying == Keying::kWhenSafe && !key.created_now) {
    return Status::InvalidArgument(
        "the history of " + database.path() + " is not keyed yet, but the key file " + key.file +
        " already exists: if this database was never keyed (an old database, or a backup from before the "
        "history was keyed), run `scr-tracker admin key-history --db " + database.path() +
        "` once; if it was keyed before, its keyed history was replaced: restore the latest good backup");
  }
  LiftAppendOnly(database);
  Rekeyed rekeyed = RekeyEvents(database, seal);
  if (!rekeyed.broken.empty()) {
    return Status::InvalidArgument("the history of " + database.path() +
                                   " was not keyed: its unkeyed chain is already broken at " + rekeyed.broken +
                                   "; restore a backup from before the change, then start again");
  }
  RestoreAppendOnly(database);
  SQLite::Statement record(database.connection(),
                           "INSERT INTO history_keying (id, keyed_at, events_keyed, key_check) VALUES (1, ?, ?, ?)");
  record.bind(1, FormatInstant(SystemClock::Instance().Now()));  // an admin command: real time
  record.bind(2, rekeyed.events);
  record.bind(3, seal.KeyCheck());
  record.exec();
  transaction.Commit();
  spdlog::info("database {}: history keyed with {} ({} existing events re-keyed)", database.path(), key.file,
               rekeyed.events);
  return Status::Ok();
}

}  // namespace

Status AttachHistoryKey(Database& database, const HistoryKey& key, Keying keying) {
  try {
    database.set_history_seal(std::make_unique<HistorySeal>(key));
    SQLite::Statement keyed(database.connection(), "SELECT key_check FROM history_keying WHERE id = 1");
    if (keyed.executeStep()) {
      if (keyed.getColumn(0).getString() == database.history_seal()->KeyCheck()) return Status::Ok();
      return Status::InvalidArgument("the history of " + database.path() + " was keyed with another key than " +
                                     key.file + "; give the key file it was keyed with (history.key_file)");
    }
    if (keying == Keying::kCheckOnly) {
      return Status::InvalidArgument(database.path() + "'s history is not keyed: it was written before the history "
                                     "was keyed, and cannot be checked against the key " + key.file);
    }
    keyed.reset();
    return KeyHistory(database, key, keying);
  } catch (const std::exception& e) {
    return StorageError(e, "keying the history of " + database.path());
  }
}

Result<std::string> DescribeKeying(Database& database) {
  try {
    SQLite::Statement keyed(database.connection(), "SELECT keyed_at, events_keyed FROM history_keying WHERE id = 1");
    if (!keyed.executeStep()) return std::string();
    return keyed.getColumn(0).getString() + " (" + std::to_string(keyed.getColumn(1).getInt64()) +
           " earlier events re-keyed then)";
  } catch (const std::exception& e) {
    return StorageError(e, "reading when the history was keyed");
  }
}

}  // namespace scr
