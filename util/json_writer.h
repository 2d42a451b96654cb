// Appending JSON text safely. Tanggap writes JSON by hand (it is on the hot
// path of export and the API) through these few functions, so that escaping
// lives in one place.
#ifndef TANGGAP_UTIL_JSON_WRITER_H_
#define TANGGAP_UTIL_JSON_WRITER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tanggap {

// Appends s as a quoted JSON string. Quotes, backslashes and control
// characters are escaped; U+2028/U+2029 too, so the output is also safe inside
// a <script> block. Bytes >= 0x80 are copied as they are: the caller passes
// valid UTF-8 (everything Tanggap stores has been validated on the way in).
void AppendJsonString(std::string* out, std::string_view s);

// Appends "null" when the optional is empty.
void AppendJsonStringOrNull(std::string* out, const std::optional<std::string>& s);
void AppendJsonInt(std::string* out, int64_t v);
void AppendJsonIntOrNull(std::string* out, const std::optional<int64_t>& v);

}  // namespace tanggap

#endif  // TANGGAP_UTIL_JSON_WRITER_H_
