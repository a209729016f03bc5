// Attaching the history key to a database connection, and keying, once, a history written before the
// chain was keyed (plain SHA-256): its old chains are checked first, and a chain already broken is never
// re-keyed. The keying is recorded (when, how many events, and a check value of the key) in
// history_keying.
#pragma once

#include <string>

#include "engine/history_key.h"
#include "engine/status.h"
#include "store/sqlite/database.h"
#include "store/sqlite/event_log.h"

namespace scr {

enum class Keying {
  kCheckOnly,   // never writes: a history that is not keyed with this key is an error (e.g. a backup)
  kWhenSafe,    // keys an unkeyed history when it is empty, or when the key file was made just now
  kKeyUnkeyed,  // keys an unkeyed history whose old chains hold (admin key-history)
};

// The chain as it was before it was keyed: plain SHA-256 over the whole event and the previous hash.
EventHash UnkeyedEventHash(const NewEvent& event, const EventHash& previous);

// Sets the key's HMAC context on `database` and makes sure its history is keyed with that key.
Status AttachHistoryKey(Database& database, const HistoryKey& key, Keying keying);

// When the history was keyed and how many events were keyed then, in words; empty when it never was.
Result<std::string> DescribeKeying(Database& database);

}  // namespace scr
