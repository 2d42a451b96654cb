// Private to collector/: what the Facebook and Instagram adapters share
// about Meta's Graph API. Its error envelope (and which codes mean "rate
// limited"), its paging object, its usage headers, and small readers over
// simdjson On-Demand values that turn a wrong type into a Status naming the
// platform and the request tag.
//
// On-Demand reads each value once, in document order, so every reader here
// walks an object's fields as they come (ForEachField) instead of looking
// keys up, which keeps the walk linear in the body whatever the key order.
#ifndef TANGGAP_COLLECTOR_GRAPH_API_H_
#define TANGGAP_COLLECTOR_GRAPH_API_H_

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "collector/adapter.h"
#include "model/records.h"
#include "util/status.h"

namespace tanggap::collector::graph {

namespace od = simdjson::ondemand;

// Who is reading what, for messages: "facebook comments".
class Context {
 public:
  Context(std::string_view platform, std::string_view tag);

  // "<platform> <tag>: <what>" as InvalidArgument.
  Status Invalid(std::string_view what) const;
  // A simdjson failure met at `where` (a field path such as "data[].id").
  Status Json(simdjson::error_code error, std::string_view where) const;
  // "<platform> <tag>: <what>", for warnings.
  std::string Say(std::string_view what) const;

 private:
  std::string prefix_;
};

// Calls fn(key, value) for each field of `object` in document order and stops
// at the first failing Status. Unvisited values are skipped by simdjson.
template <typename Fn>
Status ForEachField(const Context& ctx, od::object object, std::string_view where, Fn&& fn) {
  for (auto field : object) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return ctx.Json(e, where);
    od::value value;
    if (auto e = field.value().get(value)) return ctx.Json(e, where);
    if (Status s = fn(key, value); !s.ok()) return s;
  }
  return Status::Ok();
}

// As above for a value that must be an object.
template <typename Fn>
Status ForEachField(const Context& ctx, od::value value, std::string_view where, Fn&& fn) {
  od::object object;
  if (auto e = value.get_object().get(object)) return ctx.Json(e, where);
  return ForEachField(ctx, object, where, std::forward<Fn>(fn));
}

// As above for a value that may also be null, which visits nothing.
template <typename Fn>
Status ForEachFieldOrNull(const Context& ctx, od::value value, std::string_view where, Fn&& fn) {
  od::json_type type;
  if (auto e = value.type().get(type)) return ctx.Json(e, where);
  if (type == od::json_type::null) return Status::Ok();
  return ForEachField(ctx, value, where, std::forward<Fn>(fn));
}

// Calls fn(element) for each element of an array value.
template <typename Fn>
Status ForEachElement(const Context& ctx, od::value value, std::string_view where, Fn&& fn) {
  od::array array;
  if (auto e = value.get_array().get(array)) return ctx.Json(e, where);
  for (auto element : array) {
    od::value v;
    if (auto e = element.get(v)) return ctx.Json(e, where);
    if (Status s = fn(v); !s.ok()) return s;
  }
  return Status::Ok();
}

// Scalar readers. "Opt" readers take null as absent; all fail on a wrong type.
Status ReadString(const Context& ctx, od::value value, std::string_view where, std::string* out);
Status ReadOptString(const Context& ctx, od::value value, std::string_view where,
                     std::optional<std::string>* out);
// A count: a non-negative integer.
Status ReadOptCount(const Context& ctx, od::value value, std::string_view where,
                    std::optional<int64_t>* out);
// {"data":[...],"summary":{"total_count":N}} (reactions, comments): N.
Status ReadSummaryCount(const Context& ctx, od::value value, std::string_view where,
                        std::optional<int64_t>* out);
// {"count":N} (shares): N.
Status ReadCountObject(const Context& ctx, od::value value, std::string_view where,
                       std::optional<int64_t>* out);

// A Graph API error object: {"message","type","code","error_subcode",...}.
struct Error {
  int64_t code = 0;
  int64_t subcode = 0;
  std::string type;
  std::string message;  // credentials redacted, shortened
};

// Reads the value of an "error" field. Lenient: a field of the wrong type is
// left at its default, since an error report must not itself fail.
Error ReadError(od::value value);

// True for codes that mean a rate limit or quota is spent: 4 (app), 17
// (user), 32 (page), 613 (endpoint), 80000-80014 (business use case limits,
// 80001 Pages, 80002 Instagram) and the throttling subcode 2446079.
bool IsThrottled(const Error& error);

// What a response that is not a success says: its HTTP status and the Graph
// API error in its body, when the body holds one.
struct Failure {
  long http_status = 0;
  std::optional<Error> error;
};

// Reads a non-2xx response. Never fails: a body that is not a Graph API error
// envelope leaves `error` empty.
Failure ReadFailure(const Response& response);

// True for HTTP 429 and for an error IsThrottled names.
bool IsThrottled(const Failure& failure);

// True when the failure says the object is gone or invisible: HTTP 404, code
// 100 with subcode 33 ("Unsupported get request"), or code 803.
bool IsMissingObject(const Failure& failure);

// The Status for a failure the caller does not handle itself: Busy when
// throttled (or HTTP 429), NotFound for a missing object, InvalidArgument
// otherwise (code 190 says to renew the token). `what` names the object,
// e.g. "page 1042".
Status FailureStatus(const Context& ctx, const Failure& failure, std::string_view what);

// Reads a "paging" object: the next page's URL with credentials stripped
// (the fetch loop attaches the token again), or nullopt on the last page. A
// next URL on another scheme/host/port than base_url is not followed, since
// the token would be sent there: nullopt and a warning.
Status ReadPaging(const Context& ctx, od::value value, std::string_view base_url,
                  std::optional<std::string>* next, std::vector<std::string>* warnings);

// "scheme://host[:port]" of a URL, lower-cased; empty when it has none.
std::string Origin(std::string_view url);

// A parsed response body whose top level must be a JSON object.
class Body {
 public:
  // Fails on an empty body, invalid JSON or a top level that is not an
  // object; `hint` is added to that message (e.g. "is base_url the Graph
  // API?").
  Status Open(const Context& ctx, std::string_view text, std::string_view hint);

  // Visits the top-level fields, then checks nothing follows the object.
  template <typename Fn>
  Status ForEachField(const Context& ctx, Fn&& fn) {
    if (Status s = graph::ForEachField(ctx, root_, "top level", std::forward<Fn>(fn)); !s.ok()) {
      return s;
    }
    return CheckEnd(ctx);
  }

 private:
  Status CheckEnd(const Context& ctx);

  od::parser parser_;
  simdjson::padded_string json_;
  od::document doc_;
  od::object root_;
};

// Reads the top level of a list answer, {"data":[...],"paging":{...}}:
// read_item(element, Item*) for each element of "data", in order, keeping
// the items it reads without error in *items; "paging" through ReadPaging
// into *next and *warnings; an "error" object into *error. Stops at the first
// failing Status. With no "error", a body without "data" fails too ("the body
// has no 'data' list; <hint>"). The caller checks *error when this is Ok.
template <typename Item, typename ReadItem>
Status ReadDataList(const Context& ctx, Body& body, std::string_view base_url,
                    std::string_view hint, ReadItem&& read_item, std::vector<Item>* items,
                    std::optional<std::string>* next, std::optional<Error>* error,
                    std::vector<std::string>* warnings) {
  bool saw_data = false;
  Status s = body.ForEachField(ctx, [&](std::string_view key, od::value v) {
    if (key == "data") {
      saw_data = true;
      return ForEachElement(ctx, v, "data", [&](od::value element) {
        Item item;
        Status st = read_item(element, &item);
        if (st.ok()) items->push_back(std::move(item));
        return st;
      });
    }
    if (key == "paging") return ReadPaging(ctx, v, base_url, next, warnings);
    if (key == "error") *error = ReadError(v);
    return Status::Ok();
  });
  if (!s.ok() || *error) return s;
  if (!saw_data) {
    return ctx.Invalid(std::string("the body has no 'data' list; ") + std::string(hint));
  }
  return Status::Ok();
}

// A warning when the usage headers (X-App-Usage, X-Page-Usage,
// X-Business-Use-Case-Usage) put any share of the limit at 90% or more, or
// announce a wait before access is regained; nullopt otherwise or when the
// headers are absent or unreadable.
std::optional<std::string> UsageWarning(std::string_view platform, const Response& response);

// A reply's author when the platform did not say who wrote it (privacy, or a
// field not granted): a per-reply placeholder, so that anonymous replies are
// never merged into one author nor mistaken for the agency.
std::string UnknownAuthor(std::string_view reply_id);

// Caps on what one record may carry, matching the interchange limits
// (docs/interchange-format.md).
inline constexpr size_t kMaxMedia = 64;
inline constexpr size_t kMaxIdBytes = 256;

// True for an id the store accepts: non-empty, at most kMaxIdBytes, no NUL.
bool UsableId(std::string_view id);

}  // namespace tanggap::collector::graph

#endif  // TANGGAP_COLLECTOR_GRAPH_API_H_
