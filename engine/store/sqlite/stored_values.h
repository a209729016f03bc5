// Values as the SQLite stores read them from a column: dates stored as text. Free functions, no state.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <string>

#include "engine/date.h"

namespace scr {

// A date as stored; the empty date for a damaged one.
inline Date ParseStoredDate(const std::string& text) {
  Result<Date> date = Date::Parse(text);
  return date.ok() ? *date : Date();
}

// A date column that may be NULL.
inline std::optional<Date> OptionalStoredDate(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return ParseStoredDate(column.getString());
}

}  // namespace scr
