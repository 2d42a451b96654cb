#include "collector/url.h"

#include <array>
#include <cctype>

namespace tanggap::collector {
namespace {

bool Unreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int hi = HexValue(text[i + 1]), lo = HexValue(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i] == '+' ? ' ' : text[i]);
  }
  return out;
}

constexpr std::array<std::string_view, 6> kSecretParameters = {
    "access_token", "key", "token", "client_secret", "password", "appsecret_proof"};

bool IsSecretParameter(std::string_view name) {
  for (std::string_view s : kSecretParameters) {
    if (name.size() != s.size()) continue;
    bool same = true;
    for (size_t i = 0; i < s.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(name[i])) == s[i];
    }
    if (same) return true;
  }
  return false;
}

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

}  // namespace

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (Unreserved(c)) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

void AppendQuery(std::string* url, std::string_view key, std::string_view value) {
  url->push_back(url->find('?') == std::string::npos ? '?' : '&');
  url->append(PercentEncode(key));
  url->push_back('=');
  url->append(PercentEncode(value));
}

std::optional<std::string> QueryParameter(std::string_view url, std::string_view key) {
  size_t q = url.find('?');
  if (q == std::string_view::npos) return std::nullopt;
  std::string_view query = url.substr(q + 1);
  if (size_t hash = query.find('#'); hash != std::string_view::npos) query = query.substr(0, hash);
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    size_t eq = pair.find('=');
    if (PercentDecode(pair.substr(0, eq)) == key) {
      return eq == std::string_view::npos ? std::string() : PercentDecode(pair.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    query = query.substr(amp + 1);
  }
  return std::nullopt;
}

std::string WithQueryParameter(std::string_view url, std::string_view key, std::string_view value) {
  size_t q = url.find('?');
  std::string out(url.substr(0, q));
  if (q != std::string_view::npos) {
    std::string_view query = url.substr(q + 1);
    char sep = '?';
    while (!query.empty()) {
      size_t amp = query.find('&');
      std::string_view pair = query.substr(0, amp);
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
      if (pair.empty() || pair.substr(0, pair.find('=')) == key) continue;
      out.push_back(sep);
      out.append(pair);
      sep = '&';
    }
  }
  AppendQuery(&out, key, value);
  return out;
}

std::string StripCredentials(std::string_view url) {
  size_t q = url.find('?');
  if (q == std::string_view::npos) return std::string(url);
  std::string out(url.substr(0, q));
  std::string_view query = url.substr(q + 1);
  std::string_view fragment;
  if (size_t hash = query.find('#'); hash != std::string_view::npos) {
    fragment = query.substr(hash);
    query = query.substr(0, hash);
  }
  bool first = true;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    if (!pair.empty() && !IsSecretParameter(PercentDecode(pair.substr(0, pair.find('='))))) {
      out.push_back(first ? '?' : '&');
      out.append(pair);
      first = false;
    }
    if (amp == std::string_view::npos) break;
    query = query.substr(amp + 1);
  }
  out.append(fragment);
  return out;
}

std::string RedactUrl(std::string_view url) { return RedactSecrets(url); }

std::string RedactSecrets(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    // "name=value" where name is a secret parameter: keep the name, drop the value.
    if (text[i] == '=' && i > 0) {
      size_t start = i;
      while (start > 0 && IsNameChar(text[start - 1])) --start;
      if (IsSecretParameter(text.substr(start, i - start))) {
        out.append("=REDACTED");
        ++i;
        while (i < text.size() && text[i] != '&' && text[i] != ' ' && text[i] != '"' &&
               text[i] != '\'' && text[i] != '\n' && text[i] != '#') {
          ++i;
        }
        continue;
      }
    }
    // "Bearer <token>" and "Authorization: <anything>" up to the end of the line.
    auto starts_with_ci = [&](std::string_view word) {
      if (text.size() - i < word.size()) return false;
      for (size_t k = 0; k < word.size(); ++k) {
        if (std::tolower(static_cast<unsigned char>(text[i + k])) != word[k]) return false;
      }
      return true;
    };
    if (starts_with_ci("bearer ") || starts_with_ci("oauth ")) {
      size_t word = text[i] == 'b' || text[i] == 'B' ? 7 : 6;
      out.append(text.substr(i, word));
      out.append("REDACTED");
      i += word;
      while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])) &&
             text[i] != '"' && text[i] != '\'') {
        ++i;
      }
      continue;
    }
    if (starts_with_ci("authorization:")) {
      out.append("Authorization: REDACTED");
      i += 14;
      while (i < text.size() && text[i] != '\n' && text[i] != '\r') ++i;
      continue;
    }
    out.push_back(text[i]);
    ++i;
  }
  return out;
}

}  // namespace tanggap::collector
