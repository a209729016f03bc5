// CSV as the board's spreadsheets open it: RFC 4180 cells, safe against formula injection.
#pragma once

#include <string>

namespace scr {

// One CSV cell as RFC 4180 writes it (quoted when it holds a comma, a quote or a line break), made safe to
// open in a spreadsheet: text that would run as a formula (beginning with = + - @, a tab or a carriage
// return) gets a leading apostrophe.
std::string CsvCell(const std::string& text);

}  // namespace scr
