// X API v2 adapter (docs/platforms/x.md).
//
// Request tags, in the order a run sends them:
//   "user"     users/by/username/:username (users/:id when the id is known):
//              the account's id, username, name and followers
//   "tweets"   users/:id/tweets: the account's own posts, newest first, with
//              counts and media (retweets and replies excluded)
//   "replies"  tweets/search/recent?query=conversation_id:ID: the replies in
//              one post's thread (the endpoint only reaches 7 days back)
//
// The bearer token is attached by the fetch loop (AuthStyle::kBearerHeader).
#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <map>
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

// search/recent only finds posts of the last seven days.
constexpr int64_t kSearchReach = 7 * 86400;
// errors[] beside data can list every missing expansion; a few tell enough.
constexpr size_t kMaxErrorWarnings = 10;

// A non-negative whole number; null leaves `out` unset.
bool ReadCount(od::value& value, std::string_view name, std::string* why,
               std::optional<int64_t>* out) {
  od::json_type type;
  if (auto error = value.type().get(type)) return Fail(why, JsonProblem(error));
  if (type == od::json_type::null) return true;
  int64_t n = 0;
  if (type != od::json_type::number || value.get_int64().get(n) || n < 0) {
    return Fail(why, QuotedField(name) + " is not a count");
  }
  *out = n;
  return true;
}

// X escapes exactly these three in post text; everything else is literal.
std::string UnescapeText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    std::string_view rest = text.substr(i);
    if (rest.starts_with("&amp;")) {
      out.push_back('&');
      i += 4;
    } else if (rest.starts_with("&lt;")) {
      out.push_back('<');
      i += 3;
    } else if (rest.starts_with("&gt;")) {
      out.push_back('>');
      i += 3;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// X still writes the withdrawn ISO 639 code "in" for Indonesian (and "iw"
// for Hebrew); "und", "zxx" and the q-codes (qme: media only, qht: hashtags
// only, ...) say the post has no language.
std::optional<std::string> Language(const std::optional<std::string>& code) {
  if (!code || code->empty() || *code == "und" || *code == "zxx") return std::nullopt;
  if (code->size() == 3 && (*code)[0] == 'q') return std::nullopt;
  if (*code == "in") return "id";
  if (*code == "iw") return "he";
  return code;
}

std::string MediaKind(std::string_view type) {
  if (type == "photo") return "image";
  if (type == "animated_gif") return "gif";
  return std::string(type);
}

struct Tweet {
  std::optional<std::string> id, text, created_at, lang, conversation, author;
  std::optional<std::string> note;  // the full text of a post longer than 280 characters
  std::vector<std::pair<std::string, std::string>> refs;  // (type, id)
  std::vector<std::string> media_keys;
  std::optional<int64_t> likes, retweets, replies, quotes, impressions;

  // `text` stops at 280 characters; note_tweet holds the rest.
  const std::string& FullText() const {
    static const std::string kEmpty;
    return note ? *note : text ? *text : kEmpty;
  }
  bool Is(std::string_view type) const {
    for (const auto& [t, id] : refs) {
      if (t == type) return true;
    }
    return false;
  }
  std::optional<std::string> RepliedTo() const {
    for (const auto& [t, id] : refs) {
      if (t == "replied_to") return id;
    }
    return std::nullopt;
  }
};

struct User {
  std::optional<std::string> id, username, name;
  std::optional<int64_t> followers;
};

struct MediaItem {
  std::optional<std::string> key, type, url, preview, alt;
};

struct ApiError {
  std::optional<std::string> title, detail, type;
};

// Everything an X v2 body may hold, for any of the endpoints used here.
struct Body {
  bool has_data = false;
  std::optional<User> user;   // data as an object (user lookup)
  std::vector<Tweet> tweets;  // data as an array (timelines, search)
  std::vector<User> users;    // includes.users
  std::vector<MediaItem> media;
  std::vector<ApiError> errors;
  std::optional<std::string> next_token;
  ApiError problem;  // a bare error body: {"title", "detail", "type", "status"}

  bool UsageCapped() const {
    auto capped = [](const ApiError& e) {
      return e.title.value_or("") == "UsageCapExceeded" ||
             e.type.value_or("").find("usage-capped") != std::string::npos;
    };
    return capped(problem) || std::any_of(errors.begin(), errors.end(), capped);
  }
  bool NotFound() const {
    return std::any_of(errors.begin(), errors.end(), [](const ApiError& e) {
      return e.title.value_or("") == "Not Found Error" ||
             e.type.value_or("").find("resource-not-found") != std::string::npos;
    });
  }
};

bool ReadUser(od::value& value, std::string_view name, User* user, std::string* why) {
  return ForEachField(value, name, why, [&](std::string_view key, od::value& v) {
    if (key == "id") return ReadString(v, "id", why, &user->id);
    if (key == "username") return ReadString(v, "username", why, &user->username);
    if (key == "name") return ReadString(v, "name", why, &user->name);
    if (key != "public_metrics") return true;
    return ForEachField(v, "public_metrics", why, [&](std::string_view k, od::value& f) {
      if (k != "followers_count") return true;
      return ReadCount(f, "public_metrics.followers_count", why, &user->followers);
    });
  });
}

bool ReadTweet(od::value& value, Tweet* t, std::string* why) {
  return ForEachField(value, "data[]", why, [&](std::string_view key, od::value& v) {
    if (key == "id") return ReadString(v, "id", why, &t->id);
    if (key == "text") return ReadString(v, "text", why, &t->text);
    if (key == "created_at") return ReadString(v, "created_at", why, &t->created_at);
    if (key == "lang") return ReadString(v, "lang", why, &t->lang);
    if (key == "conversation_id") return ReadString(v, "conversation_id", why, &t->conversation);
    if (key == "author_id") return ReadString(v, "author_id", why, &t->author);
    if (key == "note_tweet") {
      return ForEachField(v, "note_tweet", why, [&](std::string_view k, od::value& f) {
        if (k != "text") return true;
        return ReadString(f, "note_tweet.text", why, &t->note);
      });
    }
    if (key == "referenced_tweets") {
      return ForEachElement(v, "referenced_tweets", why, [&](od::value& r) {
        std::optional<std::string> type, id;
        bool ok =
            ForEachField(r, "referenced_tweets[]", why, [&](std::string_view k, od::value& f) {
              if (k == "type") return ReadString(f, "referenced_tweets[].type", why, &type);
              if (k == "id") return ReadString(f, "referenced_tweets[].id", why, &id);
              return true;
            });
        if (ok && type && id) t->refs.emplace_back(std::move(*type), std::move(*id));
        return ok;
      });
    }
    if (key == "attachments") {
      return ForEachField(v, "attachments", why, [&](std::string_view k, od::value& f) {
        if (k != "media_keys") return true;
        return ForEachElement(f, "attachments.media_keys", why, [&](od::value& m) {
          std::optional<std::string> media_key;
          if (!ReadString(m, "attachments.media_keys[]", why, &media_key)) return false;
          if (media_key) t->media_keys.push_back(std::move(*media_key));
          return true;
        });
      });
    }
    if (key == "public_metrics") {
      return ForEachField(v, "public_metrics", why, [&](std::string_view k, od::value& f) {
        if (k == "like_count") return ReadCount(f, "public_metrics.like_count", why, &t->likes);
        if (k == "retweet_count") {
          return ReadCount(f, "public_metrics.retweet_count", why, &t->retweets);
        }
        if (k == "reply_count") return ReadCount(f, "public_metrics.reply_count", why, &t->replies);
        if (k == "quote_count") return ReadCount(f, "public_metrics.quote_count", why, &t->quotes);
        if (k == "impression_count") {
          return ReadCount(f, "public_metrics.impression_count", why, &t->impressions);
        }
        return true;
      });
    }
    return true;
  });
}

bool ReadMedia(od::value& value, MediaItem* m, std::string* why) {
  return ForEachField(value, "includes.media[]", why, [&](std::string_view key, od::value& v) {
    if (key == "media_key") return ReadString(v, "media_key", why, &m->key);
    if (key == "type") return ReadString(v, "type", why, &m->type);
    if (key == "url") return ReadString(v, "url", why, &m->url);
    if (key == "preview_image_url") return ReadString(v, "preview_image_url", why, &m->preview);
    if (key == "alt_text") return ReadString(v, "alt_text", why, &m->alt);
    return true;
  });
}

bool ReadError(od::value& value, ApiError* e, std::string* why) {
  return ForEachField(value, "errors[]", why, [&](std::string_view key, od::value& v) {
    if (key == "title") return ReadString(v, "errors[].title", why, &e->title);
    if (key == "detail") return ReadString(v, "errors[].detail", why, &e->detail);
    if (key == "type") return ReadString(v, "errors[].type", why, &e->type);
    return true;
  });
}

// `data_is_object`: user lookups answer one object, the rest an array.
bool ReadXBody(od::parser& parser, const std::string& text, bool data_is_object, Body* body,
               std::string* why) {
  return ReadBody(parser, text, why, [&](std::string_view key, od::value& v) {
    if (key == "data") {
      body->has_data = true;
      if (data_is_object) return ReadUser(v, "data", &body->user.emplace(), why);
      return ForEachElement(v, "data", why, [&](od::value& t) {
        return ReadTweet(t, &body->tweets.emplace_back(), why);
      });
    }
    if (key == "includes") {
      return ForEachField(v, "includes", why, [&](std::string_view k, od::value& f) {
        if (k == "users") {
          return ForEachElement(f, "includes.users", why, [&](od::value& u) {
            return ReadUser(u, "includes.users[]", &body->users.emplace_back(), why);
          });
        }
        if (k == "media") {
          return ForEachElement(f, "includes.media", why, [&](od::value& m) {
            return ReadMedia(m, &body->media.emplace_back(), why);
          });
        }
        return true;
      });
    }
    if (key == "errors") {
      return ForEachElement(v, "errors", why, [&](od::value& e) {
        return ReadError(e, &body->errors.emplace_back(), why);
      });
    }
    if (key == "meta") {
      return ForEachField(v, "meta", why, [&](std::string_view k, od::value& f) {
        if (k != "next_token") return true;
        return ReadString(f, "meta.next_token", why, &body->next_token);
      });
    }
    if (key == "title") return ReadString(v, "title", why, &body->problem.title);
    if (key == "detail") return ReadString(v, "detail", why, &body->problem.detail);
    if (key == "type") return ReadString(v, "type", why, &body->problem.type);
    return true;
  });
}

std::string Describe(const ApiError& e) {
  std::string text = Clip(e.title.value_or("error"), 100);
  if (e.detail) text += ": " + Clip(*e.detail, 300);
  return text;
}

class XAdapter : public Adapter {
 public:
  XAdapter(const AccountConfig& account, const RunWindow& window)
      : account_(account), window_(window), account_id_(account.platform_id) {
    while (!account_.base_url.empty() && account_.base_url.back() == '/') {
      account_.base_url.pop_back();
    }
    username_ = account_.handle;
    if (!username_.empty() && username_[0] == '@') username_.erase(0, 1);
  }

  AuthStyle Auth() const override { return AuthStyle::kBearerHeader; }

  std::vector<Request> Start() override {
    // By id when an earlier run resolved it: a renamed account still works.
    std::string url = account_id_.empty()
                          ? account_.base_url + "/2/users/by/username/" + PercentEncode(username_)
                          : account_.base_url + "/2/users/" + PercentEncode(account_id_);
    AppendQuery(&url, "user.fields", "public_metrics,username,name");
    return {Request{std::move(url), "user", "", 1}};
  }

  Result<Parsed> Parse(const Request& request, const Response& response) override {
    if (request.tag != "user" && request.tag != "tweets" && request.tag != "replies") {
      return Status::InvalidArgument("x: unknown request tag '" + request.tag +
                                     "'; this request was not planned by the X adapter");
    }
    Body body;
    std::string why;
    bool readable = ReadXBody(parser_, response.body, request.tag == "user", &body, &why);
    if (response.status < 200 || response.status >= 300) {
      return HttpError(request, response, body, readable);
    }
    if (!readable) return Unreadable(request, why);
    if (!body.has_data && !body.errors.empty()) return OnlyErrors(request, body);

    Parsed parsed;
    AddErrorWarnings(request, body, &parsed);
    if (auto remaining = response.Header("x-rate-limit-remaining");
        remaining && *remaining == "0") {
      parsed.warnings.push_back(
          "x " + request.tag + ": the rate limit window is used up (x-rate-limit-remaining: 0, " +
          "reset at unix " + Clip(response.Header("x-rate-limit-reset").value_or("?"), 40) +
          "); the next request will wait or fail with 429");
    }
    if (request.tag == "user") return ParseUser(request, body, std::move(parsed));
    if (request.tag == "tweets") return ParseTweets(request, body, std::move(parsed));
    return ParseReplies(request, body, std::move(parsed));
  }

 private:
  Status Unreadable(const Request& request, const std::string& why) const {
    return Status::InvalidArgument("x " + request.tag + ": " + why +
                                   "; is base_url pointing at the X API v2 (https://api.x.com)?");
  }

  Status HttpError(const Request& request, const Response& response, const Body& body,
                   bool readable) const {
    std::string prefix = "x " + request.tag + ": HTTP " + std::to_string(response.status);
    std::string detail;
    if (body.problem.title || body.problem.detail) detail = " " + Describe(body.problem);
    for (size_t i = 0; i < body.errors.size() && i < 3; ++i) {
      detail += "; " + Describe(body.errors[i]);
    }
    if (!readable) detail += " (the body is not an X API error)";
    if (response.status == 429 || body.UsageCapped()) {
      std::string reset = Clip(response.Header("x-rate-limit-reset").value_or(""), 40);
      return Status::Busy(prefix + detail + ": the rate limit or usage cap is spent" +
                          (reset.empty() ? "" : "; it resets at unix " + reset));
    }
    if (response.status == 401) {
      return Status::InvalidArgument(prefix + detail +
                                     ": the bearer token was refused; check the account's token");
    }
    if (response.status == 404 || body.NotFound()) {
      return Status::NotFound(prefix + detail +
                              (request.tag == "replies" ? "" : "; check the username"));
    }
    if (response.status == 403) {
      return Status::InvalidArgument(prefix + detail +
                                     ": the app's access level does not allow this endpoint");
    }
    return Status::InvalidArgument(prefix + detail);
  }

  // A 200 carrying errors[] and no data: the thing asked for does not exist
  // or cannot be seen.
  Result<Parsed> OnlyErrors(const Request& request, const Body& body) const {
    std::string text = "x " + request.tag + ": " + Describe(body.errors.front());
    if (body.UsageCapped()) return Status::Busy(text);
    if (body.NotFound()) {
      return Status::NotFound(text + (request.tag == "user" ? "; check the username" : ""));
    }
    return Status::InvalidArgument(text);
  }

  void AddErrorWarnings(const Request& request, const Body& body, Parsed* parsed) const {
    for (size_t i = 0; i < body.errors.size() && i < kMaxErrorWarnings; ++i) {
      parsed->warnings.push_back("x " + request.tag + ": " + Describe(body.errors[i]));
    }
    if (body.errors.size() > kMaxErrorWarnings) {
      parsed->warnings.push_back("x " + request.tag + ": " +
                                 std::to_string(body.errors.size() - kMaxErrorWarnings) +
                                 " more errors[] entries not shown");
    }
  }

  Result<Parsed> ParseUser(const Request& request, const Body& body, Parsed parsed) {
    if (!body.user || !body.user->id || body.user->id->empty()) {
      return Unreadable(request, "the user has no 'data.id'");
    }
    const User& u = *body.user;
    account_id_ = *u.id;
    if (u.username && !u.username->empty()) username_ = *u.username;
    followers_ = u.followers;
    parsed.records.push_back(Account{Platform::kX, account_id_, username_, u.name.value_or(""),
                                     account_.agency, followers_});
    std::string url = account_.base_url + "/2/users/" + PercentEncode(account_id_) + "/tweets";
    AppendQuery(&url, "max_results", "100");
    AppendQuery(&url, "exclude", "retweets,replies");
    AppendQuery(&url, "tweet.fields",
                "created_at,conversation_id,public_metrics,in_reply_to_user_id,referenced_tweets,"
                "lang,attachments,note_tweet");
    AppendQuery(&url, "expansions", "attachments.media_keys");
    AppendQuery(&url, "media.fields", "type,alt_text,url,preview_image_url");
    parsed.follow_ups.push_back(Request{std::move(url), "tweets", "", 1});
    return parsed;
  }

  std::string SearchUrl(const std::string& post) const {
    std::string url = account_.base_url + "/2/tweets/search/recent";
    AppendQuery(&url, "query", "conversation_id:" + post);
    AppendQuery(&url, "max_results", "100");
    AppendQuery(&url, "tweet.fields",
                "created_at,conversation_id,in_reply_to_user_id,referenced_tweets,author_id,lang,"
                "note_tweet");
    AppendQuery(&url, "expansions", "author_id");
    AppendQuery(&url, "user.fields", "username");
    return url;
  }

  // "/2/users/123/tweets" -> "123", for a page parsed before the profile.
  static std::string UserIdInUrl(const std::string& url) {
    static constexpr std::string_view kPrefix = "/2/users/";
    size_t at = url.find(kPrefix);
    if (at == std::string::npos) return "";
    at += kPrefix.size();
    return url.substr(at, url.find('/', at) - at);
  }

  std::vector<Media> PostMedia(const Tweet& t,
                               const std::map<std::string, const MediaItem*>& media) {
    std::vector<Media> out;
    for (const std::string& key : t.media_keys) {
      auto it = media.find(key);
      if (it == media.end()) continue;  // withheld or not expanded
      const MediaItem& m = *it->second;
      out.push_back(Media{MediaKind(m.type.value_or("")), m.alt, m.url ? m.url : m.preview});
    }
    return out;
  }

  Result<Parsed> ParseTweets(const Request& request, const Body& body, Parsed parsed) {
    std::map<std::string, const MediaItem*> media;
    for (const MediaItem& m : body.media) {
      if (m.key) media.emplace(*m.key, &m);
    }
    const std::string account = account_id_.empty() ? UserIdInUrl(request.url) : account_id_;
    const Timestamp stamp{FormatRfc3339(window_.now, 0), window_.now};
    const int64_t cutoff = window_.PostCutoff();
    const int64_t reply_from = window_.ReplyCutoff();
    std::optional<int64_t> oldest;
    for (const Tweet& t : body.tweets) {
      std::optional<Timestamp> at = t.created_at ? PlatformTime(*t.created_at) : std::nullopt;
      if (!t.id || t.id->empty() || !at) {
        parsed.warnings.push_back("x tweets: a post without an id or created_at (" +
                                  Clip(t.id.value_or("?"), 80) + "); skipped");
        continue;
      }
      oldest = oldest ? std::min(*oldest, at->unix_seconds) : at->unix_seconds;
      // Only the account's own posts: retweets and its replies elsewhere are
      // not posts (its replies under its posts arrive via search).
      if (t.Is("retweeted") || t.Is("replied_to")) continue;
      if (at->unix_seconds < cutoff) continue;

      Post post;
      post.platform = Platform::kX;
      post.id = *t.id;
      post.account = account.empty() ? t.author.value_or("") : account;
      post.created_at = *at;
      post.text = UnescapeText(t.FullText());
      post.url = username_.empty() ? "https://x.com/i/status/" + post.id
                                   : "https://x.com/" + username_ + "/status/" + post.id;
      post.media = PostMedia(t, media);
      post.lang = Language(t.lang);

      Metrics m;
      m.platform = Platform::kX;
      m.post = post.id;
      m.at = stamp;
      m.likes = t.likes;
      m.shares = t.retweets;
      m.replies = t.replies;
      m.quotes = t.quotes;
      m.views = t.impressions;
      m.followers = followers_;

      if (!parsed.newest_post_unix || at->unix_seconds > *parsed.newest_post_unix) {
        parsed.newest_post_unix = at->unix_seconds;
        parsed.newest_post_id = post.id;
      }
      if (at->unix_seconds >= reply_from) {
        if (at->unix_seconds >= window_.now - kSearchReach) {
          parsed.follow_ups.push_back(Request{SearchUrl(post.id), "replies", post.id, 1});
        } else if (!warned_search_reach_) {
          warned_search_reach_ = true;
          parsed.warnings.push_back(
              "x: replies are not collected for posts older than 7 days (first: " + post.id +
              " of " + at->text +
              "): tweets/search/recent only reaches 7 days back; run the collector at least "
              "weekly to keep every thread");
        }
      }
      parsed.records.push_back(std::move(post));
      parsed.records.push_back(std::move(m));
    }
    bool past_cutoff = oldest && *oldest < cutoff;
    if (body.next_token && !body.next_token->empty() && !past_cutoff &&
        request.page < window_.max_post_pages) {
      parsed.follow_ups.push_back(
          Request{WithQueryParameter(request.url, "pagination_token", *body.next_token), "tweets",
                  "", request.page + 1});
    }
    return parsed;
  }

  Result<Parsed> ParseReplies(const Request& request, const Body& body, Parsed parsed) {
    std::map<std::string, std::string> usernames;
    for (const User& u : body.users) {
      if (u.id && u.username) usernames.emplace(*u.id, *u.username);
    }
    size_t strays = 0, anonymous = 0;
    for (const Tweet& t : body.tweets) {
      std::optional<Timestamp> at = t.created_at ? PlatformTime(*t.created_at) : std::nullopt;
      if (!t.id || t.id->empty() || !at) {
        parsed.warnings.push_back("x replies: a reply without an id or created_at (" +
                                  Clip(t.id.value_or("?"), 80) + "); skipped");
        continue;
      }
      const std::string post =
          request.post_id.empty() ? t.conversation.value_or("") : request.post_id;
      if (*t.id == post || t.Is("retweeted")) continue;
      if (t.conversation && *t.conversation != post) {
        ++strays;
        continue;
      }
      Reply r;
      r.platform = Platform::kX;
      r.id = *t.id;
      r.post = post;
      std::optional<std::string> parent = t.RepliedTo();
      if (parent && *parent != post) r.parent = std::move(parent);
      // Without author_id the reply is kept apart: never the agency, never
      // merged with another author.
      if (t.author && !t.author->empty()) {
        r.author_id = *t.author;
        if (auto it = usernames.find(*t.author); it != usernames.end()) r.author = it->second;
      } else {
        r.author_id = "unknown:" + r.id;
        ++anonymous;
      }
      r.created_at = *at;
      r.text = UnescapeText(t.FullText());
      parsed.records.push_back(std::move(r));
    }
    if (anonymous > 0) {
      parsed.warnings.push_back(
          "x replies: " + std::to_string(anonymous) +
          " reply(ies) without author_id; kept as author \"unknown:<reply id>\"");
    }
    if (strays > 0) {
      parsed.warnings.push_back("x replies: " + std::to_string(strays) +
                                " result(s) from another conversation than post " +
                                request.post_id + "; skipped");
    }
    if (body.next_token && !body.next_token->empty() && request.page < window_.max_reply_pages) {
      parsed.follow_ups.push_back(
          Request{WithQueryParameter(request.url, "next_token", *body.next_token), "replies",
                  request.post_id, request.page + 1});
    }
    return parsed;
  }

  AccountConfig account_;
  RunWindow window_;
  std::string account_id_;
  std::string username_;
  std::optional<int64_t> followers_;
  bool warned_search_reach_ = false;
  od::parser parser_;
};

}  // namespace

std::unique_ptr<Adapter> MakeXAdapter(const AccountConfig& account, const RunWindow& window) {
  return std::make_unique<XAdapter>(account, window);
}

}  // namespace tanggap::collector
