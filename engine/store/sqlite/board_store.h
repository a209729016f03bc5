// BoardStore on SQLite. Not thread-safe: used on the thread that owns `database`, which outlives it.
#pragma once

#include "store/board_store.h"
#include "store/sqlite/database.h"

namespace scr {

class SqliteBoardStore final : public BoardStore {
 public:
  explicit SqliteBoardStore(Database& database) : database_(database) {}

  std::optional<StoredBoard> ReadBoard(BoardId board) override;
  std::vector<BoardId> ReadBoardIds() override;

 private:
  Database& database_;
};

}  // namespace scr
