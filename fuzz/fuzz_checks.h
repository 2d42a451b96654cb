// Assertions shared by the fuzz targets: a failed one aborts, which
// libFuzzer (and the corpus replay under ctest) reports with its input.
#ifndef TANGGAP_FUZZ_FUZZ_CHECKS_H_
#define TANGGAP_FUZZ_FUZZ_CHECKS_H_

#include <cstddef>
#include <cstdlib>
#include <string>
#include <string_view>

namespace tanggap::fuzz {

inline void Check(bool ok) {
  if (!ok) std::abort();
}

// A loader's refusal reads "NAME:LINE: what" with 1 <= LINE <= `lines`,
// the number of lines of the input it was given; or "NAME: what" when the
// line is optional (a refusal of the whole file).
inline void CheckMessage(const std::string& message, std::string_view name, size_t lines,
                         bool line_optional = false) {
  Check(message.size() > name.size() + 1 && message.compare(0, name.size(), name) == 0);
  Check(message[name.size()] == ':');
  size_t pos = name.size() + 1, line = 0, digits = 0;
  while (pos < message.size() && message[pos] >= '0' && message[pos] <= '9' && digits < 12) {
    line = line * 10 + static_cast<size_t>(message[pos++] - '0');
    ++digits;
  }
  if (digits == 0 && line_optional) return;
  Check(digits > 0 && pos < message.size() && message[pos] == ':');
  Check(line >= 1 && line <= lines);
}

}  // namespace tanggap::fuzz

#endif  // TANGGAP_FUZZ_FUZZ_CHECKS_H_
