// The records Tanggap stores and exchanges: accounts, posts, citizen and
// agency replies, and metric snapshots. Plain values; every component (store,
// interchange, collector, scorer) speaks in these types.
//
// Ids are the platform's own ids, as strings, unique per platform. A post
// names its account, and a reply its post, by those ids; the store resolves
// them to rows.
#ifndef TANGGAP_MODEL_RECORDS_H_
#define TANGGAP_MODEL_RECORDS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tanggap {

enum class Platform { kInstagram, kFacebook, kX, kYouTube, kMastodon, kBluesky };

inline constexpr std::array<Platform, 6> kAllPlatforms = {Platform::kInstagram, Platform::kFacebook,
                                                          Platform::kX,         Platform::kYouTube,
                                                          Platform::kMastodon,  Platform::kBluesky};

// "instagram", "facebook", "x", "youtube", "mastodon", "bluesky".
std::string_view PlatformName(Platform p);
// The inverse of PlatformName (exact, lower case); nullopt for anything else.
std::optional<Platform> ParsePlatform(std::string_view name);

// An instant as the source wrote it. `text` is kept verbatim (RFC 3339 with
// offset) so that export reproduces the input; `unix_seconds` is derived from
// it and used for ordering and arithmetic.
struct Timestamp {
  std::string text;
  int64_t unix_seconds = 0;
  bool operator==(const Timestamp&) const = default;
};

struct Media {
  std::string kind;                // "image", "video", "gif", "audio", ...
  std::optional<std::string> alt;  // alt text; nullopt when the author gave none
  std::optional<std::string> url;
  bool operator==(const Media&) const = default;
};

struct Account {
  Platform platform = Platform::kInstagram;
  std::string id;      // platform id of the account
  std::string handle;  // e.g. "diskominfo.pgk"
  std::string name;    // display name
  std::string agency;  // short agency name (OPD), e.g. "Diskominfo"
  std::optional<int64_t> followers;
  bool operator==(const Account&) const = default;
};

struct Post {
  Platform platform = Platform::kInstagram;
  std::string id;
  std::string account;  // platform id of the posting account
  Timestamp created_at;
  std::string text;
  std::optional<std::string> url;
  std::vector<Media> media;
  std::optional<std::string> lang;  // BCP 47 tag when known, e.g. "id"
  bool operator==(const Post&) const = default;
};

struct Reply {
  Platform platform = Platform::kInstagram;
  std::string id;
  std::string post;                   // platform id of the post it sits under
  std::optional<std::string> parent;  // platform id of the reply it answers; nullopt = top level
  std::string author_id;              // equals the account's id when the agency replied
  std::optional<std::string> author;  // handle
  Timestamp created_at;
  std::string text;
  bool operator==(const Reply&) const = default;
};

// Engagement counts of one post at one moment. A field the platform does not
// report is nullopt, never 0. `followers` is the posting account's follower
// count at the same moment when known.
struct Metrics {
  Platform platform = Platform::kInstagram;
  std::string post;
  Timestamp at;
  std::optional<int64_t> likes, shares, replies, quotes, views, followers;
  bool operator==(const Metrics&) const = default;
};

using Record = std::variant<Account, Post, Reply, Metrics>;

}  // namespace tanggap

#endif  // TANGGAP_MODEL_RECORDS_H_
