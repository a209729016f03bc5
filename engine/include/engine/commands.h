// The commands that change a review. Each runs in one transaction: all of it happens or none of it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/model.h"

namespace scr {

struct ReferCommand {
  Actor actor;
  Referral referral;
};

struct ApplyEventCommand {
  Actor actor;
  ReviewId review = 0;
  std::string event;   // decide_to_review, ...
  std::string reason;  // required for decisions
  std::string data = "{}";  // a JSON object, already validated by the caller
};

struct CompleteCheckpointCommand {
  Actor actor;
  ReviewId review = 0;
  std::string key;
  std::string note;
  std::string evidence;
};

struct WaiveCheckpointCommand {
  Actor actor;
  ReviewId review = 0;
  std::string key;
  std::string reason;
};

struct ExtendCheckpointCommand {
  Actor actor;
  ReviewId review = 0;
  std::string key;
  Date new_due;
  std::string reason;
};

struct AddParallelProcessCommand {
  Actor actor;
  ReviewId review = 0;
  std::string kind;
  std::string status = "active";
  std::string holds;  // publication | family_involvement | review, or empty: it holds nothing back
  std::string owner;
  std::string notes;
};

struct UpdateParallelProcessCommand {
  Actor actor;
  ReviewId review = 0;
  int64_t process = 0;
  std::optional<std::string> status;
  std::optional<std::string> holds;  // empty: it no longer holds anything back
  std::optional<std::string> owner;
  std::optional<std::string> notes;
};

// An agency is asked for information, for the decision (QM2) or for the review (QM10), to answer by `due`.
struct RequestInformationCommand {
  Actor actor;
  ReviewId review = 0;
  std::string agency;
  std::string request;  // what is asked for
  Date due;
};

// The agency's answer: "received", or "declined" with the reason it would not cooperate. Or, by the business
// unit (never an agency user), an open request moved to a new due date (with the reason, in the delay
// register) or addressed to another agency. An answer and a change are separate commands.
struct AnswerInformationRequestCommand {
  Actor actor;
  ReviewId review = 0;
  int64_t request = 0;
  std::string status;  // empty when the request is only changed
  std::string reason;
  std::optional<Date> due = std::nullopt;
  std::optional<std::string> agency = std::nullopt;
};

// A member of the family, and whether and how they take part (QM4, QM12).
struct RecordFamilyMemberCommand {
  Actor actor;
  ReviewId review = 0;
  FamilyMember member;  // id, recorded_by and created_at are set by the engine
};

// A recorded family member's details corrected or their involvement changed: only the fields given change,
// and the member as it then stands must pass the rules of recording one.
struct UpdateFamilyMemberCommand {
  Actor actor;
  ReviewId review = 0;
  int64_t member = 0;
  std::optional<std::string> name;
  std::optional<std::string> relationship;
  std::optional<Date> date_of_birth;
  std::optional<std::string> involvement;
  std::optional<std::string> reason;
  std::optional<std::string> support_needs;
  std::optional<std::string> address;
  std::optional<std::vector<std::string>> other_identifiers;
};

// Something the privacy check must look for (a name, an address, a place, another identifier), or one
// recorded by mistake taken off. The history says that one was recorded or removed and its kind, never it.
struct RecordPrivacyIdentifierCommand {
  Actor actor;
  ReviewId review = 0;
  std::string kind;  // name, address, place, other
  std::string value;
  std::string note;
};
struct RemovePrivacyIdentifierCommand {
  Actor actor;
  ReviewId review = 0;
  int64_t identifier = 0;
};

// A document entered in the review's register.
struct RegisterDocumentCommand {
  Actor actor;
  ReviewId review = 0;
  Document document;  // id, recorded_by and the times are set by the engine
};

// A register entry's disclosure decision, holder or notes changed.
struct UpdateDocumentCommand {
  Actor actor;
  ReviewId review = 0;
  int64_t document = 0;
  std::optional<std::string> disclosure_status;
  std::optional<std::string> held_by;
  std::optional<std::string> notes;
};

// An improvement action agreed for the review.
struct AddActionCommand {
  Actor actor;
  ReviewId review = 0;
  ImprovementAction action;  // title, finding, recommendation, owner_agency, lead, priority, business_plan_priority, due
};

// Progress on an action: a note, and any of a new status (with the reason when dropped or not achieved),
// a new lead, a new due date (with the reason), the evidence of its impact.
struct UpdateActionCommand {
  Actor actor;
  ReviewId review = 0;
  int64_t action = 0;
  std::optional<std::string> status;
  std::optional<std::string> lead;
  std::optional<Date> due;
  std::optional<std::string> impact;
  std::optional<std::string> impact_measure;
  std::string note;    // the progress update
  std::string reason;  // why dropped, not achieved or moved
};

// A follow-up check done (whether the change holds, what was found) or waived with a reason.
struct CloseFollowUpCommand {
  Actor actor;
  ReviewId review = 0;
  int64_t follow_up = 0;
  bool waive = false;
  std::optional<bool> change_holds;
  std::string findings;
  std::string unintended_consequences;
  std::string reason;
};

// An answer to one Quality Marker self-assessment question, kept with the review's phase.
struct AnswerSelfAssessmentCommand {
  Actor actor;
  ReviewId review = 0;
  std::string question_id;
  std::string answer;  // yes, partly, no, not_applicable
  std::string note;
  std::string evidence;
};

// The report's text checked for the family's recorded identifiers (QM14); a clean check completes
// privacy_check_passed. The text itself is not kept, only its hash and the findings' positions.
struct CheckPrivacyCommand {
  Actor actor;
  ReviewId review = 0;
  std::string text;
};

// Someone has seen alerts and is dealing with them. Each is acknowledged by the role it was sent to, or by
// an admin or the business unit on its behalf, and recorded in its review's history: all of them, or none.
struct AcknowledgeAlertCommand {
  Actor actor;
  std::vector<int64_t> alerts;
  std::string note;  // what is being done about them
};

// A review's references with the national bodies and other systems (ReferenceKeys(), review_references.h)
// set, changed or, given as nullopt, removed; the others stay as they are.
struct SetReferencesCommand {
  Actor actor;
  ReviewId review = 0;
  std::map<std::string, std::optional<std::string>> changes;
};

using Command = std::variant<ReferCommand, ApplyEventCommand, CompleteCheckpointCommand, WaiveCheckpointCommand,
                             ExtendCheckpointCommand, AddParallelProcessCommand, UpdateParallelProcessCommand,
                             RequestInformationCommand, AnswerInformationRequestCommand, RecordFamilyMemberCommand,
                             UpdateFamilyMemberCommand, RegisterDocumentCommand, UpdateDocumentCommand, AddActionCommand, UpdateActionCommand,
                             CloseFollowUpCommand, AnswerSelfAssessmentCommand, CheckPrivacyCommand,
                             AcknowledgeAlertCommand, RecordPrivacyIdentifierCommand, RemovePrivacyIdentifierCommand,
                             SetReferencesCommand>;

struct CommandResult {
  Status status;
  ReviewId review = 0;
  int64_t created_id = 0;  // the new review, parallel process, information request, action, answer or check
  Phase phase = Phase::kDecisionPending;
};

}  // namespace scr
