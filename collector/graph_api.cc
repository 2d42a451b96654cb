#include "collector/graph_api.h"

#include <algorithm>
#include <cctype>

#include "collector/url.h"

namespace tanggap::collector::graph {
namespace {

// Platform text quoted in a message: no secrets, printable, bounded.
std::string Quote(std::string_view text) {
  std::string redacted = RedactSecrets(text);
  std::string out;
  size_t n = 0;
  for (char c : redacted) {
    if (++n > 200) {
      out += "...";
      break;
    }
    out.push_back(static_cast<unsigned char>(c) < 0x20 ? ' ' : c);
  }
  return out;
}

std::string Describe(const Failure& f) {
  std::string out = "HTTP " + std::to_string(f.http_status);
  if (f.error) {
    out += ", code " + std::to_string(f.error->code);
    if (f.error->subcode != 0) out += "/" + std::to_string(f.error->subcode);
    if (!f.error->message.empty()) out += ": " + f.error->message;
  }
  return out;
}

bool IsPermissionCode(int64_t code) { return code == 10 || (code >= 200 && code <= 299); }

// A header number as a whole count, clamped so that any double converts.
int64_t Clamp(double number) {
  if (!(number > 0)) return 0;
  return number > 1e6 ? 1000000 : static_cast<int64_t>(number);
}

// The largest usage share and the longest announced wait in one usage
// object such as {"call_count":12,"total_time":3,"total_cputime":2}.
void ReadUsage(od::object object, int64_t* max_share, int64_t* wait_minutes) {
  for (auto field : object) {
    std::string_view key;
    od::value v;
    if (field.unescaped_key().get(key) || field.value().get(v)) return;
    double number = 0;
    if (key == "estimated_time_to_regain_access") {
      if (!v.get_double().get(number)) *wait_minutes = std::max(*wait_minutes, Clamp(number));
    } else if (key == "call_count" || key == "total_time" || key == "total_cputime") {
      if (!v.get_double().get(number)) *max_share = std::max(*max_share, Clamp(number));
    }
  }
}

}  // namespace

Context::Context(std::string_view platform, std::string_view tag)
    : prefix_(std::string(platform) + " " + std::string(tag)) {}

Status Context::Invalid(std::string_view what) const {
  return Status::InvalidArgument(prefix_ + ": " + std::string(what));
}

std::string Context::Say(std::string_view what) const { return prefix_ + ": " + std::string(what); }

Status Context::Json(simdjson::error_code error, std::string_view where) const {
  std::string w(where);
  switch (error) {
    case simdjson::INCORRECT_TYPE:
      return Invalid("'" + w + "' has the wrong JSON type");
    case simdjson::NUMBER_ERROR:
    case simdjson::NUMBER_OUT_OF_RANGE:
      return Invalid("'" + w + "' is not a usable number");
    case simdjson::STRING_ERROR:
    case simdjson::UTF8_ERROR:
      return Invalid("'" + w + "' is not a valid UTF-8 string");
    default:
      return Invalid("the JSON is malformed or truncated at '" + w +
                     "' (simdjson: " + simdjson::error_message(error) + ")");
  }
}

Status ReadString(const Context& ctx, od::value value, std::string_view where, std::string* out) {
  std::string_view s;
  if (auto e = value.get_string().get(s)) return ctx.Json(e, where);
  out->assign(s);
  return Status::Ok();
}

Status ReadOptString(const Context& ctx, od::value value, std::string_view where,
                     std::optional<std::string>* out) {
  od::json_type type;
  if (auto e = value.type().get(type)) return ctx.Json(e, where);
  if (type == od::json_type::null) {
    out->reset();
    return Status::Ok();
  }
  std::string s;
  if (Status st = ReadString(ctx, value, where, &s); !st.ok()) return st;
  *out = std::move(s);
  return Status::Ok();
}

Status ReadOptCount(const Context& ctx, od::value value, std::string_view where,
                    std::optional<int64_t>* out) {
  od::json_type type;
  if (auto e = value.type().get(type)) return ctx.Json(e, where);
  if (type == od::json_type::null) {
    out->reset();
    return Status::Ok();
  }
  int64_t n = 0;
  if (auto e = value.get_int64().get(n)) return ctx.Json(e, where);
  if (n < 0) return ctx.Invalid("'" + std::string(where) + "' is negative");
  *out = n;
  return Status::Ok();
}

Status ReadSummaryCount(const Context& ctx, od::value value, std::string_view where,
                        std::optional<int64_t>* out) {
  return ForEachField(ctx, value, where, [&](std::string_view key, od::value v) {
    if (key != "summary") return Status::Ok();
    return ForEachField(ctx, v, where, [&](std::string_view k, od::value count) {
      return k == "total_count" ? ReadOptCount(ctx, count, where, out) : Status::Ok();
    });
  });
}

Status ReadCountObject(const Context& ctx, od::value value, std::string_view where,
                       std::optional<int64_t>* out) {
  return ForEachField(ctx, value, where, [&](std::string_view key, od::value v) {
    return key == "count" ? ReadOptCount(ctx, v, where, out) : Status::Ok();
  });
}

Error ReadError(od::value value) {
  Error error;
  od::object object;
  if (value.get_object().get(object)) return error;
  for (auto field : object) {
    std::string_view key, text;
    od::value v;
    if (field.unescaped_key().get(key) || field.value().get(v)) break;
    int64_t number = 0;
    if (key == "code") {
      if (!v.get_int64().get(number)) error.code = number;
    } else if (key == "error_subcode") {
      if (!v.get_int64().get(number)) error.subcode = number;
    } else if (key == "type") {
      if (!v.get_string().get(text)) error.type = Quote(text);
    } else if (key == "message") {
      if (!v.get_string().get(text)) error.message = Quote(text);
    }
  }
  return error;
}

bool IsThrottled(const Error& error) {
  switch (error.code) {
    case 4:
    case 17:
    case 32:
    case 613:
      return true;
    default:
      break;
  }
  if (error.code >= 80000 && error.code <= 80014) return true;
  return error.subcode == 2446079;
}

Failure ReadFailure(const Response& response) {
  Failure failure;
  failure.http_status = response.status;
  od::parser parser;
  simdjson::padded_string json(response.body);
  od::document doc;
  od::object root;
  if (parser.iterate(json).get(doc) || doc.get_object().get(root)) return failure;
  for (auto field : root) {
    std::string_view key;
    od::value v;
    if (field.unescaped_key().get(key) || field.value().get(v)) break;
    if (key == "error") {
      failure.error = ReadError(v);
      break;
    }
  }
  return failure;
}

bool IsThrottled(const Failure& failure) {
  return failure.http_status == 429 || (failure.error && IsThrottled(*failure.error));
}

bool IsMissingObject(const Failure& failure) {
  if (failure.http_status == 404) return true;
  if (!failure.error) return false;
  return (failure.error->code == 100 && failure.error->subcode == 33) || failure.error->code == 803;
}

Status FailureStatus(const Context& ctx, const Failure& failure, std::string_view what) {
  std::string detail = Describe(failure);
  if (IsThrottled(failure)) {
    return Status::Busy(ctx.Say("the Graph API rate limit is spent (" + detail +
                                "); the account's run stops here and the next run resumes it"));
  }
  if (IsMissingObject(failure) ||
      (failure.error && failure.error->code == 100 &&
       failure.error->message.find("does not exist") != std::string::npos)) {
    return Status::NotFound(ctx.Say(std::string(what) +
                                    " does not exist or this token cannot see it (" + detail +
                                    "); check the id and the token's permissions"));
  }
  if (!failure.error) {
    return ctx.Invalid(detail +
                       " with a body that is not a Graph API error; is base_url pointing at the "
                       "Graph API (e.g. https://graph.facebook.com/v19.0)?");
  }
  if (failure.error->code == 190) {
    return ctx.Invalid("the access token was rejected (" + detail +
                       "); renew the token and run again");
  }
  if (IsPermissionCode(failure.error->code)) {
    return ctx.Invalid("the token lacks a permission for " + std::string(what) + " (" + detail +
                       "); grant it in the app and renew the token");
  }
  return ctx.Invalid("the Graph API refused the request for " + std::string(what) + " (" + detail +
                     ")");
}

std::string Origin(std::string_view url) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return "";
  size_t host_end = url.find_first_of("/?#", scheme_end + 3);
  std::string out(url.substr(0, host_end == std::string_view::npos ? url.size() : host_end));
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Status ReadPaging(const Context& ctx, od::value value, std::string_view base_url,
                  std::optional<std::string>* next, std::vector<std::string>* warnings) {
  next->reset();
  std::optional<std::string> raw;
  Status s = ForEachField(ctx, value, "paging", [&](std::string_view key, od::value v) {
    return key == "next" ? ReadOptString(ctx, v, "paging.next", &raw) : Status::Ok();
  });
  if (!s.ok() || !raw || raw->empty()) return s;
  std::string origin = Origin(*raw);
  if (origin.empty() || origin != Origin(base_url)) {
    warnings->push_back(ctx.Say("paging.next points at '" + Quote(origin) +
                                "', not at base_url; not followed, since the access token "
                                "would be sent there"));
    return Status::Ok();
  }
  *next = StripCredentials(*raw);
  return Status::Ok();
}

Status Body::Open(const Context& ctx, std::string_view text, std::string_view hint) {
  json_ = simdjson::padded_string(text);
  auto e = parser_.iterate(json_).get(doc_);
  if (e == simdjson::EMPTY) return ctx.Invalid("the body is empty; " + std::string(hint));
  if (!e) e = doc_.get_object().get(root_);
  if (e == simdjson::INCORRECT_TYPE) {
    return ctx.Invalid("the body is not a JSON object; " + std::string(hint));
  }
  if (e) {
    return ctx.Invalid(std::string("the body is not valid JSON (simdjson: ") +
                       simdjson::error_message(e) + "); " + std::string(hint));
  }
  return Status::Ok();
}

Status Body::CheckEnd(const Context& ctx) {
  const char* location = nullptr;
  if (doc_.current_location().get(location) == simdjson::OUT_OF_BOUNDS) return Status::Ok();
  return ctx.Invalid("unexpected content after the JSON object");
}

std::optional<std::string> UsageWarning(std::string_view platform, const Response& response) {
  int64_t max_share = 0, wait_minutes = 0;
  for (const auto& [name, text] : response.headers) {
    bool flat = name == "x-app-usage" || name == "x-page-usage";
    if (!flat && name != "x-business-use-case-usage") continue;
    od::parser parser;
    simdjson::padded_string json(text);
    od::document doc;
    od::object root;
    if (parser.iterate(json).get(doc) || doc.get_object().get(root)) continue;
    if (flat) {
      ReadUsage(root, &max_share, &wait_minutes);
      continue;
    }
    // {"<business id>":[{"type":"pages","call_count":..},...],...}
    for (auto field : root) {
      od::value v;
      od::array entries;
      if (field.value().get(v) || v.get_array().get(entries)) break;
      for (auto entry : entries) {
        od::object usage;
        if (entry.get_object().get(usage)) break;
        ReadUsage(usage, &max_share, &wait_minutes);
      }
    }
  }
  if (max_share < 90 && wait_minutes <= 0) return std::nullopt;
  std::string out(platform);
  out += ": Graph API usage at " + std::to_string(max_share) + "% of the limit";
  if (wait_minutes > 0) {
    out += ", access regained in about " + std::to_string(wait_minutes) + " min";
  }
  out += "; further calls may be throttled";
  return out;
}

std::string UnknownAuthor(std::string_view reply_id) { return "unknown:" + std::string(reply_id); }

bool UsableId(std::string_view id) {
  return !id.empty() && id.size() <= kMaxIdBytes && id.find('\0') == std::string_view::npos;
}

}  // namespace tanggap::collector::graph
