// The board's reviews as a table for its papers: the columns written once (ReviewExportColumns), used by
// both formats, the CSV file (RFC 4180) and the workbook (.xlsx, xlsx_workbook.cpp). A new column is one
// line of the table. Stateless; safe to call from any thread.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "engine/status.h"
#include "engine/work_list.h"
#include "engine/workflow.h"

namespace scr {

// One cell: text, a whole number, a date, or nothing.
struct ExportCell {
  enum class Type { kEmpty, kText, kNumber, kDate };
  Type type = Type::kEmpty;
  std::string text;
  int64_t number = 0;
  Date date;
};

// What a column reads a review's cell from: the review, today, the review types loaded.
struct ExportRow {
  const ReviewListing& review;
  Date today;
  const WorkflowRegistry& workflows;
};

struct ExportColumn {
  const char* name;
  double width;  // in characters, for the workbook
  std::function<ExportCell(const ExportRow&)> cell;
};

// The columns, in their order.
const std::vector<ExportColumn>& ReviewExportColumns();

// The reviews as CSV: a header row, then one row a review; lines end with CRLF.
std::string ReviewsCsv(const ReviewListings& reviews, const WorkflowRegistry& workflows);
// The reviews as an .xlsx workbook: one sheet with a frozen header row, dates as dates, set column widths.
Result<std::string> ReviewsWorkbook(const ReviewListings& reviews, const WorkflowRegistry& workflows);

}  // namespace scr
