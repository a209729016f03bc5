// HTTPS served by the binary itself (tls.cert and tls.key in the config), and the startup errors for a
// certificate or key it cannot use.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/api_client.h"
#include "support/process.h"
#include "support/test_support.h"

using nlohmann::json;
using scr::test::RunTracker;
using scr::test::TempDir;
using scr::test::TrackerService;

namespace {

std::string TlsConfig(const TempDir& dir, const std::string& cert, const std::string& key) {
  std::string path = dir.File("config.yaml");
  scr::test::WriteFile(path, "tls:\n  cert: " + cert + "\n  key: " + key + "\n");
  return path;
}

// What `serve` printed when it refused to start with `config`.
scr::test::CommandOutput ServeRefused(const TempDir& dir, const std::string& config) {
  return RunTracker({"serve", "--db", dir.File("scr.db"), "--listen", "127.0.0.1:0", "--config", config});
}

}  // namespace

TEST_CASE("https: with tls.cert and tls.key the service answers over TLS, verified against its certificate",
          "[integration][tls]") {
  TempDir dir;
  std::string cert = dir.File("cert.pem"), key = dir.File("key.pem");
  scr::test::MakeSelfSignedCertificate(cert, key);
  TrackerService service(dir.File("scr.db"), {"--config", TlsConfig(dir, cert, key)});
  CHECK(service.Log().find("on https://127.0.0.1:") != std::string::npos);

  httplib::SSLClient client("127.0.0.1", service.port());

  scr::test::RecordAnswersOf(client);
  client.set_ca_cert_path(cert.c_str());
  client.enable_server_certificate_verification(true);
  auto health = client.Get("/health");
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(json::parse(health->body) == json{{"status", "ok"}});
  auto reviews = client.Get("/api/v1/reviews");
  REQUIRE(reviews);
  CHECK(reviews->status == 401);  // the API itself, behind TLS

  scr::test::ApiClient plain("127.0.0.1", service.port());  // plain HTTP is not spoken on the TLS port
  plain.set_connection_timeout(2);
  plain.set_read_timeout(2);
  auto refused = plain.Get("/health");
  CHECK((!refused || refused->status != 200));
}

TEST_CASE(
    "https: a missing, unreadable or mismatched certificate or key stops the start with a clear message",
    "[integration][tls]") {
  TempDir dir;
  std::string cert = dir.File("cert.pem"), key = dir.File("key.pem");
  scr::test::MakeSelfSignedCertificate(cert, key);
  std::string other_cert = dir.File("other-cert.pem"), other_key = dir.File("other-key.pem");
  scr::test::MakeSelfSignedCertificate(other_cert, other_key);
  scr::test::WriteFile(dir.File("garbage.pem"), "not a certificate\n");

  scr::test::CommandOutput missing = ServeRefused(dir, TlsConfig(dir, dir.File("nope.pem"), key));
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("cannot read the TLS cert file " + dir.File("nope.pem")) != std::string::npos);

  scr::test::CommandOutput garbage = ServeRefused(dir, TlsConfig(dir, dir.File("garbage.pem"), key));
  CHECK(garbage.exit_code == 1);
  CHECK(garbage.err.find("the TLS certificate " + dir.File("garbage.pem") + " cannot be used") !=
        std::string::npos);

  scr::test::CommandOutput mismatched = ServeRefused(dir, TlsConfig(dir, cert, other_key));
  CHECK(mismatched.exit_code == 1);
  CHECK(mismatched.err.find("does not belong to the certificate") != std::string::npos);

  scr::test::WriteFile(dir.File("half.yaml"), "tls:\n  cert: " + cert + "\n");
  scr::test::CommandOutput half = ServeRefused(dir, dir.File("half.yaml"));
  CHECK(half.exit_code == 1);
  CHECK(half.err.find("tls needs both cert and key") != std::string::npos);
}
