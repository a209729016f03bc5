// The files of api/web/, as compiled in by CMake (api/CMakeLists.txt).
#pragma once

#include <cstddef>

namespace scr {

struct WebFile {
  const char* name;
  const unsigned char* data;
  size_t size;
};

extern const WebFile kWebFiles[];
extern const size_t kWebFileCount;

}  // namespace scr
