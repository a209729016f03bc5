// An event as POST /reviews/{id}/events receives it, down the path its `data` takes: the strict body parse,
// the depth measure that guards every parser and serializer, the engine's own parse and the history's
// write-back. Any bytes must be refused with a message or come out as JSON again; never a crash. The depth
// measure is checked against nlohmann's parser: when both read the text, they agree on its depth.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/json_depth.h"
#include "strict_json.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

// The deepest nesting nlohmann's parser meets in `text`, or -1 when it is not JSON. The parser itself is
// iterative; the callback keeps no tree, so nothing recursive walks the text.
int ParsedDepth(const std::string& text) {
  int deepest = 0;
  auto measure = [&deepest](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
    if (event == nlohmann::json::parse_event_t::object_start || event == nlohmann::json::parse_event_t::array_start) {
      deepest = std::max(deepest, depth + 1);
    }
    return false;  // keep nothing
  };
  nlohmann::json kept = nlohmann::json::parse(text, measure, /*allow_exceptions=*/false);
  return kept.is_discarded() && deepest == 0 && !nlohmann::json::accept(text) ? -1 : deepest;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  std::string body(reinterpret_cast<const char*>(bytes), size);
  // nlohmann's parser reads a text only up to a NUL byte; the measure reads all of it (and so refuses more).
  if (body.find('\0') == std::string::npos && nlohmann::json::accept(body)) {
    int depth = ParsedDepth(body);
    Check(scr::JsonDepthWithin(body) == (depth <= static_cast<int>(scr::kMaxJsonDepth)));
  }
  scr::StrictObject event(body, {"event", "reason", "data"});
  event.Text("event", true, 100);
  event.Text("reason", false);
  std::string data = event.ObjectText("data");
  if (!event.ok()) {
    Check(!event.error().empty());
    return 0;
  }
  // What the engine checks and stores, and what the history answers with later.
  Check(scr::JsonDepthWithin(data));
  nlohmann::json stored = nlohmann::json::parse(data, nullptr, false);
  Check(stored.is_object());
  Check(nlohmann::json::parse(stored.dump(), nullptr, false) == stored);
  return 0;
}
