// The commands (one function each, registered in service/command_table.cpp) and the steps they share,
// all over a CommandContext. Each command decides before it writes: a command refused for a reason of the
// domain has written nothing. Thread-safety: none; the engine's thread runs them.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/commands.h"
#include "scheduler/scheduler.h"
#include "service/command_context.h"
#include "store/store.h"

namespace scr {

// The commands, in files named after what they do.
Status Refer(const ReferCommand& command, CommandContext& context, CommandResult& result);
Status ApplyEvent(const ApplyEventCommand& command, CommandContext& context, CommandResult& result);
Status CompleteCheckpoint(const CompleteCheckpointCommand& command, CommandContext& context, CommandResult& result);
Status WaiveCheckpoint(const WaiveCheckpointCommand& command, CommandContext& context, CommandResult& result);
Status ExtendCheckpoint(const ExtendCheckpointCommand& command, CommandContext& context, CommandResult& result);
Status AddParallelProcess(const AddParallelProcessCommand& command, CommandContext& context, CommandResult& result);
Status UpdateParallelProcess(const UpdateParallelProcessCommand& command, CommandContext& context,
                             CommandResult& result);
Status RequestInformation(const RequestInformationCommand& command, CommandContext& context, CommandResult& result);
Status AnswerInformationRequest(const AnswerInformationRequestCommand& command, CommandContext& context,
                                CommandResult& result);
Status RecordFamilyMember(const RecordFamilyMemberCommand& command, CommandContext& context, CommandResult& result);
Status UpdateFamilyMember(const UpdateFamilyMemberCommand& command, CommandContext& context, CommandResult& result);
Status RegisterDocument(const RegisterDocumentCommand& command, CommandContext& context, CommandResult& result);
Status UpdateDocument(const UpdateDocumentCommand& command, CommandContext& context, CommandResult& result);
Status AddAction(const AddActionCommand& command, CommandContext& context, CommandResult& result);
Status UpdateAction(const UpdateActionCommand& command, CommandContext& context, CommandResult& result);
Status CloseFollowUp(const CloseFollowUpCommand& command, CommandContext& context, CommandResult& result);
Status AnswerSelfAssessment(const AnswerSelfAssessmentCommand& command, CommandContext& context,
                            CommandResult& result);
Status CheckPrivacy(const CheckPrivacyCommand& command, CommandContext& context, CommandResult& result);
Status AcknowledgeAlerts(const AcknowledgeAlertCommand& command, CommandContext& context, CommandResult& result);
Status RecordPrivacyIdentifier(const RecordPrivacyIdentifierCommand& command, CommandContext& context,
                               CommandResult& result);
Status RemovePrivacyIdentifier(const RemovePrivacyIdentifierCommand& command, CommandContext& context,
                               CommandResult& result);
Status SetReferences(const SetReferencesCommand& command, CommandContext& context, CommandResult& result);

// The steps the commands share.

// Appends the event to review `id`'s history at the command's moment.
inline void AppendToHistory(ReviewId id, OpenReview& review, const Actor& actor, CommandContext& context,
                            const std::string& event, const std::string& reason, const std::string& data) {
  context.AppendToHistory(id, review, actor, context.moment(), event, reason, data);
}

// "a, b, c": names listed in an error.
std::string JoinNames(const std::vector<std::string>& names);

// The checkpoint a clean privacy check completes, and nothing else does.
extern const char* const kPrivacyCheckpoint;

// Who closes a checkpoint: a user's command, held to the checkpoint's owner role (ActingFor, access.h),
// or a privacy check that found nothing in the text (its route says who may run one).
enum class ClosedBy { kCommand, kPrivacyCheck };
// Completes or waives the open checkpoint `key` of review `id` (close_checkpoint.cpp).
Status CloseCheckpoint(ReviewId id, const std::string& key, CheckpointState state, ClosedBy closed_by,
                       const Actor& actor, CommandContext& context, const std::string& note,
                       const std::string& evidence, CommandResult& result);
Status NoSuchCheckpoint(ReviewId review, const std::string& key);
Status AlreadyClosed(const std::string& key, CheckpointState state);

// Moving due dates (due_moves.cpp).
// One entry in the delay register (QM8): `subject` (a checkpoint's key, or "action/12") moved from
// `previous` to `due`, and why.
void RecordDelay(ReviewId id, const std::string& subject, Date previous, Date due, const std::string& reason,
                 const Actor& actor, CommandContext& context);
// Moves the open dated item's due date from `previous` to `due`: an entry in the delay register with the
// reason, the old date's alerts resolved, and every reminder planned again from the new date.
void MoveItemDue(ReviewId id, OpenReview& review, ItemKind kind, int64_t item, Date previous, Date due,
                 const std::string& reason, const Actor& actor, CommandContext& context);
// Moves the open checkpoint's due date to `due` (an extension, or a pause's end): kept as its extended
// date, with an entry in the delay register with the reason; every reminder is planned again.
void MoveCheckpointDue(ReviewId id, CheckpointSlot& slot, const std::string& key, Date due, const std::string& reason,
                       const Actor& actor, CommandContext& context);
// Resolves the open and acknowledged alerts of a checkpoint or dated item `subject` ("action/12") of
// review `id`: those of its due date and of every date it was moved from. It has been dealt with.
void ResolveAlerts(ReviewId id, const std::string& subject, std::optional<Date> due, CommandContext& context);
// As ResolveAlerts, for one of the review's dated items.
void ResolveItemAlerts(ReviewId id, const OpenReview& review, ItemKind kind, int64_t item, CommandContext& context);

// The effects of an applied lifecycle event beyond the phase (lifecycle_effects.cpp): the pause kept or
// ended (every deadline moved on), the report's quality assurance reopened, the decisions recorded.
// `data` is the event's data, completed with its defaults for the history.
Status ApplyEventEffects(ReviewId id, OpenReview& review, LifecycleEvent event, const ApplyEventCommand& command,
                         nlohmann::json& data, const WorkingCalendar& calendar, CommandContext& context);

// Plans the follow-up checks of an action completed on `completed_on` (follow_ups.cpp).
Status PlanFollowUps(ReviewId id, OpenReview& review, int64_t action, Date completed_on, CommandContext& context);

}  // namespace scr
