#include "model/records.h"

namespace tanggap {

std::string_view PlatformName(Platform p) {
  switch (p) {
    case Platform::kInstagram:
      return "instagram";
    case Platform::kFacebook:
      return "facebook";
    case Platform::kX:
      return "x";
    case Platform::kYouTube:
      return "youtube";
    case Platform::kMastodon:
      return "mastodon";
    case Platform::kBluesky:
      return "bluesky";
  }
  return "unknown";
}

std::optional<Platform> ParsePlatform(std::string_view name) {
  for (Platform p : kAllPlatforms) {
    if (PlatformName(p) == name) return p;
  }
  return std::nullopt;
}

}  // namespace tanggap
