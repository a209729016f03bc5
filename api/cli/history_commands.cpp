#include "cli/history_commands.h"

#include <iostream>

#include "cli/config.h"
#include "cli/runtime.h"
#include "engine/history.h"

namespace scr::cli {
namespace {

struct HistoryOptions {
  std::string database_path;
  std::string config_path;
  std::string fingerprint;
  long long board = 0;
};

Result<std::unique_ptr<History>> OpenHistory(const HistoryOptions& options, bool key_unkeyed) {
  Result<std::string> key_file = ConfiguredHistoryKeyFile(options.config_path);
  if (!key_file.ok()) return key_file.status();
  return History::Open(options.database_path, *key_file, key_unkeyed);
}

int Verify(const HistoryOptions& options) {
  Result<std::unique_ptr<History>> history = OpenHistory(options, false);
  if (!history.ok()) return Fail(history.status().message());
  Result<std::string> problem = (*history)->Verify();
  if (!problem.ok()) return Fail(problem.status().message());
  if (!problem->empty()) return Fail("the history has been tampered with: " + *problem);
  if (!options.fingerprint.empty()) {
    Result<std::string> differs = (*history)->CheckFingerprint(options.fingerprint);
    if (!differs.ok()) return Fail(differs.status().message());
    if (!differs->empty()) return Fail("the history differs from the fingerprint: " + *differs);
  }
  Result<std::string> since = (*history)->KeyedSince();
  if (!since.ok()) return Fail(since.status().message());
  std::cout << "every review's history is intact; chains keyed since " << *since
            << (options.fingerprint.empty() ? "" : "; every history the fingerprint covers is as it was then")
            << "\n";
  return 0;
}

int PrintFingerprint(const HistoryOptions& options) {
  Result<std::unique_ptr<History>> history = OpenHistory(options, false);
  if (!history.ok()) return Fail(history.status().message());
  std::optional<BoardId> board;
  if (options.board != 0) board = options.board;
  Result<std::string> fingerprint = (*history)->Fingerprint(board);
  if (!fingerprint.ok()) return Fail(fingerprint.status().message());
  std::cout << *fingerprint << "\n";
  return 0;
}

int KeyHistory(const HistoryOptions& options) {
  Result<std::unique_ptr<History>> history = OpenHistory(options, true);
  if (!history.ok()) return Fail(history.status().message());
  Result<std::string> since = (*history)->KeyedSince();
  if (!since.ok()) return Fail(since.status().message());
  std::cout << "the history of " << options.database_path << " is keyed since " << *since << "\n";
  return 0;
}

}  // namespace

void AddHistoryCommands(CLI::App& admin, int& exit_code) {
  auto options = std::make_shared<HistoryOptions>();
  auto add_common = [options](CLI::App* command) {
    command->add_option("--db", options->database_path, "SQLite database file")->required();
    command->add_option("--config", options->config_path, "Config file (YAML) naming history.key_file");
  };
  CLI::App* verify = admin.add_subcommand("verify", "Check the keyed hash chain of every review's history");
  add_common(verify);
  verify->add_option("--fingerprint", options->fingerprint,
                     "Also check that every history recorded up to this fingerprint is unchanged");
  verify->callback([options, &exit_code] { exit_code = Verify(*options); });

  CLI::App* fingerprint =
      admin.add_subcommand("fingerprint", "Print one line: a fingerprint of every review's history as it stands");
  add_common(fingerprint);
  fingerprint->add_option("--board", options->board, "Only this board's reviews");
  fingerprint->callback([options, &exit_code] { exit_code = PrintFingerprint(*options); });

  CLI::App* key = admin.add_subcommand(
      "key-history", "Key a history written before keying (an old database or backup), once its old chains hold");
  add_common(key);
  key->callback([options, &exit_code] { exit_code = KeyHistory(*options); });
}

}  // namespace scr::cli
