// `scr-tracker admin retention` and `admin set-retention`: anonymising the reviews whose retention period
// has passed (engine/retention.h says what is erased and what is kept).
#include "cli/retention_commands.h"

#include <iomanip>
#include <iostream>

#include "cli/config.h"
#include "cli/runtime.h"
#include "engine/calendar.h"
#include "engine/directory.h"
#include "engine/retention.h"

namespace scr::cli {
namespace {

struct RetentionOptions {
  std::string database_path;
  std::string config_path;
  bool dry_run = false;
  long long board = 0;
  int months = 0;
};

// Retention counts from the system clock; on a database run with a simulated clock (demo, training) from
// the simulated time when it is later, so that a rehearsal shows what would go.
Result<Instant> RetentionNow(const std::string& database_path) {
  Instant now = SystemClock::Instance().Now();
  Result<std::unique_ptr<Directory>> directory = Directory::Open(database_path);
  if (!directory.ok()) return directory.status();
  Result<std::optional<Instant>> simulated = (*directory)->LoadSimulatedNow();
  if (!simulated.ok()) return simulated.status();
  if (simulated->has_value() && **simulated > now) now = **simulated;
  return now;
}

void PrintTable(const std::vector<RetentionDue>& reviews) {
  std::cout << std::left << std::setw(8) << "review" << std::setw(7) << "board" << std::setw(16) << "phase"
            << std::setw(12) << "ended" << std::setw(8) << "family"
            << "title\n";
  for (const RetentionDue& review : reviews) {
    std::cout << std::left << std::setw(8) << review.review << std::setw(7) << review.board << std::setw(16)
              << review.phase << std::setw(12) << review.ended_at.substr(0, 10) << std::setw(8)
              << review.family_records << review.title << "\n";
  }
}

int RunRetention(const RetentionOptions& options) {
  Result<Instant> now = RetentionNow(options.database_path);
  if (!now.ok()) return Fail(now.status().message());
  Result<std::string> key_file = ConfiguredHistoryKeyFile(options.config_path);
  if (!key_file.ok()) return Fail(key_file.status().message());
  Result<std::unique_ptr<Retention>> retention = Retention::Open(options.database_path, *key_file);
  if (!retention.ok()) return Fail(retention.status().message());
  Result<std::vector<RetentionDue>> reviews =
      options.dry_run ? (*retention)->Due(*now) : (*retention)->Erase(*now, "scr-tracker admin retention");
  if (!reviews.ok()) return Fail(reviews.status().message());
  if (reviews->empty()) {
    std::cout << "no review is past its retention period on " << FormatInstant(*now).substr(0, 10) << "\n";
    return 0;
  }
  PrintTable(*reviews);
  int64_t family = 0;
  for (const RetentionDue& review : *reviews) family += review.family_records;
  if (options.dry_run) {
    std::cout
        << reviews->size() << " review(s) past their retention period, " << family
        << " family record(s); dry run: nothing erased. Run again without --dry-run to anonymise them.\n";
  } else {
    std::cout << reviews->size() << " review(s) anonymised, " << family
              << " family record(s) erased; each history records it (retention_erasure).\n";
  }
  return 0;
}

int RunSetRetention(const RetentionOptions& options) {
  Result<std::string> key_file = ConfiguredHistoryKeyFile(options.config_path);
  if (!key_file.ok()) return Fail(key_file.status().message());
  Result<std::unique_ptr<Retention>> retention = Retention::Open(options.database_path, *key_file);
  if (!retention.ok()) return Fail(retention.status().message());
  if (Status set = (*retention)->SetRetentionMonths(options.board, options.months); !set.ok()) {
    return Fail(set.message());
  }
  std::cout << "board " << options.board << " keeps family records for " << options.months
            << " months after a review ends\n";
  return 0;
}

}  // namespace

void AddRetentionCommands(CLI::App& admin, int& exit_code) {
  auto options = std::make_shared<RetentionOptions>();
  CLI::App* retention = admin.add_subcommand(
      "retention", "Anonymise the ended reviews whose board's retention period has passed (UK GDPR)");
  retention->add_option("--db", options->database_path, "SQLite database file")->required();
  retention->add_flag("--dry-run", options->dry_run, "List what would be erased; change nothing");
  retention->add_option("--config", options->config_path, "Config file (YAML) naming history.key_file");
  retention->callback([options, &exit_code] { exit_code = RunRetention(*options); });

  CLI::App* set =
      admin.add_subcommand("set-retention", "Set how long a board keeps family records after a review ends");
  set->add_option("--db", options->database_path, "SQLite database file")->required();
  set->add_option("--board", options->board, "Board id")->required();
  set->add_option("--months", options->months, "Months after the review ends (default 72)")->required();
  set->add_option("--config", options->config_path, "Config file (YAML) naming history.key_file");
  set->callback([options, &exit_code] { exit_code = RunSetRetention(*options); });
}

}  // namespace scr::cli
