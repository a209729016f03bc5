// Helpers shared by the tests: temporary folders, the project's workflows and bank holidays.
#pragma once

#include <chrono>
#include <thread>

#include <string>

#include "engine/calendar.h"
#include "engine/workflow.h"

namespace scr::test {

// A fresh folder under the system's temp dir, removed (with its content) when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

std::string WorkflowsDir();  // the project's workflows/
const BankHolidays& ProjectBankHolidays();
const WorkflowRegistry& ProjectWorkflows();
// The number a counting query (SELECT COUNT(*) ...) gives on the database file, read through a
// read-only connection of its own (WAL lets it read beside a running service).
long long CountRows(const std::string& database, const std::string& sql);
// Polls `condition` every few milliseconds until it holds; false if `limit` passes first.
template <typename Condition>
bool WaitFor(Condition condition, std::chrono::seconds limit = std::chrono::seconds(60)) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}
// A loopback port nobody listens on now (the kernel's choice for a socket bound to port 0, then closed).
int FreePort();
// Writes `content` to `path`.
void WriteFile(const std::string& path, const std::string& content);
// A self-signed certificate for 127.0.0.1 and localhost (openssl CLI), valid for two days: PEM files
// `cert` and `key` (unencrypted). Also the CA a client trusts to reach a server using it.
void MakeSelfSignedCertificate(const std::string& cert, const std::string& key);

}  // namespace scr::test
