#include "interchange/record_codec.h"

#include <simdjson.h>

#include <cstring>

#include "util/json_writer.h"
#include "util/time.h"

namespace tanggap {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// Keeps the JSON excerpt quoted in an error message short and printable.
std::string Excerpt(std::string_view s) {
  std::string out;
  size_t n = 0;
  for (char c : s) {
    if (++n > 40) {
      out += "...";
      break;
    }
    out.push_back(static_cast<unsigned char>(c) < 0x20 ? '?' : c);
  }
  return out;
}

class FieldReader {
 public:
  explicit FieldReader(std::string_view type) : type_(type) {}

  Status Error(std::string_view field, std::string_view what) const {
    return Status::InvalidArgument(std::string(type_) + " field '" + std::string(field) + "' " +
                                   std::string(what));
  }

  Status String(std::string_view field, element e, size_t max_bytes, std::string* out) const {
    std::string_view v;
    if (e.get_string().get(v) != simdjson::SUCCESS) return Error(field, "must be a string");
    if (v.size() > max_bytes) {
      return Error(field, "is " + std::to_string(v.size()) + " bytes; the limit is " +
                              std::to_string(max_bytes));
    }
    if (v.find('\0') != std::string_view::npos) {
      return Error(field, "contains a NUL character (\\u0000), which no text may hold");
    }
    out->assign(v);
    return Status::Ok();
  }

  Status Id(std::string_view field, element e, std::string* out) const {
    Status s = String(field, e, kMaxIdBytes, out);
    if (s.ok() && out->empty()) return Error(field, "must not be empty");
    return s;
  }

  Status OptString(std::string_view field, element e, size_t max_bytes,
                   std::optional<std::string>* out) const {
    if (e.is_null()) {
      out->reset();
      return Status::Ok();
    }
    std::string v;
    Status s = String(field, e, max_bytes, &v);
    if (s.ok()) *out = std::move(v);
    return s;
  }

  Status Time(std::string_view field, element e, Timestamp* out) const {
    std::string text;
    if (Status s = String(field, e, 64, &text); !s.ok()) return s;
    auto t = ParseRfc3339(text);
    if (!t) {
      return Error(field,
                   "must be an RFC 3339 time with offset, e.g. "
                   "\"2026-11-02T08:15:00+07:00\"; got \"" +
                       Excerpt(text) + "\"");
    }
    out->text = std::move(text);
    out->unix_seconds = t->unix_seconds;
    return Status::Ok();
  }

  Status Count(std::string_view field, element e, std::optional<int64_t>* out) const {
    if (e.is_null()) {
      out->reset();
      return Status::Ok();
    }
    int64_t v;
    if (!e.is_int64() || e.get_int64().get(v) != simdjson::SUCCESS) {
      return Error(field, "must be a whole number or null");
    }
    if (v < 0) return Error(field, "must not be negative");
    *out = v;
    return Status::Ok();
  }

  Status PlatformField(element e, Platform* out) const {
    std::string name;
    if (Status s = String("platform", e, 32, &name); !s.ok()) return s;
    auto p = ParsePlatform(name);
    if (!p) {
      return Error("platform",
                   "must be one of instagram, facebook, x, youtube, mastodon, bluesky; got \"" +
                       Excerpt(name) + "\"");
    }
    *out = *p;
    return Status::Ok();
  }

  Status MediaList(element e, std::vector<Media>* out) const {
    out->clear();
    if (e.is_null()) return Status::Ok();
    simdjson::dom::array arr;
    if (e.get_array().get(arr) != simdjson::SUCCESS) {
      return Error("media", "must be an array of {\"kind\",\"alt\",\"url\"} objects");
    }
    for (element item : arr) {
      if (out->size() >= kMaxMediaItems) {
        return Error("media", "has more than " + std::to_string(kMaxMediaItems) + " items");
      }
      simdjson::dom::object obj;
      if (item.get_object().get(obj) != simdjson::SUCCESS) {
        return Error("media", "items must be objects");
      }
      Media m;
      bool has_kind = false;
      for (auto field : obj) {
        Status s;
        if (field.key == "kind") {
          s = Id("media.kind", field.value, &m.kind);
          has_kind = true;
        } else if (field.key == "alt") {
          s = OptString("media.alt", field.value, kMaxTextBytes, &m.alt);
        } else if (field.key == "url") {
          s = OptString("media.url", field.value, 4096, &m.url);
        }
        if (!s.ok()) return s;
      }
      if (!has_kind) return Error("media.kind", "is required");
      out->push_back(std::move(m));
    }
    return Status::Ok();
  }

 private:
  std::string_view type_;
};

// Tracks which fields a record had, to report the first required one
// missing and to reject a field given twice (ambiguous: which one wins?).
class Seen {
 public:
  bool Mark(int bit) {
    bool dup = bits_ & (1u << bit);
    bits_ |= 1u << bit;
    return !dup;
  }
  bool Has(int bit) const { return bits_ & (1u << bit); }

 private:
  uint32_t bits_ = 0;
};

// Each record type's fields, in canonical order. The index is the bit in
// Seen; `required` says whether a record without it is rejected.
struct FieldSpec {
  const char* name;
  bool required;
};

template <size_t N>
int FieldIndex(const FieldSpec (&specs)[N], std::string_view key) {
  for (size_t i = 0; i < N; ++i) {
    if (key == specs[i].name) return static_cast<int>(i);
  }
  return -1;
}

template <size_t N>
Status CheckRequired(std::string_view type, const FieldSpec (&specs)[N], const Seen& seen) {
  for (size_t i = 0; i < N; ++i) {
    if (specs[i].required && !seen.Has(static_cast<int>(i))) {
      return Status::InvalidArgument(std::string(type) + " field '" + specs[i].name +
                                     "' is required");
    }
  }
  return Status::Ok();
}

// Walks the object once, handing each known field to `assign(index, value)`.
template <size_t N, typename Assign>
Status ReadFields(std::string_view type, const FieldSpec (&specs)[N], simdjson::dom::object obj,
                  Assign assign) {
  Seen seen;
  for (auto field : obj) {
    if (field.key == "type") continue;
    int i = FieldIndex(specs, field.key);
    if (i < 0) continue;  // unknown fields are allowed: newer writers may add some
    if (!seen.Mark(i)) {
      return Status::InvalidArgument(std::string(type) + " field '" + specs[i].name +
                                     "' appears twice");
    }
    if (Status s = assign(i, field.value); !s.ok()) return s;
  }
  return CheckRequired(type, specs, seen);
}

constexpr FieldSpec kAccountFields[] = {{"platform", true}, {"id", true},     {"handle", true},
                                        {"name", false},    {"agency", true}, {"followers", false}};
constexpr FieldSpec kPostFields[] = {{"platform", true},   {"id", true},   {"account", true},
                                     {"created_at", true}, {"text", true}, {"url", false},
                                     {"media", false},     {"lang", false}};
constexpr FieldSpec kReplyFields[] = {{"platform", true},   {"id", true},        {"post", true},
                                      {"parent", false},    {"author_id", true}, {"author", false},
                                      {"created_at", true}, {"text", true}};
constexpr FieldSpec kMetricsFields[] = {
    {"platform", true}, {"post", true},    {"at", true},     {"likes", false},    {"shares", false},
    {"replies", false}, {"quotes", false}, {"views", false}, {"followers", false}};

Result<Record> ParseAccount(simdjson::dom::object obj) {
  Account a;
  FieldReader r("account");
  Status s = ReadFields("account", kAccountFields, obj, [&](int i, element v) -> Status {
    switch (i) {
      case 0:
        return r.PlatformField(v, &a.platform);
      case 1:
        return r.Id("id", v, &a.id);
      case 2:
        return r.Id("handle", v, &a.handle);
      case 3: {
        std::optional<std::string> name;
        Status st = r.OptString("name", v, 1024, &name);
        a.name = name.value_or("");
        return st;
      }
      case 4:
        return r.Id("agency", v, &a.agency);
      default:
        return r.Count("followers", v, &a.followers);
    }
  });
  if (!s.ok()) return s;
  return Record(std::move(a));
}

Result<Record> ParsePost(simdjson::dom::object obj) {
  Post p;
  FieldReader r("post");
  Status s = ReadFields("post", kPostFields, obj, [&](int i, element v) -> Status {
    switch (i) {
      case 0:
        return r.PlatformField(v, &p.platform);
      case 1:
        return r.Id("id", v, &p.id);
      case 2:
        return r.Id("account", v, &p.account);
      case 3:
        return r.Time("created_at", v, &p.created_at);
      case 4:
        return r.String("text", v, kMaxTextBytes, &p.text);
      case 5:
        return r.OptString("url", v, 4096, &p.url);
      case 6:
        return r.MediaList(v, &p.media);
      default:
        return r.OptString("lang", v, 35, &p.lang);
    }
  });
  if (!s.ok()) return s;
  return Record(std::move(p));
}

Result<Record> ParseReply(simdjson::dom::object obj) {
  Reply p;
  FieldReader r("reply");
  Status s = ReadFields("reply", kReplyFields, obj, [&](int i, element v) -> Status {
    switch (i) {
      case 0:
        return r.PlatformField(v, &p.platform);
      case 1:
        return r.Id("id", v, &p.id);
      case 2:
        return r.Id("post", v, &p.post);
      case 3: {
        Status st = r.OptString("parent", v, kMaxIdBytes, &p.parent);
        if (st.ok() && p.parent && p.parent->empty())
          return r.Error("parent", "must not be empty; use null for a top-level reply");
        return st;
      }
      case 4:
        return r.Id("author_id", v, &p.author_id);
      case 5:
        return r.OptString("author", v, kMaxIdBytes, &p.author);
      case 6:
        return r.Time("created_at", v, &p.created_at);
      default:
        return r.String("text", v, kMaxTextBytes, &p.text);
    }
  });
  if (!s.ok()) return s;
  if (p.parent && *p.parent == p.id) {
    return Status::InvalidArgument("reply '" + Excerpt(p.id) + "' names itself as its parent");
  }
  return Record(std::move(p));
}

Result<Record> ParseMetrics(simdjson::dom::object obj) {
  Metrics m;
  FieldReader r("metrics");
  Status s = ReadFields("metrics", kMetricsFields, obj, [&](int i, element v) -> Status {
    switch (i) {
      case 0:
        return r.PlatformField(v, &m.platform);
      case 1:
        return r.Id("post", v, &m.post);
      case 2:
        return r.Time("at", v, &m.at);
      case 3:
        return r.Count("likes", v, &m.likes);
      case 4:
        return r.Count("shares", v, &m.shares);
      case 5:
        return r.Count("replies", v, &m.replies);
      case 6:
        return r.Count("quotes", v, &m.quotes);
      case 7:
        return r.Count("views", v, &m.views);
      default:
        return r.Count("followers", v, &m.followers);
    }
  });
  if (!s.ok()) return s;
  return Record(std::move(m));
}

}  // namespace

struct RecordParser::Impl {
  simdjson::dom::parser parser;
  std::string padded;  // the line plus SIMDJSON_PADDING bytes simdjson may read past its end
  simdjson::error_code allocation = simdjson::SUCCESS;
};

RecordParser::RecordParser() : impl_(std::make_unique<Impl>()) {
  // Fixed capacity: a line longer than the limit is refused before parsing
  // instead of growing the parser's buffers without bound.
  impl_->allocation = impl_->parser.allocate(kMaxLineBytes, 64);
}

RecordParser::~RecordParser() = default;

Result<Record> RecordParser::Parse(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.size() > kMaxLineBytes) {
    return Status::InvalidArgument("line is " + std::to_string(line.size()) +
                                   " bytes; a record may be at most " +
                                   std::to_string(kMaxLineBytes) + " bytes");
  }
  if (impl_->allocation != simdjson::SUCCESS) {
    return Status::IOError("JSON parser could not allocate its buffers (out of memory?)");
  }
  std::string& buf = impl_->padded;
  buf.resize(line.size() + simdjson::SIMDJSON_PADDING);
  std::memcpy(buf.data(), line.data(), line.size());
  element root;
  auto err = impl_->parser.parse(buf.data(), line.size(), false).get(root);
  if (err != simdjson::SUCCESS) {
    if (err == simdjson::DEPTH_ERROR) {
      return Status::InvalidArgument("JSON is nested more than 64 levels deep");
    }
    if (err == simdjson::UTF8_ERROR) {
      return Status::InvalidArgument("line is not valid UTF-8; save the file as UTF-8");
    }
    if (err == simdjson::EMPTY) return Status::InvalidArgument("line holds no JSON value");
    return Status::InvalidArgument(std::string("not valid JSON: ") + simdjson::error_message(err));
  }
  simdjson::dom::object obj;
  if (root.get_object().get(obj) != simdjson::SUCCESS) {
    return Status::InvalidArgument("a record must be a JSON object");
  }
  std::string_view type;
  element type_el;
  if (obj.at_key("type").get(type_el) != simdjson::SUCCESS) {
    return Status::InvalidArgument("field 'type' is required (account, post, reply or metrics)");
  }
  if (type_el.get_string().get(type) != simdjson::SUCCESS) {
    return Status::InvalidArgument("field 'type' must be a string");
  }
  if (type == "account") return ParseAccount(obj);
  if (type == "post") return ParsePost(obj);
  if (type == "reply") return ParseReply(obj);
  if (type == "metrics") return ParseMetrics(obj);
  return Status::InvalidArgument("unknown record type \"" + Excerpt(type) +
                                 "\"; expected account, post, reply or metrics");
}

namespace {

void Key(std::string* out, const char* key) {
  out->push_back(',');
  out->push_back('"');
  out->append(key);
  out->append("\":");
}

void Head(std::string* out, const char* type, Platform platform) {
  out->append("{\"type\":\"");
  out->append(type);
  out->append("\",\"platform\":\"");
  out->append(PlatformName(platform));
  out->push_back('"');
}

}  // namespace

void AppendRecord(const Record& record, std::string* out) {
  if (const auto* a = std::get_if<Account>(&record)) {
    Head(out, "account", a->platform);
    Key(out, "id"), AppendJsonString(out, a->id);
    Key(out, "handle"), AppendJsonString(out, a->handle);
    Key(out, "name"), AppendJsonString(out, a->name);
    Key(out, "agency"), AppendJsonString(out, a->agency);
    Key(out, "followers"), AppendJsonIntOrNull(out, a->followers);
  } else if (const auto* p = std::get_if<Post>(&record)) {
    Head(out, "post", p->platform);
    Key(out, "id"), AppendJsonString(out, p->id);
    Key(out, "account"), AppendJsonString(out, p->account);
    Key(out, "created_at"), AppendJsonString(out, p->created_at.text);
    Key(out, "text"), AppendJsonString(out, p->text);
    Key(out, "url"), AppendJsonStringOrNull(out, p->url);
    Key(out, "media");
    out->push_back('[');
    for (size_t i = 0; i < p->media.size(); ++i) {
      if (i) out->push_back(',');
      out->append("{\"kind\":");
      AppendJsonString(out, p->media[i].kind);
      out->append(",\"alt\":");
      AppendJsonStringOrNull(out, p->media[i].alt);
      out->append(",\"url\":");
      AppendJsonStringOrNull(out, p->media[i].url);
      out->push_back('}');
    }
    out->push_back(']');
    Key(out, "lang"), AppendJsonStringOrNull(out, p->lang);
  } else if (const auto* r = std::get_if<Reply>(&record)) {
    Head(out, "reply", r->platform);
    Key(out, "id"), AppendJsonString(out, r->id);
    Key(out, "post"), AppendJsonString(out, r->post);
    Key(out, "parent"), AppendJsonStringOrNull(out, r->parent);
    Key(out, "author_id"), AppendJsonString(out, r->author_id);
    Key(out, "author"), AppendJsonStringOrNull(out, r->author);
    Key(out, "created_at"), AppendJsonString(out, r->created_at.text);
    Key(out, "text"), AppendJsonString(out, r->text);
  } else {
    const auto& m = std::get<Metrics>(record);
    Head(out, "metrics", m.platform);
    Key(out, "post"), AppendJsonString(out, m.post);
    Key(out, "at"), AppendJsonString(out, m.at.text);
    Key(out, "likes"), AppendJsonIntOrNull(out, m.likes);
    Key(out, "shares"), AppendJsonIntOrNull(out, m.shares);
    Key(out, "replies"), AppendJsonIntOrNull(out, m.replies);
    Key(out, "quotes"), AppendJsonIntOrNull(out, m.quotes);
    Key(out, "views"), AppendJsonIntOrNull(out, m.views);
    Key(out, "followers"), AppendJsonIntOrNull(out, m.followers);
  }
  out->push_back('}');
}

std::string FormatRecord(const Record& record) {
  std::string out;
  AppendRecord(record, &out);
  return out;
}

std::string_view RecordTypeName(const Record& record) {
  static constexpr std::string_view kNames[] = {"account", "post", "reply", "metrics"};
  return kNames[record.index()];
}

}  // namespace tanggap
