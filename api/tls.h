// HTTPS for the API: an httplib server whose TLS context holds the configured certificate and key,
// checked at start so that a wrong file is a clear error rather than a failure on the first connection.
#pragma once

#include <httplib.h>

#include <memory>
#include <string>

#include "connection_guard.h"
#include "engine/status.h"

namespace scr {

// A server speaking HTTPS with the PEM certificate (chain) at `cert_path` and the unencrypted PEM private
// key at `key_path`, its connections served through `guard`; InvalidArgument naming the file and what is
// wrong with it when they cannot be used.
Result<std::unique_ptr<httplib::Server>> MakeHttpsServer(std::shared_ptr<ConnectionGuard> guard,
                                                         const std::string& cert_path,
                                                         const std::string& key_path);

}  // namespace scr
