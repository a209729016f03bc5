// Retention (UK GDPR): `admin retention` lists, then anonymises, the ended reviews whose board's retention
// period has passed, beside the running service; the history records the erasure and still verifies.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/api_client.h"
#include "support/process.h"
#include "support/test_support.h"

using nlohmann::json;
using scr::test::CountRows;
using scr::test::RunAdmin;
using scr::test::RunTracker;
using scr::test::TempDir;
using scr::test::TrackerService;

namespace {

const char* kFamilyName = "Jane Retentiontest";

struct Api {
  httplib::Client& client;
  std::string token;

  json Post(const std::string& path, const json& body, int expected) {
    auto answer =
        client.Post(path.c_str(), {{"Authorization", "Bearer " + token}}, body.dump(), "application/json");
    REQUIRE(answer);
    INFO(path << ": " << answer->body);
    REQUIRE(answer->status == expected);
    return json::parse(answer->body);
  }

  json Get(const std::string& path) {
    auto answer = client.Get(path.c_str(), {{"Authorization", "Bearer " + token}});
    REQUIRE(answer);
    REQUIRE(answer->status == 200);
    return json::parse(answer->body);
  }

  // A referral with a family member, a checkpoint note, then the decision not to hold a review.
  long long ReferAndEnd(const std::string& title) {
    long long id = Post("/api/v1/reviews",
                        {{"workflow", "scr-2015"},
                         {"title", title},
                         {"incident_date", "2026-01-05"},
                         {"referral_date", "2026-01-12"},
                         {"rationale", "Concerns raised by the school."},
                         {"statutory_criteria_met", false},
                         {"child_died", false}},
                        201)["id"];
    std::string review = "/api/v1/reviews/" + std::to_string(id);
    Post(review + "/family-members",
         {{"name", kFamilyName}, {"relationship", "mother"}, {"involvement", "involved"}}, 201);
    auto refused = client.Post((review + "/events").c_str(), {{"Authorization", "Bearer " + token}},
                               R"({"event": "decide_not_to_review", "reason": "Criteria not met."})",
                               "application/json");
    REQUIRE(refused);
    for (const json& blocker : json::parse(refused->body).value("blocking", json::array())) {
      Post(review + "/checkpoints/" + blocker.get<std::string>() + "/complete",
           {{"note", "Discussed at the panel meeting."}}, 200);
    }
    Post(review + "/events", {{"event", "decide_not_to_review"}, {"reason", "Criteria not met."}}, 200);
    return id;
  }
};

}  // namespace

TEST_CASE(
    "retention: a review ended longer ago than its board keeps records is listed, then anonymised, with the "
    "erasure in its history, a review ended since is kept",
    "[integration][retention]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Board"});
  std::string token = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  TrackerService service(db, {"--clock", "simulated"});
  scr::test::ApiClient client("127.0.0.1", service.port());
  Api api{client, token};
  std::string admin_token = RunAdmin(db, {"create-token", "--board", board, "--role", "admin"});

  long long ended_long_ago = api.ReferAndEnd("Child R (2026)");
  Api{client, admin_token}.Post("/api/v1/admin/clock/advance", {{"days", 45}}, 200);
  long long ended_lately = api.ReferAndEnd("Child S (2026)");
  std::string family_of = "SELECT COUNT(*) FROM family_members WHERE review_id = ";

  scr::test::CommandOutput set =
      RunTracker({"admin", "set-retention", "--board", board, "--months", "1", "--db", db});
  INFO(set.err);
  REQUIRE(set.exit_code == 0);

  scr::test::CommandOutput listed = RunTracker({"admin", "retention", "--dry-run", "--db", db});
  INFO(listed.out << listed.err);
  REQUIRE(listed.exit_code == 0);
  CHECK(listed.out.find("Child R (2026)") != std::string::npos);
  CHECK(listed.out.find("Child S (2026)") == std::string::npos);
  CHECK(listed.out.find("1 review(s) past their retention period, 1 family record(s); dry run") !=
        std::string::npos);
  CHECK(CountRows(db, family_of + std::to_string(ended_long_ago)) == 1);  // a dry run changes nothing

  scr::test::CommandOutput erased = RunTracker({"admin", "retention", "--db", db});  // the service still runs
  INFO(erased.out << erased.err);
  REQUIRE(erased.exit_code == 0);
  CHECK(erased.out.find("1 review(s) anonymised, 1 family record(s) erased") != std::string::npos);
  CHECK(CountRows(db, family_of + std::to_string(ended_long_ago)) == 0);
  CHECK(CountRows(db, family_of + std::to_string(ended_lately)) == 1);
  CHECK(CountRows(
            db, "SELECT COUNT(*) FROM reviews WHERE anonymised_at IS NOT NULL AND rationale = '' AND id = " +
                    std::to_string(ended_long_ago)) == 1);
  CHECK(CountRows(db, "SELECT COUNT(*) FROM checkpoints WHERE note <> '' AND review_id = " +
                          std::to_string(ended_long_ago)) == 0);
  CHECK(
      CountRows(db, "SELECT COUNT(*) FROM reviews WHERE anonymised_at IS NULL AND rationale <> '' AND id = " +
                        std::to_string(ended_lately)) == 1);

  json history =
      api.Get("/api/v1/reviews/" + std::to_string(ended_long_ago) + "/events");  // through the service
  REQUIRE(!history["items"].empty());
  const json& last = history["items"].back();
  CHECK(last["event"] == "retention_erasure");
  CHECK(last.dump().find("\"family_members_erased\":1") != std::string::npos);
  CHECK(history.dump().find(kFamilyName) == std::string::npos);  // names live only in family_members
  // The history's own copies of the texts are blanked too; its events, dates and who recorded them stay.
  CHECK(history.dump().find("Criteria not met.") == std::string::npos);
  CHECK(history.dump().find("Discussed at the panel meeting.") == std::string::npos);
  CHECK(history.dump().find("Concerns raised by the school.") == std::string::npos);
  CHECK(history["items"][0]["event"] == "referred");
  json kept = api.Get("/api/v1/reviews/" + std::to_string(ended_lately) + "/events");
  CHECK(kept.dump().find("Criteria not met.") != std::string::npos);  // the review ended since keeps its texts

  scr::test::CommandOutput verified = RunTracker({"admin", "verify", "--db", db});
  INFO(verified.err);
  CHECK(verified.exit_code == 0);
  scr::test::CommandOutput again = RunTracker({"admin", "retention", "--db", db});
  CHECK(again.out.find("no review is past its retention period") != std::string::npos);
  service.Stop();
  CHECK(RunTracker({"admin", "verify", "--db", db}).exit_code == 0);
}

TEST_CASE("retention: set-retention refuses an unknown board and a period of no months",
          "[integration][retention]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Board"});
  scr::test::CommandOutput unknown =
      RunTracker({"admin", "set-retention", "--board", "99", "--months", "12", "--db", db});
  CHECK(unknown.exit_code != 0);
  CHECK(unknown.err.find("no board 99") != std::string::npos);
  scr::test::CommandOutput zero =
      RunTracker({"admin", "set-retention", "--board", board, "--months", "0", "--db", db});
  CHECK(zero.exit_code != 0);
  CHECK(zero.err.find("--months must be 1 to 1200") != std::string::npos);
}
