// The privacy check before publication (QM14): the report's text is searched for what the review recorded
// about the family: its members and the register of identifiers (names, addresses, places). With nothing
// recorded to look for, the check is refused rather than passed. The check is kept (the text's hash, and
// the kind and place of each finding, never the words found); a check that finds nothing completes
// privacy_check_passed, which blocks publish.
#include <openssl/sha.h>

#include <nlohmann/json.hpp>

#include <cstdio>

#include "engine/privacy_check.h"
#include "service/review_service_impl.h"

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

Status ReviewServiceImpl::Handle(const CheckPrivacyCommand& command, const Context& context, CommandResult& result) {
  if (command.text.empty()) return Status::InvalidArgument("text must hold the report's text to check");
  Result<OpenReview> checked_out = CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();

  std::vector<FamilyMember> family;
  Database::Statement members = database_->Prepare(
      "SELECT name, date_of_birth, address, other_identifiers FROM family_members WHERE review_id = ?");
  members->bind(1, command.review);
  while (members->executeStep()) {
    FamilyMember member;
    member.name = members->getColumn(0).getString();
    if (Result<Date> born = Date::Parse(members->getColumn(1).getText()); born.ok()) member.date_of_birth = *born;
    member.address = members->getColumn(2).getString();
    nlohmann::json others = nlohmann::json::parse(members->getColumn(3).getString(), nullptr, false);
    if (others.is_array()) {
      for (const auto& other : others) {
        if (other.is_string()) member.other_identifiers.push_back(other.get<std::string>());
      }
    }
    family.push_back(std::move(member));
  }
  std::vector<PrivacyIdentifierRecord> recorded;
  Database::Statement identifiers =
      database_->Prepare("SELECT kind, value FROM privacy_identifiers WHERE review_id = ?");
  identifiers->bind(1, command.review);
  while (identifiers->executeStep()) {
    PrivacyIdentifierRecord record;
    record.kind = identifiers->getColumn(0).getString();
    record.value = identifiers->getColumn(1).getString();
    recorded.push_back(std::move(record));
  }
  // A check with nothing to look for would find nothing and pass any text: it is refused instead.
  if (family.empty() && recorded.empty()) {
    return Status::Unprocessable(
        "the review has no family member or identifier recorded, so the check would have nothing to look for: "
        "record the family members' names and the addresses the family lived at (and any other names or places "
        "that identify them), then run the check again");
  }
  std::vector<PrivacyFinding> findings = FindIdentifiers(command.text, IdentifiersOf(family, recorded));

  nlohmann::json stored = nlohmann::json::array();
  for (const PrivacyFinding& finding : findings) {
    stored.push_back({{"kind", finding.kind}, {"start", finding.start}, {"end", finding.end},
                      {"byte_start", finding.byte_start}, {"byte_end", finding.byte_end}});
  }
  std::string hash = Sha256Hex(command.text);
  Database::Statement insert = database_->Prepare(
      "INSERT INTO privacy_checks (review_id, text_sha256, text_length, finding_count, findings, checked_by, checked_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, command.review);
  insert->bind(2, hash);
  insert->bind(3, static_cast<int64_t>(command.text.size()));
  insert->bind(4, static_cast<int64_t>(findings.size()));
  insert->bind(5, stored.dump());
  insert->bind(6, DescribeActor(command.actor));
  insert->bindNoCopy(7, context.at);
  insert->exec();
  int64_t id = database_->connection().getLastInsertRowid();

  nlohmann::json data = {{"privacy_check", id}, {"findings", findings.size()}, {"text_sha256", hash}};
  AppendToHistory(command.review, review, command.actor, context, "privacy_check_run", "", data.dump());
  CheckpointSlot* slot = review.FindSlot(kPrivacyCheckpoint);
  bool completes = findings.empty() && slot && slot->state == CheckpointState::kOpen;
  result.review = command.review;
  result.created_id = id;
  result.phase = review.phase;
  CheckIn(command.review, std::move(review));
  if (!completes) return Status::Ok();
  Status closed = CloseCheckpoint(command.review, kPrivacyCheckpoint, CheckpointState::kDone, ClosedBy::kPrivacyCheck,
                                  command.actor, context,
                                  "privacy check " + std::to_string(id) + " found nothing in the text", hash, result);
  result.created_id = id;
  return closed;
}

}  // namespace scr
