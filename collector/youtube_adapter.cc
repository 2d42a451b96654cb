// YouTube Data API v3 adapter (docs/platforms/youtube.md).
//
// Request tags, in the order a run sends them:
//   "channel"  channels.list: channel id, title, subscribers, uploads playlist
//   "uploads"  playlistItems.list of the uploads playlist: video ids and times
//   "videos"   videos.list of the ids one uploads page selected: posts, counts
//   "threads"  commentThreads.list of one video: top-level comments, with up
//              to five replies inlined
//   "replies"  comments.list?parentId= of one thread: all of its replies, when
//              the thread has more than were inlined
//
// The API key is attached by the fetch loop (AuthStyle::kKeyParameter); no
// URL built here carries it.
#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "collector/json_read.h"
#include "collector/platform_adapters.h"
#include "collector/platform_time.h"
#include "collector/url.h"
#include "util/time.h"

namespace tanggap::collector {
namespace {

namespace od = simdjson::ondemand;

// true or false; null leaves `out` as it was.
bool ReadBool(od::value& value, std::string_view name, std::string* why, bool* out) {
  od::json_type type;
  if (auto error = value.type().get(type)) return Fail(why, JsonProblem(error));
  if (type == od::json_type::null) return true;
  auto error = value.get_bool().get(*out);
  if (error == simdjson::INCORRECT_TYPE) return Fail(why, QuotedField(name) + " is not true/false");
  if (error) return Fail(why, JsonProblem(error));
  return true;
}

// YouTube writes counts as decimal strings ("7920"); a JSON number is taken
// too. null leaves `out` unset.
bool ReadCount(od::value& value, std::string_view name, std::string* why,
               std::optional<int64_t>* out) {
  od::json_type type;
  if (auto error = value.type().get(type)) return Fail(why, JsonProblem(error));
  if (type == od::json_type::null) return true;
  int64_t n = 0;
  if (type == od::json_type::number) {
    if (value.get_int64().get(n)) return Fail(why, QuotedField(name) + " is not a whole number");
  } else if (type == od::json_type::string) {
    std::string_view text;
    if (auto error = value.get_string().get(text)) return Fail(why, JsonProblem(error));
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
      return Fail(why, QuotedField(name) + " is not a count (\"" + Clip(text, 40) + "\")");
    }
  } else {
    return Fail(why, QuotedField(name) + " is not a count");
  }
  if (n < 0) return Fail(why, QuotedField(name) + " is negative");
  *out = n;
  return true;
}

// Quota and rate-limit reasons: the account's run ends as rate-limited.
bool IsQuotaReason(std::string_view reason) {
  return reason == "quotaExceeded" || reason == "rateLimitExceeded" ||
         reason == "dailyLimitExceeded" || reason == "userRateLimitExceeded" ||
         reason == "dailyLimitExceededUnreg" || reason == "rateLimitExceededUnreg";
}

// "id" and "en-US" as given; the codes that mean "no language" are dropped.
std::optional<std::string> Language(std::optional<std::string> code) {
  if (!code || code->empty() || *code == "zxx" || *code == "und") return std::nullopt;
  return code;
}

struct ApiError {
  std::optional<int64_t> code;
  std::optional<std::string> message;
  std::vector<std::string> reasons;
};

struct Comment {
  std::string id;
  std::optional<std::string> author, author_id, parent, original, display, published, video;
};

struct Thread {
  std::string id;
  std::optional<Comment> top;
  std::optional<int64_t> total_replies;
  std::vector<Comment> replies;
};

struct Video {
  std::optional<std::string> id, channel, published, title, description, audio_lang, lang;
  std::optional<int64_t> views, likes, comments;
  std::optional<std::string> thumbnail;  // the largest one given
  int thumbnail_rank = -1;
};

// Thumbnail sizes, smallest first.
int ThumbnailRank(std::string_view size) {
  static constexpr std::string_view kSizes[] = {"default", "medium", "high", "standard", "maxres"};
  for (int i = 0; i < 5; ++i) {
    if (size == kSizes[i]) return i;
  }
  return -1;
}

class YouTubeAdapter : public Adapter {
 public:
  YouTubeAdapter(const AccountConfig& account, const RunWindow& window)
      : account_(account), window_(window), channel_id_(account.platform_id) {
    while (!account_.base_url.empty() && account_.base_url.back() == '/') {
      account_.base_url.pop_back();
    }
  }

  AuthStyle Auth() const override { return AuthStyle::kKeyParameter; }

  std::vector<Request> Start() override {
    std::string url = account_.base_url + "/channels";
    AppendQuery(&url, "part", "snippet,contentDetails,statistics");
    const std::string& h = account_.handle;
    if (!account_.platform_id.empty()) {
      AppendQuery(&url, "id", account_.platform_id);
    } else if (h.size() == 24 && h.compare(0, 2, "UC") == 0) {
      AppendQuery(&url, "id", h);
    } else {
      AppendQuery(&url, "forHandle", !h.empty() && h[0] == '@' ? h : "@" + h);
    }
    return {Request{std::move(url), "channel", "", 1}};
  }

  Result<Parsed> Parse(const Request& request, const Response& response) override {
    if (response.status < 200 || response.status >= 300) return ParseError(request, response);
    if (request.tag == "channel") return ParseChannel(request, response);
    if (request.tag == "uploads") return ParseUploads(request, response);
    if (request.tag == "videos") return ParseVideos(request, response);
    if (request.tag == "threads") return ParseThreads(request, response);
    if (request.tag == "replies") return ParseReplies(request, response);
    return Status::InvalidArgument("youtube: unknown request tag '" + request.tag +
                                   "'; this request was not planned by the YouTube adapter");
  }

 private:
  Status Unreadable(const Request& request, const std::string& why) const {
    return Status::InvalidArgument("youtube " + request.tag + ": " + why +
                                   "; is base_url pointing at the YouTube Data API v3?");
  }

  // Every non-2xx answer: {"error": {"code", "message", "errors": [{"reason"}]}}.
  Result<Parsed> ParseError(const Request& request, const Response& response) {
    ApiError api;
    std::string why;
    bool readable = ReadBody(parser_, response.body, &why, [&](std::string_view key, od::value& v) {
      if (key != "error") return true;
      return ForEachField(v, "error", &why, [&](std::string_view k, od::value& f) {
        if (k == "code") return ReadCount(f, "error.code", &why, &api.code);
        if (k == "message") return ReadString(f, "error.message", &why, &api.message);
        if (k != "errors") return true;
        return ForEachElement(f, "error.errors", &why, [&](od::value& e) {
          return ForEachField(e, "error.errors[]", &why, [&](std::string_view ek, od::value& ev) {
            if (ek != "reason" || api.reasons.size() >= 16) return true;
            std::optional<std::string> reason;
            if (!ReadString(ev, "reason", &why, &reason)) return false;
            if (reason) api.reasons.push_back(std::move(*reason));
            return true;
          });
        });
      });
    });
    std::string prefix = "youtube " + request.tag + ": HTTP " + std::to_string(response.status);
    std::string detail;
    for (const std::string& r : api.reasons) detail += (detail.empty() ? " " : ", ") + r;
    if (api.message) detail += " (" + Clip(*api.message, 300) + ")";
    if (!readable) detail += " with a body that is not a YouTube error";

    bool quota = response.status == 429;
    for (const std::string& r : api.reasons) quota = quota || IsQuotaReason(r);
    if (quota) {
      return Status::Busy(prefix + detail +
                          ": the API quota or rate limit is spent; try again later (the daily "
                          "quota resets at midnight Pacific time)");
    }
    std::string_view matched;
    auto has = [&](std::string_view reason) {
      bool found = std::find(api.reasons.begin(), api.reasons.end(), reason) != api.reasons.end();
      if (found) matched = reason;
      return found;
    };
    Parsed parsed;
    if ((request.tag == "threads" || request.tag == "replies") && has("commentsDisabled")) {
      parsed.warnings.push_back("youtube: comments are disabled on video " + request.post_id +
                                "; no replies collected for it");
      return parsed;
    }
    if ((request.tag == "threads" || request.tag == "replies") &&
        (has("videoNotFound") || has("commentNotFound") || has("parentCommentNotFound"))) {
      parsed.warnings.push_back("youtube " + request.tag + ": video " + request.post_id +
                                " or its comment thread is gone (" + std::string(matched) +
                                "); skipped");
      return parsed;
    }
    if (request.tag == "uploads" && has("playlistNotFound")) {
      parsed.warnings.push_back(
          "youtube: the channel's uploads playlist is not visible (playlistNotFound); no "
          "videos collected");
      return parsed;
    }
    if (response.status == 404) {
      bool account = request.tag == "channel" || request.tag == "uploads";
      return Status::NotFound(prefix + detail +
                              (account ? "; check the channel id or @handle" : ""));
    }
    if (has("keyInvalid") || has("keyExpired") || response.status == 401) {
      return Status::InvalidArgument(prefix + detail +
                                     "; the API key was refused: check the account's token");
    }
    return Status::InvalidArgument(prefix + detail);
  }

  Result<Parsed> ParseChannel(const Request& request, const Response& response) {
    std::string why, id;
    std::optional<std::string> title, custom_url, uploads;
    std::optional<int64_t> subscribers;
    bool hidden = false, found = false;
    auto read_item = [&](od::value& item) {
      if (found) return true;  // asked for one channel; ignore extras
      found = true;
      return ForEachField(item, "items[]", &why, [&](std::string_view key, od::value& v) {
        if (key == "id") {
          std::optional<std::string> s;
          if (!ReadString(v, "id", &why, &s)) return false;
          id = s.value_or("");
          return true;
        }
        if (key == "snippet") {
          return ForEachField(v, "snippet", &why, [&](std::string_view k, od::value& f) {
            if (k == "title") return ReadString(f, "snippet.title", &why, &title);
            if (k == "customUrl") return ReadString(f, "snippet.customUrl", &why, &custom_url);
            return true;
          });
        }
        if (key == "contentDetails") {
          return ForEachField(v, "contentDetails", &why, [&](std::string_view k, od::value& f) {
            if (k != "relatedPlaylists") return true;
            return ForEachField(f, "relatedPlaylists", &why,
                                [&](std::string_view pk, od::value& p) {
                                  if (pk != "uploads") return true;
                                  return ReadString(p, "relatedPlaylists.uploads", &why, &uploads);
                                });
          });
        }
        if (key == "statistics") {
          return ForEachField(v, "statistics", &why, [&](std::string_view k, od::value& f) {
            if (k == "subscriberCount") {
              return ReadCount(f, "statistics.subscriberCount", &why, &subscribers);
            }
            if (k == "hiddenSubscriberCount") {
              return ReadBool(f, "statistics.hiddenSubscriberCount", &why, &hidden);
            }
            return true;
          });
        }
        return true;
      });
    };
    bool ok = ReadBody(parser_, response.body, &why, [&](std::string_view key, od::value& v) {
      if (key != "items") return true;
      return ForEachElement(v, "items", &why, read_item);
    });
    if (!ok) return Unreadable(request, why);
    // The API leaves "items" out entirely when nothing matched.
    if (!found) {
      return Status::NotFound("youtube channel: no channel matches '" + account_.handle +
                              "'; check the channel id (UC...) or @handle");
    }
    if (id.empty()) return Unreadable(request, "the channel has no 'id'");

    channel_id_ = id;
    followers_ = hidden ? std::nullopt : subscribers;
    Parsed parsed;
    parsed.records.push_back(Account{Platform::kYouTube, id, custom_url.value_or(account_.handle),
                                     title.value_or(""), account_.agency, followers_});
    if (!uploads || uploads->empty()) {
      parsed.warnings.push_back("youtube: channel " + id +
                                " lists no uploads playlist; no videos to collect");
      return parsed;
    }
    std::string url = account_.base_url + "/playlistItems";
    AppendQuery(&url, "part", "contentDetails");
    AppendQuery(&url, "playlistId", *uploads);
    AppendQuery(&url, "maxResults", "50");
    parsed.follow_ups.push_back(Request{std::move(url), "uploads", "", 1});
    return parsed;
  }

  Result<Parsed> ParseUploads(const Request& request, const Response& response) {
    struct Item {
      std::optional<std::string> video, video_published, added, snippet_video;
    };
    std::string why;
    std::optional<std::string> next;
    std::vector<Item> items;
    auto read_item = [&](od::value& entry) {
      Item& item = items.emplace_back();
      return ForEachField(entry, "items[]", &why, [&](std::string_view key, od::value& v) {
        if (key == "contentDetails") {
          return ForEachField(v, "contentDetails", &why, [&](std::string_view k, od::value& f) {
            if (k == "videoId") return ReadString(f, "contentDetails.videoId", &why, &item.video);
            if (k == "videoPublishedAt") {
              return ReadString(f, "contentDetails.videoPublishedAt", &why, &item.video_published);
            }
            return true;
          });
        }
        // part=snippet listings (older recordings) carry the same facts here.
        if (key == "snippet") {
          return ForEachField(v, "snippet", &why, [&](std::string_view k, od::value& f) {
            if (k == "publishedAt") return ReadString(f, "snippet.publishedAt", &why, &item.added);
            if (k != "resourceId") return true;
            return ForEachField(f, "resourceId", &why, [&](std::string_view rk, od::value& r) {
              if (rk != "videoId") return true;
              return ReadString(r, "resourceId.videoId", &why, &item.snippet_video);
            });
          });
        }
        return true;
      });
    };
    bool ok = ReadBody(parser_, response.body, &why, [&](std::string_view key, od::value& v) {
      if (key == "nextPageToken") return ReadString(v, "nextPageToken", &why, &next);
      if (key == "items") return ForEachElement(v, "items", &why, read_item);
      return true;
    });
    if (!ok) return Unreadable(request, why);

    const int64_t cutoff = window_.PostCutoff();
    std::optional<int64_t> oldest;
    std::vector<std::string> ids;
    Parsed parsed;
    for (const Item& item : items) {
      const std::optional<std::string>& video = item.video ? item.video : item.snippet_video;
      // Private and deleted uploads have no publish time: nothing to fetch.
      const std::optional<std::string>& when =
          item.video_published ? item.video_published : item.added;
      if (!video || video->empty() || !when) continue;
      std::optional<Timestamp> at = PlatformTime(*when);
      if (!at) {
        parsed.warnings.push_back("youtube uploads: video " + *video +
                                  " has an unreadable publish time; skipped");
        continue;
      }
      oldest = oldest ? std::min(*oldest, at->unix_seconds) : at->unix_seconds;
      if (at->unix_seconds >= cutoff) ids.push_back(*video);
    }
    // videos.list takes at most 50 ids.
    for (size_t i = 0; i < ids.size(); i += 50) {
      std::string joined;
      for (size_t j = i; j < ids.size() && j < i + 50; ++j) {
        if (!joined.empty()) joined.push_back(',');
        joined += ids[j];
      }
      std::string url = account_.base_url + "/videos";
      AppendQuery(&url, "part", "snippet,statistics");
      AppendQuery(&url, "id", joined);
      parsed.follow_ups.push_back(Request{std::move(url), "videos", "", 1});
    }
    bool past_cutoff = oldest && *oldest < cutoff;
    if (next && !next->empty() && !past_cutoff && request.page < window_.max_post_pages) {
      parsed.follow_ups.push_back(Request{WithQueryParameter(request.url, "pageToken", *next),
                                          "uploads", "", request.page + 1});
    }
    return parsed;
  }

  bool ReadVideo(od::value& entry, Video* video, std::string* why) {
    return ForEachField(entry, "items[]", why, [&](std::string_view key, od::value& v) {
      if (key == "id") return ReadString(v, "id", why, &video->id);
      if (key == "snippet") {
        return ForEachField(v, "snippet", why, [&](std::string_view k, od::value& f) {
          if (k == "publishedAt")
            return ReadString(f, "snippet.publishedAt", why, &video->published);
          if (k == "channelId") return ReadString(f, "snippet.channelId", why, &video->channel);
          if (k == "title") return ReadString(f, "snippet.title", why, &video->title);
          if (k == "description") {
            return ReadString(f, "snippet.description", why, &video->description);
          }
          if (k == "defaultAudioLanguage") {
            return ReadString(f, "snippet.defaultAudioLanguage", why, &video->audio_lang);
          }
          if (k == "defaultLanguage")
            return ReadString(f, "snippet.defaultLanguage", why, &video->lang);
          if (k == "thumbnails") return ReadThumbnails(f, video, why);
          return true;
        });
      }
      if (key == "statistics") {
        return ForEachField(v, "statistics", why, [&](std::string_view k, od::value& f) {
          if (k == "viewCount") return ReadCount(f, "statistics.viewCount", why, &video->views);
          if (k == "likeCount") return ReadCount(f, "statistics.likeCount", why, &video->likes);
          if (k == "commentCount") {
            return ReadCount(f, "statistics.commentCount", why, &video->comments);
          }
          return true;
        });
      }
      return true;
    });
  }

  static bool ReadThumbnails(od::value& value, Video* video, std::string* why) {
    return ForEachField(value, "snippet.thumbnails", why, [&](std::string_view size, od::value& t) {
      int rank = ThumbnailRank(size);
      return ForEachField(t, "snippet.thumbnails", why, [&](std::string_view k, od::value& f) {
        if (k != "url" || rank <= video->thumbnail_rank) return true;
        std::optional<std::string> url;
        if (!ReadString(f, "thumbnails.url", why, &url)) return false;
        if (url) {
          video->thumbnail = std::move(url);
          video->thumbnail_rank = rank;
        }
        return true;
      });
    });
  }

  Result<Parsed> ParseVideos(const Request& request, const Response& response) {
    std::string why;
    std::vector<Video> videos;
    bool ok = ReadBody(parser_, response.body, &why, [&](std::string_view key, od::value& v) {
      if (key != "items") return true;
      return ForEachElement(v, "items", &why, [&](od::value& e) {
        return ReadVideo(e, &videos.emplace_back(), &why);
      });
    });
    if (!ok) return Unreadable(request, why);

    Parsed parsed;
    const Timestamp stamp{FormatRfc3339(window_.now, 0), window_.now};
    for (Video& v : videos) {
      std::optional<Timestamp> at = v.published ? PlatformTime(*v.published) : std::nullopt;
      if (!v.id || v.id->empty() || !at) {
        parsed.warnings.push_back("youtube videos: a video without an id or publish time (" +
                                  Clip(v.id.value_or("?"), 80) + "); skipped");
        continue;
      }
      Post post;
      post.platform = Platform::kYouTube;
      post.id = *v.id;
      post.account = channel_id_.empty() ? v.channel.value_or("") : channel_id_;
      post.created_at = *at;
      post.text = v.title.value_or("");
      if (v.description && !v.description->empty()) post.text += "\n\n" + *v.description;
      post.url = "https://www.youtube.com/watch?v=" + *v.id;
      // The video itself; YouTube has no alt text.
      post.media.push_back(Media{"video", std::nullopt, v.thumbnail});
      post.lang = Language(v.audio_lang);
      if (!post.lang) post.lang = Language(v.lang);

      Metrics metrics;
      metrics.platform = Platform::kYouTube;
      metrics.post = post.id;
      metrics.at = stamp;
      metrics.likes = v.likes;
      metrics.replies = v.comments;
      metrics.views = v.views;
      metrics.followers = followers_;

      if (!parsed.newest_post_unix || at->unix_seconds > *parsed.newest_post_unix) {
        parsed.newest_post_unix = at->unix_seconds;
        parsed.newest_post_id = post.id;
      }
      if (at->unix_seconds >= window_.ReplyCutoff()) {
        parsed.follow_ups.push_back(Request{ThreadsUrl(post.id), "threads", post.id, 1});
      }
      parsed.records.push_back(std::move(post));
      parsed.records.push_back(std::move(metrics));
    }
    return parsed;
  }

  std::string ThreadsUrl(const std::string& video) const {
    std::string url = account_.base_url + "/commentThreads";
    AppendQuery(&url, "part", "snippet,replies");
    AppendQuery(&url, "videoId", video);
    AppendQuery(&url, "maxResults", "100");
    AppendQuery(&url, "order", "time");
    AppendQuery(&url, "textFormat", "plainText");
    return url;
  }

  std::string RepliesUrl(const std::string& thread) const {
    std::string url = account_.base_url + "/comments";
    AppendQuery(&url, "part", "snippet");
    AppendQuery(&url, "parentId", thread);
    AppendQuery(&url, "maxResults", "100");
    AppendQuery(&url, "textFormat", "plainText");
    return url;
  }

  // A youtube#comment resource.
  static bool ReadComment(od::value& value, Comment* c, std::string* why) {
    return ForEachField(value, "comment", why, [&](std::string_view key, od::value& v) {
      if (key == "id") {
        std::optional<std::string> id;
        if (!ReadString(v, "comment.id", why, &id)) return false;
        c->id = id.value_or("");
        return true;
      }
      if (key != "snippet") return true;
      return ForEachField(v, "comment.snippet", why, [&](std::string_view k, od::value& f) {
        if (k == "authorDisplayName") return ReadString(f, "authorDisplayName", why, &c->author);
        if (k == "textOriginal") return ReadString(f, "textOriginal", why, &c->original);
        if (k == "textDisplay") return ReadString(f, "textDisplay", why, &c->display);
        if (k == "parentId") return ReadString(f, "parentId", why, &c->parent);
        if (k == "publishedAt") return ReadString(f, "publishedAt", why, &c->published);
        if (k == "videoId") return ReadString(f, "videoId", why, &c->video);
        if (k != "authorChannelId") return true;
        // {"value": "UC..."}; very old comments have a bare string.
        od::json_type type;
        if (auto error = f.type().get(type)) return Fail(why, JsonProblem(error));
        if (type == od::json_type::string)
          return ReadString(f, "authorChannelId", why, &c->author_id);
        return ForEachField(f, "authorChannelId", why, [&](std::string_view ak, od::value& a) {
          if (ak != "value") return true;
          return ReadString(a, "authorChannelId.value", why, &c->author_id);
        });
      });
    });
  }

  static bool ReadThread(od::value& value, Thread* t, std::string* why) {
    return ForEachField(value, "items[]", why, [&](std::string_view key, od::value& v) {
      if (key == "id") {
        std::optional<std::string> id;
        if (!ReadString(v, "id", why, &id)) return false;
        t->id = id.value_or("");
        return true;
      }
      if (key == "snippet") {
        return ForEachField(v, "snippet", why, [&](std::string_view k, od::value& f) {
          if (k == "totalReplyCount")
            return ReadCount(f, "totalReplyCount", why, &t->total_replies);
          if (k != "topLevelComment") return true;
          t->top.emplace();
          return ReadComment(f, &*t->top, why);
        });
      }
      if (key == "replies") {
        return ForEachField(v, "replies", why, [&](std::string_view k, od::value& f) {
          if (k != "comments") return true;
          return ForEachElement(f, "replies.comments", why, [&](od::value& c) {
            return ReadComment(c, &t->replies.emplace_back(), why);
          });
        });
      }
      return true;
    });
  }

  // A Reply, or nullopt (with a warning) when the comment lacks an id or a
  // time. A comment without authorChannelId (a closed channel) is kept under
  // "unknown:<comment id>": never the agency, never merged with another.
  std::optional<Reply> ToReply(const Comment& c, const std::string& post,
                               std::optional<std::string> parent, Parsed* parsed,
                               int* anonymous) const {
    std::optional<Timestamp> at = c.published ? PlatformTime(*c.published) : std::nullopt;
    if (c.id.empty() || !at) {
      parsed->warnings.push_back("youtube: comment '" + Clip(c.id, 80) + "' on video " + post +
                                 " has no id or publish time; skipped");
      return std::nullopt;
    }
    Reply r;
    r.platform = Platform::kYouTube;
    r.id = c.id;
    r.post = post.empty() ? c.video.value_or("") : post;
    r.parent = std::move(parent);
    if (c.author_id && !c.author_id->empty()) {
      r.author_id = *c.author_id;
    } else {
      r.author_id = "unknown:" + c.id;
      ++*anonymous;
    }
    r.author = c.author;
    r.created_at = *at;
    r.text = c.original ? *c.original : c.display.value_or("");
    return r;
  }

  static void WarnAnonymous(int anonymous, const Request& request, Parsed* parsed) {
    if (anonymous == 0) return;
    parsed->warnings.push_back("youtube " + request.tag + ": " + std::to_string(anonymous) +
                               " comment(s) on video " + request.post_id +
                               " without authorChannelId; kept as author \"unknown:<comment id>\"");
  }

  Result<Parsed> ParseThreads(const Request& request, const Response& response) {
    std::string why;
    std::optional<std::string> next;
    std::vector<Thread> threads;
    bool ok = ReadBody(parser_, response.body, &why, [&](std::string_view key, od::value& v) {
      if (key == "nextPageToken") return ReadString(v, "nextPageToken", &why, &next);
      if (key != "items") return true;
      return ForEachElement(v, "items", &why, [&](od::value& e) {
        return ReadThread(e, &threads.emplace_back(), &why);
      });
    });
    if (!ok) return Unreadable(request, why);

    Parsed parsed;
    int anonymous = 0;
    for (Thread& t : threads) {
      if (!t.top) {
        parsed.warnings.push_back("youtube threads: thread " + t.id + " has no top-level comment");
        continue;
      }
      if (t.top->id.empty()) t.top->id = t.id;
      std::optional<Reply> top =
          ToReply(*t.top, request.post_id, std::nullopt, &parsed, &anonymous);
      if (!top) continue;
      const std::string thread_id = t.id.empty() ? top->id : t.id;
      const std::string post = top->post;
      parsed.records.push_back(std::move(*top));
      // Only up to five replies come inline; when there are more, comments.list
      // returns them all, so the inlined ones are left to it (no duplicates).
      if (t.total_replies && *t.total_replies > static_cast<int64_t>(t.replies.size())) {
        parsed.follow_ups.push_back(Request{RepliesUrl(thread_id), "replies", post, 1});
        continue;
      }
      for (const Comment& c : t.replies) {
        std::optional<Reply> r =
            ToReply(c, post, c.parent.value_or(thread_id), &parsed, &anonymous);
        if (r) parsed.records.push_back(std::move(*r));
      }
    }
    WarnAnonymous(anonymous, request, &parsed);
    if (next && !next->empty() && request.page < window_.max_reply_pages) {
      parsed.follow_ups.push_back(Request{WithQueryParameter(request.url, "pageToken", *next),
                                          "threads", request.post_id, request.page + 1});
    }
    return parsed;
  }

  Result<Parsed> ParseReplies(const Request& request, const Response& response) {
    std::string why;
    std::optional<std::string> next;
    std::vector<Comment> comments;
    bool ok = ReadBody(parser_, response.body, &why, [&](std::string_view key, od::value& v) {
      if (key == "nextPageToken") return ReadString(v, "nextPageToken", &why, &next);
      if (key != "items") return true;
      return ForEachElement(v, "items", &why, [&](od::value& e) {
        return ReadComment(e, &comments.emplace_back(), &why);
      });
    });
    if (!ok) return Unreadable(request, why);

    Parsed parsed;
    int anonymous = 0;
    std::optional<std::string> thread = QueryParameter(request.url, "parentId");
    for (const Comment& c : comments) {
      std::optional<std::string> parent = c.parent ? c.parent : thread;
      std::optional<Reply> r = ToReply(c, request.post_id, parent, &parsed, &anonymous);
      if (r) parsed.records.push_back(std::move(*r));
    }
    WarnAnonymous(anonymous, request, &parsed);
    if (next && !next->empty() && request.page < window_.max_reply_pages) {
      parsed.follow_ups.push_back(Request{WithQueryParameter(request.url, "pageToken", *next),
                                          "replies", request.post_id, request.page + 1});
    }
    return parsed;
  }

  AccountConfig account_;
  RunWindow window_;
  std::string channel_id_;
  std::optional<int64_t> followers_;
  od::parser parser_;
};

}  // namespace

std::unique_ptr<Adapter> MakeYouTubeAdapter(const AccountConfig& account, const RunWindow& window) {
  return std::make_unique<YouTubeAdapter>(account, window);
}

}  // namespace tanggap::collector
