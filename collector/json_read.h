// Private to collector/: the small readers over simdjson On-Demand values
// that the platform adapters share, and the wording of what went wrong.
//
// On-Demand reads each value once, in document order, so every reader here
// walks an object's fields as they come and hands each (key, value) to a
// callback that dispatches on the key; nothing looks keys up, which keeps a
// walk linear in the body whatever the key order.
//
// Two ways of reporting a problem, one per family of adapters:
//  * Error codes with a field path (Mastodon, Bluesky). Readers return
//    simdjson's error_code; on the way out each level puts its field name in
//    front of a path with NoteField, and BadBodyStatus turns code and path
//    into the Status ("field 'descendants.account.id': ...").
//  * The first problem in words (YouTube, X). Readers return false and keep
//    the first problem, already phrased, in *why ("field 'snippet.title' is
//    not a string"); each call names its field's full path itself.
// ForEachField, ForEachElement and ReadString exist in both styles; the
// overloads of the second style take the field's name and `why`, and their
// callbacks return bool instead of an error_code.
// The Graph API adapters (Facebook, Instagram) read through graph_api.h,
// whose readers return a Status directly.
//
// No reader here recurses: how deep a body is read is up to the callers.
#ifndef TANGGAP_COLLECTOR_JSON_READ_H_
#define TANGGAP_COLLECTOR_JSON_READ_H_

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "util/status.h"

namespace tanggap::collector {

// ---- Error codes with a field path --------------------------------------

// Returns `e` unchanged. When it is an error, puts `field` in front of *path
// ("id" becomes "account.id" one level up), so that after the error has
// travelled out of every reader the path reads from the top level down.
simdjson::error_code NoteField(simdjson::error_code e, std::string_view field, std::string* path);

// True when `v` is JSON null; false for any other type and when the type
// cannot be read (the next read of `v` then reports that error).
bool IsNull(simdjson::ondemand::value& v);

// A JSON string into *out. Any other type, null included, is an error and
// leaves *out as it was.
simdjson::error_code ReadString(simdjson::ondemand::value& v, std::string* out);

// A JSON string, or null, which resets *out. Any other type is an error and
// leaves *out as it was.
simdjson::error_code ReadOptString(simdjson::ondemand::value& v, std::optional<std::string>* out);

// A whole number that fits int64_t (negative ones too), or null, which resets
// *out. Anything else is an error and leaves *out as it was.
simdjson::error_code ReadOptInt(simdjson::ondemand::value& v, std::optional<int64_t>* out);

// simdjson's description of an error, without its closing period.
std::string ErrorReason(simdjson::error_code e);

// What a body as a whole failed to be, as BadBodyStatus's `where`.
inline constexpr std::string_view kNotJsonObject = "the body is not a complete JSON object";
inline constexpr std::string_view kNotJsonArray = "the body is not a complete JSON array";

// Corruption "<platform> <tag>: <where>: <reason>; <hint>", where `where` is
// a field path (written "field '<path>'"), kNotJsonObject or kNotJsonArray
// (written as they are), or empty (left out, with its ": "); <reason> is
// ErrorReason(e).
Status BadBodyStatus(std::string_view platform, std::string_view tag, std::string_view where,
                     simdjson::error_code e, std::string_view hint);

// Calls fn(key, value) for each field of the object `v`, in document order,
// and stops at the first error, returning it (fn's own, or simdjson's when
// `v` is not an object or a field cannot be read). fn takes
// (std::string_view, simdjson::ondemand::value&) and returns an error_code.
// V is a value or the document itself: the document's own get_object checks
// that the top level is closed, which catches truncated bodies.
template <typename V, typename Fn>
simdjson::error_code ForEachField(V& v, Fn&& fn) {
  simdjson::ondemand::object object;
  if (simdjson::error_code e = v.get_object().get(object)) return e;
  for (auto item : object) {
    simdjson::ondemand::field field;
    if (simdjson::error_code e = std::move(item).get(field)) return e;
    std::string_view key;
    if (simdjson::error_code e = field.unescaped_key().get(key)) return e;
    if (simdjson::error_code e = fn(key, field.value())) return e;
  }
  return simdjson::SUCCESS;
}

// As ForEachField, calling fn(element) for each element of the array `v`
// (fn takes simdjson::ondemand::value&).
template <typename V, typename Fn>
simdjson::error_code ForEachElement(V& v, Fn&& fn) {
  simdjson::ondemand::array array;
  if (simdjson::error_code e = v.get_array().get(array)) return e;
  for (auto item : array) {
    simdjson::ondemand::value element;
    if (simdjson::error_code e = std::move(item).get(element)) return e;
    if (simdjson::error_code e = fn(element)) return e;
  }
  return simdjson::SUCCESS;
}

// ---- The first problem in words -----------------------------------------

// Keeps `text` in *why unless an earlier problem is already there, and
// returns false, so that a reader can `return Fail(why, ...)`.
bool Fail(std::string* why, std::string text);

// A simdjson error met in the body, in words: "the body is empty", or "the
// body is not valid JSON (<simdjson's message>)".
std::string JsonProblem(simdjson::error_code error);

// "field '<name>'".
std::string QuotedField(std::string_view name);

// Calls fn(key, value) for each member of `object`, in document order. fn
// takes (std::string_view, simdjson::ondemand::value&) and returns false
// after a Fail; a member that cannot be read fails with JsonProblem.
template <typename Fn>
bool ForEachMember(simdjson::ondemand::object& object, std::string* why, Fn&& fn) {
  for (auto member : object) {
    std::string_view key;
    if (auto error = member.unescaped_key().get(key)) return Fail(why, JsonProblem(error));
    simdjson::ondemand::value value;
    if (auto error = member.value().get(value)) return Fail(why, JsonProblem(error));
    if (!fn(key, value)) return false;
  }
  return true;
}

// ForEachMember over `value`, which must be an object: any other type fails
// with "field '<name>' is not an object".
template <typename Fn>
bool ForEachField(simdjson::ondemand::value& value, std::string_view name, std::string* why,
                  Fn&& fn) {
  simdjson::ondemand::object object;
  auto error = value.get_object().get(object);
  if (error == simdjson::INCORRECT_TYPE) return Fail(why, QuotedField(name) + " is not an object");
  if (error) return Fail(why, JsonProblem(error));
  return ForEachMember(object, why, fn);
}

// Calls fn(element) for each element of `value`, which must be an array: any
// other type fails with "field '<name>' is not an array". fn takes
// simdjson::ondemand::value& and returns false after a Fail.
template <typename Fn>
bool ForEachElement(simdjson::ondemand::value& value, std::string_view name, std::string* why,
                    Fn&& fn) {
  simdjson::ondemand::array array;
  auto error = value.get_array().get(array);
  if (error == simdjson::INCORRECT_TYPE) return Fail(why, QuotedField(name) + " is not an array");
  if (error) return Fail(why, JsonProblem(error));
  for (auto element : array) {
    simdjson::ondemand::value item;
    if (auto e = std::move(element).get(item)) return Fail(why, JsonProblem(e));
    if (!fn(item)) return false;
  }
  return true;
}

// A JSON string into *out; null leaves *out as it was. Any other type fails
// with "field '<name>' is not a string".
bool ReadString(simdjson::ondemand::value& value, std::string_view name, std::string* why,
                std::optional<std::string>* out);

// Parses `body` with `parser` and calls ForEachMember on its top level, which
// must be an object ("the body is not a JSON object" otherwise; JsonProblem
// for a body that is not JSON).
template <typename Fn>
bool ReadBody(simdjson::ondemand::parser& parser, const std::string& body, std::string* why,
              Fn&& fn) {
  simdjson::padded_string padded(body);
  simdjson::ondemand::document doc;
  if (auto error = parser.iterate(padded).get(doc)) return Fail(why, JsonProblem(error));
  simdjson::ondemand::object root;
  auto error = doc.get_object().get(root);
  if (error == simdjson::INCORRECT_TYPE) return Fail(why, "the body is not a JSON object");
  if (error) return Fail(why, JsonProblem(error));
  return ForEachMember(root, why, fn);
}

// ---- Server text in messages --------------------------------------------

// At most `n` bytes of `text`, not cutting a UTF-8 sequence in two; a text
// that was cut ends in "...".
std::string Clip(std::string_view text, size_t n);

// `text` with control characters (below 0x20) blanked, cut to 200 bytes
// without splitting a UTF-8 sequence (no marker where it was cut).
std::string Printable(std::string_view text);

}  // namespace tanggap::collector

#endif  // TANGGAP_COLLECTOR_JSON_READ_H_
