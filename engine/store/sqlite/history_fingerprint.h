// A fingerprint of every review's history as it stands, on one line, to keep outside the service (the
// chair's daily digest carries one): "scr-fp1.<events>.<digest>.<tags>".
//   events: how many events it covers in all;
//   digest: the first 16 bytes (hex) of SHA-256 over each covered review's id, event count and the keyed
//           hash of its last event, in review order: what the check relies on;
//   tags:   base64url of, for each review in id order, the id's step from the previous id and the event
//           count (LEB128 varints) and the first 3 bytes of that last hash: what lets the check name the
//           review that differs.
// A history recorded up to the fingerprint that changed (even re-chained by someone who has the key) or
// went changes its last hash; events appended later and reviews created later do not.
#pragma once

#include <optional>
#include <string>

#include "engine/model.h"
#include "engine/status.h"
#include "store/sqlite/database.h"

namespace scr {

// Every review's, or one board's.
Result<std::string> HistoryFingerprint(Database& database, std::optional<BoardId> board = std::nullopt);

// Empty when every history the fingerprint covers still holds what it held then; otherwise the first review
// that differs, in words. InvalidArgument when `fingerprint` is not one.
Result<std::string> CheckFingerprint(Database& database, const std::string& fingerprint);

}  // namespace scr
