// The boards: each one's name, nation and time zone (its working calendar), and the list of them. An
// interface; its SQLite implementation is sqlite/board_store.h. Used on one thread (the caller's
// connection), inside the caller's transaction; a storage failure throws (std::exception).
#pragma once

#include <optional>
#include <vector>

#include "engine/model.h"
#include "engine/status.h"

namespace scr {

// A board as stored; `board.nation` is only meaningful when `nation` is ok (the stored name is known).
struct StoredBoard {
  Board board;
  Status nation;
};

class BoardStore {
 public:
  virtual ~BoardStore() = default;

  virtual std::optional<StoredBoard> ReadBoard(BoardId board) = 0;
  virtual std::vector<BoardId> ReadBoardIds() = 0;
};

}  // namespace scr
