// The one table from each alternative of Command to its function. The table's type is read from the
// variant: one function per alternative, in the variant's order, each taking that alternative. A command
// added to the variant without its function here does not build, nor does a function in the wrong place.
#include "service/command_table.h"

#include <tuple>
#include <type_traits>
#include <variant>

#include "service/commands/command_steps.h"

namespace scr {
namespace {

template <typename T>
using CommandFunction = Status (*)(const T&, CommandContext&, CommandResult&);

template <typename Variant>
struct TableOf;
template <typename... Commands>
struct TableOf<std::variant<Commands...>> {
  using type = std::tuple<CommandFunction<Commands>...>;
};

using CommandTable = TableOf<Command>::type;

// In the order of Command's alternatives (engine/commands.h).
constexpr CommandTable kCommands{
    Refer,
    ApplyEvent,
    CompleteCheckpoint,
    WaiveCheckpoint,
    ExtendCheckpoint,
    AddParallelProcess,
    UpdateParallelProcess,
    RequestInformation,
    AnswerInformationRequest,
    RecordFamilyMember,
    UpdateFamilyMember,
    RegisterDocument,
    UpdateDocument,
    AddAction,
    UpdateAction,
    CloseFollowUp,
    AnswerSelfAssessment,
    CheckPrivacy,
    AcknowledgeAlerts,
    RecordPrivacyIdentifier,
    RemovePrivacyIdentifier,
    SetReferences,
};

}  // namespace

Status RunCommand(const Command& command, CommandContext& context, CommandResult& result) {
  return std::visit(
      [&](const auto& alternative) {
        using T = std::decay_t<decltype(alternative)>;
        return std::get<CommandFunction<T>>(kCommands)(alternative, context, result);
      },
      command);
}

}  // namespace scr
