#include "collector/adapter.h"

#include "collector/platform_adapters.h"

namespace tanggap::collector {

std::optional<std::string_view> Response::Header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return std::string_view(value);
  }
  return std::nullopt;
}

std::unique_ptr<Adapter> MakeAdapter(const AccountConfig& account, const RunWindow& window) {
  switch (account.platform) {
    case Platform::kMastodon:
      return MakeMastodonAdapter(account, window);
    case Platform::kBluesky:
      return MakeBlueskyAdapter(account, window);
    case Platform::kYouTube:
      return MakeYouTubeAdapter(account, window);
    case Platform::kFacebook:
      return MakeFacebookAdapter(account, window);
    case Platform::kInstagram:
      return MakeInstagramAdapter(account, window);
    case Platform::kX:
      return MakeXAdapter(account, window);
  }
  return nullptr;
}

std::string_view DefaultBaseUrl(Platform platform) {
  switch (platform) {
    case Platform::kMastodon:
      return "https://mastodon.social";
    case Platform::kBluesky:
      return "https://public.api.bsky.app";
    case Platform::kYouTube:
      return "https://www.googleapis.com/youtube/v3";
    case Platform::kFacebook:
      return "https://graph.facebook.com/v19.0";
    case Platform::kInstagram:
      return "https://graph.facebook.com/v19.0";
    case Platform::kX:
      return "https://api.x.com";
  }
  return "";
}

}  // namespace tanggap::collector
