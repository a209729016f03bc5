// Small helpers for scr-bench: timing, memory, progress, the result line.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace scr::bench {

using Seconds = std::chrono::duration<double>;

class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  double seconds() const { return Seconds(std::chrono::steady_clock::now() - start_).count(); }

 private:
  std::chrono::steady_clock::time_point start_;
};

struct CpuTime {
  double user_s = 0;
  double system_s = 0;
  CpuTime operator-(const CpuTime& other) const { return {user_s - other.user_s, system_s - other.system_s}; }
};
// User and system CPU time this process has used so far.
CpuTime ProcessCpuTime();

// Resident set size of this process, from /proc/self/statm.
int64_t ResidentBytes();
// Bytes the C heap has handed out and not had back (mallinfo2), a steadier measure than RSS.
int64_t HeapBytesInUse();

// A temporary folder for the benchmark's database unless --db was given; removed afterwards.
class Workspace {
 public:
  explicit Workspace(const std::string& database_path);
  ~Workspace();
  const std::string& database_path() const { return database_path_; }

 private:
  std::string folder_;
  std::string database_path_;
};

// What `scr-bench open-probe` measured when it reopened a database in a fresh process, so that memory
// the benchmark itself allocated cannot hide in, or inflate, the figure.
struct Reopen {
  double seconds = 0;
  int64_t rss_growth = 0;
  size_t open_reviews = 0;
  size_t pending_alerts = 0;
  std::string next_alert;
};

// Reopens `database_path` `runs` times, each in a fresh process (at `now` on a simulated clock, unless
// empty), and returns the run of median time.
Reopen MedianReopen(const std::string& database_path, const std::string& workflows_dir, const std::string& now,
                    int runs);

}  // namespace scr::bench
