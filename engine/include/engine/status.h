// Errors as values: every failure of an engine command has a name the API maps to a response once.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace scr {

class Status {
 public:
  enum class Code {
    kOk,
    kNotFound,           // no such review, board, checkpoint...
    kInvalidArgument,    // the request is malformed or breaks a rule of the domain
    kInvalidTransition,  // the event is not allowed in the review's phase; items() lists those that are
    kBlocked,            // a guard refused; items() lists what blocks (checkpoint keys, holds)
    kConflict,           // the request collides with existing data
    kStorage,            // the database failed; nothing was changed
    kUnavailable,        // a service we send to (an SMTP server, a webhook receiver) did not take it
    kPermissionDenied,   // who asks may not do this
    kUnprocessable,      // well-formed, but the review lacks what it needs first (the message says what to record)
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status NotFound(std::string message) { return Status(Code::kNotFound, std::move(message)); }
  static Status InvalidArgument(std::string message) {
    return Status(Code::kInvalidArgument, std::move(message));
  }
  static Status InvalidTransition(std::string message, std::vector<std::string> allowed_events) {
    return Status(Code::kInvalidTransition, std::move(message), std::move(allowed_events));
  }
  static Status Blocked(std::string message, std::vector<std::string> blockers) {
    return Status(Code::kBlocked, std::move(message), std::move(blockers));
  }
  static Status Conflict(std::string message) { return Status(Code::kConflict, std::move(message)); }
  static Status Storage(std::string message) { return Status(Code::kStorage, std::move(message)); }
  static Status Unavailable(std::string message) { return Status(Code::kUnavailable, std::move(message)); }
  static Status PermissionDenied(std::string message) { return Status(Code::kPermissionDenied, std::move(message)); }
  static Status Unprocessable(std::string message) { return Status(Code::kUnprocessable, std::move(message)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<std::string>& items() const { return items_; }

 private:
  Status(Code code, std::string message, std::vector<std::string> items = {})
      : code_(code), message_(std::move(message)), items_(std::move(items)) {}

  Code code_ = Code::kOk;
  std::string message_;
  std::vector<std::string> items_;
};

// A value or the Status that says why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  const T* operator->() const { return &*value_; }
  T* operator->() { return &*value_; }
  const T& operator*() const { return *value_; }
  T& operator*() { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace scr
