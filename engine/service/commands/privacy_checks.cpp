// The privacy check before publication (QM14): the report's text is searched for what the review recorded
// about the family: its members and the register of identifiers (names, addresses, places). With nothing
// recorded to look for, the check is refused rather than passed. The check is kept (the text's hash, and
// the kind and place of each finding, never the words found); a check that finds nothing completes
// privacy_check_passed, which blocks publish.
#include <openssl/sha.h>

#include <nlohmann/json.hpp>

#include <cstdio>

#include "engine/privacy_check.h"
#include "service/commands/command_steps.h"

namespace scr {
namespace {

std::string Sha256Hex(const std::string& text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  std::string hex;
  char byte[3];
  for (unsigned char c : digest) {
    std::snprintf(byte, sizeof byte, "%02x", c);
    hex += byte;
  }
  return hex;
}

}  // namespace

const char* const kPrivacyCheckpoint = "privacy_check_passed";

Status CheckPrivacy(const CheckPrivacyCommand& command, CommandContext& context, CommandResult& result) {
  if (command.text.empty()) return Status::InvalidArgument("text must hold the report's text to check");
  Result<OpenReview> checked_out = context.CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();

  std::vector<FamilyMember> family = context.store().family_members().ReadFamilyIdentifiers(command.review);
  std::vector<PrivacyIdentifierRecord> recorded = context.store().privacy().ReadIdentifiers(command.review);
  // A check with nothing to look for would find nothing and pass any text: it is refused instead.
  if (family.empty() && recorded.empty()) {
    return Status::Unprocessable(
        "the review has no family member or identifier recorded, so the check would have nothing to look for: "
        "record the family members' names and the addresses the family lived at (and any other names or places "
        "that identify them), then run the check again");
  }
  std::vector<PrivacyFinding> findings = FindIdentifiers(command.text, IdentifiersOf(family, recorded));

  std::string hash = Sha256Hex(command.text);
  PrivacyCheckRecord check;
  check.review = command.review;
  check.text_sha256 = hash;
  check.text_length = static_cast<int64_t>(command.text.size());
  for (const PrivacyFinding& finding : findings) {
    check.findings.push_back(PrivacyCheckRecord::Finding{
        finding.kind, static_cast<int64_t>(finding.start), static_cast<int64_t>(finding.end),
        static_cast<int64_t>(finding.byte_start), static_cast<int64_t>(finding.byte_end)});
  }
  check.checked_by = DescribeActor(command.actor);
  check.checked_at = context.at();
  int64_t id = context.store().privacy().InsertCheck(check);

  nlohmann::json data = {{"privacy_check", id}, {"findings", findings.size()}, {"text_sha256", hash}};
  AppendToHistory(command.review, review, command.actor, context, "privacy_check_run", "", data.dump());
  CheckpointSlot* slot = review.FindSlot(kPrivacyCheckpoint);
  bool completes = findings.empty() && slot && slot->state == CheckpointState::kOpen;
  result.review = command.review;
  result.created_id = id;
  result.phase = review.phase;
  context.CheckIn(command.review, std::move(review));
  if (!completes) return Status::Ok();
  Status closed = CloseCheckpoint(command.review, kPrivacyCheckpoint, CheckpointState::kDone, ClosedBy::kPrivacyCheck,
                                  command.actor, context,
                                  "privacy check " + std::to_string(id) + " found nothing in the text", hash, result);
  result.created_id = id;
  return closed;
}

}  // namespace scr
