// The one store of the engine: every table it keeps, reached through the store of each area. An
// interface: the commands, the queries and the scheduler see only this; its SQLite implementation is
// store/sqlite/sqlite_store.h, and another backend would be a folder beside it. Used on one thread (the
// owner's connection); each area's calls run inside the caller's transaction or read snapshot.
#pragma once

#include <memory>

#include "store/action_read_store.h"
#include "store/action_store.h"
#include "store/alert_read_store.h"
#include "store/alert_store.h"
#include "store/board_store.h"
#include "store/delay_store.h"
#include "store/document_store.h"
#include "store/family_member_store.h"
#include "store/information_request_store.h"
#include "store/privacy_store.h"
#include "store/process_store.h"
#include "store/register_store.h"
#include "store/review_store.h"
#include "store/self_assessment_store.h"
#include "store/storage_error.h"
#include "store/work_list_store.h"

namespace scr {

class Database;

// While it lives, every read sees one state of the store: nothing committed meanwhile shows.
class ReadScope {
 public:
  virtual ~ReadScope() = default;
};

class Store {
 public:
  virtual ~Store() = default;

  // Begins a read of one state (a review's version and its view, a board's whole work list).
  virtual std::unique_ptr<ReadScope> BeginRead() = 0;

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
  // What the queries read beside the review's record.
  virtual RegisterStore& registers() = 0;
  virtual ActionReadStore& action_reads() = 0;
  virtual AlertReadStore& alert_reads() = 0;
  virtual WorkListStore& work_list() = 0;

  // The connection underneath, for what is not yet behind an area's interface (transactions, the
  // history's chain, the scheduler's rows).
  virtual Database& database() = 0;
};

}  // namespace scr
