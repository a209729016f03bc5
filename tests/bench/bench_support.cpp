#include "bench_support.h"

#include <malloc.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace scr::bench {

int64_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  int64_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

int64_t HeapBytesInUse() { return static_cast<int64_t>(mallinfo2().uordblks); }

Workspace::Workspace(const std::string& database_path) {
  if (!database_path.empty()) {
    database_path_ = database_path;
    return;
  }
  std::string pattern = (std::filesystem::temp_directory_path() / "scr-bench-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary folder");
  folder_ = pattern;
  database_path_ = folder_ + "/bench.db";
}

Workspace::~Workspace() {
  if (folder_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove_all(folder_, ignored);
}

}  // namespace scr::bench
