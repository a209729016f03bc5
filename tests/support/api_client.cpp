#include "support/api_client.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

namespace scr::test {

namespace {

// JSON bodies are kept for validation; any other answer only by its content type (a CSV, a workbook, a
// calendar or a page is checked for the type the document names).
bool IsJson(const std::string& content_type) { return content_type.find("json") != std::string::npos; }

}  // namespace

void RecordAnswer(const httplib::Request& request, const httplib::Response& response) {
  const char* file = std::getenv("SCR_API_ANSWERS");
  if (file == nullptr || *file == '\0') return;
  std::string content_type = response.get_header_value("Content-Type");
  nlohmann::json line = {{"method", request.method},
                         {"path", request.path},
                         {"status", response.status},
                         {"content_type", content_type}};
  if (IsJson(content_type)) line["body"] = response.body;
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  int fd = ::open(file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return;
  ssize_t written = ::write(fd, text.data(), text.size());
  (void)written;
  ::close(fd);
}

}  // namespace scr::test
