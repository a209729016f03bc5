// The read stores of the queries on SQLite: registers, actions, alerts and the work list, each over the
// queries' connection. Not thread-safe: used on the thread that owns `database`, which outlives them.
#pragma once

#include "store/action_read_store.h"
#include "store/alert_read_store.h"
#include "store/sqlite/database.h"
#include "store/register_store.h"
#include "store/work_list_store.h"

namespace scr {

class SqliteRegisterStore final : public RegisterStore {
 public:
  explicit SqliteRegisterStore(Database& database) : database_(database) {}

  std::vector<InformationRequest> ReadInformationRequests(ReviewId review,
                                                          const std::optional<std::string>& agency) override;
  std::vector<FamilyMember> ReadFamilyMembers(ReviewId review) override;
  std::vector<Document> ReadDocuments(ReviewId review) override;
  std::vector<PrivacyIdentifierRecord> ReadPrivacyIdentifiers(ReviewId review) override;
  std::optional<PrivacyCheckRecord> ReadPrivacyCheck(ReviewId review, int64_t id) override;

 private:
  Database& database_;
};

class SqliteActionReadStore final : public ActionReadStore {
 public:
  explicit SqliteActionReadStore(Database& database) : database_(database) {}

  std::vector<StoredAction> ReadActions(const ActionSelection& selection) override;
  std::vector<ActionUpdate> ReadActionUpdates(int64_t action) override;
  std::vector<FollowUp> ReadFollowUps(int64_t action) override;
  std::map<ReviewId, std::optional<Date>> ReadActionsEvidenced(BoardId board) override;
  std::vector<StoredAnswer> ReadSelfAssessmentAnswers(ReviewId review) override;

 private:
  Database& database_;
};

class SqliteAlertReadStore final : public AlertReadStore {
 public:
  explicit SqliteAlertReadStore(Database& database) : database_(database) {}

  std::vector<StoredAlert> ReadAlerts(BoardId board, const AlertFilter& filter, int count) override;
  FiredMark ReadFiredMark() override;
  std::vector<AlertKindCount> CountAlertsSince(BoardId board, int64_t alert) override;
  int64_t CountDigestsSince(BoardId board, int64_t digest) override;
  int64_t CountMessagesSince(BoardId board, int64_t outbox) override;
  std::vector<StoredAlert> ReadAlertsSince(BoardId board, int64_t alert, int count) override;

 private:
  Database& database_;
};

class SqliteWorkListStore final : public WorkListStore {
 public:
  explicit SqliteWorkListStore(Database& database) : database_(database) {}

  std::vector<DatedWorkRow> ReadDatedWork(BoardId board, Date horizon,
                                          const std::optional<std::string>& agency) override;

 private:
  Database& database_;
};

}  // namespace scr
