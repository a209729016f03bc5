// The self-assessment as a page to print (GET /reviews/{id}/self-assessment/report): the board's name, the
// date printed and the protective marking at the top and bottom of every page with its number ("Page 2 of
// 13", CSS @page margin boxes); answered questions with their answer, note, evidence and author, unanswered
// ones listed compactly under their marker; the gaps and the delay register.
#include "problem.h"
#include "routes.h"

namespace scr {
namespace {

std::string Escape(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

// A CSS string's content: quotes and backslashes escaped, nothing that ends the style element.
std::string CssString(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '"' || c == '\\') escaped += '\\';
    if (c == '<' || c == '>') continue;
    escaped += c;
  }
  return escaped;
}

const char* AnswerWords(const std::string& answer) {
  if (answer == "yes") return "Yes";
  if (answer == "partly") return "Partly";
  if (answer == "no") return "No";
  if (answer == "not_applicable") return "Not applicable";
  return "Not answered";
}

std::string Style(const std::string& board, const std::string& marking) {
  std::string top = CssString(marking), name = CssString(board);
  return "<style>body{font-family:system-ui,sans-serif;color:#111;margin:2rem;max-width:60rem}"
         "table{border-collapse:collapse;width:100%;margin-bottom:1rem}th,td{border:1px solid "
         "#555;padding:.3rem .5rem;"
         "text-align:left;vertical-align:top}th{background:#eee}.gap{font-weight:bold}"
         ".marking{text-align:center;font-weight:bold;letter-spacing:.05em}.unanswered{font-size:.9em}"
         ".unanswered li{margin:0}"
         "@page{size:A4;margin:18mm 14mm;"
         "@top-center{content:\"" +
         top +
         "\";font-weight:bold}"
         "@top-left{content:\"" +
         name +
         "\";font-size:9pt}"
         "@bottom-center{content:\"" +
         top +
         "\";font-weight:bold}"
         "@bottom-right{content:\"Page \" counter(page) \" of \" counter(pages);font-size:9pt}}"
         "@media print{body{margin:0;max-width:none}.marking{display:none}tr{break-inside:avoid}"
         "h2{break-after:avoid}}</style>";
}

// One marker: its answered questions in a table, its unanswered ones in a short list.
std::string MarkerSection(const SelfAssessmentMarker& marker, std::string& gaps) {
  std::string rows, unanswered;
  for (const SelfAssessmentQuestion& question : marker.questions) {
    if (question.answers.empty()) {
      unanswered += "<li>" + Escape(question.text) + "</li>";
      continue;
    }
    const SelfAssessmentAnswer& current = question.answers.back();
    bool gap = current.answer != "yes" && current.answer != "not_applicable";
    rows += "<tr><td>" + Escape(question.text) + "</td><td" + (gap ? " class=\"gap\"" : "") + ">" +
            AnswerWords(current.answer);
    if (question.answers.size() > 1) {
      rows += "<br><small>earlier:";
      for (size_t i = 0; i + 1 < question.answers.size(); ++i) {
        rows += " " + std::string(AnswerWords(question.answers[i].answer)) + " (" +
                question.answers[i].stage + ")";
      }
      rows += "</small>";
    }
    rows += "</td><td>" + Escape(current.note) +
            (current.evidence.empty() ? "" : "<br>Evidence: " + Escape(current.evidence)) + "</td><td>" +
            Escape(current.answered_by) + "<br>" + Escape(current.answered_at) + "<br>" + current.stage +
            "</td></tr>\n";
    if (gap) {
      gaps += "<li>QM" + std::to_string(marker.number) + ": " + Escape(question.text) + " (" +
              AnswerWords(current.answer) + ")</li>\n";
    }
  }
  std::string html = "<h2>Quality Marker " + std::to_string(marker.number) + ": " + Escape(marker.name) +
                     "</h2>\n<p>" + Escape(marker.statement) + "</p>\n";
  if (!rows.empty()) {
    html +=
        "<table><thead><tr><th scope=\"col\">Question</th><th scope=\"col\">Answer</th><th "
        "scope=\"col\">Note and "
        "evidence</th><th scope=\"col\">By, when, stage</th></tr></thead><tbody>\n" +
        rows + "</tbody></table>\n";
  }
  if (!unanswered.empty())
    html += "<p class=\"unanswered\">Not answered yet:</p><ul class=\"unanswered\">" + unanswered + "</ul>\n";
  return html;
}

std::string DelayRegister(const ReviewView& view) {
  if (view.delays.empty()) return "<h2>Delay register</h2>\n<p>No deadline has been moved.</p>\n";
  std::string html =
      "<h2>Delay register</h2>\n<table><thead><tr><th scope=\"col\">What</th><th scope=\"col\">Was due"
      "</th><th scope=\"col\">Now due</th><th scope=\"col\">Why</th><th scope=\"col\">Recorded</th></tr>"
      "</thead><tbody>\n";
  for (const Delay& delay : view.delays) {
    html += "<tr><td>" + Escape(delay.checkpoint) + "</td><td>" + delay.previous_due.ToString() +
            "</td><td>" + delay.new_due.ToString() + "</td><td>" + Escape(delay.reason) + "</td><td>" +
            Escape(delay.recorded_by) + ", " + Escape(delay.recorded_at) + "</td></tr>\n";
  }
  return html + "</tbody></table>\n";
}

}  // namespace

void PrintSelfAssessmentReport(ApiContext& api, RequestContext& context) {
  std::optional<int64_t> review = PathNumber(context, 1);
  if (!review) return;
  auto queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  auto assessment = (*queries)->GetSelfAssessment(context.actor.board_id, *review);
  if (!assessment.ok()) return WriteProblem(context.response, assessment.status());
  auto view = (*queries)->GetReview(context.actor.board_id, *review);
  if (!view.ok()) return WriteProblem(context.response, view.status());
  auto board = (*queries)->GetBoard(context.actor.board_id);
  if (!board.ok()) return WriteProblem(context.response, board.status());
  const std::string& marking = api.options.protective_marking;
  std::string printed = FormatInstant(api.options.clock->Now()).substr(0, 10);

  int answered = 0, total = 0;
  for (const SelfAssessmentMarker& marker : assessment->markers) {
    for (const SelfAssessmentQuestion& question : marker.questions) {
      ++total;
      answered += question.answers.empty() ? 0 : 1;
    }
  }
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Quality Marker "
      "self-assessment: " +
      Escape(assessment->title) + "</title>" + Style(board->name, marking) + "</head><body>\n";
  if (!marking.empty()) html += "<p class=\"marking\">" + Escape(marking) + "</p>\n";
  html += "<h1>Quality Marker self-assessment</h1>\n<p>" + Escape(board->name) + ". Review " +
          std::to_string(assessment->review) + ": " + Escape(assessment->title) + " (" +
          Escape(assessment->workflow) + "), now in phase " + PhaseName(assessment->phase) + ". Printed " +
          printed + ". " + std::to_string(answered) + " of " + std::to_string(total) +
          " questions answered.</p>\n";
  std::string gaps;
  for (const SelfAssessmentMarker& marker : assessment->markers) html += MarkerSection(marker, gaps);
  html += "<h2>Gaps</h2>\n" +
          (gaps.empty() ? std::string("<p>No answer is no or partly.</p>\n") : "<ul>\n" + gaps + "</ul>\n");
  if (answered < total)
    html += "<p>" + std::to_string(total - answered) + " questions are not answered yet.</p>\n";
  html += DelayRegister(*view);
  if (!marking.empty()) html += "<p class=\"marking\">" + Escape(marking) + "</p>\n";
  html += "</body></html>\n";
  context.response.status = 200;
  context.response.set_content(html, "text/html; charset=utf-8");
}

}  // namespace scr
