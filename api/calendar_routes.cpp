// GET /api/v1/calendar.ics: every open deadline of the caller's board as an RFC 5545 calendar, for Outlook
// or Google Calendar to subscribe to (the token may be given as ?token=, as calendar programs fetch by URL
// alone). Each deadline keeps its UID when it moves, so a subscribed calendar moves the event. Family
// details are never in it.
#include <algorithm>
#include <chrono>

#include "problem.h"
#include "routes.h"

namespace scr {
namespace {

const std::vector<Role> kReaders = {Role::kAdmin, Role::kBusinessUnit, Role::kChair, Role::kLeadReviewer, Role::kViewer};

// TEXT values escape backslash, semicolon, comma and newline (RFC 5545, 3.3.11).
std::string Escape(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '\\' || c == ';' || c == ',') escaped += '\\';
    if (c == '\n') {
      escaped += "\\n";
      continue;
    }
    if (c == '\r') continue;
    escaped += c;
  }
  return escaped;
}

// A content line folded at 75 octets (continuation lines begin with a space), without splitting a UTF-8
// character, ended by CRLF.
void AddLine(std::string& out, const std::string& line) {
  size_t start = 0, limit = 75;
  while (line.size() - start > limit) {
    size_t cut = start + limit;
    while (cut > start && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // not mid-character
    out += line.substr(start, cut - start) + "\r\n ";
    start = cut;
    limit = 74;  // the leading space counts
  }
  out += line.substr(start) + "\r\n";
}

std::string IcsDate(Date date) {
  std::string text = date.ToString();
  return text.substr(0, 4) + text.substr(5, 2) + text.substr(8, 2);
}

struct Deadline {
  std::string uid;
  Date due;
  std::string summary;
  std::string description;
};

void AddEvent(std::string& out, const Deadline& deadline, const std::string& stamp) {
  AddLine(out, "BEGIN:VEVENT");
  AddLine(out, "UID:" + deadline.uid);
  AddLine(out, "DTSTAMP:" + stamp);
  AddLine(out, "DTSTART;VALUE=DATE:" + IcsDate(deadline.due));
  AddLine(out, "DTEND;VALUE=DATE:" + IcsDate(deadline.due.AddDays(1)));
  AddLine(out, "SUMMARY:" + Escape(deadline.summary));
  AddLine(out, "DESCRIPTION:" + Escape(deadline.description));
  AddLine(out, "TRANSP:TRANSPARENT");
  AddLine(out, "END:VEVENT");
}

void GetCalendar(ApiContext& api, RequestContext& context) {
  auto queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  BoardId board = context.actor.board_id;
  std::string base = PublicBase(api, context.request);
  std::vector<Deadline> deadlines;
  ReviewFilter filter;
  filter.limit = 200;
  for (;;) {
    auto page = (*queries)->ListReviews(board, filter);
    if (!page.ok()) return WriteProblem(context.response, page.status());
    for (const ReviewSummary& summary : page->items) {
      if (IsEndPhase(summary.phase)) continue;
      auto review = (*queries)->GetReview(board, summary.id);
      if (!review.ok()) return WriteProblem(context.response, review.status());
      std::string name = summary.title + " (review " + std::to_string(summary.id) + ")";
      std::string link = base + "/reviews/" + std::to_string(summary.id);
      for (const CheckpointView& checkpoint : review->checkpoints) {
        if (!checkpoint.due || checkpoint.status == CheckpointStatus::kDone ||
            checkpoint.status == CheckpointStatus::kWaived) {
          continue;
        }
        std::string marker = checkpoint.marker > 0 ? "Quality Marker " + std::to_string(checkpoint.marker) + ". " : "";
        deadlines.push_back({"review-" + std::to_string(summary.id) + "-checkpoint-" + checkpoint.key + "@scr-tracker",
                             *checkpoint.due, "Due: " + checkpoint.title + " - " + name,
                             marker + "Owner: " + RoleName(checkpoint.owner_role) + ". " + link});
      }
      auto requests = (*queries)->InformationRequests(board, summary.id, AgencyScope(context.actor));
      if (!requests.ok()) return WriteProblem(context.response, requests.status());
      for (const InformationRequest& request : *requests) {
        if (request.status != "open" && request.status != "overdue") continue;
        deadlines.push_back({"review-" + std::to_string(summary.id) + "-information-request-" +
                                 std::to_string(request.id) + "@scr-tracker",
                             request.due, "Information due from " + request.agency + " - " + name,
                             (request.marker > 0 ? "Quality Marker " + std::to_string(request.marker) + ". " : "") +
                                 "Asked on " + request.requested_on.ToString() + ". " + link});
      }
    }
    if (!page->next_cursor) break;
    filter.after = page->next_cursor;
  }
  auto found = (*queries)->GetBoard(board);
  std::string board_name = found.ok() ? found->name : "Safeguarding board";
  std::string stamp = FormatInstant(api.options.clock->Now());
  stamp.erase(std::remove(stamp.begin(), stamp.end(), '-'), stamp.end());
  stamp.erase(std::remove(stamp.begin(), stamp.end(), ':'), stamp.end());  // 20261122T093000Z
  std::string ics;
  AddLine(ics, "BEGIN:VCALENDAR");
  AddLine(ics, "VERSION:2.0");
  AddLine(ics, "PRODID:-//scr-tracker//Serious Case Review deadlines//EN");
  AddLine(ics, "CALSCALE:GREGORIAN");
  AddLine(ics, "METHOD:PUBLISH");
  AddLine(ics, "X-WR-CALNAME:" + Escape(board_name + " - review deadlines"));
  for (const Deadline& deadline : deadlines) AddEvent(ics, deadline, stamp);
  AddLine(ics, "END:VCALENDAR");
  context.response.status = 200;
  context.response.set_content(ics, "text/calendar; charset=utf-8");
}

}  // namespace

std::vector<Route> CalendarRoutes(ApiContext& api) {
  return {
      {"GET", "/api/v1/calendar.ics", true, kReaders, [&api](RequestContext& context) { GetCalendar(api, context); },
       /*token_in_query=*/true},
  };
}

}  // namespace scr
