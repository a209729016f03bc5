// Checks one workflow file's YAML, collecting every problem as "file:line: message" rather than stopping
// at the first. Private to the workflow loader.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace scr {

// Not thread-safe; one per file being loaded.
class FileChecker {
 public:
  FileChecker(std::string path, std::vector<std::string>* errors) : path_(std::move(path)), errors_(errors) {}

  void Error(const YAML::Node& at, const std::string& message) {
    int line = at.IsDefined() ? at.Mark().line + 1 : 0;
    errors_->push_back(path_ + ":" + std::to_string(line > 0 ? line : 1) + ": " + message);
    ++count_;
  }
  int count() const { return count_; }
  const std::string& path() const { return path_; }

  // Reports every key of `map` that is not in `allowed`.
  bool IsMapWithKnownKeys(const YAML::Node& map, const std::set<std::string>& allowed, const std::string& what) {
    if (!map.IsMap()) {
      Error(map, what + " must be a mapping of keys to values");
      return false;
    }
    for (const auto& entry : map) {
      std::string key = entry.first.Scalar();
      if (!allowed.count(key)) {
        std::string known;
        for (const std::string& k : allowed) known += (known.empty() ? "" : ", ") + k;
        Error(entry.first, "unknown key '" + key + "' in " + what + " (known keys: " + known + ")");
      }
    }
    return true;
  }

  std::optional<std::string> Text(const YAML::Node& parent, const char* key, const std::string& what,
                                  bool required = true) {
    YAML::Node node = parent[key];
    if (!node.IsDefined() || node.IsNull()) {
      if (required) Error(parent, what + " needs '" + key + "'");
      return std::nullopt;
    }
    if (!node.IsScalar() || node.Scalar().empty()) {
      Error(node, "'" + std::string(key) + "' of " + what + " must be a non-empty text");
      return std::nullopt;
    }
    return node.Scalar();
  }

  std::optional<int> Integer(const YAML::Node& parent, const char* key, const std::string& what) {
    YAML::Node node = parent[key];
    if (!node.IsDefined() || node.IsNull()) {
      Error(parent, what + " needs '" + key + "'");
      return std::nullopt;
    }
    static const std::regex kDigits("[0-9]{1,4}");
    if (!node.IsScalar() || !std::regex_match(node.Scalar(), kDigits)) {
      Error(node, "'" + std::string(key) + "' of " + what + " must be a whole number");
      return std::nullopt;
    }
    return std::stoi(node.Scalar());
  }

 private:
  std::string path_;
  std::vector<std::string>* errors_;
  int count_ = 0;
};

}  // namespace scr
