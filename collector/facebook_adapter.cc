// Facebook Pages through the Graph API (docs/platforms/facebook.md).
//
// Request tags, in the order a run meets them:
//   profile    GET /{page}?fields=id,name,username,followers_count,fan_count
//   posts      GET /{page-id}/published_posts?fields=...&limit=25, then paging.next
//   photo_alt  GET /?ids={photo ids}&fields=alt_text_custom: the alt text the Page wrote
//              for the photos of the posts just read (an object keyed by photo id)
//   comments   GET /{post-id}/comments?filter=stream&fields=...&limit=100&order=chronological,
//              then paging.next
#include <algorithm>
#include <map>

#include "collector/graph_api.h"
#include "collector/platform_adapters.h"
#include "collector/platform_time.h"
#include "collector/url.h"
#include "util/time.h"

namespace tanggap::collector {
namespace {

namespace od = graph::od;

constexpr std::string_view kPlatform = "facebook";
constexpr std::string_view kHint =
    "is base_url the Graph API, e.g. https://graph.facebook.com/v19.0?";
constexpr std::string_view kProfileFields = "id,name,username,followers_count,fan_count";
// limit(0) keeps the reactor and commenter lists out of the answer: only the
// totals are wanted. comments are counted with filter(stream) so that the
// total includes replies, as the comments requests below collect them.
constexpr std::string_view kPostFields =
    "id,message,created_time,permalink_url,shares,reactions.limit(0).summary(total_count),"
    "comments.filter(stream).limit(0).summary(total_count),"
    "attachments{media_type,media,target,subattachments{media_type,media,target}}";
constexpr std::string_view kCommentFields =
    "id,message,created_time,from{id,name},parent{id},permalink_url";
// The Graph API takes at most 50 ids in one ?ids= lookup.
constexpr size_t kIdsPerLookup = 50;

// One attachment (or subattachment) of a post, as read.
struct Attachment {
  std::optional<std::string> media_type, image_src, source, target_id;
};

// A post as read, before the window decides whether it is kept.
struct PostItem {
  std::string id;
  std::optional<std::string> message, created_time, permalink;
  std::optional<int64_t> reactions, shares, comments;
  bool shares_seen = false;
  std::vector<Attachment> attachments;
};

// A comment as read.
struct CommentItem {
  std::optional<std::string> id, message, created_time, from_id, from_name, parent_id, permalink;
};

// The model's kind for a Graph API attachment media_type; nullopt for links,
// events and other attachments that are not media the Page posted.
std::optional<std::string> MediaKind(std::string_view media_type) {
  if (media_type == "photo" || media_type == "profile_media" || media_type == "cover_photo") {
    return "image";
  }
  if (media_type == "video" || media_type == "video_inline" || media_type == "video_autoplay") {
    return "video";
  }
  if (media_type.starts_with("animated_image")) return "gif";
  return std::nullopt;
}

// The media object of an attachment: {"image":{"src":...},"source":...}.
Status ReadAttachmentMedia(const graph::Context& ctx, od::value value, Attachment* a) {
  return graph::ForEachField(
      ctx, value, "attachment.media", [&](std::string_view key, od::value v) {
        if (key == "source") {
          return graph::ReadOptString(ctx, v, "attachment.media.source", &a->source);
        }
        if (key != "image") return Status::Ok();
        return graph::ForEachField(
            ctx, v, "attachment.media.image", [&](std::string_view k, od::value src) {
              if (k != "src") return Status::Ok();
              return graph::ReadOptString(ctx, src, "attachment.media.image.src", &a->image_src);
            });
      });
}

// An attachment; with `subs`, also the subattachments an album lists its
// photos in (one level down; deeper levels are not read, so this does not
// recurse further).
Status ReadAttachment(const graph::Context& ctx, od::value value, Attachment* a,
                      std::vector<Attachment>* subs) {
  return graph::ForEachField(
      ctx, value, "attachments.data[]", [&](std::string_view key, od::value v) {
        if (key == "media_type") {
          return graph::ReadOptString(ctx, v, "attachment.media_type", &a->media_type);
        }
        if (key == "media") return ReadAttachmentMedia(ctx, v, a);
        if (key == "target") {
          return graph::ForEachField(
              ctx, v, "attachment.target", [&](std::string_view k, od::value t) {
                if (k != "id") return Status::Ok();
                return graph::ReadOptString(ctx, t, "attachment.target.id", &a->target_id);
              });
        }
        if (key != "subattachments" || subs == nullptr) return Status::Ok();
        return graph::ForEachField(
            ctx, v, "attachment.subattachments", [&](std::string_view k, od::value list) {
              if (k != "data") return Status::Ok();
              return graph::ForEachElement(ctx, list, "attachment.subattachments.data",
                                           [&](od::value item) {
                                             Attachment sub;
                                             Status s = ReadAttachment(ctx, item, &sub, nullptr);
                                             if (s.ok()) subs->push_back(std::move(sub));
                                             return s;
                                           });
            });
      });
}

Status ReadAttachments(const graph::Context& ctx, od::value value, std::vector<Attachment>* out) {
  return graph::ForEachField(ctx, value, "attachments", [&](std::string_view key, od::value list) {
    if (key != "data") return Status::Ok();
    return graph::ForEachElement(ctx, list, "attachments.data", [&](od::value item) {
      Attachment a;
      std::vector<Attachment> subs;
      if (Status s = ReadAttachment(ctx, item, &a, &subs); !s.ok()) return s;
      if (subs.empty()) {
        out->push_back(std::move(a));
      } else {
        for (Attachment& sub : subs) out->push_back(std::move(sub));
      }
      return Status::Ok();
    });
  });
}

Status ReadPost(const graph::Context& ctx, od::value value, PostItem* p) {
  return graph::ForEachField(ctx, value, "data[]", [&](std::string_view key, od::value v) {
    if (key == "id") return graph::ReadString(ctx, v, "data[].id", &p->id);
    if (key == "message") return graph::ReadOptString(ctx, v, "data[].message", &p->message);
    if (key == "created_time") {
      return graph::ReadOptString(ctx, v, "data[].created_time", &p->created_time);
    }
    if (key == "permalink_url") {
      return graph::ReadOptString(ctx, v, "data[].permalink_url", &p->permalink);
    }
    if (key == "shares") {
      p->shares_seen = true;
      return graph::ReadCountObject(ctx, v, "data[].shares", &p->shares);
    }
    if (key == "reactions") {
      return graph::ReadSummaryCount(ctx, v, "data[].reactions", &p->reactions);
    }
    if (key == "comments") return graph::ReadSummaryCount(ctx, v, "data[].comments", &p->comments);
    if (key == "attachments") return ReadAttachments(ctx, v, &p->attachments);
    return Status::Ok();
  });
}

Status ReadIdObject(const graph::Context& ctx, od::value value, std::string_view where,
                    std::optional<std::string>* id) {
  return graph::ForEachFieldOrNull(ctx, value, where, [&](std::string_view key, od::value v) {
    return key == "id" ? graph::ReadOptString(ctx, v, where, id) : Status::Ok();
  });
}

Status ReadComment(const graph::Context& ctx, od::value value, CommentItem* c) {
  return graph::ForEachField(ctx, value, "data[]", [&](std::string_view key, od::value v) {
    if (key == "id") return graph::ReadOptString(ctx, v, "data[].id", &c->id);
    if (key == "message") return graph::ReadOptString(ctx, v, "data[].message", &c->message);
    if (key == "created_time") {
      return graph::ReadOptString(ctx, v, "data[].created_time", &c->created_time);
    }
    if (key == "permalink_url") {
      return graph::ReadOptString(ctx, v, "data[].permalink_url", &c->permalink);
    }
    if (key == "parent") return ReadIdObject(ctx, v, "data[].parent.id", &c->parent_id);
    if (key == "from") {
      return graph::ForEachFieldOrNull(ctx, v, "data[].from", [&](std::string_view k, od::value f) {
        if (k == "id") return graph::ReadOptString(ctx, f, "data[].from.id", &c->from_id);
        if (k == "name") return graph::ReadOptString(ctx, f, "data[].from.name", &c->from_name);
        return Status::Ok();
      });
    }
    return Status::Ok();
  });
}

// The object id a post's comment ids start with: "pageid_postid" -> "postid".
std::string PostObjectId(std::string_view post_id) {
  size_t underscore = post_id.rfind('_');
  return std::string(underscore == std::string_view::npos ? post_id
                                                          : post_id.substr(underscore + 1));
}

// Comment ids are "{post object id}_{comment id}". When the id (or parent)
// was not returned, the permalink still names them:
// ".../posts/{post}/?comment_id={c}[&reply_comment_id={r}]".
void FillFromPermalink(std::string_view post_id, CommentItem* c) {
  if (!c->permalink) return;
  auto top = QueryParameter(*c->permalink, "comment_id");
  if (!top || top->empty()) return;
  auto reply = QueryParameter(*c->permalink, "reply_comment_id");
  std::string prefix = PostObjectId(post_id) + "_";
  bool is_reply = reply && !reply->empty();
  if (!c->id) c->id = prefix + (is_reply ? *reply : *top);
  if (!c->parent_id && is_reply) c->parent_id = prefix + *top;
}

class FacebookAdapter : public Adapter {
 public:
  FacebookAdapter(const AccountConfig& account, const RunWindow& window)
      : account_(account), window_(window), at_(FormatRfc3339(window.now, 0)) {
    base_ = account_.base_url.empty() ? std::string(DefaultBaseUrl(Platform::kFacebook))
                                      : account_.base_url;
    while (!base_.empty() && base_.back() == '/') base_.pop_back();
  }

  AuthStyle Auth() const override { return AuthStyle::kAccessTokenParameter; }

  std::vector<Request> Start() override {
    const std::string& page = account_.platform_id.empty() ? account_.handle : account_.platform_id;
    if (page.empty()) return {};
    Request r;
    r.url = base_ + "/" + PercentEncode(page);
    AppendQuery(&r.url, "fields", kProfileFields);
    r.tag = "profile";
    return {r};
  }

  Result<Parsed> Parse(const Request& request, const Response& response) override {
    Result<Parsed> result = ParseResponse(request, response);
    // Alt text is a bonus: a lookup that fails for any reason but the rate
    // limit costs only the alt text, never the run.
    if (request.tag != "photo_alt" || result.ok() ||
        result.status().code() == Status::Code::kBusy) {
      return result;
    }
    ForgetPhotos(request);
    Parsed out;
    out.warnings.push_back(result.status().message() + "; the photos' alt text stays unknown");
    return out;
  }

 private:
  Result<Parsed> ParseResponse(const Request& request, const Response& response) {
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
    } else if (request.tag == "posts") {
      s = ParsePosts(ctx, request, body, &error, &out);
    } else if (request.tag == "photo_alt") {
      s = ParsePhotoAlt(ctx, request, body, &error, &out);
    } else if (request.tag == "comments") {
      s = ParseComments(ctx, request, body, &error, &out);
    } else {
      return ctx.Invalid(
          "unknown request tag; the Facebook adapter plans profile, posts, "
          "photo_alt and comments");
    }
    if (!s.ok()) return s;
    if (error) return Failed(ctx, request, graph::Failure{response.status, *error}, Parsed());
    return out;
  }

  // A failed request: some failures only cost this request's records.
  Result<Parsed> Failed(const graph::Context& ctx, const Request& request,
                        const graph::Failure& failure, Parsed out) {
    if (!graph::IsThrottled(failure) && request.tag == "comments" &&
        graph::IsMissingObject(failure)) {
      out.warnings.push_back(
          ctx.Say("post " + request.post_id + " is gone or hidden; its comments are skipped"));
      return out;
    }
    std::string what = request.tag == "comments"    ? "post " + request.post_id
                       : request.tag == "photo_alt" ? std::string("the photos")
                                                    : "page '" + account_.handle + "'";
    return graph::FailureStatus(ctx, failure, what);
  }

  Status ParseProfile(const graph::Context& ctx, graph::Body& body,
                      std::optional<graph::Error>* error, Parsed* out) {
    std::string id;
    std::optional<std::string> name, username;
    std::optional<int64_t> followers, fans;
    Status s = body.ForEachField(ctx, [&](std::string_view key, od::value v) {
      if (key == "id") return graph::ReadString(ctx, v, "id", &id);
      if (key == "name") return graph::ReadOptString(ctx, v, "name", &name);
      if (key == "username") return graph::ReadOptString(ctx, v, "username", &username);
      if (key == "followers_count") {
        return graph::ReadOptCount(ctx, v, "followers_count", &followers);
      }
      if (key == "fan_count") return graph::ReadOptCount(ctx, v, "fan_count", &fans);
      if (key == "error") *error = graph::ReadError(v);
      return Status::Ok();
    });
    if (!s.ok() || *error) return s;
    if (!graph::UsableId(id)) {
      return ctx.Invalid("the profile has no usable 'id'; is the handle a Facebook Page id?");
    }
    if (!account_.platform_id.empty() && account_.platform_id != id) {
      out->warnings.push_back(ctx.Say("the page answers with id " + id + ", not the stored " +
                                      account_.platform_id + "; using " + id));
    }
    page_id_ = id;
    followers_ = followers ? followers : fans;
    if (!account_emitted_) {
      Account a;
      a.platform = Platform::kFacebook;
      a.id = id;
      a.handle = username && !username->empty() ? *username : id;
      a.name = name.value_or("");
      a.agency = account_.agency;
      a.followers = followers_;
      out->records.emplace_back(std::move(a));
      account_emitted_ = true;
    }
    Request r;
    r.url = base_ + "/" + PercentEncode(page_id_) + "/published_posts";
    AppendQuery(&r.url, "fields", kPostFields);
    AppendQuery(&r.url, "limit", "25");
    r.tag = "posts";
    out->follow_ups.push_back(std::move(r));
    return Status::Ok();
  }

  Status ParsePosts(const graph::Context& ctx, const Request& request, graph::Body& body,
                    std::optional<graph::Error>* error, Parsed* out) {
    std::vector<PostItem> items;
    std::optional<std::string> next;
    Status s = graph::ReadDataList(
        ctx, body, base_, kHint,
        [&](od::value item, PostItem* p) { return ReadPost(ctx, item, p); }, &items, &next, error,
        &out->warnings);
    if (!s.ok() || *error) return s;
    if (page_id_.empty()) {
      page_id_ = account_.platform_id.empty() ? account_.handle : account_.platform_id;
    }

    std::optional<int64_t> oldest;
    std::vector<Request> comment_requests;
    std::vector<std::string> photo_ids;
    for (PostItem& p : items) {
      std::optional<Timestamp> created =
          p.created_time ? PlatformTime(*p.created_time) : std::nullopt;
      if (!graph::UsableId(p.id) || !created) {
        out->warnings.push_back(ctx.Say("a post without a usable id or created_time ('" +
                                        p.id.substr(0, 64) + "') is skipped"));
        continue;
      }
      oldest = std::min(oldest.value_or(created->unix_seconds), created->unix_seconds);
      if (created->unix_seconds < window_.PostCutoff()) continue;
      if (!out->newest_post_unix || created->unix_seconds > *out->newest_post_unix) {
        out->newest_post_unix = created->unix_seconds;
        out->newest_post_id = p.id;
      }
      Post post = MakePost(p, *created, &photo_ids);
      Metrics m;
      m.platform = Platform::kFacebook;
      m.post = p.id;
      m.at = Timestamp{at_, window_.now};
      m.likes = p.reactions;
      // The Graph API leaves `shares` out of a post nobody has shared.
      m.shares = p.shares_seen ? p.shares : std::optional<int64_t>(0);
      m.replies = p.comments;
      m.followers = followers_;
      out->records.emplace_back(std::move(post));
      out->records.emplace_back(std::move(m));
      if (created->unix_seconds >= window_.ReplyCutoff()) {
        comment_requests.push_back(CommentsRequest(p.id));
      }
    }
    for (size_t i = 0; i < photo_ids.size(); i += kIdsPerLookup) {
      std::string ids;
      for (size_t k = i; k < std::min(photo_ids.size(), i + kIdsPerLookup); ++k) {
        if (!ids.empty()) ids += ",";
        ids += photo_ids[k];
      }
      Request r;
      r.url = base_ + "/";
      AppendQuery(&r.url, "ids", ids);
      AppendQuery(&r.url, "fields", "alt_text_custom");
      r.tag = "photo_alt";
      out->follow_ups.push_back(std::move(r));
    }
    for (Request& r : comment_requests) out->follow_ups.push_back(std::move(r));
    bool reached_cutoff = oldest && *oldest < window_.PostCutoff();
    if (next && *next != request.url && !items.empty() && !reached_cutoff &&
        request.page < window_.max_post_pages) {
      out->follow_ups.push_back(Request{*next, "posts", "", request.page + 1});
    }
    return Status::Ok();
  }

  // The Post, and the ids of its photos whose alt text is still to be asked.
  Post MakePost(const PostItem& p, const Timestamp& created, std::vector<std::string>* photo_ids) {
    Post post;
    post.platform = Platform::kFacebook;
    post.id = p.id;
    post.account = page_id_;
    post.created_at = created;
    post.text = p.message.value_or("");
    post.url = p.permalink;
    bool awaits_alt = false;
    for (const Attachment& a : p.attachments) {
      if (post.media.size() >= graph::kMaxMedia) break;
      auto kind = a.media_type ? MediaKind(*a.media_type) : std::nullopt;
      if (!kind) continue;
      Media m;
      m.kind = *kind;
      m.url = *kind == "video" ? a.source : a.image_src;
      if (*kind == "image" && a.target_id && graph::UsableId(*a.target_id)) {
        photos_[*a.target_id] = PhotoRef{p.id, post.media.size()};
        photo_ids->push_back(*a.target_id);
        awaits_alt = true;
      }
      post.media.push_back(std::move(m));
    }
    if (awaits_alt) awaiting_alt_[p.id] = post;
    return post;
  }

  Request CommentsRequest(const std::string& post_id) const {
    Request r;
    r.url = base_ + "/" + PercentEncode(post_id) + "/comments";
    AppendQuery(&r.url, "filter", "stream");
    AppendQuery(&r.url, "fields", kCommentFields);
    AppendQuery(&r.url, "limit", "100");
    AppendQuery(&r.url, "order", "chronological");
    r.tag = "comments";
    r.post_id = post_id;
    return r;
  }

  // Alt text arrives after the posts were emitted: a post whose photos turn
  // out to have some is emitted again, complete (the store updates it).
  Status ParsePhotoAlt(const graph::Context& ctx, const Request& request, graph::Body& body,
                       std::optional<graph::Error>* error, Parsed* out) {
    std::map<std::string, std::string> alts;
    Status s = body.ForEachField(ctx, [&](std::string_view key, od::value v) {
      if (key == "error") {
        *error = graph::ReadError(v);
        return Status::Ok();
      }
      std::string photo(key);
      return graph::ForEachField(ctx, v, "{photo id}", [&](std::string_view k, od::value a) {
        if (k != "alt_text_custom") return Status::Ok();
        std::optional<std::string> alt;
        Status st = graph::ReadOptString(ctx, a, "{photo id}.alt_text_custom", &alt);
        if (st.ok() && alt && !alt->empty()) alts[photo] = *alt;
        return st;
      });
    });
    if (!s.ok() || *error) return s;
    std::vector<std::string> changed;
    for (const auto& [photo, alt] : alts) {
      auto ref = photos_.find(photo);
      if (ref == photos_.end()) continue;
      auto post = awaiting_alt_.find(ref->second.post_id);
      if (post == awaiting_alt_.end() || ref->second.media >= post->second.media.size()) continue;
      post->second.media[ref->second.media].alt = alt;
      if (std::find(changed.begin(), changed.end(), post->first) == changed.end()) {
        changed.push_back(post->first);
      }
    }
    for (const std::string& id : changed) out->records.emplace_back(awaiting_alt_[id]);
    ForgetPhotos(request);
    return Status::Ok();
  }

  // Drops the bookkeeping of the photos one photo_alt request asked about.
  void ForgetPhotos(const Request& request) {
    auto ids = QueryParameter(request.url, "ids");
    if (!ids) return;
    std::string_view rest = *ids;
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      auto ref = photos_.find(std::string(rest.substr(0, comma)));
      if (ref != photos_.end()) {
        std::string post = ref->second.post_id;
        photos_.erase(ref);
        bool more = std::any_of(photos_.begin(), photos_.end(),
                                [&](const auto& entry) { return entry.second.post_id == post; });
        if (!more) awaiting_alt_.erase(post);
      }
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }

  Status ParseComments(const graph::Context& ctx, const Request& request, graph::Body& body,
                       std::optional<graph::Error>* error, Parsed* out) {
    std::vector<CommentItem> items;
    std::optional<std::string> next;
    Status s = graph::ReadDataList(
        ctx, body, base_, kHint,
        [&](od::value item, CommentItem* c) { return ReadComment(ctx, item, c); }, &items, &next,
        error, &out->warnings);
    if (!s.ok() || *error) return s;
    int hidden = 0, skipped = 0;
    for (CommentItem& c : items) {
      FillFromPermalink(request.post_id, &c);
      std::optional<Timestamp> created =
          c.created_time ? PlatformTime(*c.created_time) : std::nullopt;
      if (!c.id || !graph::UsableId(*c.id) || !created) {
        ++skipped;
        continue;
      }
      Reply r;
      r.platform = Platform::kFacebook;
      r.id = *c.id;
      r.post = request.post_id;
      if (c.parent_id && graph::UsableId(*c.parent_id) && *c.parent_id != r.id) {
        r.parent = c.parent_id;
      }
      if (c.from_id && graph::UsableId(*c.from_id)) {
        r.author_id = *c.from_id;
        r.author = c.from_name;
      } else {
        r.author_id = graph::UnknownAuthor(r.id);
        ++hidden;
      }
      r.created_at = *created;
      r.text = c.message.value_or("");
      out->records.emplace_back(std::move(r));
    }
    if (hidden > 0) {
      out->warnings.push_back(ctx.Say(std::to_string(hidden) + " comment(s) on post " +
                                      request.post_id +
                                      " came without 'from' (the commenter's privacy, or a "
                                      "missing permission); their author_id is unknown:<id>"));
    }
    if (skipped > 0) {
      out->warnings.push_back(ctx.Say(std::to_string(skipped) + " comment(s) on post " +
                                      request.post_id +
                                      " had no usable id or created_time and were skipped"));
    }
    if (next && *next != request.url && !items.empty() && request.page < window_.max_reply_pages) {
      out->follow_ups.push_back(Request{*next, "comments", request.post_id, request.page + 1});
    }
    return Status::Ok();
  }

  struct PhotoRef {
    std::string post_id;
    size_t media = 0;
  };

  AccountConfig account_;
  RunWindow window_;
  std::string base_;
  std::string at_;  // RunWindow::now as RFC 3339, stamped on every Metrics
  std::string page_id_;
  std::optional<int64_t> followers_;
  bool account_emitted_ = false;
  // Posts emitted with photos whose alt text is still being asked, and
  // where each such photo sits in them.
  std::map<std::string, Post> awaiting_alt_;
  std::map<std::string, PhotoRef> photos_;
};

}  // namespace

std::unique_ptr<Adapter> MakeFacebookAdapter(const AccountConfig& account,
                                             const RunWindow& window) {
  return std::make_unique<FacebookAdapter>(account, window);
}

}  // namespace tanggap::collector
