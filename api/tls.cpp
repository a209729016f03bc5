#include "tls.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <fstream>

#include "guarded_server.h"

namespace scr {
namespace {

// OpenSSL's reason for the last failure, and its error queue emptied.
std::string OpenSslReason() {
  unsigned long code = ERR_get_error();
  std::string reason = code ? ERR_reason_error_string(code) ? ERR_reason_error_string(code) : "unknown error"
                            : "unknown error";
  ERR_clear_error();
  return reason;
}

Status CheckReadable(const std::string& path, const std::string& what) {
  if (path.empty())
    return Status::InvalidArgument("tls." + what + " is empty; give both tls.cert and tls.key, or neither");
  std::ifstream file(path);
  if (!file) {
    return Status::InvalidArgument("cannot read the TLS " + what + " file " + path +
                                   "; check the path in the config and that the service's user may read it");
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<httplib::Server>> MakeHttpsServer(std::shared_ptr<ConnectionGuard> guard,
                                                         const std::string& cert_path,
                                                         const std::string& key_path) {
  if (Status readable = CheckReadable(cert_path, "cert"); !readable.ok()) return readable;
  if (Status readable = CheckReadable(key_path, "key"); !readable.ok()) return readable;
  Status problem;
  auto setup = [&](SSL_CTX& context) {
    SSL_CTX_set_min_proto_version(&context, TLS1_2_VERSION);
    if (SSL_CTX_use_certificate_chain_file(&context, cert_path.c_str()) != 1) {
      problem =
          Status::InvalidArgument("the TLS certificate " + cert_path + " cannot be used (" + OpenSslReason() +
                                  "); it must be a PEM certificate, followed by any intermediates");
      return false;
    }
    if (SSL_CTX_use_PrivateKey_file(&context, key_path.c_str(), SSL_FILETYPE_PEM) != 1) {
      if (ERR_GET_REASON(ERR_peek_last_error()) == X509_R_KEY_VALUES_MISMATCH) {
        ERR_clear_error();
        problem = Status::InvalidArgument("the TLS key " + key_path + " does not belong to the certificate " +
                                          cert_path);
        return false;
      }
      problem = Status::InvalidArgument("the TLS key " + key_path + " cannot be used (" + OpenSslReason() +
                                        "); it must be the unencrypted PEM private key of " + cert_path);
      return false;
    }
    if (SSL_CTX_check_private_key(&context) != 1) {
      problem = Status::InvalidArgument("the TLS key " + key_path + " does not belong to the certificate " +
                                        cert_path);
      return false;
    }
    return true;
  };
  auto server = std::make_unique<GuardedServer<httplib::SSLServer>>(std::move(guard), setup);
  if (!server->is_valid()) {
    if (problem.ok()) problem = Status::InvalidArgument("TLS could not be set up: " + OpenSslReason());
    return problem;
  }
  return std::unique_ptr<httplib::Server>(std::move(server));
}

}  // namespace scr
