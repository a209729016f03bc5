// Plain value types of the domain, as the engine hands them to its callers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/calendar.h"
#include "engine/date.h"
#include "engine/lifecycle.h"
#include "engine/roles.h"

namespace scr {

using BoardId = int64_t;
using ReviewId = int64_t;
using UserId = int64_t;

struct Board {
  BoardId id = 0;
  std::string name;
  Nation nation = Nation::kEnglandAndWales;
  std::string time_zone = "Europe/London";
};

struct User {
  UserId id = 0;
  BoardId board_id = 0;
  Role role = Role::kViewer;
  std::string name;
  std::string email;
};

// Who is acting: every command and every read is attributed to one.
struct Actor {
  BoardId board_id = 0;
  Role role = Role::kViewer;
  std::string name;               // the user's name, or "token N" for a token without a user
  std::optional<UserId> user_id;
};

// What the business unit records when a case is referred (QM1). Titles carry no names.
struct Referral {
  std::string workflow;
  std::string title;
  Date incident_date;
  Date referral_date;
  std::string rationale;
  bool statutory_criteria_met = false;
  bool child_died = false;
  bool family_lived_elsewhere = false;
  std::string late_referral_reason;  // why the referral came late, when it did
};

enum class CheckpointStatus { kPending, kDueSoon, kOverdue, kDone, kWaived };
const char* CheckpointStatusName(CheckpointStatus status);

struct CheckpointView {
  std::string key;
  std::string title;
  int marker = 0;
  Phase phase = Phase::kDecisionPending;
  Role owner_role = Role::kBusinessUnit;
  std::string due_rule;
  std::optional<Date> due;
  CheckpointStatus status = CheckpointStatus::kPending;
  std::vector<LifecycleEvent> blocks;
  std::optional<std::string> closed_at;
  std::optional<std::string> closed_by;
  std::string note;      // completion note, or the reason it was waived
  std::string evidence;
};

struct ParallelProcess {
  int64_t id = 0;
  ReviewId review_id = 0;
  std::string kind;
  std::string status = "active";  // active | concluded
  bool holds_publication = false;
  std::string owner;
  std::string notes;
  std::string created_at;
  std::string updated_at;
};
// criminal_investigation, inquest, ... (DOMAIN.md, QM9)
const std::vector<std::string>& ParallelProcessKinds();

// A member of the child's family and their involvement in the review (QM4, QM12): personal data, shown
// only to admins, the business unit and the lead reviewer, and never sent anywhere.
struct FamilyMember {
  int64_t id = 0;
  std::string name;
  std::string relationship;  // to the child, e.g. mother
  std::optional<Date> date_of_birth;
  std::string involvement;  // involved, declined, not_approached, deferred
  std::string reason;       // why not involved
  std::string support_needs;
  std::string recorded_by;
  std::string created_at;
};

// An entry of the documents register (the disclosable-material index): metadata only.
struct Document {
  int64_t id = 0;
  std::string title;
  std::string kind;
  std::string owner_body;
  std::string held_by;
  Date document_date;
  std::string disclosure_status;  // not_assessed, disclosable, not_disclosable, disclosed
  std::string notes;
  std::string recorded_by;
  std::string created_at;
  std::string updated_at;
};

// Information asked of an agency (QM5). status: open, overdue (open past its due day), received, declined.
struct InformationRequest {
  int64_t id = 0;
  ReviewId review_id = 0;
  std::string agency;
  std::string request;
  Date requested_on;
  Date due;
  std::string status;
  std::optional<Date> answered_on;
  std::string reason;  // why the agency declined
  std::string recorded_by;
  std::string created_at;
  std::string updated_at;
};

struct Delay {
  std::string checkpoint;
  Date previous_due;
  Date new_due;
  std::string reason;
  std::string recorded_by;
  std::string recorded_at;
};

struct ReviewSummary {
  ReviewId id = 0;
  BoardId board_id = 0;
  std::string workflow;
  std::string title;
  Phase phase = Phase::kDecisionPending;
  Date referral_date;
  std::optional<Date> next_due;
  int overdue_count = 0;
};

struct ReviewView {
  ReviewSummary summary;
  Referral referral;
  std::vector<LifecycleEvent> allowed_events;
  std::vector<CheckpointView> checkpoints;
  std::vector<ParallelProcess> parallel_processes;
  std::vector<Delay> delays;
  std::string created_at;
  std::string updated_at;
};

// An alert the scheduler fired: a reminder, an overdue checkpoint, an escalation, or a moved deadline.
struct Alert {
  int64_t id = 0;
  ReviewId review = 0;
  std::string checkpoint;
  std::string kind;            // reminder | overdue | escalation | deadline_extended
  int level = 0;
  std::string recipient_role;
  std::string due;
  std::string scheduled_for;
  std::string fired_at;
  int64_t fired_late_by_s = 0;
  std::string status;          // open | acknowledged | resolved
  std::string acknowledged_by;
  std::string acknowledged_at;
};

struct AlertFilter {
  std::optional<std::string> status;
  std::optional<ReviewId> review;
  std::optional<int> level;
  std::optional<Role> role;
  std::optional<int64_t> after;  // the cursor
  int limit = 50;
};

// One entry of a review's append-only history.
struct HistoryEvent {
  int64_t seq = 0;
  std::string at;      // RFC 3339
  std::string actor;
  std::string event;   // referred, decide_to_review, checkpoint_completed, ...
  std::string reason;
  std::string data;    // JSON object as text
  std::string hash;    // hex SHA-256 over this event and the previous event's hash
};

}  // namespace scr
