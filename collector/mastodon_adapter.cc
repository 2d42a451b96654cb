// Mastodon: an agency account on one instance (AccountConfig::base_url), its
// own statuses and the replies under them.
//
// Request tags, in the order a run sends them:
//   "account"   GET /api/v1/accounts/lookup?acct=USER[@HOST]
//               (GET /api/v1/accounts/:id when the platform id is known)
//   "statuses"  GET /api/v1/accounts/:id/statuses?limit=40&exclude_reblogs=true,
//               later pages only through the Link header's rel="next"
//   "context"   GET /api/v1/statuses/:id/context
// Parse accepts any body under any tag without crashing.
#include <simdjson.h>

#include <algorithm>
#include <cctype>
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
#include "scorer/text.h"
#include "util/time.h"

namespace tanggap::collector {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;

constexpr error_code kOk = simdjson::SUCCESS;
constexpr std::string_view kHint = "is base_url pointing at a Mastodon instance?";

// ---- Mastodon entities ---------------------------------------------------

struct MastodonAccount {
  std::string id, username, acct, display_name;
  std::optional<int64_t> followers;
};

struct Toot {
  std::string id, created_at, content, spoiler_text;
  std::optional<std::string> language, url, uri, in_reply_to_id;
  MastodonAccount account;
  bool reblog = false;
  std::optional<int64_t> favourites, reblogs, replies, quotes;
  std::vector<Media> media;
};

template <typename V>
error_code ReadAccount(V& v, MastodonAccount* a, std::string* bad) {
  return ForEachField(v, [&](std::string_view key, od::value& value) -> error_code {
    if (key == "id") return NoteField(ReadString(value, &a->id), "id", bad);
    if (key == "username") return NoteField(ReadString(value, &a->username), "username", bad);
    if (key == "acct") return NoteField(ReadString(value, &a->acct), "acct", bad);
    if (key == "display_name") {
      std::optional<std::string> name;
      error_code e = NoteField(ReadOptString(value, &name), "display_name", bad);
      a->display_name = name.value_or("");
      return e;
    }
    if (key == "followers_count") {
      return NoteField(ReadOptInt(value, &a->followers), "followers_count", bad);
    }
    return kOk;
  });
}

std::string MediaKind(std::string_view type) {
  if (type == "gifv") return "gif";
  return std::string(type);
}

error_code ReadMedia(od::value& v, std::vector<Media>* out, std::string* bad) {
  if (IsNull(v)) return kOk;
  return ForEachElement(v, [&](od::value& element) -> error_code {
    Media media;
    std::string type = "unknown";
    error_code e = ForEachField(element, [&](std::string_view key, od::value& value) -> error_code {
      if (key == "type") return NoteField(ReadString(value, &type), "type", bad);
      if (key == "url") return NoteField(ReadOptString(value, &media.url), "url", bad);
      if (key == "description") {
        return NoteField(ReadOptString(value, &media.alt), "description", bad);
      }
      return kOk;
    });
    if (e != kOk) return e;
    // An empty description is "no alt text", as the web UI treats it.
    if (media.alt && media.alt->empty()) media.alt.reset();
    media.kind = MediaKind(type);
    out->push_back(std::move(media));
    return kOk;
  });
}

error_code ReadToot(od::value& v, Toot* t, std::string* bad) {
  return ForEachField(v, [&](std::string_view key, od::value& value) -> error_code {
    if (key == "id") return NoteField(ReadString(value, &t->id), "id", bad);
    if (key == "created_at") return NoteField(ReadString(value, &t->created_at), "created_at", bad);
    if (key == "content") {
      std::optional<std::string> html;
      error_code e = NoteField(ReadOptString(value, &html), "content", bad);
      t->content = html.value_or("");
      return e;
    }
    if (key == "spoiler_text") {
      std::optional<std::string> spoiler;
      error_code e = NoteField(ReadOptString(value, &spoiler), "spoiler_text", bad);
      t->spoiler_text = spoiler.value_or("");
      return e;
    }
    if (key == "language") return NoteField(ReadOptString(value, &t->language), "language", bad);
    if (key == "url") return NoteField(ReadOptString(value, &t->url), "url", bad);
    if (key == "uri") return NoteField(ReadOptString(value, &t->uri), "uri", bad);
    if (key == "in_reply_to_id") {
      return NoteField(ReadOptString(value, &t->in_reply_to_id), "in_reply_to_id", bad);
    }
    if (key == "account") return NoteField(ReadAccount(value, &t->account, bad), "account", bad);
    // Only whether it is a reblog matters: the reblogged status is someone
    // else's and is skipped unread.
    if (key == "reblog") {
      t->reblog = !IsNull(value);
      return kOk;
    }
    if (key == "favourites_count") {
      return NoteField(ReadOptInt(value, &t->favourites), "favourites_count", bad);
    }
    if (key == "reblogs_count")
      return NoteField(ReadOptInt(value, &t->reblogs), "reblogs_count", bad);
    if (key == "replies_count")
      return NoteField(ReadOptInt(value, &t->replies), "replies_count", bad);
    if (key == "quotes_count") return NoteField(ReadOptInt(value, &t->quotes), "quotes_count", bad);
    if (key == "media_attachments") {
      return NoteField(ReadMedia(value, &t->media, bad), "media_attachments", bad);
    }
    return kOk;
  });
}

// The status text as a reader sees it. spoiler_text is the content warning,
// plain text shown before the body, so it stays first, as its own paragraph,
// and is not run through the HTML converter (it is not HTML).
std::string TootText(const Toot& t) {
  std::string body = scorer::HtmlToText(t.content);
  if (t.spoiler_text.empty()) return body;
  if (body.empty()) return t.spoiler_text;
  return t.spoiler_text + "\n\n" + body;
}

// ---- Headers and URLs ----------------------------------------------------

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "https://Host:443/x?y" -> "https://host:443".
std::string Origin(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  size_t end = url.find_first_of("/?#", scheme + 3);
  return Lower(url.substr(0, end));
}

// "https://Host:8080/prefix" -> "host:8080" (lower case).
std::string Authority(std::string_view url) {
  std::string origin = Origin(url);
  size_t scheme = origin.find("://");
  if (scheme == std::string::npos) return "";
  std::string authority = origin.substr(scheme + 3);
  if (size_t at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
  return authority;
}

// True when the domain part of an acct names the instance at base_url,
// with or without the port ("localhost:3000" and "localhost" both do).
bool IsInstance(std::string_view domain, std::string_view base_url) {
  std::string authority = Authority(base_url);
  std::string host = authority.substr(0, authority.find(':'));
  std::string lower = Lower(domain);
  return lower == authority || lower == host;
}

// True when the parameter list of one Link entry (`; rel="next"`) has
// relation type "next". rel may hold several space-separated types.
bool HasRelNext(std::string_view params) {
  std::string lower = Lower(params);
  size_t at = lower.find("rel=");
  if (at == std::string::npos) return false;
  std::string_view value = std::string_view(lower).substr(at + 4);
  if (!value.empty() && value.front() == '"') {
    value.remove_prefix(1);
    value = value.substr(0, value.find('"'));
  } else {
    value = value.substr(0, value.find_first_of(";, "));
  }
  while (!value.empty()) {
    size_t space = value.find(' ');
    if (value.substr(0, space) == "next") return true;
    if (space == std::string_view::npos) break;
    value.remove_prefix(space + 1);
  }
  return false;
}

// The rel="next" target of an RFC 8288 Link header, or nullopt.
std::optional<std::string> LinkNext(std::string_view header) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t open = header.find('<', pos);
    if (open == std::string_view::npos) break;
    size_t close = header.find('>', open);
    if (close == std::string_view::npos) break;
    size_t next = header.find('<', close);
    std::string_view params = header.substr(
        close + 1, next == std::string_view::npos ? std::string_view::npos : next - close - 1);
    if (HasRelNext(params)) return std::string(header.substr(open + 1, close - open - 1));
    pos = close + 1;
  }
  return std::nullopt;
}

// The remaining requests of the rate-limit window, when the headers say and
// at most a tenth is left: worth a supervisor's look before runs start
// ending as Busy.
void WarnIfQuotaLow(const Request& request, const Response& response, Parsed* parsed) {
  auto limit = response.Header("x-ratelimit-limit");
  auto remaining = response.Header("x-ratelimit-remaining");
  if (!limit || !remaining) return;
  int64_t total = 0, left = 0;
  if (std::from_chars(limit->data(), limit->data() + limit->size(), total).ec != std::errc() ||
      std::from_chars(remaining->data(), remaining->data() + remaining->size(), left).ec !=
          std::errc() ||
      total <= 0) {
    return;
  }
  if (left * 10 > total) return;
  std::string msg = "mastodon " + request.tag + ": rate limit nearly spent, " +
                    std::to_string(left) + " of " + std::to_string(total) + " requests left";
  if (auto reset = response.Header("x-ratelimit-reset")) msg += " until " + Printable(*reset);
  parsed->warnings.push_back(std::move(msg));
}

// ---- The adapter ---------------------------------------------------------

class MastodonAdapter final : public Adapter {
 public:
  MastodonAdapter(const AccountConfig& account, const RunWindow& window)
      : config_(account), window_(window), account_id_(account.platform_id) {
    base_ = config_.base_url.empty() ? std::string(DefaultBaseUrl(Platform::kMastodon))
                                     : config_.base_url;
    while (!base_.empty() && base_.back() == '/') base_.pop_back();
  }

  AuthStyle Auth() const override { return AuthStyle::kBearerHeader; }

  std::vector<Request> Start() override {
    Request r;
    r.tag = "account";
    if (!account_id_.empty()) {
      r.url = base_ + "/api/v1/accounts/" + PercentEncode(account_id_);
    } else {
      r.url = base_ + "/api/v1/accounts/lookup";
      AppendQuery(&r.url, "acct", Acct());
    }
    return {r};
  }

  Result<Parsed> Parse(const Request& request, const Response& response) override;

 private:
  // The acct the lookup wants: "user" for an account of this instance,
  // "user@host" for one elsewhere ("@user@host" and "user" are both accepted).
  std::string Acct() const {
    std::string_view handle = config_.handle;
    while (!handle.empty() && handle.front() == '@') handle.remove_prefix(1);
    size_t at = handle.find('@');
    if (at == std::string_view::npos) return std::string(handle);
    if (IsInstance(handle.substr(at + 1), base_)) return std::string(handle.substr(0, at));
    return std::string(handle);
  }

  // `where` is a field path, or a phrase about the whole body (kNotJson*).
  Status BadBody(const Request& request, std::string_view where, error_code e) const {
    return BadBodyStatus("mastodon", request.tag, where, e, kHint);
  }

  // Non-2xx answers: Busy for a spent rate limit, a warning for a thread
  // whose post is gone, an error naming the cause otherwise.
  Result<Parsed> HttpProblem(const Request& request, const Response& response);
  std::string ErrorText(const std::string& body);

  Result<Parsed> ParseAccount(const Request& request, od::document& doc);
  Result<Parsed> ParseStatuses(const Request& request, const Response& response, od::document& doc);
  Result<Parsed> ParseContext(const Request& request, od::document& doc);

  std::optional<Request> NextPage(const Request& request, const Response& response,
                                  Parsed* parsed) const;

  AccountConfig config_;
  RunWindow window_;
  std::string base_;
  std::string account_id_;
  std::optional<int64_t> followers_;
  bool account_emitted_ = false;
  od::parser parser_;
};

std::string MastodonAdapter::ErrorText(const std::string& body) {
  simdjson::padded_string padded(body);
  od::document doc;
  od::object object;
  std::string_view text;
  if (parser_.iterate(padded).get(doc) == kOk && doc.get_object().get(object) == kOk &&
      object.find_field_unordered("error").get_string().get(text) == kOk) {
    return Printable(text);
  }
  return Printable(body);
}

Result<Parsed> MastodonAdapter::HttpProblem(const Request& request, const Response& response) {
  std::string what = ErrorText(response.body);
  std::string prefix = "mastodon " + request.tag + ": HTTP " + std::to_string(response.status);
  if (response.status == 429 || Lower(what).find("too many requests") != std::string::npos) {
    std::string msg = prefix + ": rate limit spent (" + what + ")";
    if (auto reset = response.Header("x-ratelimit-reset")) {
      msg += "; resets at " + Printable(*reset);
    }
    return Status::Busy(std::move(msg));
  }
  if (response.status == 404 || response.status == 410) {
    if (request.tag == "context") {
      Parsed parsed;
      parsed.warnings.push_back(prefix + ": status " + request.post_id +
                                " is gone (deleted or hidden); its replies were not read");
      return parsed;
    }
    return Status::NotFound(prefix + ": " + what + "; check the handle '" + config_.handle +
                            "' and that base_url " + base_ + " is the account's instance");
  }
  if (response.status == 401 || response.status == 403) {
    return Status::InvalidArgument(prefix + ": " + what +
                                   "; check the account's access token and its read scope");
  }
  return Status::InvalidArgument(prefix + ": " + what);
}

Result<Parsed> MastodonAdapter::Parse(const Request& request, const Response& response) {
  if (response.status < 200 || response.status > 299) return HttpProblem(request, response);
  simdjson::padded_string padded(response.body);
  od::document doc;
  if (error_code e = parser_.iterate(padded).get(doc)) return BadBody(request, "", e);
  Result<Parsed> parsed =
      Status::InvalidArgument("mastodon: unknown request tag '" + request.tag + "'");
  if (request.tag == "account") {
    parsed = ParseAccount(request, doc);
  } else if (request.tag == "statuses") {
    parsed = ParseStatuses(request, response, doc);
  } else if (request.tag == "context") {
    parsed = ParseContext(request, doc);
  }
  if (parsed.ok()) WarnIfQuotaLow(request, response, &*parsed);
  return parsed;
}

Result<Parsed> MastodonAdapter::ParseAccount(const Request& request, od::document& doc) {
  MastodonAccount a;
  std::string bad;
  if (error_code e = ReadAccount(doc, &a, &bad)) {
    return BadBody(request, bad.empty() ? kNotJsonObject : bad, e);
  }
  if (a.id.empty()) return BadBody(request, "id", simdjson::NO_SUCH_FIELD);
  account_id_ = a.id;
  followers_ = a.followers;

  Parsed parsed;
  if (!account_emitted_) {
    Account account;
    account.platform = Platform::kMastodon;
    account.id = a.id;
    account.handle = a.acct.empty() ? a.username : a.acct;
    account.name = a.display_name.empty() ? account.handle : a.display_name;
    account.agency = config_.agency;
    account.followers = a.followers;
    parsed.records.emplace_back(std::move(account));
    account_emitted_ = true;
  }
  Request first;
  first.tag = "statuses";
  first.url = base_ + "/api/v1/accounts/" + PercentEncode(account_id_) + "/statuses";
  AppendQuery(&first.url, "limit", "40");
  AppendQuery(&first.url, "exclude_reblogs", "true");
  parsed.follow_ups.push_back(std::move(first));
  return parsed;
}

std::optional<Request> MastodonAdapter::NextPage(const Request& request, const Response& response,
                                                 Parsed* parsed) const {
  auto link = response.Header("link");
  if (!link) return std::nullopt;
  std::optional<std::string> next = LinkNext(*link);
  if (!next) return std::nullopt;
  // The fetch loop attaches the bearer token to every request; a Link that
  // leads elsewhere would hand the token to that host.
  if (Origin(*next) != Origin(base_)) {
    parsed->warnings.push_back("mastodon statuses: ignored a next-page link to another host (" +
                               Printable(Origin(*next)) + "); paging stopped");
    return std::nullopt;
  }
  Request r;
  r.tag = "statuses";
  r.url = StripCredentials(*next);
  r.page = request.page + 1;
  return r;
}

Result<Parsed> MastodonAdapter::ParseStatuses(const Request& request, const Response& response,
                                              od::document& doc) {
  std::vector<Toot> toots;
  std::string bad;
  error_code e = ForEachElement(doc, [&](od::value& element) -> error_code {
    Toot t;
    if (error_code te = ReadToot(element, &t, &bad)) return te;
    toots.push_back(std::move(t));
    return kOk;
  });
  if (e != kOk) return BadBody(request, bad.empty() ? kNotJsonArray : bad, e);

  Parsed parsed;
  const int64_t post_cutoff = window_.PostCutoff();
  const int64_t reply_cutoff = window_.ReplyCutoff();
  const Timestamp at{FormatRfc3339(window_.now, 0), window_.now};
  std::optional<int64_t> oldest;
  for (const Toot& t : toots) {
    // Reblogs (should exclude_reblogs be ignored) and other people's
    // statuses (pinned boosts on some forks) are not the agency's posts.
    if (t.reblog || t.account.id != account_id_) continue;
    if (t.id.empty()) return BadBody(request, "id", simdjson::NO_SUCH_FIELD);
    std::optional<Timestamp> created = PlatformTime(t.created_at);
    if (!created) {
      parsed.warnings.push_back("mastodon statuses: status " + Printable(t.id) +
                                " has an unreadable created_at '" + Printable(t.created_at) +
                                "'; skipped");
      continue;
    }
    oldest = std::min(oldest.value_or(created->unix_seconds), created->unix_seconds);
    // The agency's replies to citizens are collected under their threads
    // (context), where their parent is known; as posts they would double.
    if (t.in_reply_to_id) continue;
    if (created->unix_seconds < post_cutoff) continue;

    Post post;
    post.platform = Platform::kMastodon;
    post.id = t.id;
    post.account = account_id_;
    post.created_at = *created;
    post.text = TootText(t);
    post.url = t.url ? t.url : t.uri;
    post.media = t.media;
    post.lang = t.language;
    if (!parsed.newest_post_unix || created->unix_seconds > *parsed.newest_post_unix) {
      parsed.newest_post_unix = created->unix_seconds;
      parsed.newest_post_id = t.id;
    }
    Metrics m;
    m.platform = Platform::kMastodon;
    m.post = t.id;
    m.at = at;
    m.likes = t.favourites;
    m.shares = t.reblogs;
    m.replies = t.replies;
    m.quotes = t.quotes;
    m.followers = followers_;
    parsed.records.emplace_back(std::move(post));
    parsed.records.emplace_back(std::move(m));

    // A status nobody answered has an empty context; asking would only
    // spend the 300-requests-per-5-minutes budget.
    if (created->unix_seconds >= reply_cutoff && t.replies != 0) {
      Request r;
      r.tag = "context";
      r.url = base_ + "/api/v1/statuses/" + PercentEncode(t.id) + "/context";
      r.post_id = t.id;
      parsed.follow_ups.push_back(std::move(r));
    }
  }

  bool older_than_window = oldest && *oldest < post_cutoff;
  if (!toots.empty() && !older_than_window && request.page < window_.max_post_pages) {
    if (auto next = NextPage(request, response, &parsed)) {
      parsed.follow_ups.push_back(std::move(*next));
    }
  }
  return parsed;
}

Result<Parsed> MastodonAdapter::ParseContext(const Request& request, od::document& doc) {
  std::vector<Toot> descendants;
  std::string bad;
  error_code e = ForEachField(doc, [&](std::string_view key, od::value& value) -> error_code {
    if (key != "descendants") return kOk;
    return NoteField(ForEachElement(value,
                                    [&](od::value& element) -> error_code {
                                      Toot t;
                                      if (error_code te = ReadToot(element, &t, &bad)) return te;
                                      descendants.push_back(std::move(t));
                                      return kOk;
                                    }),
                     "descendants", &bad);
  });
  if (e != kOk) return BadBody(request, bad.empty() ? kNotJsonObject : bad, e);

  Parsed parsed;
  for (const Toot& t : descendants) {
    std::optional<Timestamp> created = PlatformTime(t.created_at);
    if (t.id.empty() || t.account.id.empty() || !created) {
      parsed.warnings.push_back("mastodon context of " + request.post_id +
                                ": a reply without id, account or readable created_at; skipped");
      continue;
    }
    Reply reply;
    reply.platform = Platform::kMastodon;
    reply.id = t.id;
    reply.post = request.post_id;
    if (!t.in_reply_to_id) {
      parsed.warnings.push_back("mastodon context of " + request.post_id + ": reply " + t.id +
                                " has no in_reply_to_id; kept as a top-level reply");
    } else if (*t.in_reply_to_id != request.post_id) {
      reply.parent = t.in_reply_to_id;
    }
    reply.author_id = t.account.id;
    if (!t.account.acct.empty()) {
      reply.author = t.account.acct;
    } else if (!t.account.username.empty()) {
      reply.author = t.account.username;
    }
    reply.created_at = *created;
    reply.text = TootText(t);
    parsed.records.emplace_back(std::move(reply));
  }
  return parsed;
}

}  // namespace

std::unique_ptr<Adapter> MakeMastodonAdapter(const AccountConfig& account,
                                             const RunWindow& window) {
  return std::make_unique<MastodonAdapter>(account, window);
}

}  // namespace tanggap::collector
