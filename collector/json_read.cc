#include "collector/json_read.h"

namespace tanggap::collector {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;

constexpr error_code kOk = simdjson::SUCCESS;

// At most this much of a platform's text goes into a message (Printable).
constexpr size_t kMaxErrorText = 200;

}  // namespace

error_code NoteField(error_code e, std::string_view field, std::string* path) {
  if (e != kOk) *path = path->empty() ? std::string(field) : std::string(field) + "." + *path;
  return e;
}

bool IsNull(od::value& v) {
  od::json_type type;
  return v.type().get(type) == kOk && type == od::json_type::null;
}

error_code ReadString(od::value& v, std::string* out) {
  std::string_view s;
  error_code e = v.get_string().get(s);
  if (e == kOk) out->assign(s);
  return e;
}

error_code ReadOptString(od::value& v, std::optional<std::string>* out) {
  if (IsNull(v)) {
    out->reset();
    return kOk;
  }
  std::string s;
  error_code e = ReadString(v, &s);
  if (e == kOk) *out = std::move(s);
  return e;
}

error_code ReadOptInt(od::value& v, std::optional<int64_t>* out) {
  if (IsNull(v)) {
    out->reset();
    return kOk;
  }
  int64_t n = 0;
  error_code e = v.get_int64().get(n);
  if (e == kOk) *out = n;
  return e;
}

std::string ErrorReason(error_code e) {
  std::string text = simdjson::error_message(e);
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

Status BadBodyStatus(std::string_view platform, std::string_view tag, std::string_view where,
                     error_code e, std::string_view hint) {
  std::string msg = std::string(platform) + " " + std::string(tag) + ": ";
  if (where == kNotJsonObject || where == kNotJsonArray) {
    msg += std::string(where) + ": ";
  } else if (!where.empty()) {
    msg += "field '" + std::string(where) + "': ";
  }
  msg += ErrorReason(e);
  msg += "; ";
  msg += hint;
  return Status::Corruption(std::move(msg));
}

bool Fail(std::string* why, std::string text) {
  if (why->empty()) *why = std::move(text);
  return false;
}

std::string JsonProblem(error_code error) {
  if (error == simdjson::EMPTY) return "the body is empty";
  return std::string("the body is not valid JSON (") + simdjson::error_message(error) + ")";
}

std::string QuotedField(std::string_view name) { return "field '" + std::string(name) + "'"; }

bool ReadString(od::value& value, std::string_view name, std::string* why,
                std::optional<std::string>* out) {
  od::json_type type;
  if (auto error = value.type().get(type)) return Fail(why, JsonProblem(error));
  if (type == od::json_type::null) return true;
  std::string_view text;
  auto error = value.get_string().get(text);
  if (error == simdjson::INCORRECT_TYPE) return Fail(why, QuotedField(name) + " is not a string");
  if (error) return Fail(why, JsonProblem(error));
  *out = std::string(text);
  return true;
}

std::string Clip(std::string_view text, size_t n) {
  if (text.size() <= n) return std::string(text);
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return std::string(text.substr(0, n)) + "...";
}

std::string Printable(std::string_view text) {
  if (text.size() > kMaxErrorText) {
    size_t cut = kMaxErrorText;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  std::string out;
  for (char c : text) out.push_back(static_cast<unsigned char>(c) < 0x20 ? ' ' : c);
  return out;
}

}  // namespace tanggap::collector
