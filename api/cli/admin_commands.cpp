#include "cli/admin_commands.h"

#include <iostream>

#include "cli/config.h"
#include "cli/history_commands.h"
#include "cli/retention_commands.h"
#include "cli/runtime.h"
#include "cli/token_commands.h"
#include "engine/access.h"
#include "engine/backup.h"
#include "engine/directory.h"
#include "engine/sessions.h"

namespace scr::cli {
namespace {

struct AdminOptions {
  std::string database_path;
  std::string name;
  std::string nation = "england";
  std::string time_zone = "Europe/London";
  long long board = 0;
  std::string role;
  std::string email;
  long long user = 0;
  std::string directory;
  std::string file;
  std::string email_preference;
  std::string agency;
  std::string config_path;
  int keep = 0;
  bool force = false;
};

Result<std::unique_ptr<Directory>> OpenDirectory(const AdminOptions& options) {
  if (options.database_path.empty()) return Status::InvalidArgument("--db PATH is required");
  return Directory::Open(options.database_path);
}

Result<Role> ParseRole(const std::string& name) {
  std::optional<Role> role = RoleFromName(name);
  if (!role) {
    return Status::InvalidArgument("unknown role '" + name +
                                   "'; use admin, business_unit, chair, lead_reviewer, agency or viewer");
  }
  return *role;
}

int CreateBoard(const AdminOptions& options) {
  Result<Nation> nation = ParseNation(options.nation);
  if (!nation.ok()) return Fail(nation.status().message());
  Result<std::unique_ptr<Directory>> directory = OpenDirectory(options);
  if (!directory.ok()) return Fail(directory.status().message());
  Result<BoardId> board = (*directory)->CreateBoard(options.name, *nation, options.time_zone);
  if (!board.ok()) return Fail(board.status().message());
  std::cout << *board << "\n";
  return 0;
}

int CreateUser(const AdminOptions& options) {
  Result<Role> role = ParseRole(options.role);
  if (!role.ok()) return Fail(role.status().message());
  Result<std::unique_ptr<Directory>> directory = OpenDirectory(options);
  if (!directory.ok()) return Fail(directory.status().message());
  Result<UserId> user = (*directory)->CreateUser(options.board, *role, options.name, options.email, options.agency);
  if (!user.ok()) return Fail(user.status().message());
  std::cout << *user << "\n";
  return 0;
}

int SetAgency(const AdminOptions& options) {
  Result<std::unique_ptr<Directory>> directory = OpenDirectory(options);
  if (!directory.ok()) return Fail(directory.status().message());
  if (Status set = (*directory)->SetAgency(options.user, options.agency); !set.ok()) return Fail(set.message());
  std::cout << "user " << options.user << " now belongs to the agency " << AgencyName(options.agency) << "\n";
  return 0;
}

int SetPreference(const AdminOptions& options) {
  std::optional<EmailPreference> preference = EmailPreferenceFromName(options.email_preference);
  if (!preference) {
    return Fail("--email must be immediate (each alert as it fires) or digest (the daily digest only), not '" +
                options.email_preference + "'");
  }
  Result<std::unique_ptr<Directory>> directory = OpenDirectory(options);
  if (!directory.ok()) return Fail(directory.status().message());
  if (Status saved = (*directory)->SetEmailPreference(options.user, *preference); !saved.ok()) {
    return Fail(saved.message());
  }
  std::cout << "user " << options.user << " now receives alerts by email: " << EmailPreferenceName(*preference)
            << "\n";
  return 0;
}

int CheckWorkflows(const AdminOptions& options) {
  std::optional<ReferenceData> reference = LoadReferenceData(options.directory);
  if (!reference) return 1;
  for (const auto& workflow : reference->workflows->all()) {
    std::cout << workflow->name << ": " << workflow->markers.size() << " markers, " << workflow->checkpoints.size()
              << " checkpoints (" << workflow->source_file << ")\n";
  }
  std::cout << "bank holidays cover " << reference->holidays->first_year() << "-" << reference->holidays->last_year()
            << "\n";
  return 0;
}

int Backup(const AdminOptions& options) {
  int last_percent = -1;
  Status backed_up = BackupDatabase(options.database_path, options.file, [&last_percent](int64_t copied, int64_t total) {
    int percent = total > 0 ? static_cast<int>(copied * 100 / total) : 100;
    if (percent / 10 != last_percent / 10) std::cerr << "backup: " << percent << "% of " << total << " pages\n";
    last_percent = percent;
  });
  if (!backed_up.ok()) return Fail(backed_up.message());
  std::cout << "backed up " << options.database_path << " to " << options.file << "\n";
  if (options.keep > 0) {
    Result<std::vector<std::string>> removed = RemoveOlderBackups(options.file, options.keep);
    if (!removed.ok()) return Fail(removed.status().message());
    for (const std::string& file : *removed) std::cout << "removed the older backup " << file << "\n";
  }
  return 0;
}

int Restore(const AdminOptions& options) {
  Result<std::string> key_file = ConfiguredHistoryKeyFile(options.config_path);
  if (!key_file.ok()) return Fail(key_file.status().message());
  Status restored = RestoreDatabase(options.file, options.database_path, options.force, *key_file);
  if (!restored.ok()) return Fail(restored.message());
  std::cout << "restored " << options.file << " into " << options.database_path << "\n";
  return 0;
}

// The password is read from the first line of standard input, so that it stays out of the process list
// and the shell's history.
int SetPassword(const AdminOptions& options) {
  std::string password;
  if (!std::getline(std::cin, password)) return Fail("give the password on standard input, e.g. from a password manager");
  if (!password.empty() && password.back() == '\r') password.pop_back();
  Result<std::unique_ptr<Sessions>> sessions = Sessions::Open(options.database_path);
  if (!sessions.ok()) return Fail(sessions.status().message());
  if (Status set = (*sessions)->SetPassword(options.user, password); !set.ok()) return Fail(set.message());
  std::cout << "the password of user " << options.user << " is set; the user's sessions are ended\n";
  return 0;
}

}  // namespace

void AddAdminCommands(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<AdminOptions>();
  CLI::App* admin = app.add_subcommand("admin", "Boards, users, tokens and checks (safe while the service runs)");
  admin->require_subcommand(1);

  CLI::App* board = admin->add_subcommand("create-board", "Create a board; prints its id");
  board->add_option("--db", options->database_path, "SQLite database file")->required();
  board->add_option("--name", options->name, "The board's name")->required();
  board->add_option("--nation", options->nation, "england, wales, scotland or northern-ireland (bank holidays)");
  board->add_option("--time-zone", options->time_zone, "IANA time zone of the board (default Europe/London)");
  board->callback([options, &exit_code] { exit_code = CreateBoard(*options); });

  CLI::App* user = admin->add_subcommand("create-user", "Create a user of a board; prints its id");
  user->add_option("--db", options->database_path, "SQLite database file")->required();
  user->add_option("--board", options->board, "Board id")->required();
  user->add_option("--role", options->role, "admin, business_unit, chair, lead_reviewer, agency or viewer")->required();
  user->add_option("--name", options->name, "The user's name")->required();
  user->add_option("--email", options->email, "The user's email address")->required();
  user->add_option("--agency", options->agency,
                   "For --role agency (required there): the agency it belongs to, spelt as actions and information "
                   "requests name it; it reads and changes only that agency's");
  user->callback([options, &exit_code] { exit_code = CreateUser(*options); });

  AddTokenCommands(*admin, exit_code);
  CLI::App* agency = admin->add_subcommand("set-agency", "Give an agency user its agency (or move it to another)");
  agency->add_option("--db", options->database_path, "SQLite database file")->required();
  agency->add_option("--user", options->user, "User id")->required();
  agency->add_option("--agency", options->agency, "The agency, spelt as actions and information requests name it")
      ->required();
  agency->callback([options, &exit_code] { exit_code = SetAgency(*options); });


  CLI::App* preference = admin->add_subcommand("set-preference", "How a user receives alerts by email");
  preference->add_option("--db", options->database_path, "SQLite database file")->required();
  preference->add_option("--user", options->user, "User id")->required();
  preference->add_option("--email", options->email_preference,
                         "immediate (each alert as it fires, the default) or digest (the daily digest only)")
      ->required();
  preference->callback([options, &exit_code] { exit_code = SetPreference(*options); });

  CLI::App* check = admin->add_subcommand("check-workflows", "Validate the review types of a folder");
  check->add_option("DIR", options->directory, "Folder of workflow files")->required();
  check->callback([options, &exit_code] { exit_code = CheckWorkflows(*options); });

  CLI::App* backup = admin->add_subcommand("backup", "Copy the database, consistently, while the service runs");
  backup->add_option("--db", options->database_path, "SQLite database file")->required();
  backup->add_option("--to", options->file, "The backup file to write (must not exist; written with mode 0600)")
      ->required();
  backup->add_option("--keep", options->keep,
                     "Then keep only the N newest backups beside it named like it (same folder and extension, the "
                     "same name up to its first digit), removing older ones")
      ->check(CLI::Range(1, 100000));
  backup->callback([options, &exit_code] { exit_code = Backup(*options); });

  CLI::App* restore = admin->add_subcommand("restore", "Restore a backup into --db, after checking it");
  restore->add_option("--db", options->database_path, "SQLite database file to restore into")->required();
  restore->add_option("--from", options->file, "The backup file")->required();
  restore->add_flag("--force", options->force, "Replace an existing database (stop the service first)");
  restore->add_option("--config", options->config_path, "Config file (YAML) naming history.key_file");
  restore->callback([options, &exit_code] { exit_code = Restore(*options); });

  CLI::App* password = admin->add_subcommand("set-password", "Set a user's dashboard password, read from standard input; ends the user's sessions");
  password->add_option("--db", options->database_path, "SQLite database file")->required();
  password->add_option("--user", options->user, "User id")->required();
  password->callback([options, &exit_code] { exit_code = SetPassword(*options); });

  AddRetentionCommands(*admin, exit_code);
  AddHistoryCommands(*admin, exit_code);
}

void AddCalendarCommand(CLI::App& app, int& exit_code) {
  struct CalendarOptions {
    std::string nation;
    std::string workflows_dir;
    std::string date;
    int days = 0;
    int year = 0;
  };
  auto options = std::make_shared<CalendarOptions>();
  CLI::App* calendar = app.add_subcommand("calendar", "Working-day arithmetic, as the engine counts deadlines");
  calendar->add_option("--nation", options->nation, "england, wales, scotland or northern-ireland")->required();
  calendar->add_option("--workflows", options->workflows_dir, "Folder holding calendars/ (default: the installed one)");
  calendar->require_subcommand(1);

  auto load = [options]() -> std::optional<std::pair<BankHolidays, Nation>> {
    std::string dir = (options->workflows_dir.empty() ? DefaultWorkflowsDir() : options->workflows_dir) + "/calendars";
    Result<Nation> nation = ParseNation(options->nation);
    if (!nation.ok()) {
      Fail(nation.status().message());
      return std::nullopt;
    }
    Result<BankHolidays> holidays = BankHolidays::LoadDirectory(dir);
    if (!holidays.ok()) {
      Fail(holidays.status().message());
      return std::nullopt;
    }
    return std::make_pair(std::move(holidays).value(), *nation);
  };

  CLI::App* add = calendar->add_subcommand("add", "Print the Nth working day after DATE (DATE not counted)");
  add->add_option("DATE", options->date, "YYYY-MM-DD")->required();
  add->add_option("N", options->days, "Working days (negative counts back)")->required();
  add->callback([options, load, &exit_code] {
    std::optional<std::pair<BankHolidays, Nation>> loaded = load();
    if (!loaded) return void(exit_code = 1);
    Result<Date> date = Date::Parse(options->date);
    if (!date.ok()) return void(exit_code = Fail(date.status().message()));
    Result<WorkingCalendar> working = WorkingCalendar::Create(loaded->first, loaded->second);
    if (!working.ok()) return void(exit_code = Fail(working.status().message()));
    Result<Date> result = working->AddWorkingDays(*date, options->days);
    if (!result.ok()) return void(exit_code = Fail(result.status().message()));
    std::cout << result->ToString() << "\n";
    exit_code = 0;
  });

  CLI::App* holidays = calendar->add_subcommand("holidays", "List the bank holidays of YEAR");
  holidays->add_option("YEAR", options->year, "e.g. 2026")->required();
  holidays->callback([options, load, &exit_code] {
    std::optional<std::pair<BankHolidays, Nation>> loaded = load();
    if (!loaded) return void(exit_code = 1);
    if (options->year < loaded->first.first_year() || options->year > loaded->first.last_year()) {
      exit_code = Fail("bank holidays are known for " + std::to_string(loaded->first.first_year()) + "-" +
                       std::to_string(loaded->first.last_year()) + " only");
      return;
    }
    for (const BankHoliday& holiday : loaded->first.InYear(loaded->second, options->year)) {
      std::cout << holiday.date.ToString() << "  " << holiday.name << "\n";
    }
    exit_code = 0;
  });
}

}  // namespace scr::cli
