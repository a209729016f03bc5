// What a command works with inside its batch's transaction: the moment it happens, the open reviews'
// records (checked out for changing, checked in when changed), the board's calendar, the store, the
// scheduler, the workflows and the review's history. The review service implements it; the commands
// (service/commands/) see nothing else of it.
// Ownership: the implementer owns everything reached through it; a command holds nothing beyond its call.
// Thread-safety: none; the engine's thread runs the commands.
#pragma once

#include <string>

#include "engine/clock.h"
#include "engine/model.h"
#include "engine/status.h"
#include "engine/workflow.h"
#include "review/open_review.h"

namespace scr {

class Scheduler;
class Store;
class WorkingCalendar;

// The moment every command of one transaction shares, and its stored text.
struct Moment {
  Instant now;
  std::string at;
};

class CommandContext {
 public:
  Instant now() const { return moment_->now; }
  const std::string& at() const { return moment_->at; }
  const Moment& moment() const { return *moment_; }

  // The open review `id` of the actor's board, copied for changing; NotFound for another board's review,
  // InvalidArgument for a review that has ended.
  virtual Result<OpenReview> CheckOut(const Actor& actor, ReviewId id) = 0;
  // Stores the changed record (or drops it when the review has ended); undone if the command is.
  virtual void CheckIn(ReviewId id, OpenReview review) = 0;
  // Whether review `id` is open (has a record to check out).
  virtual bool IsOpen(ReviewId id) const = 0;
  // The working calendar of `board`'s nation and time zone.
  virtual Result<const WorkingCalendar*> CalendarFor(BoardId board) = 0;
  // Appends the event to the history and moves the review's chain forward.
  virtual void AppendToHistory(ReviewId id, OpenReview& review, const Actor& actor, const Moment& moment,
                               const std::string& event, const std::string& reason, const std::string& data) = 0;
  virtual Store& store() = 0;
  virtual Scheduler& scheduler() = 0;
  virtual const WorkflowRegistry& workflows() const = 0;

 protected:
  ~CommandContext() = default;
  // The context of the commands run at `moment` (which outlives them).
  CommandContext& At(const Moment& moment) {
    moment_ = &moment;
    return *this;
  }

 private:
  const Moment* moment_ = nullptr;
};

// "Name (role)": how an actor appears in the history.
std::string DescribeActor(const Actor& actor);

}  // namespace scr
