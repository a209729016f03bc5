// ReviewService: the commands that change reviews, each in one transaction, with the open reviews held
// in memory so that guards and due dates are decided without reading the database.
// Ownership: owns its database connection. Thread-safety: none; one thread (the engine's) calls it.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/calendar.h"
#include "engine/clock.h"
#include "engine/commands.h"
#include "engine/workflow.h"

namespace scr {

class ReviewService {
 public:
  struct Options {
    std::string database_path;
    const WorkflowRegistry* workflows = nullptr;  // outlives the service
    const BankHolidays* holidays = nullptr;       // outlives the service
    const Clock* clock = nullptr;                 // outlives the service
    // Board-local time of the chair's daily digest on working days; none: no daily digests.
    std::optional<std::chrono::minutes> digest_time = std::chrono::hours(8);
    // The history key (engine/history_key.h); empty: beside the database, `<database_path>.history-key`.
    std::string history_key_file{};
  };

  // Opens (creating and migrating if new) the database and loads every open review.
  static Result<std::unique_ptr<ReviewService>> Open(const Options& options);
  virtual ~ReviewService() = default;

  // Runs one command in its own transaction.
  virtual CommandResult Execute(const Command& command) = 0;
  // Runs the commands in one transaction (group commit), in order; each succeeds or fails alone.
  virtual std::vector<CommandResult> ExecuteBatch(const std::vector<Command>& commands) = 0;

  virtual size_t open_review_count() const = 0;

  // Stores every alert due by the clock's now (reminders, overdue, escalations) and the chair's daily
  // digests, earliest first, in transactions of up to `batch` alerts, each once; returns how many alerts
  // were stored. What fell due before the service started is caught up late, and a board's large
  // catch-up is told in one digest. Stops after
  // `max_transactions`, so that a caller can let commands in between; NextAlertAt() tells if more is due.
  virtual Result<size_t> FireDueAlerts(size_t batch = 1000, size_t max_transactions = SIZE_MAX) = 0;
  // When the next alert (or digest) falls due, if any is pending.
  virtual std::optional<Instant> NextAlertAt() = 0;
  // Open reviews with an alert still to come.
  virtual size_t pending_alert_count() const = 0;
  // Every alert still to fire, across all open reviews: plans each review, so for reports, not hot paths.
  virtual size_t CountPlannedAlerts() = 0;
};

}  // namespace scr
