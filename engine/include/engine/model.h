// Plain value types of the domain, as the engine hands them to its callers.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/calendar.h"
#include "engine/date.h"
#include "engine/ids.h"
#include "engine/improvement_actions.h"
#include "engine/timescale.h"
#include "engine/lifecycle.h"
#include "engine/roles.h"
#include "engine/self_assessment.h"

namespace scr {

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

// How a user wants alerts by email: each as it fires (the default), or only in the board's daily digest.
// The in-app inbox and the webhooks have every alert at once either way.
enum class EmailPreference { kImmediate, kDigest };

inline const char* EmailPreferenceName(EmailPreference preference) {
  return preference == EmailPreference::kDigest ? "digest" : "immediate";
}
inline std::optional<EmailPreference> EmailPreferenceFromName(std::string_view name) {
  if (name == "immediate") return EmailPreference::kImmediate;
  if (name == "digest") return EmailPreference::kDigest;
  return std::nullopt;
}

// Who is acting: every command and every read is attributed to one.
struct Actor {
  BoardId board_id = 0;
  Role role = Role::kViewer;
  std::string name;               // the user's name, or "token N" for a token without a user
  std::optional<UserId> user_id;
  std::optional<int64_t> token_id = std::nullopt;  // the token presented, when the actor came through the API
  std::string agency = std::string();  // an agency user's agency (access.h); empty for the other roles
};

// What the business unit records when a case is referred (QM1). Titles carry no names.
struct Referral {
  std::string workflow;
  std::string title;
  Date incident_date;
  Date referral_date;
  std::string rationale;
  // The answers to the workflow's conditions (child_died, statutory_criteria_met, ...), by key. A review
  // holds an answer for every condition its workflow declares (false where the referral gave none).
  std::map<std::string, bool> conditions;
  std::string late_referral_reason;  // why the referral came late, when it did

  bool Holds(const std::string& condition) const {
    auto answer = conditions.find(condition);
    return answer != conditions.end() && answer->second;
  }
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
  // For an open checkpoint with a due date: working days from today to it (negative once it has passed).
  std::optional<int> working_days_left;
  CheckpointStatus status = CheckpointStatus::kPending;
  std::vector<LifecycleEvent> blocks;
  std::optional<std::string> closed_at;
  std::optional<std::string> closed_by;
  std::string note;      // completion note, or the reason it was waived
  std::string evidence;
  int late_by_working_days = 0;  // completed after the end of its due day: by how many working days
};

struct ParallelProcess {
  int64_t id = 0;
  ReviewId review_id = 0;
  std::string kind;
  std::string status = "active";  // active | concluded
  std::string holds;  // publication | family_involvement | review, or empty: holds nothing back
  bool holds_publication = false;  // holds == "publication", as the first clients know it
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
  std::string address;                         // looked for by the privacy check
  std::vector<std::string> other_identifiers;  // school, nickname, ...: looked for by the privacy check
  std::string recorded_by;
  std::string created_at;
};

// Something else the privacy check looks for (QM14), recorded beside the family members: a name, an address
// the family lived at, a place (school, street, town) or another identifier. Personal data, shown and kept
// like the family members.
struct PrivacyIdentifierRecord {
  int64_t id = 0;
  std::string kind;  // name, address, place, other
  std::string value;
  std::string note;
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

// Information asked of an agency: for the decision (QM2) or for the review (QM10), as the workflow's
// information_requests section says. status: open, overdue (open past its due day), received, declined.
struct InformationRequest {
  int64_t id = 0;
  bool before_decision = false;  // asked while the review awaited its decision
  int marker = 0;                // the Quality Marker it serves, from the workflow (0: none named)
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

// A privacy check as kept: the text's hash and length, and where each finding was (the words are not kept).
struct PrivacyCheckRecord {
  int64_t id = 0;
  ReviewId review = 0;
  std::string text_sha256;
  int64_t text_length = 0;
  struct Finding {
    std::string kind;
    int64_t start = 0, end = 0, byte_start = 0, byte_end = 0;
  };
  std::vector<Finding> findings;
  std::string checked_by;
  std::string checked_at;
};

struct Delay {
  std::string checkpoint;
  Date previous_due;
  Date new_due;
  std::string reason;
  std::string recorded_by;
  std::string recorded_at;
  int late_by_working_days = 0;  // a step completed late: new_due is the day it was done, reason its note
};

// A step of the review as its line in the list names it: a missed one (open past its due day) or the next
// one to come.
struct DueStep {
  std::string key;
  std::string title;
  Date due;
  Role owner_role = Role::kBusinessUnit;
  int working_days_late = 0;  // missed steps: working days since the due day
};

// A paused review (a trial, an inquest): since when (RFC 3339) and why.
struct PauseView {
  std::string since;
  std::string reason;
};

// The decision on the report's publication, once taken: published, or not (and then whether a summary of
// the learning was).
struct PublicationDecision {
  bool published = true;
  std::optional<bool> summary_published;
};

struct ReviewSummary {
  ReviewId id = 0;
  BoardId board_id = 0;
  std::string workflow;
  std::string title;
  Phase phase = Phase::kDecisionPending;
  Date referral_date;
  std::optional<Date> next_due;          // the nearest due date still to come (today or later)
  int overdue_count = 0;
  std::vector<DueStep> missed;           // open steps past their due day, the longest missed first
  std::optional<DueStep> next_checkpoint;  // the open step with next_due
  std::optional<Timescale> timescale;    // absent when the review type sets none
  int active_processes = 0;   // parallel processes still active
  int publication_holds = 0;  // of those, the ones holding publication
  // The review's references with national bodies and other systems, by key (review_references.h).
  std::map<std::string, std::string> references;
  std::optional<PauseView> paused;  // null when the review is not paused
};

// What a review as shown (ReviewView) depends on, besides the workflows and bank holidays loaded at start:
// its history, to which every change of a review appends (so the last entry names the review's state),
// and today's date in its board's time zone (due soon, overdue and working days left count from it).
// Two reads of a review with equal versions show the same.
struct ReviewVersion {
  int64_t last_seq = 0;
  std::string last_hash;
  Date today;
  bool operator==(const ReviewVersion& other) const {
    return last_seq == other.last_seq && last_hash == other.last_hash && today == other.today;
  }
};

struct ReviewView {
  ReviewVersion version;  // of what this view shows
  ReviewSummary summary;
  Referral referral;
  std::vector<LifecycleEvent> allowed_events;
  std::vector<NextEvent> next_events;        // every event of the phase, with what holds it back
  std::string decision_outcome;              // after decide_not_to_review: no_review, national_review, other_process
  std::optional<PublicationDecision> publication;
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
  // What it is about, for people: the review's title and the checkpoint's, action's or request's title.
  std::string review_title;
  std::string subject_title;
  // A deadline_extended alert's extension, from the delay register (empty when not found).
  std::string reason;
  std::string previous_due;
};

// Where the alerts, digests and queued messages stood at a moment (the last ids), and what fired after it.
struct FiredMark {
  int64_t alert = 0;
  int64_t digest = 0;
  int64_t outbox = 0;
};
struct FiredSummary {
  int64_t reminders = 0, overdue = 0, escalations = 0, escalations_to_chair = 0, deadlines_extended = 0;
  int64_t timescales_at_risk = 0, timescales_missed = 0;
  int64_t digests = 0;          // with something to tell
  int64_t messages_queued = 0;  // alerts and digests queued for the notifier
  std::vector<Alert> first;     // the first to fire, oldest first
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
