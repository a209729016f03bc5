// The documented production set-up: nginx in front of the service (deploy/nginx.example.conf as shipped, with
// only its addresses and certificate put in). The service alone bounds what a client can hold (64 connections
// an address, 512 in all, each request's headers within 10 s), but clients sending slowly from more addresses
// than that can still fill it; nginx, which keeps thousands of idle connections for little memory and forwards
// only whole requests, stops them.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <httplib.h>

#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

#include "support/api_client.h"
#include "support/process.h"
#include "support/raw_client.h"
#include "support/test_support.h"

using scr::test::FreePort;
using scr::test::RawClient;
using scr::test::RunAdmin;
using scr::test::TempDir;
using scr::test::TrackerService;

namespace {

// nginx (Debian's package) serving the example configuration on a free loopback port, in the foreground;
// stopped when the object goes.
class NginxFront {
 public:
  explicit NginxFront(int service_port) {
    std::string cert = dir_.File("cert.pem"), key = dir_.File("key.pem");
    scr::test::MakeSelfSignedCertificate(cert, key);
    https_port_ = FreePort();
    std::ifstream example(std::string(SCR_SOURCE_DIR) + "/deploy/nginx.example.conf");
    std::stringstream site;
    site << example.rdbuf();
    std::string conf = site.str();
    conf = std::regex_replace(conf, std::regex(R"(listen 80;)"), "listen 127.0.0.1:" + std::to_string(FreePort()) + ";");
    conf = std::regex_replace(conf, std::regex(R"(listen 443 ssl http2;)"),
                              "listen 127.0.0.1:" + std::to_string(https_port_) + " ssl http2;");
    conf = std::regex_replace(conf, std::regex(R"(/etc/letsencrypt/live/scr\.example\.org/fullchain\.pem)"), cert);
    conf = std::regex_replace(conf, std::regex(R"(/etc/letsencrypt/live/scr\.example\.org/privkey\.pem)"), key);
    conf = std::regex_replace(conf, std::regex(R"(127\.0\.0\.1:8080)"), "127.0.0.1:" + std::to_string(service_port));
    REQUIRE(conf.find(std::to_string(service_port)) != std::string::npos);
    scr::test::WriteFile(dir_.File("site.conf"), conf);
    std::string d = dir_.path();
    scr::test::WriteFile(dir_.File("nginx.conf"),
                         std::string(geteuid() == 0 ? "user root;\n" : "") + "worker_processes 1;\nworker_rlimit_nofile 8192;\n" +
                             "pid " + d + "/nginx.pid;\nerror_log " + d + "/error.log warn;\n" +
                             "events { worker_connections 4096; }\nhttp {\n  access_log off;\n" +
                             "  client_body_temp_path " + d + "/body;\n  proxy_temp_path " + d + "/proxy;\n" +
                             "  fastcgi_temp_path " + d + "/fastcgi;\n  uwsgi_temp_path " + d + "/uwsgi;\n" +
                             "  scgi_temp_path " + d + "/scgi;\n  include " + d + "/site.conf;\n}\n");
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      std::string config = dir_.File("nginx.conf");
      execl("/usr/sbin/nginx", "nginx", "-p", d.c_str(), "-c", config.c_str(), "-g", "daemon off;",
            static_cast<char*>(nullptr));
      _exit(127);
    }
    bool up = scr::test::WaitFor(
        [this] {
          httplib::SSLClient client("127.0.0.1", https_port_);
          scr::test::RecordAnswersOf(client);
          client.enable_server_certificate_verification(false);
          auto health = client.Get("/health");
          return health && health->status == 200;
        },
        std::chrono::seconds(20));
    INFO("nginx's error log: " << ErrorLog());
    REQUIRE(up);
  }
  ~NginxFront() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  NginxFront(const NginxFront&) = delete;
  NginxFront& operator=(const NginxFront&) = delete;

  int https_port() const { return https_port_; }
  std::string ErrorLog() const {
    std::ifstream log(dir_.File("error.log"));
    std::stringstream text;
    text << log.rdbuf();
    return text.str();
  }

 private:
  TempDir dir_;
  pid_t pid_ = -1;
  int https_port_ = 0;
};

}  // namespace

TEST_CASE("security: behind the documented nginx, 600 slow clients from 20 addresses do not keep others from the "
          "service",
          "[security][http][nginx]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  RunAdmin(db, {"create-board", "--name", "Northshire"});
  TrackerService service(db);
  NginxFront nginx(service.port());

  std::vector<std::unique_ptr<RawClient>> slow;
  for (int i = 0; i < 600; ++i) {
    // A connection that starts its TLS handshake and goes quiet, as a slow client's does.
    slow.push_back(std::make_unique<RawClient>(nginx.https_port(), "127.0.1." + std::to_string(1 + i % 20)));
    slow.back()->Send(std::string("\x16\x03\x01", 3));
  }
  httplib::SSLClient client("127.0.0.1", nginx.https_port());
  scr::test::RecordAnswersOf(client);
  client.enable_server_certificate_verification(false);
  client.set_connection_timeout(1);
  client.set_read_timeout(1);
  for (int attempt = 0; attempt < 5; ++attempt) {
    auto started = std::chrono::steady_clock::now();
    auto health = client.Get("/health");
    REQUIRE(health);
    CHECK(health->status == 200);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(1));
  }
  // The service saw none of them: every connection it had came from nginx.
  CHECK(service.Log().find("refused a connection") == std::string::npos);
}

TEST_CASE("security: behind the documented nginx, a body over 1 MiB is refused before it reaches the service",
          "[security][http][nginx]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Northshire"});
  std::string token = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  TrackerService service(db);
  NginxFront nginx(service.port());
  httplib::SSLClient client("127.0.0.1", nginx.https_port());
  scr::test::RecordAnswersOf(client);
  client.enable_server_certificate_verification(false);
  auto refused = client.Post("/api/v1/reviews", {{"Authorization", "Bearer " + token}}, std::string(3 << 20, ' '),
                             "application/json");
  REQUIRE(refused);
  CHECK(refused->status == 413);
  CHECK(service.Log().find("POST /api/v1/reviews") == std::string::npos);
}
