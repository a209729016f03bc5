#include "review_export.h"

#include <algorithm>

#include "csv.h"
#include "engine/review_references.h"

namespace scr {
namespace {

ExportCell Text(std::string text) { return ExportCell{ExportCell::Type::kText, std::move(text), 0, Date()}; }
ExportCell Number(int64_t number) { return ExportCell{ExportCell::Type::kNumber, "", number, Date()}; }
ExportCell DateCell(const std::optional<Date>& date) {
  if (!date) return ExportCell{};
  return ExportCell{ExportCell::Type::kDate, "", 0, *date};
}

const WorkflowDefinition* WorkflowOf(const ExportRow& row) { return row.workflows.Find(row.review.summary.workflow); }

std::string CellText(const ExportCell& cell) {
  switch (cell.type) {
    case ExportCell::Type::kEmpty: return "";
    case ExportCell::Type::kText: return CsvCell(cell.text);
    case ExportCell::Type::kNumber: return std::to_string(cell.number);
    case ExportCell::Type::kDate: return cell.date.ToString();
  }
  return "";
}

// "panel: CSPRP-1; steis: 2026/123", in the order the keys are listed (ReferenceKeys()).
std::string ReferencesText(const std::map<std::string, std::string>& references) {
  std::string text;
  for (const ReferenceKey& key : ReferenceKeys()) {
    auto reference = references.find(key.key);
    if (reference != references.end()) text += (text.empty() ? "" : "; ") + std::string(key.key) + ": " + reference->second;
  }
  return text;
}

}  // namespace

const std::vector<ExportColumn>& ReviewExportColumns() {
  static const std::vector<ExportColumn> kColumns = {
      {"Id", 6, [](const ExportRow& r) { return Number(r.review.summary.id); }},
      {"Title", 40, [](const ExportRow& r) { return Text(r.review.summary.title); }},
      {"Review type", 30,
       [](const ExportRow& r) {
         const WorkflowDefinition* workflow = WorkflowOf(r);
         return Text(workflow && !workflow->title.empty() ? workflow->title : r.review.summary.workflow);
       }},
      {"Phase", 24,
       [](const ExportRow& r) {
         const WorkflowDefinition* workflow = WorkflowOf(r);
         Phase phase = r.review.summary.phase;
         return Text(workflow && !workflow->Label(phase).label.empty() ? workflow->Label(phase).label : PhaseName(phase));
       }},
      {"Referral date", 13, [](const ExportRow& r) { return DateCell(r.review.summary.referral_date); }},
      {"Decision date", 13, [](const ExportRow& r) { return DateCell(r.review.decided_on); }},
      {"Days since referral", 10, [](const ExportRow& r) { return Number(r.today - r.review.summary.referral_date); }},
      {"Next deadline", 13, [](const ExportRow& r) { return DateCell(r.review.summary.next_due); }},
      {"Overdue", 9, [](const ExportRow& r) { return Number(r.review.summary.overdue_count); }},
      {"Parallel processes", 10, [](const ExportRow& r) { return Number(r.review.summary.active_processes); }},
      {"Holding publication", 11, [](const ExportRow& r) { return Number(r.review.summary.publication_holds); }},
      {"Published", 10, [](const ExportRow& r) { return Text(r.review.published_on ? "yes" : "no"); }},
      {"Published on", 13, [](const ExportRow& r) { return DateCell(r.review.published_on); }},
      {"Timescale due", 13,
       [](const ExportRow& r) {
         const std::optional<Timescale>& timescale = r.review.summary.timescale;
         return timescale ? DateCell(timescale->due) : ExportCell{};
       }},
      {"Timescale", 12,
       [](const ExportRow& r) {
         const std::optional<Timescale>& timescale = r.review.summary.timescale;
         if (!timescale) return ExportCell{};
         std::string status = TimescaleStatusName(timescale->status);
         std::replace(status.begin(), status.end(), '_', ' ');  // "on track", "at risk"
         return Text(timescale->due ? status : "not counting yet");
       }},
      {"Missed steps", 9, [](const ExportRow& r) { return Number(static_cast<int64_t>(r.review.summary.missed.size())); }},
      {"References", 30, [](const ExportRow& r) { return Text(ReferencesText(r.review.summary.references)); }},
  };
  return kColumns;
}

std::string ReviewsCsv(const ReviewListings& reviews, const WorkflowRegistry& workflows) {
  const std::vector<ExportColumn>& columns = ReviewExportColumns();
  std::string csv;
  csv.reserve(128 * (reviews.items.size() + 1));
  for (size_t i = 0; i < columns.size(); ++i) csv += (i ? "," : "") + CsvCell(columns[i].name);
  csv += "\r\n";
  for (const ReviewListing& review : reviews.items) {
    ExportRow row{review, reviews.today, workflows};
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i) csv += ',';
      csv += CellText(columns[i].cell(row));
    }
    csv += "\r\n";
  }
  return csv;
}

}  // namespace scr
