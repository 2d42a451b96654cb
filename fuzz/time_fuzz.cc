// Fuzz target for the RFC 3339 parser: no crash, and every accepted time
// formats back to the same instant.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "util/time.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto t = tanggap::ParseRfc3339(text);
  if (!t) return 0;
  auto back = tanggap::ParseRfc3339(tanggap::FormatRfc3339(t->unix_seconds, t->offset_minutes));
  if (!back || back->unix_seconds != t->unix_seconds) std::abort();
  return 0;
}
