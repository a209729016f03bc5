// Helpers shared by the tests: temporary folders, the project's workflows and bank holidays.
#pragma once

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
// A loopback port nobody listens on now (the kernel's choice for a socket bound to port 0, then closed).
int FreePort();
// Writes `content` to `path`.
void WriteFile(const std::string& path, const std::string& content);

}  // namespace scr::test
