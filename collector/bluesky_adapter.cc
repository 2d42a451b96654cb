// Bluesky: an agency account read through a public AppView
// (AccountConfig::base_url, https://public.api.bsky.app by default), its own
// posts and the replies under them.
//
// Request tags, in the order a run sends them:
//   "profile"  GET /xrpc/app.bsky.actor.getProfile?actor=HANDLE_OR_DID
//   "feed"     GET /xrpc/app.bsky.feed.getAuthorFeed?actor=DID&limit=100
//                  &filter=posts_no_replies[&cursor=C]
//   "thread"   GET /xrpc/app.bsky.feed.getPostThread?uri=AT_URI&depth=10&parentHeight=0
//              (again from the deepest reply when a thread goes deeper than 10)
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
#include "util/time.h"

namespace tanggap::collector {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;

constexpr error_code kOk = simdjson::SUCCESS;
constexpr std::string_view kHint =
    "is base_url pointing at a Bluesky AppView such as https://public.api.bsky.app?";

// Reply levels one getPostThread asks for. Deeper replies are fetched by
// asking again from the deepest reply seen (bounded by max_reply_pages).
constexpr int kThreadDepth = 10;
// Nesting accepted in one thread body before the rest is skipped: far more
// than kThreadDepth asks for, and far below simdjson's own depth limit (two
// levels per reply: the node and its replies array).
constexpr int kMaxWalkDepth = 100;
// Deeper-thread requests planned from one thread body.
constexpr int kMaxContinuations = 20;

// ---- Bluesky views -------------------------------------------------------

struct Profile {
  std::string did, handle, display_name;
  std::optional<int64_t> followers;
};

struct PostView {
  std::string uri, author_did, author_handle, text, created_at;
  std::optional<std::string> lang;
  bool is_reply = false;                  // record.reply present
  std::optional<std::string> parent_uri;  // record.reply.parent.uri
  std::optional<int64_t> likes, reposts, replies, quotes;
  std::vector<Media> view_media;    // from post.embed (hydrated view)
  std::vector<Media> record_media;  // from record.embed (what the author wrote)
  bool has_view_embed = false;
};

std::optional<std::string> NonEmpty(std::optional<std::string> s) {
  if (s && s->empty()) return std::nullopt;
  return s;
}

error_code ReadImages(od::value& v, std::vector<Media>* out, std::string* bad) {
  return ForEachElement(v, [&](od::value& element) -> error_code {
    Media media;
    media.kind = "image";
    error_code e = ForEachField(element, [&](std::string_view key, od::value& value) {
      if (key == "alt") return NoteField(ReadOptString(value, &media.alt), "alt", bad);
      if (key == "fullsize") {
        return NoteField(ReadOptString(value, &media.url), "fullsize", bad);
      }
      return kOk;
    });
    if (e != kOk) return e;
    // The app stores "" when the author wrote no alt text.
    media.alt = NonEmpty(std::move(media.alt));
    out->push_back(std::move(media));
    return kOk;
  });
}

// The media of an embed, in view form (post.embed: images#view, video#view,
// recordWithMedia#view) or record form (record.embed). Fields arrive in any
// order, so the kind is told by which fields are present, not by $type.
// recordWithMedia holds its media one level down (nested == false lets the
// reader take that one step); a quoted record's media are the quoted post's
// and are not read.
error_code ReadEmbed(od::value& v, std::vector<Media>* out, std::string* bad, bool nested) {
  std::optional<std::string> alt, playlist;
  bool video = false;
  error_code e = ForEachField(v, [&](std::string_view key, od::value& value) -> error_code {
    if (key == "images") return NoteField(ReadImages(value, out, bad), "images", bad);
    if (key == "media" && !nested) return NoteField(ReadEmbed(value, out, bad, true), "media", bad);
    if (key == "$type") {
      std::string type;
      error_code te = NoteField(ReadString(value, &type), "$type", bad);
      if (type.rfind("app.bsky.embed.video", 0) == 0) video = true;
      return te;
    }
    if (key == "video") video = true;  // record form: the video blob
    if (key == "alt") return NoteField(ReadOptString(value, &alt), "alt", bad);
    if (key == "playlist") {
      video = true;
      return NoteField(ReadOptString(value, &playlist), "playlist", bad);
    }
    return kOk;
  });
  if (e != kOk) return e;
  if (video) out->push_back(Media{"video", NonEmpty(std::move(alt)), std::move(playlist)});
  return kOk;
}

error_code ReadUri(od::value& v, std::optional<std::string>* uri, std::string* bad) {
  return ForEachField(v, [&](std::string_view key, od::value& value) -> error_code {
    if (key == "uri") return NoteField(ReadOptString(value, uri), "uri", bad);
    return kOk;
  });
}

error_code ReadRecord(od::value& v, PostView* p, std::string* bad) {
  return ForEachField(v, [&](std::string_view key, od::value& value) -> error_code {
    if (key == "text") {
      std::optional<std::string> text;
      error_code e = NoteField(ReadOptString(value, &text), "text", bad);
      p->text = text.value_or("");
      return e;
    }
    if (key == "createdAt") return NoteField(ReadString(value, &p->created_at), "createdAt", bad);
    if (key == "langs") {
      if (IsNull(value)) return kOk;
      return NoteField(ForEachElement(value,
                                      [&](od::value& lang) -> error_code {
                                        std::string tag;
                                        error_code e = ReadString(lang, &tag);
                                        if (e == kOk && !p->lang && !tag.empty()) p->lang = tag;
                                        return e;
                                      }),
                       "langs", bad);
    }
    if (key == "reply") {
      if (IsNull(value)) return kOk;
      p->is_reply = true;
      return NoteField(ForEachField(value,
                                    [&](std::string_view k, od::value& ref) -> error_code {
                                      if (k != "parent") return kOk;
                                      return NoteField(ReadUri(ref, &p->parent_uri, bad), "parent",
                                                       bad);
                                    }),
                       "reply", bad);
    }
    if (key == "embed") {
      if (IsNull(value)) return kOk;
      return NoteField(ReadEmbed(value, &p->record_media, bad, false), "embed", bad);
    }
    return kOk;
  });
}

error_code ReadPostView(od::value& v, PostView* p, std::string* bad) {
  return ForEachField(v, [&](std::string_view key, od::value& value) -> error_code {
    if (key == "uri") return NoteField(ReadString(value, &p->uri), "uri", bad);
    if (key == "author") {
      return NoteField(ForEachField(value,
                                    [&](std::string_view k, od::value& field) -> error_code {
                                      if (k == "did") return ReadString(field, &p->author_did);
                                      if (k == "handle")
                                        return ReadString(field, &p->author_handle);
                                      return kOk;
                                    }),
                       "author", bad);
    }
    if (key == "record") return NoteField(ReadRecord(value, p, bad), "record", bad);
    if (key == "embed") {
      if (IsNull(value)) return kOk;
      p->has_view_embed = true;
      return NoteField(ReadEmbed(value, &p->view_media, bad, false), "embed", bad);
    }
    if (key == "replyCount") return NoteField(ReadOptInt(value, &p->replies), "replyCount", bad);
    if (key == "repostCount") return NoteField(ReadOptInt(value, &p->reposts), "repostCount", bad);
    if (key == "likeCount") return NoteField(ReadOptInt(value, &p->likes), "likeCount", bad);
    if (key == "quoteCount") return NoteField(ReadOptInt(value, &p->quotes), "quoteCount", bad);
    return kOk;
  });
}

// ---- Small helpers -------------------------------------------------------

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A handle that no longer verifies reads "handle.invalid"; only the DID
// then works in a bsky.app link.
bool IsUsableHandle(std::string_view handle) {
  return !handle.empty() && handle != "handle.invalid";
}

// "at://did:plc:x/app.bsky.feed.post/3k2a" -> "3k2a".
std::string_view RecordKey(std::string_view uri) {
  size_t slash = uri.rfind('/');
  return slash == std::string_view::npos ? uri : uri.substr(slash + 1);
}

// ---- The thread walk -----------------------------------------------------
// A getPostThread body nests replies inside replies. The walk keeps its own
// stack of On-Demand iterators instead of recursing, so a hostile body can
// not exhaust the call stack; nesting past kMaxWalkDepth is skipped (simdjson
// skips a value without recursion).

struct ThreadNode {
  std::string type, uri;
  bool not_found = false, blocked = false, has_replies = false;
  std::optional<PostView> post;
};

struct Frame {
  bool is_array = false;
  bool started = false;
  int depth = 0;  // reply level; the thread's own post is 0
  od::array_iterator element, elements_end;
  od::object_iterator field, fields_end;
  ThreadNode node;
};

// The remaining requests of the rate-limit window, when the headers say and
// at most a tenth is left: worth a supervisor's look before runs start
// ending as Busy.
void WarnIfQuotaLow(const Request& request, const Response& response, Parsed* parsed) {
  auto limit = response.Header("ratelimit-limit");
  auto remaining = response.Header("ratelimit-remaining");
  if (!limit || !remaining) return;
  int64_t total = 0, left = 0;
  if (std::from_chars(limit->data(), limit->data() + limit->size(), total).ec != std::errc() ||
      std::from_chars(remaining->data(), remaining->data() + remaining->size(), left).ec !=
          std::errc() ||
      total <= 0) {
    return;
  }
  if (left * 10 > total) return;
  std::string msg = "bluesky " + request.tag + ": rate limit nearly spent, " +
                    std::to_string(left) + " of " + std::to_string(total) + " requests left";
  if (auto reset = response.Header("ratelimit-reset")) msg += " until " + Printable(*reset);
  parsed->warnings.push_back(std::move(msg));
}

// ---- The adapter ---------------------------------------------------------

class BlueskyAdapter final : public Adapter {
 public:
  BlueskyAdapter(const AccountConfig& account, const RunWindow& window)
      : config_(account), window_(window), did_(account.platform_id) {
    base_ = config_.base_url.empty() ? std::string(DefaultBaseUrl(Platform::kBluesky))
                                     : config_.base_url;
    while (!base_.empty() && base_.back() == '/') base_.pop_back();
  }

  AuthStyle Auth() const override { return AuthStyle::kNone; }

  std::vector<Request> Start() override {
    std::string_view actor = did_.empty() ? std::string_view(config_.handle) : did_;
    while (!actor.empty() && actor.front() == '@') actor.remove_prefix(1);
    Request r;
    r.tag = "profile";
    r.url = base_ + "/xrpc/app.bsky.actor.getProfile";
    AppendQuery(&r.url, "actor", actor);
    return {r};
  }

  Result<Parsed> Parse(const Request& request, const Response& response) override;

 private:
  // `where` is a field path, or kNotJsonObject about the whole body.
  Status BadBody(const Request& request, std::string_view where, error_code e) const {
    return BadBodyStatus("bluesky", request.tag, where, e, kHint);
  }

  Result<Parsed> HttpProblem(const Request& request, const Response& response);
  Result<Parsed> ParseProfile(const Request& request, od::document& doc);
  Result<Parsed> ParseFeed(const Request& request, od::document& doc);
  Result<Parsed> ParseThread(const Request& request, od::document& doc);
  error_code WalkThread(const Request& request, od::value& thread, Parsed* parsed,
                        std::string* bad);
  // Called when a node's fields are all read.
  void FinishNode(const Request& request, const Frame& frame, Parsed* parsed,
                  int* continuations) const;
  void AddReply(const Request& request, const PostView& p, Parsed* parsed) const;

  Request FeedRequest(const std::optional<std::string>& cursor, int page) const {
    Request r;
    r.tag = "feed";
    r.url = base_ + "/xrpc/app.bsky.feed.getAuthorFeed";
    AppendQuery(&r.url, "actor", did_);
    AppendQuery(&r.url, "limit", "100");
    AppendQuery(&r.url, "filter", "posts_no_replies");
    if (cursor) AppendQuery(&r.url, "cursor", *cursor);
    r.page = page;
    return r;
  }

  Request ThreadRequest(std::string_view uri, std::string_view post_id, int page) const {
    Request r;
    r.tag = "thread";
    r.url = base_ + "/xrpc/app.bsky.feed.getPostThread";
    AppendQuery(&r.url, "uri", uri);
    AppendQuery(&r.url, "depth", std::to_string(kThreadDepth));
    AppendQuery(&r.url, "parentHeight", "0");
    r.post_id = std::string(post_id);
    r.page = page;
    return r;
  }

  AccountConfig config_;
  RunWindow window_;
  std::string base_;
  std::string did_;
  std::string handle_;
  std::optional<int64_t> followers_;
  bool account_emitted_ = false;
  od::parser parser_;
};

Result<Parsed> BlueskyAdapter::HttpProblem(const Request& request, const Response& response) {
  // XRPC errors: {"error":"NotFound","message":"Post not found: at://..."}.
  std::string error, message;
  simdjson::padded_string padded(response.body);
  od::document doc;
  if (parser_.iterate(padded).get(doc) == kOk) {
    (void)ForEachField(doc, [&](std::string_view key, od::value& value) -> error_code {
      if (key == "error") return ReadString(value, &error);
      if (key == "message") return ReadString(value, &message);
      return kOk;
    });
  }
  std::string prefix = "bluesky " + request.tag + ": HTTP " + std::to_string(response.status);
  std::string what = Printable(error.empty() ? response.body : error + ": " + message);
  if (response.status == 429 || error == "RateLimitExceeded") {
    std::string msg = prefix + ": rate limit spent (" + what + ")";
    if (auto reset = response.Header("ratelimit-reset")) msg += "; resets at " + Printable(*reset);
    return Status::Busy(std::move(msg));
  }
  if (request.tag == "thread" && (response.status == 404 || error == "NotFound")) {
    Parsed parsed;
    parsed.warnings.push_back(prefix + ": post " + Printable(request.post_id) +
                              " is gone (deleted); its replies were not read (" + what + ")");
    return parsed;
  }
  if (request.tag == "profile" &&
      (response.status == 404 || error == "NotFound" || error == "AccountDeactivated" ||
       error == "AccountTakedown" || message.find("not found") != std::string::npos)) {
    return Status::NotFound(prefix + ": " + what + "; check the handle '" +
                            Printable(config_.handle) + "'");
  }
  if (response.status == 401 || error == "AuthMissing") {
    return Status::InvalidArgument(prefix + ": " + what +
                                   "; this server wants a login: use a public AppView "
                                   "(https://public.api.bsky.app) as base_url");
  }
  return Status::InvalidArgument(prefix + ": " + what);
}

Result<Parsed> BlueskyAdapter::Parse(const Request& request, const Response& response) {
  if (response.status < 200 || response.status > 299) return HttpProblem(request, response);
  simdjson::padded_string padded(response.body);
  od::document doc;
  if (error_code e = parser_.iterate(padded).get(doc)) return BadBody(request, "", e);
  Result<Parsed> parsed =
      Status::InvalidArgument("bluesky: unknown request tag '" + request.tag + "'");
  if (request.tag == "profile") {
    parsed = ParseProfile(request, doc);
  } else if (request.tag == "feed") {
    parsed = ParseFeed(request, doc);
  } else if (request.tag == "thread") {
    parsed = ParseThread(request, doc);
  }
  if (parsed.ok()) WarnIfQuotaLow(request, response, &*parsed);
  return parsed;
}

Result<Parsed> BlueskyAdapter::ParseProfile(const Request& request, od::document& doc) {
  Profile p;
  std::string bad;
  error_code e = ForEachField(doc, [&](std::string_view key, od::value& value) -> error_code {
    if (key == "did") return NoteField(ReadString(value, &p.did), "did", &bad);
    if (key == "handle") return NoteField(ReadString(value, &p.handle), "handle", &bad);
    if (key == "displayName") {
      std::optional<std::string> name;
      error_code ne = NoteField(ReadOptString(value, &name), "displayName", &bad);
      p.display_name = name.value_or("");
      return ne;
    }
    if (key == "followersCount") {
      return NoteField(ReadOptInt(value, &p.followers), "followersCount", &bad);
    }
    return kOk;
  });
  if (e != kOk) return BadBody(request, bad.empty() ? kNotJsonObject : bad, e);
  if (!StartsWith(p.did, "did:")) return BadBody(request, "did", simdjson::NO_SUCH_FIELD);
  did_ = p.did;
  handle_ = p.handle;
  followers_ = p.followers;

  Parsed parsed;
  if (!account_emitted_) {
    Account account;
    account.platform = Platform::kBluesky;
    account.id = p.did;
    account.handle = p.handle;
    account.name = p.display_name.empty() ? p.handle : p.display_name;
    account.agency = config_.agency;
    account.followers = p.followers;
    parsed.records.emplace_back(std::move(account));
    account_emitted_ = true;
  }
  parsed.follow_ups.push_back(FeedRequest(std::nullopt, 1));
  return parsed;
}

Result<Parsed> BlueskyAdapter::ParseFeed(const Request& request, od::document& doc) {
  struct Item {
    PostView post;
    bool reason = false;  // a repost (or pin) by the account, not its own post
  };
  std::vector<Item> items;
  std::optional<std::string> cursor;
  std::string bad;
  error_code e = ForEachField(doc, [&](std::string_view key, od::value& value) -> error_code {
    if (key == "cursor") return NoteField(ReadOptString(value, &cursor), "cursor", &bad);
    if (key != "feed") return kOk;
    return NoteField(
        ForEachElement(value,
                       [&](od::value& element) -> error_code {
                         Item item;
                         error_code ie =
                             ForEachField(element, [&](std::string_view k, od::value& v) {
                               if (k == "post") {
                                 return NoteField(ReadPostView(v, &item.post, &bad), "post", &bad);
                               }
                               if (k == "reason") item.reason = !IsNull(v);
                               return kOk;
                             });
                         if (ie == kOk) items.push_back(std::move(item));
                         return ie;
                       }),
        "feed", &bad);
  });
  if (e != kOk) return BadBody(request, bad.empty() ? kNotJsonObject : bad, e);

  Parsed parsed;
  const int64_t post_cutoff = window_.PostCutoff();
  const int64_t reply_cutoff = window_.ReplyCutoff();
  const Timestamp at{FormatRfc3339(window_.now, 0), window_.now};
  std::optional<int64_t> oldest;
  for (Item& item : items) {
    const PostView& p = item.post;
    // Reposts carry the original's createdAt, which says nothing about how
    // far back this page reaches, so they are left out of `oldest` too.
    if (item.reason || p.author_did != did_) continue;
    std::optional<Timestamp> created = PlatformTime(p.created_at);
    if (p.uri.empty() || !created) {
      parsed.warnings.push_back("bluesky feed: a post without uri or readable createdAt (" +
                                Printable(p.uri) + "); skipped");
      continue;
    }
    oldest = std::min(oldest.value_or(created->unix_seconds), created->unix_seconds);
    // posts_no_replies should leave replies out; should a server send them
    // anyway, the agency's replies belong under their threads, not here.
    if (p.is_reply) continue;
    if (created->unix_seconds < post_cutoff) continue;

    Post post;
    post.platform = Platform::kBluesky;
    post.id = p.uri;
    post.account = did_;
    post.created_at = *created;
    post.text = p.text;
    std::string profile = did_;
    if (IsUsableHandle(p.author_handle)) {
      profile = p.author_handle;
    } else if (IsUsableHandle(handle_)) {
      profile = handle_;
    }
    post.url = "https://bsky.app/profile/" + profile + "/post/" + std::string(RecordKey(p.uri));
    post.media = p.has_view_embed ? p.view_media : p.record_media;
    post.lang = p.lang;
    if (!parsed.newest_post_unix || created->unix_seconds > *parsed.newest_post_unix) {
      parsed.newest_post_unix = created->unix_seconds;
      parsed.newest_post_id = p.uri;
    }
    Metrics m;
    m.platform = Platform::kBluesky;
    m.post = p.uri;
    m.at = at;
    m.likes = p.likes;
    m.shares = p.reposts;
    m.replies = p.replies;
    m.quotes = p.quotes;
    m.followers = followers_;
    parsed.records.emplace_back(std::move(post));
    parsed.records.emplace_back(std::move(m));

    // A post nobody answered has an empty thread: not worth a request.
    if (created->unix_seconds >= reply_cutoff && p.replies != 0) {
      parsed.follow_ups.push_back(ThreadRequest(p.uri, p.uri, 1));
    }
  }

  bool older_than_window = oldest && *oldest < post_cutoff;
  if (!items.empty() && cursor && !cursor->empty() && !older_than_window &&
      request.page < window_.max_post_pages) {
    parsed.follow_ups.push_back(FeedRequest(cursor, request.page + 1));
  }
  return parsed;
}

void BlueskyAdapter::AddReply(const Request& request, const PostView& p, Parsed* parsed) const {
  std::optional<Timestamp> created = PlatformTime(p.created_at);
  if (p.uri.empty() || p.author_did.empty() || !created) {
    parsed->warnings.push_back("bluesky thread of " + Printable(request.post_id) +
                               ": a reply without uri, author or readable createdAt (" +
                               Printable(p.uri) + "); skipped");
    return;
  }
  Reply reply;
  reply.platform = Platform::kBluesky;
  reply.id = p.uri;
  reply.post = request.post_id;
  if (!p.parent_uri) {
    parsed->warnings.push_back("bluesky thread of " + Printable(request.post_id) + ": reply " +
                               Printable(p.uri) + " names no parent; kept as a top-level reply");
  } else if (*p.parent_uri != request.post_id) {
    reply.parent = p.parent_uri;
  }
  reply.author_id = p.author_did;
  if (!p.author_handle.empty()) reply.author = p.author_handle;
  reply.created_at = *created;
  reply.text = p.text;
  parsed->records.emplace_back(std::move(reply));
}

void BlueskyAdapter::FinishNode(const Request& request, const Frame& frame, Parsed* parsed,
                                int* continuations) const {
  const ThreadNode& node = frame.node;
  std::string where = "bluesky thread of " + Printable(request.post_id) + ": ";
  if (node.not_found || EndsWith(node.type, "#notFoundPost")) {
    parsed->warnings.push_back(where + (frame.depth == 0 ? "the post" : "a reply") + " (" +
                               Printable(node.uri) + ") was not found (deleted)");
    return;
  }
  if (node.blocked || EndsWith(node.type, "#blockedPost")) {
    parsed->warnings.push_back(where + (frame.depth == 0 ? "the post" : "a reply") + " (" +
                               Printable(node.uri) + ") is hidden by a block");
    return;
  }
  if (!node.post) {
    parsed->warnings.push_back(where + "a thread node of unknown type '" + Printable(node.type) +
                               "' was skipped");
    return;
  }
  // The AppView leaves `replies` out below the depth asked for; a reply
  // there that has answers of its own starts the next request.
  bool cut_off = frame.depth >= kThreadDepth && !node.has_replies && node.post->replies &&
                 *node.post->replies > 0;
  if (!cut_off) return;
  if (request.page >= window_.max_reply_pages || *continuations >= kMaxContinuations) {
    parsed->warnings.push_back(where + "replies below " + Printable(node.post->uri) +
                               " were not read (reply page limit)");
    return;
  }
  ++*continuations;
  parsed->follow_ups.push_back(ThreadRequest(node.post->uri, request.post_id, request.page + 1));
}

error_code BlueskyAdapter::WalkThread(const Request& request, od::value& thread, Parsed* parsed,
                                      std::string* bad) {
  int continuations = 0;
  std::vector<Frame> stack;
  auto push_node = [&](od::value& v, int depth) -> error_code {
    od::object object;
    if (error_code e = NoteField(v.get_object().get(object), "thread.node", bad)) return e;
    Frame frame;
    frame.depth = depth;
    if (error_code e = object.begin().get(frame.field)) return e;
    if (error_code e = object.end().get(frame.fields_end)) return e;
    stack.push_back(std::move(frame));
    return kOk;
  };
  if (error_code e = push_node(thread, 0)) return e;

  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.started) {
      if (top.is_array) {
        ++top.element;
      } else {
        ++top.field;
      }
    }
    top.started = true;

    if (top.is_array) {
      if (!(top.element != top.elements_end)) {
        stack.pop_back();
        continue;
      }
      od::value child;
      if (error_code e = (*top.element).get(child)) return NoteField(e, "thread.replies", bad);
      int depth = top.depth;
      if (error_code e = push_node(child, depth)) return e;  // invalidates `top`
      continue;
    }

    if (!(top.field != top.fields_end)) {
      FinishNode(request, top, parsed, &continuations);
      stack.pop_back();
      continue;
    }
    od::field field;
    if (error_code e = (*top.field).get(field)) return NoteField(e, "thread", bad);
    std::string_view key;
    if (error_code e = field.unescaped_key().get(key)) return NoteField(e, "thread", bad);
    od::value& value = field.value();
    ThreadNode& node = top.node;
    if (key == "$type") {
      if (error_code e = ReadString(value, &node.type)) return NoteField(e, "thread.$type", bad);
    } else if (key == "uri") {
      if (error_code e = ReadString(value, &node.uri)) return NoteField(e, "thread.uri", bad);
    } else if (key == "notFound") {
      node.not_found = !IsNull(value);
    } else if (key == "blocked") {
      node.blocked = !IsNull(value);
    } else if (key == "post") {
      PostView p;
      if (error_code e = ReadPostView(value, &p, bad)) return NoteField(e, "thread.post", bad);
      if (node.uri.empty()) node.uri = p.uri;
      // The thread's own post (depth 0) is either the agency's post, read
      // from the feed, or a reply already read by the previous request.
      if (top.depth > 0) AddReply(request, p, parsed);
      node.post = std::move(p);
    } else if (key == "replies") {
      node.has_replies = true;
      if (IsNull(value)) continue;
      if (top.depth + 1 > kMaxWalkDepth) {
        parsed->warnings.push_back("bluesky thread of " + Printable(request.post_id) +
                                   ": replies nested deeper than " + std::to_string(kMaxWalkDepth) +
                                   " levels were skipped");
        continue;
      }
      od::array replies;
      if (error_code e = value.get_array().get(replies)) return NoteField(e, "thread.replies", bad);
      Frame frame;
      frame.is_array = true;
      frame.depth = top.depth + 1;
      if (error_code e = replies.begin().get(frame.element)) return e;
      if (error_code e = replies.end().get(frame.elements_end)) return e;
      stack.push_back(std::move(frame));  // invalidates `top`
    }
    // Everything else (the parent chain, threadContext, ...) is skipped
    // unread when the iterator moves on.
  }
  return kOk;
}

Result<Parsed> BlueskyAdapter::ParseThread(const Request& request, od::document& doc) {
  Parsed parsed;
  std::string bad;
  bool seen = false;
  error_code e = ForEachField(doc, [&](std::string_view key, od::value& value) -> error_code {
    if (key != "thread") return kOk;
    seen = true;
    return WalkThread(request, value, &parsed, &bad);
  });
  if (e != kOk) return BadBody(request, bad.empty() ? kNotJsonObject : bad, e);
  if (!seen) return BadBody(request, "thread", simdjson::NO_SUCH_FIELD);
  return parsed;
}

}  // namespace

std::unique_ptr<Adapter> MakeBlueskyAdapter(const AccountConfig& account, const RunWindow& window) {
  return std::make_unique<BlueskyAdapter>(account, window);
}

}  // namespace tanggap::collector
