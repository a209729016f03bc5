#include "bench_support.h"

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace scr::bench {

CpuTime ProcessCpuTime() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& time) { return static_cast<double>(time.tv_sec) + time.tv_usec / 1e6; };
  return {seconds(usage.ru_utime), seconds(usage.ru_stime)};
}

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

namespace {

Reopen ReopenInFreshProcess(const std::string& database_path, const std::string& workflows_dir, const std::string& now) {
  std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  std::string command = "'" + self + "' --workflows '" + workflows_dir + "' open-probe --db '" + database_path + "'";
  if (!now.empty()) command += " --now '" + now + "'";
  Reopen reopen;
  FILE* probe = popen(command.c_str(), "r");
  if (!probe) return reopen;
  std::string output;
  char buffer[512];
  while (fgets(buffer, sizeof buffer, probe)) output += buffer;
  pclose(probe);
  nlohmann::json figures = nlohmann::json::parse(output, nullptr, false);
  if (figures.is_discarded()) return reopen;
  reopen.seconds = figures.value("open_s", 0.0);
  reopen.rss_growth = figures.value("rss_growth_bytes", int64_t{0});
  reopen.open_reviews = figures.value("open_reviews", size_t{0});
  reopen.pending_alerts = figures.value("pending_alerts", size_t{0});
  reopen.next_alert = figures.value("next_alert", "");
  return reopen;
}

}  // namespace

Reopen MedianReopen(const std::string& database_path, const std::string& workflows_dir, const std::string& now,
                    int runs) {
  std::vector<Reopen> reopens;
  for (int run = 0; run < runs; ++run) reopens.push_back(ReopenInFreshProcess(database_path, workflows_dir, now));
  std::sort(reopens.begin(), reopens.end(), [](const Reopen& a, const Reopen& b) { return a.seconds < b.seconds; });
  return reopens[reopens.size() / 2];
}

}  // namespace scr::bench
