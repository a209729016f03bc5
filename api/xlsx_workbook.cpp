// The reviews as a real .xlsx workbook, written by libxlsxwriter into a private temporary folder (mode
// 0700, removed before returning, whatever happens), then read back into memory.
#include <stdlib.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "review_export.h"

namespace scr {
namespace {

// A folder only this process may read, removed with everything in it when the guard goes.
class PrivateFolder {
 public:
  PrivateFolder() {
    std::error_code error;
    std::string pattern = (std::filesystem::temp_directory_path(error) / "scr-export-XXXXXX").string();
    if (error) pattern = "/tmp/scr-export-XXXXXX";
    if (::mkdtemp(pattern.data())) path_ = pattern;
  }
  ~PrivateFolder() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  PrivateFolder(const PrivateFolder&) = delete;
  PrivateFolder& operator=(const PrivateFolder&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;  // empty when it could not be made
};

Status WorkbookError(const std::string& what, lxw_error error) {
  return Status::Storage("could not write the workbook (" + what + "): " + lxw_strerror(error));
}

void WriteCell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const ExportCell& cell, lxw_format* date_format,
               lxw_error* error) {
  lxw_error written = LXW_NO_ERROR;
  switch (cell.type) {
    case ExportCell::Type::kEmpty: return;
    case ExportCell::Type::kText: written = worksheet_write_string(sheet, row, column, cell.text.c_str(), nullptr); break;
    case ExportCell::Type::kNumber:
      written = worksheet_write_number(sheet, row, column, static_cast<double>(cell.number), nullptr);
      break;
    case ExportCell::Type::kDate: {
      lxw_datetime date{cell.date.year(), static_cast<int>(cell.date.month()), static_cast<int>(cell.date.day()), 0, 0, 0};
      written = worksheet_write_datetime(sheet, row, column, &date, date_format);
      break;
    }
  }
  if (written != LXW_NO_ERROR && *error == LXW_NO_ERROR) *error = written;
}

}  // namespace

Result<std::string> ReviewsWorkbook(const ReviewListings& reviews, const WorkflowRegistry& workflows) {
  PrivateFolder folder;
  if (folder.path().empty()) return Status::Storage("could not make a private temporary folder for the workbook");
  std::string file = folder.path() + "/reviews.xlsx";
  std::string temporary = folder.path();  // libxlsxwriter's own working files go there too
  lxw_workbook_options options{};
  options.tmpdir = temporary.data();
  lxw_workbook* workbook = workbook_new_opt(file.c_str(), &options);
  if (!workbook) return Status::Storage("could not start the workbook");
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Reviews");
  lxw_format* header = workbook_add_format(workbook);
  format_set_bold(header);
  format_set_text_wrap(header);
  lxw_format* date_format = workbook_add_format(workbook);
  format_set_num_format(date_format, "yyyy-mm-dd");

  const std::vector<ExportColumn>& columns = ReviewExportColumns();
  lxw_error error = LXW_NO_ERROR;
  for (size_t i = 0; i < columns.size(); ++i) {
    lxw_col_t column = static_cast<lxw_col_t>(i);
    worksheet_set_column(sheet, column, column, columns[i].width, nullptr);
    lxw_error written = worksheet_write_string(sheet, 0, column, columns[i].name, header);
    if (written != LXW_NO_ERROR && error == LXW_NO_ERROR) error = written;
  }
  lxw_row_t row = 1;
  for (const ReviewListing& review : reviews.items) {
    ExportRow values{review, reviews.today, workflows};
    for (size_t i = 0; i < columns.size(); ++i) {
      WriteCell(sheet, row, static_cast<lxw_col_t>(i), columns[i].cell(values), date_format, &error);
    }
    ++row;
  }
  worksheet_freeze_panes(sheet, 1, 0);
  worksheet_autofilter(sheet, 0, 0, row - 1, static_cast<lxw_col_t>(columns.size() - 1));
  lxw_error closed = workbook_close(workbook);  // writes the file and frees the workbook
  if (error != LXW_NO_ERROR) return WorkbookError("a cell", error);
  if (closed != LXW_NO_ERROR) return WorkbookError("the file", closed);
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return Status::Storage("could not read the workbook back");
  return bytes.str();
}

}  // namespace scr
