// A review's references with the national bodies and the other systems that track the same case (the
// Panel's case number, the national notification, the NHS incident number, ...): which keys a review may
// carry and what a reference may look like. Free functions and constants; thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/status.h"

namespace scr {

struct ReferenceKey {
  const char* key;          // e.g. "panel"
  const char* description;  // what it is the reference of, for the API's description and the page
};

// Every key a review's `references` may hold, in the order they are shown.
const std::vector<ReferenceKey>& ReferenceKeys();
constexpr size_t kMaxReferenceLength = 64;

// Ok when `key` is one of ReferenceKeys() and `value` a reference: 1 to 64 characters, letters, digits,
// spaces and . / - _ : # ( ), starting with a letter or a digit. Otherwise InvalidArgument naming the key.
Status CheckReference(const std::string& key, const std::string& value);

std::string EncodeReferences(const std::map<std::string, std::string>& references);  // a JSON object
std::map<std::string, std::string> DecodeReferences(const std::string& text);          // {} when damaged

}  // namespace scr
