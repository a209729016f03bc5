// What each review type's timescales rest on, outside the engine: `GET /workflows/{name}` shows every
// checkpoint's source and whether it is a local default, and `check-workflows` refuses a copy of a shipped
// file whose checkpoint says neither, naming the file and the checkpoint's line.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

#include "support/api_client.h"
#include "support/board_client.h"
#include "support/process.h"
#include "support/test_support.h"
#include "support/unsourced_checkpoint.h"

namespace {

using nlohmann::json;
using scr::test::RunTracker;
using scr::test::TempDir;
using scr::test::TrackerService;
using namespace scr::test::board;

json CheckpointOf(const json& workflow, const std::string& key) {
  for (const json& checkpoint : workflow["checkpoints"]) {
    if (checkpoint["key"] == key) return checkpoint;
  }
  FAIL("no checkpoint " << key);
  return json();
}

TEST_CASE("workflows: each checkpoint shows the guidance its due rule rests on, or that it is a local default",
          "[integration][workflows][sources]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  Board board = MakeBoard(db);
  TrackerService service(db);
  scr::test::ApiClient client("127.0.0.1", service.port());

  json scr = Get(client, "/api/v1/workflows/scr-2015", board.unit);
  json decision = CheckpointOf(scr, "chair_decision");
  CHECK(decision["due_rule"] == "1 month after referral");
  CHECK_THAT(decision["source"].get<std::string>(),
             Catch::Contains("Working Together to Safeguard Children\" (2015), chapter 4"));
  CHECK(decision["local_default"] == false);
  json coroner = CheckpointOf(scr, "coroner_notified");
  CHECK(coroner["source"].is_null());
  CHECK(coroner["local_default"] == true);
  json to_panel = CheckpointOf(scr, "publication_to_panel");  // our deadline within a published limit
  CHECK_THAT(to_panel["source"].get<std::string>(), Catch::Contains("at least one week before it is published"));
  CHECK(to_panel["local_default"] == true);

  json lcspr = Get(client, "/api/v1/workflows/lcspr-2023", board.unit);
  json rapid_review = CheckpointOf(lcspr, "rapid_review_completed");
  CHECK_THAT(rapid_review["source"].get<std::string>(), Catch::Contains("15 working days of the notification"));
  CHECK(rapid_review["local_default"] == false);
  for (const json& checkpoint : lcspr["checkpoints"]) {
    INFO(checkpoint["key"]);
    CHECK((checkpoint["source"].is_string() || checkpoint["local_default"] == true));
  }
}

TEST_CASE("cli: check-workflows refuses a copy of each shipped file whose checkpoint has no source, naming file:line",
          "[integration][cli][sources]") {
  for (const char* name : {"scr-2015", "lcspr-2023"}) {
    TempDir dir;
    std::filesystem::create_directories(dir.File("flows"));
    std::filesystem::copy(scr::test::WorkflowsDir() + "/calendars", dir.File("flows/calendars"),
                          std::filesystem::copy_options::recursive);
    std::string copy_path = dir.File(std::string("flows/") + name + ".yaml");
    std::string text = scr::test::FileText(scr::test::WorkflowsDir() + "/" + name + ".yaml");
    scr::test::UnsourcedCheckpoint copy = scr::test::WithoutSource(text, "chair_decision");
    REQUIRE(copy.line > 0);
    REQUIRE(copy.removed > 0);
    scr::test::WriteFile(copy_path, copy.text);

    scr::test::CommandOutput checked = RunTracker({"admin", "check-workflows", dir.File("flows")});
    INFO(checked.err);
    CHECK(checked.exit_code != 0);
    std::string expected = copy_path + ":" + std::to_string(copy.line) + ": checkpoint chair_decision";
    CHECK(checked.err.find(expected) != std::string::npos);
    CHECK(checked.err.find("'local_default: true'") != std::string::npos);

    scr::test::WriteFile(copy_path, text);  // the shipped file itself passes
    CHECK(RunTracker({"admin", "check-workflows", dir.File("flows")}).exit_code == 0);
  }
}

}  // namespace
