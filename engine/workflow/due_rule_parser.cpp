#include "workflow/due_rule_parser.h"

#include <cctype>
#include <sstream>
#include <vector>

namespace scr {
namespace {

std::vector<std::string> Words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

bool IsNumber(const std::string& word) {
  if (word.empty() || word.size() > 4) return false;
  for (char c : word) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Reads "N unit" starting at words[i]; advances i past it.
Result<Duration> ReadDuration(const std::vector<std::string>& words, size_t& i, const std::string& text) {
  auto bad = [&] {
    return Status::InvalidArgument("bad duration in '" + text +
                                   "': write a whole number then working days, days, weeks or months");
  };
  if (i >= words.size() || !IsNumber(words[i])) return bad();
  Duration duration;
  duration.amount = std::stoi(words[i++]);
  if (i >= words.size()) return bad();
  const std::string& unit = words[i++];
  if (unit == "working") {
    if (i >= words.size() || (words[i] != "days" && words[i] != "day")) return bad();
    ++i;
    duration.unit = Duration::Unit::kWorkingDays;
  } else if (unit == "day" || unit == "days") {
    duration.unit = Duration::Unit::kDays;
  } else if (unit == "week" || unit == "weeks") {
    duration.unit = Duration::Unit::kWeeks;
  } else if (unit == "month" || unit == "months") {
    duration.unit = Duration::Unit::kMonths;
  } else {
    return bad();
  }
  return duration;
}

}  // namespace

std::string DescribeDuration(const Duration& duration) {
  std::string n = std::to_string(duration.amount);
  bool one = duration.amount == 1;
  switch (duration.unit) {
    case Duration::Unit::kWorkingDays: return n + (one ? " working day" : " working days");
    case Duration::Unit::kDays: return n + (one ? " day" : " days");
    case Duration::Unit::kWeeks: return n + (one ? " week" : " weeks");
    case Duration::Unit::kMonths: return n + (one ? " month" : " months");
  }
  return n;
}

Result<Duration> ParseDuration(const std::string& text) {
  std::vector<std::string> words = Words(text);
  size_t i = 0;
  Result<Duration> duration = ReadDuration(words, i, text);
  if (duration.ok() && i != words.size()) {
    return Status::InvalidArgument("unexpected '" + words[i] + "' after the duration in '" + text + "'");
  }
  return duration;
}

Result<DueRule> ParseDueRule(const std::string& text) {
  std::vector<std::string> words = Words(text);
  DueRule rule;
  rule.text = text;
  if (words.size() == 2 && words[0] == "on") {
    Result<Date> date = Date::Parse(words[1]);
    if (!date.ok()) return Status::InvalidArgument("bad fixed date in due rule '" + text + "': " + date.status().message());
    rule.kind = DueRule::Kind::kFixedDate;
    rule.fixed = *date;
    return rule;
  }
  size_t i = 0;
  Result<Duration> offset = ReadDuration(words, i, text);
  if (!offset.ok()) return offset.status();
  rule.offset = *offset;
  if (i >= words.size() || words[i] != "after" || i + 1 >= words.size()) {
    return Status::InvalidArgument("due rule '" + text +
                                   "' must read 'N working days after ANCHOR' or 'on YYYY-MM-DD'");
  }
  ++i;
  std::vector<std::string> rest(words.begin() + static_cast<long>(i), words.end());
  if (rest.size() == 1 && rest[0] == "referral") {
    rule.anchor.kind = Anchor::Kind::kReferral;
  } else if (rest.size() == 1 && rest[0] == "incident") {
    rule.anchor.kind = Anchor::Kind::kIncident;
  } else if (rest.size() == 2 && rest[1] == "done") {
    rule.anchor.kind = Anchor::Kind::kCheckpointDone;
    rule.anchor.checkpoint = rest[0];
  } else {
    rule.anchor.kind = Anchor::Kind::kEvent;
    for (size_t w = 0; w < rest.size(); ++w) {
      if (w % 2 == 1) {
        if (rest[w] != "or") return Status::InvalidArgument("expected 'or' between events in due rule '" + text + "'");
        continue;
      }
      std::optional<LifecycleEvent> event = EventFromName(rest[w]);
      if (!event) {
        return Status::InvalidArgument("due rule '" + text + "' counts from '" + rest[w] +
                                       "', which is not referral, incident, an event, or 'KEY done'");
      }
      rule.anchor.events.push_back(*event);
    }
    if (rest.size() % 2 == 0) return Status::InvalidArgument("due rule '" + text + "' ends with 'or'");
  }
  return rule;
}

Result<ReminderStep> ParseReminder(const std::string& text) {
  std::vector<std::string> words = Words(text);
  size_t i = 0;
  Result<Duration> before = ReadDuration(words, i, text);
  if (!before.ok()) return before.status();
  if (i + 1 != words.size() || words[i] != "before") {
    return Status::InvalidArgument("reminder '" + text + "' must read 'N working days before'");
  }
  return ReminderStep{*before};
}

Result<Condition> ParseCondition(const std::string& text) {
  std::vector<std::string> words = Words(text);
  Condition condition;
  condition.text = text;
  size_t i = 0;
  if (words.size() == 2 && words[0] == "not") {
    condition.negated = true;
    i = 1;
  }
  if (i + 1 != words.size() || words[i] == "not") {
    return Status::InvalidArgument("condition '" + text + "' must be a condition's key, or 'not' and a key");
  }
  condition.key = words[i];
  return condition;
}

}  // namespace scr
