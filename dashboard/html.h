// The one path by which text reaches a page. Everything user-generated
// (posts, comments, handles, names) goes through Escape; markup the
// dashboard writes itself is appended raw by the page code.
#ifndef TANGGAP_DASHBOARD_HTML_H_
#define TANGGAP_DASHBOARD_HTML_H_

#include <string>
#include <string_view>

namespace tanggap::dashboard {

// Escapes & < > " ' and ` for element content and quoted attributes, and
// neutralises bidirectional controls (U+202A-U+202E, U+2066-U+2069) so a
// comment cannot reorder the text around it. Invalid UTF-8 bytes become
// U+FFFD. Never returns markup.
std::string Escape(std::string_view text);
void AppendEscaped(std::string* out, std::string_view text);

// The longest prefix of `text` of at most `max_bytes` that does not split a
// UTF-8 sequence; the whole text when it fits.
std::string_view Utf8Prefix(std::string_view text, size_t max_bytes);

// For a URL attribute (href): only http(s) URLs and site-relative paths
// pass; anything else ("javascript:", "data:") becomes "#".
std::string SafeUrl(std::string_view url);

}  // namespace tanggap::dashboard

#endif  // TANGGAP_DASHBOARD_HTML_H_
