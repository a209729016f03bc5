#include "review_answers.h"

namespace scr {

std::shared_ptr<const std::string> ReviewAnswers::Find(BoardId board, ReviewId review,
                                                       const ReviewVersion& version) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = answers_.find(review);
  if (found == answers_.end() || found->second.board != board || !(found->second.version == version)) return nullptr;
  return found->second.json;
}

void ReviewAnswers::Keep(BoardId board, ReviewId review, const ReviewVersion& version,
                         std::shared_ptr<const std::string> json) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Full: start again rather than track which answer is oldest; the reviews read often are back at once.
  if (answers_.size() >= kCapacity && answers_.find(review) == answers_.end()) answers_.clear();
  answers_[review] = Answer{board, version, std::move(json)};
}

}  // namespace scr
