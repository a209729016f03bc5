// The one store of the engine: every table it keeps, reached through the store of each area. An
// interface: the commands, the queries and the scheduler see only this; its SQLite implementation is
// sqlite/sqlite_store.h, and another backend would be a folder beside it. Used on one thread (the
// owner's connection); each area's calls run inside the caller's transaction or read snapshot.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "store/action_read_store.h"
#include "store/action_store.h"
#include "store/alert_read_store.h"
#include "store/alert_store.h"
#include "store/board_store.h"
#include "store/delay_store.h"
#include "store/document_store.h"
#include "store/family_member_store.h"
#include "store/history_store.h"
#include "store/information_request_store.h"
#include "store/privacy_store.h"
#include "store/process_store.h"
#include "store/register_store.h"
#include "store/review_store.h"
#include "store/scheduler_store.h"
#include "store/scopes.h"
#include "store/self_assessment_store.h"
#include "store/storage_error.h"
#include "store/work_list_store.h"

namespace scr {

class Store {
 public:
  virtual ~Store() = default;

  // Begins a read of one state (a review's version and its view, a board's whole work list).
  virtual std::unique_ptr<ReadScope> BeginRead() = 0;
  // Begins the write transaction of a batch of commands; inside it, one command's writes apart (the
  // careful path of a group commit).
  virtual std::unique_ptr<WriteScope> BeginWrite() = 0;
  virtual std::unique_ptr<CommandScope> BeginCommand() = 0;
  // How many rows were written through this store since it opened: unchanged across a command that wrote
  // nothing.
  virtual int64_t WriteCount() = 0;
  // Where the store keeps its data, for the logs.
  virtual const std::string& location() const = 0;

  // A review's own rows, read into its record and written by the commands.
  virtual ReviewStore& reviews() = 0;
  virtual BoardStore& boards() = 0;
  virtual ProcessStore& processes() = 0;
  virtual InformationRequestStore& information_requests() = 0;
  virtual ActionStore& actions() = 0;
  virtual DocumentStore& documents() = 0;
  virtual FamilyMemberStore& family_members() = 0;
  virtual PrivacyStore& privacy() = 0;
  virtual SelfAssessmentStore& self_assessment() = 0;
  virtual AlertStore& alerts() = 0;
  virtual DelayStore& delays() = 0;
  virtual HistoryStore& history() = 0;
  // The scheduler's alerts, digests and outbox rows.
  virtual SchedulerStore& scheduler() = 0;
  // What the queries read beside the review's record.
  virtual RegisterStore& registers() = 0;
  virtual ActionReadStore& action_reads() = 0;
  virtual AlertReadStore& alert_reads() = 0;
  virtual WorkListStore& work_list() = 0;
};

}  // namespace scr
