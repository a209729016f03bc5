// What the read side hands the work lists and the board's exports: the open work of a board that is
// overdue or soon due, whoever owns it (GET /work), and the board's reviews as its dashboard lists them
// (the CSV and workbook exports). Plain value types; ReviewQueries (review_queries.h) builds them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/model.h"

namespace scr {

enum class WorkKind { kCheckpoint, kInformationRequest, kAction, kFollowUp, kDecision };
const char* WorkKindName(WorkKind kind);  // checkpoint, information_request, action, follow_up, decision

// What stops a work item being done now, in the shapes of a refused event's blockers: another step not
// yet done ("checkpoint": `key`, `title`), a parallel process holding it ("hold": `process`, its
// `process_kind`, and what it `holds`), or the review's pause ("paused": `since`, `reason`; its deadlines
// move on by the paused working days when it resumes).
struct WorkBlocker {
  std::string kind;  // checkpoint | hold | paused
  std::string key;
  std::string title;
  int64_t process = 0;
  std::string process_kind;
  std::string holds;  // publication
  std::string since;   // paused: the moment the review was paused
  std::string reason;  // paused: why
};

// One open item of a review that somebody must do: a checkpoint, an agency's information request, an
// improvement action, a follow-up check of an action, or a decision the review's phase waits for.
struct WorkItem {
  ReviewId review = 0;
  std::string review_title;
  WorkKind kind = WorkKind::kCheckpoint;
  std::string key;  // the checkpoint's key; "information_request/12", "action/5", "follow_up/7"; the decision's event
  std::string title;
  Date due;
  int working_days_left = 0;  // negative once the due day has passed
  std::string status;         // overdue, due_soon, pending; open, not_started, in_progress (requests, actions)
  Role owner_role = Role::kBusinessUnit;
  std::string owner_agency;  // the agency an information request is addressed to, or that owns the action
  std::vector<WorkBlocker> blocked_by;
};

struct WorkFilter {
  int within_working_days = 10;             // due up to this many working days from today, or overdue
  std::optional<Role> role;                 // only the work this role owns; every role's when absent
  std::optional<std::string> agency_scope;  // AgencyScope (access.h): only that agency's actions and requests
};

// The board's work, the most urgent first (overdue first, the oldest due first; then by due date).
struct WorkList {
  Date today;
  std::vector<WorkItem> items;
};

// The reviews the exports list, as the dashboard filters them.
struct ReviewListFilter {
  std::optional<Phase> phase;
  std::optional<bool> overdue;
  std::string search;           // part of the title or the reference (e.g. "SCR-12" or "12"), any case
  bool include_closed = false;  // closed and not-proceeding reviews too
};

// A review as the board's papers list it: its summary and the dates of its decision and publication.
struct ReviewListing {
  ReviewSummary summary;
  std::optional<Date> decided_on;    // the first decide_to_review or decide_not_to_review
  std::optional<Date> published_on;  // the day it was published
};

// Every review that passes the filter, the most urgent first (the most overdue work, then the nearest
// deadline; reviews with nothing dated last), and today in the board's time zone.
struct ReviewListings {
  Date today;
  std::vector<ReviewListing> items;
};

}  // namespace scr
