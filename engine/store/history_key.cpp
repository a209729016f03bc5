#include "engine/history_key.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace scr {
namespace {

Status CreateKeyFile(const std::string& file, HistoryKey* key) {
  if (RAND_bytes(key->bytes.data(), static_cast<int>(key->bytes.size())) != 1) {
    return Status::Storage("cannot make a history key: the system's random source failed");
  }
  // O_EXCL: if another process made the key meanwhile, read theirs rather than replace it.
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return Status::Conflict("exists");
    return Status::InvalidArgument("cannot create the history key file " + file + ": " + std::strerror(errno) +
                                   "; check that its folder exists and is writable, or set history.key_file");
  }
  ssize_t written = ::write(fd, key->bytes.data(), key->bytes.size());
  bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (written != static_cast<ssize_t>(key->bytes.size()) || !synced) {
    ::unlink(file.c_str());
    return Status::Storage("cannot write the history key file " + file + "; check the disk");
  }
  key->created_now = true;
  return Status::Ok();
}

}  // namespace

std::string DefaultHistoryKeyFile(const std::string& database_path) { return database_path + ".history-key"; }

std::string HistoryKeyFile(const std::string& configured, const std::string& database_path) {
  return configured.empty() ? DefaultHistoryKeyFile(database_path) : configured;
}

Result<HistoryKey> LoadHistoryKey(const std::string& file) {
  HistoryKey key;
  key.file = file;
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    Status created = CreateKeyFile(file, &key);
    if (created.ok()) return key;
    if (created.code() != Status::Code::kConflict) return created;
    fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  }
  if (fd < 0) {
    return Status::InvalidArgument("cannot read the history key file " + file + ": " + std::strerror(errno) +
                                   "; run as the service's user, or set history.key_file in the config");
  }
  uint8_t buffer[33];
  ssize_t read_bytes = ::read(fd, buffer, sizeof(buffer));
  ::close(fd);
  if (read_bytes != static_cast<ssize_t>(key.bytes.size())) {
    return Status::InvalidArgument("the history key file " + file + " must hold exactly 32 bytes, but holds " +
                                   (read_bytes < 0 ? std::string("nothing readable") : std::to_string(read_bytes) +
                                                         (read_bytes == 33 ? " or more" : "")) +
                                   "; restore the key file from where you keep it safe");
  }
  std::memcpy(key.bytes.data(), buffer, key.bytes.size());
  return key;
}

}  // namespace scr
