// The JSON of the reviews read lately, each kept with the version it shows (ReviewVersion): a read of a
// review that has not changed since, on the same day, is answered from here instead of reading and writing
// the whole review again (about 10 KB, the most read answer of the API). Reads still check the version
// first, so a change made by any process is seen at once.
// Thread-safety: every member may be called from any thread.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "engine/model.h"

namespace scr {

class ReviewAnswers {
 public:
  // The answer kept for this review of this board at this version, or null.
  std::shared_ptr<const std::string> Find(BoardId board, ReviewId review, const ReviewVersion& version) const;
  void Keep(BoardId board, ReviewId review, const ReviewVersion& version, std::shared_ptr<const std::string> json);

 private:
  struct Answer {
    BoardId board = 0;
    ReviewVersion version;
    std::shared_ptr<const std::string> json;
  };
  static constexpr size_t kCapacity = 2048;  // reviews; about 10 KB each
  mutable std::mutex mutex_;
  std::unordered_map<ReviewId, Answer> answers_;
};

}  // namespace scr
