#include "engine/history.h"

#include "engine/history_key.h"
#include "store/sqlite/database.h"
#include "store/sqlite/event_log.h"
#include "store/sqlite/history_fingerprint.h"
#include "store/sqlite/history_keying.h"

namespace scr {
namespace {

class HistoryImpl final : public History {
 public:
  explicit HistoryImpl(std::unique_ptr<Database> database) : database_(std::move(database)) {}

  Result<std::string> Verify() override { return VerifyHistory(*database_); }
  Result<std::string> KeyedSince() override { return DescribeKeying(*database_); }
  Result<std::string> Fingerprint(std::optional<BoardId> board) override {
    return HistoryFingerprint(*database_, board);
  }
  Result<std::string> CheckFingerprint(const std::string& fingerprint) override {
    return scr::CheckFingerprint(*database_, fingerprint);
  }

 private:
  std::unique_ptr<Database> database_;
};

}  // namespace

Result<std::unique_ptr<History>> History::Open(const std::string& database_path, const std::string& key_file,
                                               bool key_unkeyed) {
  Result<std::unique_ptr<Database>> database = Database::Open(database_path, Database::Mode::kReadWrite);
  if (!database.ok()) return database.status();
  Result<HistoryKey> key = LoadHistoryKey(HistoryKeyFile(key_file, database_path));
  if (!key.ok()) return key.status();
  Status attached = AttachHistoryKey(**database, *key, key_unkeyed ? Keying::kKeyUnkeyed : Keying::kWhenSafe);
  if (!attached.ok()) return attached;
  return std::unique_ptr<History>(new HistoryImpl(std::move(database).value()));
}

}  // namespace scr
