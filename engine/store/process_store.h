// What the commands keep of a review's parallel processes (QM9): police investigations, inquests and the
// like, and what each holds back while active. Used on one thread (the caller's connection), inside the
// caller's transaction; a storage failure throws (std::exception), a lookup that misses gives nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/ids.h"
#include "engine/model.h"

namespace scr {

class ProcessStore {
 public:
  virtual ~ProcessStore() = default;

  // Stores `process` (review_id, kind, status, holds, holds_publication, owner, notes), created and
  // updated `at`; its id.
  virtual int64_t InsertProcess(const ParallelProcess& process, const std::string& at) = 0;
  // The process's status, holds, owner, notes and kind.
  virtual std::optional<ParallelProcess> ReadProcess(ReviewId review, int64_t process) = 0;
  // Stores `process`'s (process.id) status, holds, holds_publication, owner and notes.
  virtual void UpdateProcess(const ParallelProcess& process, const std::string& at) = 0;
};

}  // namespace scr
