// The small language of due rules, durations, reminders and conditions.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "engine/workflow.h"
#include "support/mini_workflow.h"
#include "support/test_support.h"
#include "workflow/due_rule_parser.h"

namespace scr {
namespace {

// ---- The language of due rules -----------------------------------------------------------------------

DueRule ParsedRule(const std::string& text) {
  Result<DueRule> rule = ParseDueRule(text);
  INFO(rule.status().message());
  REQUIRE(rule.ok());
  CHECK(rule->text == text);
  return *rule;
}

TEST_CASE("due rule: N working days after an event", "[engine][workflow][due-rule]") {
  DueRule rule = ParsedRule("10 working days after decide_to_review");
  CHECK(rule.kind == DueRule::Kind::kAfterAnchor);
  CHECK(rule.offset.amount == 10);
  CHECK(rule.offset.unit == Duration::Unit::kWorkingDays);
  CHECK(rule.anchor.kind == Anchor::Kind::kEvent);
  CHECK(rule.anchor.events == std::vector<LifecycleEvent>{LifecycleEvent::kDecideToReview});
}

TEST_CASE("due rule: a calendar month after referral", "[engine][workflow][due-rule]") {
  DueRule rule = ParsedRule("1 month after referral");
  CHECK(rule.offset.amount == 1);
  CHECK(rule.offset.unit == Duration::Unit::kMonths);
  CHECK(rule.anchor.kind == Anchor::Kind::kReferral);
}

TEST_CASE("due rule: weeks after the incident", "[engine][workflow][due-rule]") {
  DueRule rule = ParsedRule("2 weeks after incident");
  CHECK(rule.offset.amount == 2);
  CHECK(rule.offset.unit == Duration::Unit::kWeeks);
  CHECK(rule.anchor.kind == Anchor::Kind::kIncident);
}

TEST_CASE("due rule: on a fixed date", "[engine][workflow][due-rule]") {
  DueRule rule = ParsedRule("on 2027-01-31");
  CHECK(rule.kind == DueRule::Kind::kFixedDate);
  CHECK(rule.fixed == Date::FromYmd(2027, 1, 31));
}

TEST_CASE("due rule: working days after another checkpoint is done", "[engine][workflow][due-rule]") {
  DueRule rule = ParsedRule("5 working days after chair_decision done");
  CHECK(rule.offset.amount == 5);
  CHECK(rule.offset.unit == Duration::Unit::kWorkingDays);
  CHECK(rule.anchor.kind == Anchor::Kind::kCheckpointDone);
  CHECK(rule.anchor.checkpoint == "chair_decision");
  CHECK(rule.anchor.events.empty());
}

TEST_CASE("due rule: days after whichever of two events came first", "[engine][workflow][due-rule]") {
  DueRule rule = ParsedRule("10 days after decide_to_review or decide_not_to_review");
  CHECK(rule.offset.amount == 10);
  CHECK(rule.offset.unit == Duration::Unit::kDays);
  CHECK(rule.anchor.kind == Anchor::Kind::kEvent);
  CHECK(rule.anchor.events ==
        std::vector<LifecycleEvent>{LifecycleEvent::kDecideToReview, LifecycleEvent::kDecideNotToReview});
}

TEST_CASE("due rule: singular units and zero are accepted", "[engine][workflow][due-rule]") {
  CHECK(ParsedRule("1 working day after referral").offset.unit == Duration::Unit::kWorkingDays);
  CHECK(ParsedRule("1 day after referral").offset.unit == Duration::Unit::kDays);
  CHECK(ParsedRule("1 week after referral").offset.unit == Duration::Unit::kWeeks);
  CHECK(ParsedRule("6 months after decide_to_review").offset.unit == Duration::Unit::kMonths);
  CHECK(ParsedRule("0 working days after publish").offset.amount == 0);
}

TEST_CASE("due rule: rules that do not read as the schema says are refused", "[engine][workflow][due-rule]") {
  for (const char* text :
       {"", "soon", "10 working days", "10 working days after", "10 working days before referral",
        "ten working days after referral", "5 fortnights after referral", "10 working after referral",
        "-5 days after referral", "10 days after breakfast", "10 days after decide_to_review or",
        "10 days after decide_to_review and publish", "10 days after referral or incident",
        "10 days after decide_to_review or referral", "on 2027-02-30", "on tomorrow", "on",
        "on 2027-01-31 or later", "10 days after chair_decision done twice"}) {
    CAPTURE(text);
    Result<DueRule> rule = ParseDueRule(text);
    CHECK_FALSE(rule.ok());
    CHECK(rule.status().code() == Status::Code::kInvalidArgument);
  }
}

TEST_CASE("durations, reminders and conditions: read as the schema says", "[engine][workflow][due-rule]") {
  Result<Duration> duration = ParseDuration("2 working days");
  REQUIRE(duration.ok());
  CHECK(duration->amount == 2);
  CHECK(duration->unit == Duration::Unit::kWorkingDays);
  CHECK(DescribeDuration(*duration) == "2 working days");
  CHECK(DescribeDuration(Duration{1, Duration::Unit::kWorkingDays}) == "1 working day");
  CHECK(DescribeDuration(Duration{3, Duration::Unit::kMonths}) == "3 months");
  CHECK_FALSE(ParseDuration("2 working days later").ok());
  CHECK_FALSE(ParseDuration("two days").ok());

  Result<ReminderStep> reminder = ParseReminder("5 working days before");
  REQUIRE(reminder.ok());
  CHECK(reminder->before.amount == 5);
  CHECK_FALSE(ParseReminder("5 working days after").ok());
  CHECK_FALSE(ParseReminder("5 working days").ok());

  Result<Condition> condition = ParseCondition("not statutory_criteria_met");
  REQUIRE(condition.ok());
  CHECK(condition->negated);
  CHECK(condition->key == "statutory_criteria_met");
  CHECK(ParseCondition("family_lived_elsewhere")->key == "family_lived_elsewhere");
  CHECK_FALSE(ParseCondition("child died").ok());  // which conditions exist is the loader's to say
  CHECK_FALSE(ParseCondition("not").ok());
  CHECK_FALSE(ParseCondition("not not child_died").ok());
}

}  // namespace
}  // namespace scr
