// URL pieces the adapters and the HTTP layer need: percent-encoding, adding
// or replacing query parameters, reading them back, and redacting secrets
// for logs.
// Pure functions.
#ifndef TANGGAP_COLLECTOR_URL_H_
#define TANGGAP_COLLECTOR_URL_H_

#include <optional>
#include <string>
#include <string_view>

namespace tanggap::collector {

// RFC 3986 percent-encoding of everything but unreserved characters
// (A-Z a-z 0-9 - . _ ~).
std::string PercentEncode(std::string_view text);

// Appends "key=value" (value percent-encoded) with '?' or '&' as needed.
void AppendQuery(std::string* url, std::string_view key, std::string_view value);

// The decoded value of the first query parameter `key`, or nullopt.
std::optional<std::string> QueryParameter(std::string_view url, std::string_view key);

// `url` with every `key` parameter (names compared as written, not decoded)
// and every empty one dropped, then key=value appended as AppendQuery does:
// the next page of the same listing under a new page token. A fragment is not
// told apart from the query.
std::string WithQueryParameter(std::string_view url, std::string_view key, std::string_view value);

// The URL without any credential-bearing query parameter (the list below):
// for paging URLs a platform hands back with the token embedded (Graph API
// paging.next), so the fetch loop can attach the token itself.
std::string StripCredentials(std::string_view url);

// The URL with the values of credential-bearing query parameters
// (access_token, key, token, client_secret, password, appsecret_proof)
// replaced by "REDACTED". Safe to log.
std::string RedactUrl(std::string_view url);

// Any text (an error message, a log line) with "access_token=...",
// "key=...", "Bearer ..." and "Authorization: ..." values replaced.
std::string RedactSecrets(std::string_view text);

}  // namespace tanggap::collector

#endif  // TANGGAP_COLLECTOR_URL_H_
