#include "support/test_support.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace scr::test {
namespace {
// The engine's info lines would drown the test report; warnings and errors still show.
const bool kQuietLogs = [] {
  spdlog::set_level(spdlog::level::warn);
  return true;
}();
}  // namespace

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "scr-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary folder");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string WorkflowsDir() { return std::string(SCR_SOURCE_DIR) + "/workflows"; }

const BankHolidays& ProjectBankHolidays() {
  static const BankHolidays holidays = [] {
    Result<BankHolidays> loaded = BankHolidays::LoadDirectory(WorkflowsDir() + "/calendars");
    if (!loaded.ok()) throw std::runtime_error(loaded.status().message());
    return loaded.value();
  }();
  return holidays;
}

const WorkflowRegistry& ProjectWorkflows() {
  static const WorkflowRegistry registry = [] {
    std::vector<std::string> errors;
    Result<std::vector<WorkflowDefinition>> loaded = WorkflowLoader::LoadDirectory(WorkflowsDir(), &errors);
    if (!loaded.ok()) throw std::runtime_error(loaded.status().message());
    return WorkflowRegistry(std::move(loaded).value());
  }();
  return registry;
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path);
}

void MakeSelfSignedCertificate(const std::string& cert, const std::string& key) {
  std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -addext "
                        "subjectAltName=IP:127.0.0.1,DNS:localhost -keyout '" + key + "' -out '" + cert +
                        "' >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0) {
    throw std::runtime_error("openssl could not make a test certificate; is the openssl package installed?");
  }
}

long long CountRows(const std::string& database, const std::string& sql) {
  SQLite::Database connection(database, SQLite::OPEN_READONLY);
  return connection.execAndGet(sql).getInt64();
}

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

}  // namespace scr::test
