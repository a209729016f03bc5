#include "store/sqlite/board_store.h"

#include "engine/calendar.h"

namespace scr {

std::optional<StoredBoard> SqliteBoardStore::ReadBoard(BoardId board) {
  Database::Statement find = database_.Prepare("SELECT name, nation, time_zone FROM boards WHERE id = ?");
  find->bind(1, board);
  if (!find->executeStep()) return std::nullopt;
  StoredBoard stored;
  stored.board.id = board;
  stored.board.name = find->getColumn(0).getString();
  Result<Nation> nation = ParseNation(find->getColumn(1).getText());
  if (nation.ok()) stored.board.nation = *nation;
  stored.nation = nation.status();
  stored.board.time_zone = find->getColumn(2).getString();
  return stored;
}

std::vector<BoardId> SqliteBoardStore::ReadBoardIds() {
  Database::Statement select = database_.Prepare("SELECT id FROM boards");
  std::vector<BoardId> boards;
  while (select->executeStep()) boards.push_back(select->getColumn(0).getInt64());
  return boards;
}

}  // namespace scr
