// A digest as the scheduler writes it and the notifier words it: typed, so that only the store spells
// its stored form (the SQLite store's digest_body.cpp).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/model.h"

namespace scr {

enum class DigestKind : uint8_t {
  kDaily,    // the chair's daily digest: what became overdue, what was extended, what falls due soon
  kCatchUp,  // the alerts that fell due while the service was stopped, told together
};
const char* DigestKindName(DigestKind kind);  // daily, catch_up

// One line of a digest: a checkpoint or dated item of a review.
struct DigestItem {
  ReviewId review = 0;
  std::string checkpoint;  // the checkpoint's key, or the item's subject (action/12)
  std::string due;         // the due date; for an extension, the new one
  // An extension:
  std::string previous_due;
  std::string reason;
  std::string recorded_by;
  // An alert caught up after downtime:
  std::string alert_kind;
  int level = 0;
  std::string recipient_role;
  std::string scheduled_for;
};

// A list of a digest: its first items and how many there were in all.
struct DigestList {
  std::vector<DigestItem> items;
  int64_t total = 0;
};

struct Digest {
  DigestKind kind = DigestKind::kDaily;
  std::string day;  // the board-local day it is for
  // Daily:
  std::string since;  // extensions recorded after this moment are told
  DigestList became_overdue;
  DigestList extended;
  DigestList due_soon;
  std::string due_soon_until;
  std::string history_fingerprint;  // the board's histories as they stand (admin verify --fingerprint)
  // Catch-up:
  std::string fell_due_from;
  std::string fired_at;
  std::map<std::string, int64_t> counts;  // alerts by kind
  DigestList alerts;
};

}  // namespace scr
