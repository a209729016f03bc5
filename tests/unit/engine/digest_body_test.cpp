// A digest's stored form: what the scheduler writes is what the notifier reads back, item by item.
#include <catch2/catch.hpp>

#include "store/sqlite/digest_body.h"

using namespace scr;

namespace {

DigestItem Item(ReviewId review, const std::string& checkpoint, const std::string& due) {
  DigestItem item;
  item.review = review;
  item.checkpoint = checkpoint;
  item.due = due;
  return item;
}

}  // namespace

TEST_CASE("digest: a daily digest read back from its stored form has every list, total and the fingerprint", "[digest]") {
  Digest daily;
  daily.kind = DigestKind::kDaily;
  daily.day = "2027-01-04";
  daily.since = "2026-12-31T08:00:00Z";
  daily.became_overdue = {{Item(12, "board_advised", "2027-01-01")}, 3};
  DigestItem extension = Item(13, "family_informed", "2027-01-20");
  extension.previous_due = "2027-01-05";
  extension.reason = "The family asked to meet after the funeral";
  extension.recorded_by = "Sam (business_unit)";
  daily.extended = {{extension}, 1};
  daily.due_soon_until = "2027-01-18";
  daily.history_fingerprint = "abc123";

  Digest read = DigestFromBody("daily", "2027-01-04", DigestBody(daily));
  CHECK(read.kind == DigestKind::kDaily);
  CHECK(read.day == "2027-01-04");
  CHECK(read.since == daily.since);
  REQUIRE(read.became_overdue.items.size() == 1);
  CHECK(read.became_overdue.total == 3);
  CHECK(read.became_overdue.items[0].checkpoint == "board_advised");
  REQUIRE(read.extended.items.size() == 1);
  CHECK(read.extended.items[0].due == "2027-01-20");
  CHECK(read.extended.items[0].previous_due == "2027-01-05");
  CHECK(read.extended.items[0].reason == extension.reason);
  CHECK(read.extended.items[0].recorded_by == extension.recorded_by);
  CHECK(read.due_soon.items.empty());
  CHECK(read.due_soon_until == "2027-01-18");
  CHECK(read.history_fingerprint == "abc123");
}

TEST_CASE("digest: a catch-up digest read back keeps its alerts, their kinds and the counts by kind", "[digest]") {
  Digest catch_up;
  catch_up.kind = DigestKind::kCatchUp;
  catch_up.fell_due_from = "2027-01-02T00:00:00Z";
  catch_up.fired_at = "2027-01-04T09:00:00Z";
  DigestItem alert = Item(7, "chair_decision", "2027-01-03");
  alert.alert_kind = "escalation";
  alert.level = 2;
  alert.recipient_role = "chair";
  alert.scheduled_for = "2027-01-03T23:59:59Z";
  catch_up.alerts = {{alert}, 25};
  catch_up.counts = {{"escalation", 5}, {"overdue", 20}};

  Digest read = DigestFromBody("catch_up", "2027-01-04", DigestBody(catch_up));
  CHECK(read.kind == DigestKind::kCatchUp);
  CHECK(read.fell_due_from == catch_up.fell_due_from);
  CHECK(read.fired_at == catch_up.fired_at);
  CHECK(read.counts == catch_up.counts);
  REQUIRE(read.alerts.items.size() == 1);
  CHECK(read.alerts.total == 25);
  CHECK(read.alerts.items[0].alert_kind == "escalation");
  CHECK(read.alerts.items[0].level == 2);
  CHECK(read.alerts.items[0].recipient_role == "chair");
}

TEST_CASE("digest: a stored body that cannot be read gives an empty digest of its kind, not an error", "[digest]") {
  Digest read = DigestFromBody("daily", "2027-01-04", "not json");
  CHECK(read.kind == DigestKind::kDaily);
  CHECK(read.day == "2027-01-04");
  CHECK(read.became_overdue.items.empty());
  CHECK(read.became_overdue.total == 0);
}
