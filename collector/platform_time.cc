#include "collector/platform_time.h"

#include <string>

#include "util/time.h"

namespace tanggap::collector {

std::optional<Timestamp> PlatformTime(std::string_view text) {
  if (text.size() > 64) return std::nullopt;
  std::string normalized;
  // "+0000" / "-0500" at the end: add the colon RFC 3339 wants.
  size_t n = text.size();
  if (n >= 5 && (text[n - 5] == '+' || text[n - 5] == '-') &&
      text.substr(n - 4).find(':') == std::string_view::npos &&
      text.find('T') != std::string_view::npos) {
    normalized.append(text.substr(0, n - 2)).append(":").append(text.substr(n - 2));
  } else {
    normalized.assign(text);
  }
  auto parsed = ParseRfc3339(normalized);
  if (!parsed) return std::nullopt;
  return Timestamp{std::move(normalized), parsed->unix_seconds};
}

}  // namespace tanggap::collector
