// How deeply a JSON text nests, found without parsing it: every JSON text that comes from outside (a request
// body, an event's data) is measured before any parser or serializer walks it, because walking a tree
// hundreds of thousands of levels deep recursively exhausts the stack and stops the process.
#pragma once

#include <cstddef>
#include <string_view>

namespace scr {

// Requests and stored event data nest at most this many arrays and objects.
constexpr size_t kMaxJsonDepth = 64;

// True when no array or object in `text` is nested more than `limit` levels deep (brackets inside strings
// do not count). Linear in the text and without recursion; meant for text that is then parsed, so it does
// not check that the text is valid JSON.
bool JsonDepthWithin(std::string_view text, size_t limit = kMaxJsonDepth);

}  // namespace scr
