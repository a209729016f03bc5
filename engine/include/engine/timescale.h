// A review's overall timescale (its type's rule, e.g. six months from the decision to review): when it is
// due, what it counts from, how many working days are left, and whether it is on track, at risk, missed
// or met. One pure function works it out, for the review as shown and for its line in the list alike.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/date.h"
#include "engine/status.h"

namespace scr {

class WorkingCalendar;
struct TimescaleDefinition;

enum class TimescaleStatus { kOnTrack, kAtRisk, kMissed, kMet };
const char* TimescaleStatusName(TimescaleStatus status);  // on_track, at_risk, missed, met

struct Timescale {
  std::optional<Date> due;              // null until what it counts from has happened
  std::optional<Date> from;             // the day it counts from (the basis event's); null until then
  std::string basis;                    // what it counts from, in words, and since when (or "not yet")
  std::optional<int> working_days_left; // from today to the due day; negative once passed; null when met
  TimescaleStatus status = TimescaleStatus::kOnTrack;
  std::string source;                   // the guidance that fixes it
  bool local_default = false;
};

// What the timescale of one review depends on.
struct TimescaleFacts {
  std::optional<Date> basis_date;  // the day what it counts from happened, if it has
  int working_days_paused = 0;     // the review's pauses move the due day on by this many working days
  std::optional<Date> met_on;      // the day the meeting event first happened, if it has
  // The due dates of the review's open steps that come before the meeting event.
  std::vector<Date> open_due_dates;
  Date today;                      // in the board's time zone
};

// The due day alone (null while the basis has not happened): counted as the definition says, rolled to a
// working day, then moved on by the working days paused.
Result<std::optional<Date>> TimescaleDue(const TimescaleDefinition& definition, const TimescaleFacts& facts,
                                         const WorkingCalendar& calendar);

// Met when met on or before the due day; missed when the due day has ended unmet, or it was met later;
// at risk when an open step before the meeting event is already due after it; on track otherwise (and
// while there is no due day yet). Errors only when the calendar cannot count (dates beyond its years).
Result<Timescale> ComputeTimescale(const TimescaleDefinition& definition, const TimescaleFacts& facts,
                                   const WorkingCalendar& calendar);

}  // namespace scr
