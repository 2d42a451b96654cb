// Instagram business and creator accounts through the Graph API
// (docs/platforms/instagram.md).
//
// Request tags, in the order a run meets them:
//   profile   GET /{ig-user-id}?fields=id,username,name,followers_count,media_count
//   media     GET /{ig-user-id}/media?fields=...&limit=25, then paging.next
//   comments  GET /{media-id}/comments?fields=...,replies{...}&limit=50, then paging.next;
//             replies come inline, one level deep
//   replies   a comment's further replies: the paging.next of its inline replies
//             (GET /{comment-id}/replies?...), then paging.next
#include <algorithm>
#include <cctype>

#include "collector/graph_api.h"
#include "collector/platform_adapters.h"
#include "collector/platform_time.h"
#include "collector/url.h"
#include "util/time.h"

namespace tanggap::collector {
namespace {

namespace od = graph::od;

constexpr std::string_view kPlatform = "instagram";
constexpr std::string_view kHint =
    "is base_url the Graph API, e.g. https://graph.facebook.com/v19.0?";
constexpr std::string_view kProfileFields = "id,username,name,followers_count,media_count";
constexpr std::string_view kMediaFields =
    "id,caption,timestamp,like_count,comments_count,permalink,media_type,alt_text,"
    "children{media_type,alt_text}";
constexpr std::string_view kCommentFields =
    "id,text,timestamp,username,from{id,username},like_count,"
    "replies{id,text,timestamp,username,from{id,username},parent_id}";

struct Child {
  std::optional<std::string> media_type, alt;
};

struct MediaItem {
  std::string id;
  std::optional<std::string> caption, timestamp, permalink, media_type, alt;
  std::optional<int64_t> likes, comments;
  std::vector<Child> children;
};

// A comment or a reply, as read.
struct CommentItem {
  std::optional<std::string> id, text, timestamp, username, from_id, from_username, parent_id;
  std::vector<CommentItem> replies;         // inline replies (comments only)
  std::optional<std::string> replies_next;  // their next page
};

std::optional<std::string> MediaKind(std::string_view media_type) {
  if (media_type == "IMAGE") return "image";
  if (media_type == "VIDEO" || media_type == "REELS") return "video";
  return std::nullopt;
}

bool SameHandle(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Alt text as the model wants it: nullopt when none was written.
std::optional<std::string> Alt(const std::optional<std::string>& alt) {
  return alt && !alt->empty() ? alt : std::nullopt;
}

Status ReadChildren(const graph::Context& ctx, od::value value, std::vector<Child>* out) {
  return graph::ForEachField(ctx, value, "children", [&](std::string_view key, od::value list) {
    if (key != "data") return Status::Ok();
    return graph::ForEachElement(ctx, list, "children.data", [&](od::value item) {
      Child c;
      Status s =
          graph::ForEachField(ctx, item, "children.data[]", [&](std::string_view k, od::value v) {
            if (k == "media_type") {
              return graph::ReadOptString(ctx, v, "children.media_type", &c.media_type);
            }
            if (k == "alt_text") return graph::ReadOptString(ctx, v, "children.alt_text", &c.alt);
            return Status::Ok();
          });
      if (s.ok()) out->push_back(std::move(c));
      return s;
    });
  });
}

Status ReadMedia(const graph::Context& ctx, od::value value, MediaItem* m) {
  return graph::ForEachField(ctx, value, "data[]", [&](std::string_view key, od::value v) {
    if (key == "id") return graph::ReadString(ctx, v, "data[].id", &m->id);
    if (key == "caption") return graph::ReadOptString(ctx, v, "data[].caption", &m->caption);
    if (key == "timestamp") return graph::ReadOptString(ctx, v, "data[].timestamp", &m->timestamp);
    if (key == "permalink") return graph::ReadOptString(ctx, v, "data[].permalink", &m->permalink);
    if (key == "media_type") {
      return graph::ReadOptString(ctx, v, "data[].media_type", &m->media_type);
    }
    if (key == "alt_text") return graph::ReadOptString(ctx, v, "data[].alt_text", &m->alt);
    if (key == "like_count") return graph::ReadOptCount(ctx, v, "data[].like_count", &m->likes);
    if (key == "comments_count") {
      return graph::ReadOptCount(ctx, v, "data[].comments_count", &m->comments);
    }
    if (key == "children") return ReadChildren(ctx, v, &m->children);
    return Status::Ok();
  });
}

// Reads a comment (with_replies: its inline replies too) or a reply.
Status ReadComment(const graph::Context& ctx, od::value value, std::string_view base_url,
                   CommentItem* c, std::vector<std::string>* warnings, bool with_replies) {
  return graph::ForEachField(ctx, value, "data[]", [&](std::string_view key, od::value v) {
    if (key == "id") return graph::ReadOptString(ctx, v, "data[].id", &c->id);
    if (key == "text") return graph::ReadOptString(ctx, v, "data[].text", &c->text);
    if (key == "timestamp") return graph::ReadOptString(ctx, v, "data[].timestamp", &c->timestamp);
    if (key == "username") return graph::ReadOptString(ctx, v, "data[].username", &c->username);
    if (key == "parent_id") return graph::ReadOptString(ctx, v, "data[].parent_id", &c->parent_id);
    if (key == "from") {
      return graph::ForEachFieldOrNull(ctx, v, "data[].from", [&](std::string_view k, od::value f) {
        if (k == "id") return graph::ReadOptString(ctx, f, "data[].from.id", &c->from_id);
        if (k == "username") {
          return graph::ReadOptString(ctx, f, "data[].from.username", &c->from_username);
        }
        return Status::Ok();
      });
    }
    if (key == "replies" && with_replies) {
      return graph::ForEachField(ctx, v, "data[].replies", [&](std::string_view k, od::value r) {
        if (k == "paging") return graph::ReadPaging(ctx, r, base_url, &c->replies_next, warnings);
        if (k != "data") return Status::Ok();
        return graph::ForEachElement(ctx, r, "data[].replies.data", [&](od::value item) {
          CommentItem reply;
          Status s = ReadComment(ctx, item, base_url, &reply, warnings, false);
          if (s.ok()) c->replies.push_back(std::move(reply));
          return s;
        });
      });
    }
    return Status::Ok();
  });
}

// ".../{comment-id}/replies?..." -> "{comment-id}"; empty when the URL is not
// shaped so.
std::string CommentIdFromRepliesUrl(std::string_view url) {
  size_t query = url.find_first_of("?#");
  std::string_view path = url.substr(0, query);
  constexpr std::string_view kSuffix = "/replies";
  if (!path.ends_with(kSuffix)) return "";
  path.remove_suffix(kSuffix.size());
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? "" : std::string(path.substr(slash + 1));
}

class InstagramAdapter : public Adapter {
 public:
  InstagramAdapter(const AccountConfig& account, const RunWindow& window)
      : account_(account), window_(window), at_(FormatRfc3339(window.now, 0)) {
    base_ = account_.base_url.empty() ? std::string(DefaultBaseUrl(Platform::kInstagram))
                                      : account_.base_url;
    while (!base_.empty() && base_.back() == '/') base_.pop_back();
    user_id_ = account_.platform_id.empty() ? account_.handle : account_.platform_id;
  }

  AuthStyle Auth() const override { return AuthStyle::kAccessTokenParameter; }

  std::vector<Request> Start() override {
    if (user_id_.empty()) return {};
    Request r;
    r.url = base_ + "/" + PercentEncode(user_id_);
    AppendQuery(&r.url, "fields", kProfileFields);
    r.tag = "profile";
    return {r};
  }

  Result<Parsed> Parse(const Request& request, const Response& response) override {
    graph::Context ctx(kPlatform, request.tag);
    Parsed out;
    if (auto w = graph::UsageWarning(kPlatform, response)) out.warnings.push_back(*w);
    if (response.status < 200 || response.status > 299) {
      return Failed(ctx, request, graph::ReadFailure(response), std::move(out));
    }
    graph::Body body;
    if (Status s = body.Open(ctx, response.body, kHint); !s.ok()) return s;
    std::optional<graph::Error> error;
    Status s;
    if (request.tag == "profile") {
      s = ParseProfile(ctx, body, &error, &out);
    } else if (request.tag == "media") {
      s = ParseMedia(ctx, request, body, &error, &out);
    } else if (request.tag == "comments" || request.tag == "replies") {
      s = ParseComments(ctx, request, body, &error, &out);
    } else {
      return ctx.Invalid(
          "unknown request tag; the Instagram adapter plans profile, media, "
          "comments and replies");
    }
    if (!s.ok()) return s;
    if (error) return Failed(ctx, request, graph::Failure{response.status, *error}, Parsed());
    return out;
  }

 private:
  Result<Parsed> Failed(const graph::Context& ctx, const Request& request,
                        const graph::Failure& failure, Parsed out) {
    bool about_post = request.tag == "comments" || request.tag == "replies";
    if (!graph::IsThrottled(failure) && about_post && graph::IsMissingObject(failure)) {
      out.warnings.push_back(ctx.Say("media " + request.post_id +
                                     " or its comment is gone or hidden; its " + request.tag +
                                     " are skipped"));
      return out;
    }
    std::string what =
        about_post ? "media " + request.post_id : "Instagram account '" + user_id_ + "'";
    return graph::FailureStatus(ctx, failure, what);
  }

  Status ParseProfile(const graph::Context& ctx, graph::Body& body,
                      std::optional<graph::Error>* error, Parsed* out) {
    std::string id;
    std::optional<std::string> name, username;
    std::optional<int64_t> followers;
    Status s = body.ForEachField(ctx, [&](std::string_view key, od::value v) {
      if (key == "id") return graph::ReadString(ctx, v, "id", &id);
      if (key == "username") return graph::ReadOptString(ctx, v, "username", &username);
      if (key == "name") return graph::ReadOptString(ctx, v, "name", &name);
      if (key == "followers_count") {
        return graph::ReadOptCount(ctx, v, "followers_count", &followers);
      }
      if (key == "error") *error = graph::ReadError(v);
      return Status::Ok();
    });
    if (!s.ok() || *error) return s;
    if (!graph::UsableId(id)) {
      return ctx.Invalid(
          "the profile has no usable 'id'; is the handle an Instagram user id "
          "(17841...) of a business or creator account?");
    }
    if (!account_.platform_id.empty() && account_.platform_id != id) {
      out->warnings.push_back(ctx.Say("the account answers with id " + id + ", not the stored " +
                                      account_.platform_id + "; using " + id));
    }
    user_id_ = id;
    username_ = username.value_or("");
    followers_ = followers;
    if (!account_emitted_) {
      Account a;
      a.platform = Platform::kInstagram;
      a.id = id;
      a.handle = username_.empty() ? id : username_;
      a.name = name && !name->empty() ? *name : username_;
      a.agency = account_.agency;
      a.followers = followers_;
      out->records.emplace_back(std::move(a));
      account_emitted_ = true;
    }
    Request r;
    r.url = base_ + "/" + PercentEncode(user_id_) + "/media";
    AppendQuery(&r.url, "fields", kMediaFields);
    AppendQuery(&r.url, "limit", "25");
    r.tag = "media";
    out->follow_ups.push_back(std::move(r));
    return Status::Ok();
  }

  Status ParseMedia(const graph::Context& ctx, const Request& request, graph::Body& body,
                    std::optional<graph::Error>* error, Parsed* out) {
    std::vector<MediaItem> items;
    std::optional<std::string> next;
    Status s = graph::ReadDataList(
        ctx, body, base_, kHint,
        [&](od::value item, MediaItem* m) { return ReadMedia(ctx, item, m); }, &items, &next, error,
        &out->warnings);
    if (!s.ok() || *error) return s;
    std::optional<int64_t> oldest;
    std::vector<Request> comment_requests;
    for (const MediaItem& m : items) {
      std::optional<Timestamp> created = m.timestamp ? PlatformTime(*m.timestamp) : std::nullopt;
      if (!graph::UsableId(m.id) || !created) {
        out->warnings.push_back(ctx.Say("a media item without a usable id or timestamp ('" +
                                        m.id.substr(0, 64) + "') is skipped"));
        continue;
      }
      oldest = std::min(oldest.value_or(created->unix_seconds), created->unix_seconds);
      if (created->unix_seconds < window_.PostCutoff()) continue;
      if (!out->newest_post_unix || created->unix_seconds > *out->newest_post_unix) {
        out->newest_post_unix = created->unix_seconds;
        out->newest_post_id = m.id;
      }
      out->records.emplace_back(MakePost(m, *created));
      Metrics metrics;
      metrics.platform = Platform::kInstagram;
      metrics.post = m.id;
      metrics.at = Timestamp{at_, window_.now};
      metrics.likes = m.likes;
      metrics.replies = m.comments;
      metrics.followers = followers_;
      out->records.emplace_back(std::move(metrics));
      if (created->unix_seconds >= window_.ReplyCutoff()) {
        Request r;
        r.url = base_ + "/" + PercentEncode(m.id) + "/comments";
        AppendQuery(&r.url, "fields", kCommentFields);
        AppendQuery(&r.url, "limit", "50");
        r.tag = "comments";
        r.post_id = m.id;
        comment_requests.push_back(std::move(r));
      }
    }
    for (Request& r : comment_requests) out->follow_ups.push_back(std::move(r));
    bool reached_cutoff = oldest && *oldest < window_.PostCutoff();
    if (next && *next != request.url && !items.empty() && !reached_cutoff &&
        request.page < window_.max_post_pages) {
      out->follow_ups.push_back(Request{*next, "media", "", request.page + 1});
    }
    return Status::Ok();
  }

  Post MakePost(const MediaItem& m, const Timestamp& created) const {
    Post post;
    post.platform = Platform::kInstagram;
    post.id = m.id;
    post.account = user_id_;
    post.created_at = created;
    post.text = m.caption.value_or("");
    post.url = m.permalink;
    if (m.media_type && *m.media_type == "CAROUSEL_ALBUM") {
      for (const Child& c : m.children) {
        auto kind = c.media_type ? MediaKind(*c.media_type) : std::nullopt;
        if (!kind || post.media.size() >= graph::kMaxMedia) continue;
        post.media.push_back(Media{*kind, Alt(c.alt), std::nullopt});
      }
    } else if (auto kind = m.media_type ? MediaKind(*m.media_type) : std::nullopt) {
      post.media.push_back(Media{*kind, Alt(m.alt), std::nullopt});
    }
    return post;
  }

  // Comments with their inline replies (tag comments), or one further page
  // of a comment's replies (tag replies).
  Status ParseComments(const graph::Context& ctx, const Request& request, graph::Body& body,
                       std::optional<graph::Error>* error, Parsed* out) {
    bool is_replies = request.tag == "replies";
    std::vector<CommentItem> items;
    std::optional<std::string> next;
    auto read_comment = [&](od::value item, CommentItem* c) {
      return ReadComment(ctx, item, base_, c, &out->warnings, !is_replies);
    };
    Status s = graph::ReadDataList(ctx, body, base_, kHint, read_comment, &items, &next, error,
                                   &out->warnings);
    if (!s.ok() || *error) return s;
    Tally tally;
    std::string url_parent = is_replies ? CommentIdFromRepliesUrl(request.url) : "";
    for (const CommentItem& c : items) {
      std::optional<std::string> parent;
      if (is_replies) parent = c.parent_id ? c.parent_id : std::optional<std::string>(url_parent);
      if (!Emit(c, request.post_id, parent, &tally, out) || is_replies) continue;
      for (const CommentItem& reply : c.replies) Emit(reply, request.post_id, c.id, &tally, out);
      if (c.replies_next && 1 < window_.max_reply_pages) {
        out->follow_ups.push_back(Request{*c.replies_next, "replies", request.post_id, 2});
      }
    }
    if (tally.hidden > 0) {
      out->warnings.push_back(ctx.Say(std::to_string(tally.hidden) + " comment(s) on media " +
                                      request.post_id +
                                      " came without 'from' or a username matching the account; "
                                      "their author_id is unknown:<id>"));
    }
    if (tally.skipped > 0) {
      out->warnings.push_back(ctx.Say(std::to_string(tally.skipped) + " comment(s) on media " +
                                      request.post_id +
                                      " had no usable id or timestamp and were skipped"));
    }
    if (next && *next != request.url && !items.empty() && request.page < window_.max_reply_pages) {
      out->follow_ups.push_back(Request{*next, request.tag, request.post_id, request.page + 1});
    }
    return Status::Ok();
  }

  struct Tally {
    int hidden = 0, skipped = 0;
  };

  // Emits one comment or reply; false when it could not be read.
  bool Emit(const CommentItem& c, const std::string& post_id,
            const std::optional<std::string>& parent, Tally* tally, Parsed* out) const {
    std::optional<Timestamp> created = c.timestamp ? PlatformTime(*c.timestamp) : std::nullopt;
    if (!c.id || !graph::UsableId(*c.id) || !created) {
      ++tally->skipped;
      return false;
    }
    Reply r;
    r.platform = Platform::kInstagram;
    r.id = *c.id;
    r.post = post_id;
    if (parent && graph::UsableId(*parent) && *parent != r.id) r.parent = parent;
    r.author = c.from_username ? c.from_username : c.username;
    if (c.from_id && graph::UsableId(*c.from_id)) {
      r.author_id = *c.from_id;
    } else if (c.username && !username_.empty() && SameHandle(*c.username, username_)) {
      // Without `from`, the account's own username still marks its replies.
      r.author_id = user_id_;
    } else {
      r.author_id = graph::UnknownAuthor(r.id);
      ++tally->hidden;
    }
    r.created_at = *created;
    r.text = c.text.value_or("");
    out->records.emplace_back(std::move(r));
    return true;
  }

  AccountConfig account_;
  RunWindow window_;
  std::string base_;
  std::string at_;  // RunWindow::now as RFC 3339, stamped on every Metrics
  std::string user_id_;
  std::string username_;
  std::optional<int64_t> followers_;
  bool account_emitted_ = false;
};

}  // namespace

std::unique_ptr<Adapter> MakeInstagramAdapter(const AccountConfig& account,
                                              const RunWindow& window) {
  return std::make_unique<InstagramAdapter>(account, window);
}

}  // namespace tanggap::collector
