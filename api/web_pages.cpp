// The dashboard's static files (api/web/), compiled into the binary so that an installed service needs
// nothing beside it: the page's own addresses ("/", "/reviews/ID", "/refer", "/my-work", "/chair",
// "/actions") all answer the page, which shows what its address names; "/web/NAME" are its scripts and style.
#include <string_view>

#include "routes.h"
#include "web_files.h"

namespace scr {
namespace {

const char* ContentType(std::string_view name) {
  auto ends = [&name](std::string_view suffix) {
    return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

bool Serve(std::string_view name, httplib::Response& response) {
  for (size_t i = 0; i < kWebFileCount; ++i) {
    if (name != kWebFiles[i].name) continue;
    response.set_header("Content-Security-Policy",
                        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; "
                        "form-action 'self'");
    response.set_header("Referrer-Policy", "no-referrer");
    response.set_content(reinterpret_cast<const char*>(kWebFiles[i].data), kWebFiles[i].size, ContentType(name));
    return true;
  }
  return false;
}

}  // namespace

void RegisterWebPages(httplib::Server& server) {
  // An address a message links to must open the page itself (after sign-in if need be), never an API error.
  auto page = [](const httplib::Request&, httplib::Response& response) { Serve("index.html", response); };
  for (const char* address : {"/", R"(/reviews/\d{1,18})", "/refer", "/my-work", "/chair", "/actions"}) {
    server.Get(address, page);
  }
  server.Get(R"(/web/([A-Za-z0-9_-]+\.[a-z]+))", [](const httplib::Request& request, httplib::Response& response) {
    if (!Serve(request.matches[1].str(), response)) response.status = 404;
  });
}

}  // namespace scr
