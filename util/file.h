// Reading small whole files (rule packs, cue files, holiday calendars).
#ifndef TANGGAP_UTIL_FILE_H_
#define TANGGAP_UTIL_FILE_H_

#include <cstddef>
#include <string>

#include "util/status.h"

namespace tanggap {

// The file's bytes. kNotFound when it cannot be opened, kInvalidArgument
// when it is larger than max_bytes (read no further), kIOError on a read
// error. Messages name the path.
Result<std::string> ReadSmallFile(const std::string& path, size_t max_bytes);

}  // namespace tanggap

#endif  // TANGGAP_UTIL_FILE_H_
