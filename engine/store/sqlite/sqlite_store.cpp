#include "store/sqlite/sqlite_store.h"

#include "store/sqlite/action_store.h"
#include "store/sqlite/alert_store.h"
#include "store/sqlite/board_store.h"
#include "store/sqlite/delay_store.h"
#include "store/sqlite/document_store.h"
#include "store/sqlite/family_member_store.h"
#include "store/sqlite/history_store.h"
#include "store/sqlite/information_request_store.h"
#include "store/sqlite/privacy_store.h"
#include "store/sqlite/process_store.h"
#include "store/sqlite/read_stores.h"
#include "store/sqlite/review_store.h"
#include "store/sqlite/scheduler_store.h"
#include "store/sqlite/scopes.h"
#include "store/sqlite/self_assessment_store.h"

namespace scr {
namespace {

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<Database> database, const WorkflowRegistry& workflows)
      : database_(std::move(database)),
        reviews_(*database_, workflows),
        boards_(*database_),
        processes_(*database_),
        information_requests_(*database_),
        actions_(*database_),
        documents_(*database_),
        family_members_(*database_),
        privacy_(*database_),
        self_assessment_(*database_),
        alerts_(*database_),
        delays_(*database_),
        history_(*database_),
        scheduler_(*database_),
        registers_(*database_),
        action_reads_(*database_),
        alert_reads_(*database_),
        work_list_(*database_) {}

  std::unique_ptr<ReadScope> BeginRead() override { return std::make_unique<SqliteReadScope>(*database_); }
  std::unique_ptr<WriteScope> BeginWrite() override { return std::make_unique<SqliteWriteScope>(*database_); }
  std::unique_ptr<CommandScope> BeginCommand() override { return std::make_unique<SqliteCommandScope>(*database_); }
  int64_t WriteCount() override { return database_->connection().getTotalChanges(); }
  const std::string& location() const override { return database_->path(); }
  ReviewStore& reviews() override { return reviews_; }
  BoardStore& boards() override { return boards_; }
  ProcessStore& processes() override { return processes_; }
  InformationRequestStore& information_requests() override { return information_requests_; }
  ActionStore& actions() override { return actions_; }
  DocumentStore& documents() override { return documents_; }
  FamilyMemberStore& family_members() override { return family_members_; }
  PrivacyStore& privacy() override { return privacy_; }
  SelfAssessmentStore& self_assessment() override { return self_assessment_; }
  AlertStore& alerts() override { return alerts_; }
  DelayStore& delays() override { return delays_; }
  HistoryStore& history() override { return history_; }
  SchedulerStore& scheduler() override { return scheduler_; }
  RegisterStore& registers() override { return registers_; }
  ActionReadStore& action_reads() override { return action_reads_; }
  AlertReadStore& alert_reads() override { return alert_reads_; }
  WorkListStore& work_list() override { return work_list_; }

 private:
  std::unique_ptr<Database> database_;  // first: the stores below borrow it
  SqliteReviewStore reviews_;
  SqliteBoardStore boards_;
  SqliteProcessStore processes_;
  SqliteInformationRequestStore information_requests_;
  SqliteActionStore actions_;
  SqliteDocumentStore documents_;
  SqliteFamilyMemberStore family_members_;
  SqlitePrivacyStore privacy_;
  SqliteSelfAssessmentStore self_assessment_;
  SqliteAlertStore alerts_;
  SqliteDelayStore delays_;
  SqliteHistoryStore history_;
  SqliteSchedulerStore scheduler_;
  SqliteRegisterStore registers_;
  SqliteActionReadStore action_reads_;
  SqliteAlertReadStore alert_reads_;
  SqliteWorkListStore work_list_;
};

}  // namespace

std::unique_ptr<Store> MakeSqliteStore(std::unique_ptr<Database> database, const WorkflowRegistry& workflows) {
  return std::make_unique<SqliteStore>(std::move(database), workflows);
}

}  // namespace scr
