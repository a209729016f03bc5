// The stored form of a digest (the `body` column of `digests`): the one place that spells its keys.
#pragma once

#include <string>

#include "engine/digest.h"

namespace scr {

std::string DigestBody(const Digest& digest);
// The digest stored with `kind` and `day`; a body that cannot be read gives empty lists.
Digest DigestFromBody(const std::string& kind, const std::string& day, const std::string& body);

}  // namespace scr
