// The HTTP client of the tests that drive the real binary. When the environment variable SCR_API_ANSWERS
// names a file, every answer it receives is appended there (one JSON line: method, path, status, content
// type, body) for tests/openapi/check_answers.mjs to hold against api/openapi.json after the tests.
// Thread-safety: as httplib::Client; appends are single write(2) calls on an O_APPEND file, so test
// processes running side by side do not interleave their lines.
#pragma once

#include <httplib.h>

#include <string>

namespace scr::test {

// Appends the answer to `request` to the file SCR_API_ANSWERS names; nothing when it names none.
void RecordAnswer(const httplib::Request& request, const httplib::Response& response);

// Records every answer `client` receives (httplib::Client, httplib::SSLClient).
template <typename Client>
void RecordAnswersOf(Client& client) {
  client.set_logger(RecordAnswer);
}

// httplib::Client that records every answer it receives.
class ApiClient : public httplib::Client {
 public:
  ApiClient(const std::string& host, int port) : httplib::Client(host, port) { RecordAnswersOf(*this); }
};

}  // namespace scr::test
