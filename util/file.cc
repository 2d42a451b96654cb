#include "util/file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace tanggap {

Result<std::string> ReadSmallFile(const std::string& path, size_t max_bytes) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return Status::NotFound("cannot read " + path + ": " + std::strerror(errno));
  }
  std::string out;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    if (out.size() + n > max_bytes) {
      std::fclose(f);
      return Status::InvalidArgument(path + " is larger than " + std::to_string(max_bytes) +
                                     " bytes; split it");
    }
    out.append(buf, n);
  }
  bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return Status::IOError("cannot read " + path + ": read error");
  return out;
}

}  // namespace tanggap
