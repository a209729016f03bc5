// Small helpers for scr-bench: timing, memory, progress, the result line.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace scr::bench {

using Seconds = std::chrono::duration<double>;

class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  double seconds() const { return Seconds(std::chrono::steady_clock::now() - start_).count(); }

 private:
  std::chrono::steady_clock::time_point start_;
};

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

}  // namespace scr::bench
