// The JSON writer used for reviews: what it writes must be JSON any client parses, with the text it was given.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <random>

#include "json_writer.h"

namespace scr {
namespace {

TEST_CASE("the JSON writer writes objects and arrays that parse to the same values") {
  JsonWriter json;
  json.BeginObject()
      .Field("id", int64_t{42})
      .Field("title", "Review A")
      .Field("held", true)
      .Field("missing", std::optional<std::string>())
      .Key("events")
      .BeginArray()
      .String("commission")
      .BeginObject()
      .Field("n", -7)
      .EndObject()
      .BeginArray()
      .EndArray()
      .EndArray()
      .Key("empty")
      .BeginObject()
      .EndObject()
      .EndObject();
  nlohmann::json parsed = nlohmann::json::parse(json.Take());
  CHECK(parsed == nlohmann::json{{"id", 42},
                                 {"title", "Review A"},
                                 {"held", true},
                                 {"missing", nullptr},
                                 {"events", {"commission", {{"n", -7}}, nlohmann::json::array()}},
                                 {"empty", nlohmann::json::object()}});
  CHECK(json.Take().empty());  // taken: the writer starts afresh
}

TEST_CASE("the JSON writer escapes quotes, backslashes and control characters and keeps UTF-8 as it is") {
  const std::string text = "a \"quoted\" \\ path\n\ttab \x01\x1f end; caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 /";
  JsonWriter json;
  json.BeginArray().String(text).EndArray();
  std::string written = json.Take();
  CHECK(written.find('\n') == std::string::npos);
  CHECK(written.find("\\u0001") != std::string::npos);
  CHECK(nlohmann::json::parse(written)[0].get<std::string>() == text);
}

TEST_CASE("the JSON writer replaces bytes that are not UTF-8 so that the answer is still valid JSON") {
  const std::string cases[] = {"\xFF", "abc\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "x\x80y"};
  for (const std::string& bad : cases) {
    JsonWriter json;
    json.BeginArray().String(bad).EndArray();
    std::string written = json.Take();
    INFO(written);
    std::string parsed = nlohmann::json::parse(written)[0].get<std::string>();
    CHECK(parsed.find("\xEF\xBF\xBD") != std::string::npos);
  }
}

TEST_CASE("any bytes at all written as a string parse back, and valid UTF-8 comes back unchanged") {
  std::mt19937 random(20261201);
  std::uniform_int_distribution<int> length(0, 24);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 20000; ++round) {
    std::string text(static_cast<size_t>(length(random)), '\0');
    for (char& c : text) c = static_cast<char>(byte(random));
    JsonWriter json;
    json.BeginArray().String(text).EndArray();
    std::string written = json.Take();
    INFO(nlohmann::json(text).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
    nlohmann::json parsed = nlohmann::json::parse(written);  // throws on anything that is not JSON
    bool valid_utf8 = true;
    try {
      (void)nlohmann::json(text).dump();
    } catch (const nlohmann::json::type_error&) {
      valid_utf8 = false;
    }
    if (valid_utf8) CHECK(parsed[0].get<std::string>() == text);
    else CHECK(parsed[0].get<std::string>().find("\xEF\xBF\xBD") != std::string::npos);
  }
}

}  // namespace
}  // namespace scr
