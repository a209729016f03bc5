// Request bodies as the handlers parse them (StrictObject): any bytes must be either accepted with typed
// values or refused with a message that a problem+json body can carry; never a crash.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "strict_json.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string body(reinterpret_cast<const char*>(data), size);
  // The fields of a referral, an event, an extension and an action: each getter the handlers use.
  scr::StrictObject object(body, {"workflow", "title", "incident_date", "statutory_criteria_met", "event", "data",
                                  "due", "reason", "days", "identifiers"});
  std::optional<std::string> workflow = object.Text("workflow", true, 100);
  object.Text("title", false, 200);
  object.DateField("incident_date", false);
  object.Boolean("statutory_criteria_met", false);
  object.Text("event", false, 100);
  std::string data_text = object.ObjectText("data");
  object.DateField("due", false);
  object.Text("reason", false);
  object.Integer("days", false);
  object.TextList("identifiers", 20, 200);
  if (!object.ok()) {
    Check(!object.error().empty());
    // The refusal goes out in a problem+json body: it must be valid UTF-8 JSON text.
    Check(!nlohmann::json{{"detail", object.error()}}.dump().empty());
    return 0;
  }
  Check(workflow.has_value() && workflow->size() <= 100);
  Check(nlohmann::json::parse(data_text, nullptr, false).is_object());
  return 0;
}
