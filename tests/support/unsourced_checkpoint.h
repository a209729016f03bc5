// A shipped workflow file's text with what one checkpoint's due rule rests on (`source:`, `local_default:`)
// taken out, as someone might break it, and the line the loader must name for it.
#pragma once

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

namespace scr::test {

inline std::string FileText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct UnsourcedCheckpoint {
  std::string text;  // the file without the checkpoint's `source:` and `local_default:` lines
  int line = 0;      // the line of the checkpoint's `- key: KEY` (1-based), 0 when the file has no such checkpoint
  int removed = 0;   // how many lines were taken out
};

// Takes out the `source:` and `local_default:` lines of checkpoint `key` (the file's layout: `  - key: KEY`
// opens the checkpoint, its fields are indented by four spaces).
inline UnsourcedCheckpoint WithoutSource(const std::string& text, const std::string& key) {
  UnsourcedCheckpoint copy;
  std::istringstream in(text);
  bool inside = false;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.rfind("  - ", 0) == 0 || (!line.empty() && line[0] != ' ' && line[0] != '#')) inside = false;
    if (line == "  - key: " + key) {
      inside = true;
      copy.line = number;
    }
    if (inside && (line.rfind("    source:", 0) == 0 || line.rfind("    local_default:", 0) == 0)) {
      ++copy.removed;
      continue;
    }
    copy.text += line + "\n";
  }
  return copy;
}

}  // namespace scr::test
