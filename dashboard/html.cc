#include "dashboard/html.h"

#include <cctype>

namespace tanggap::dashboard {
namespace {

// Length of the UTF-8 sequence starting at s[i], or 0 when invalid.
size_t SequenceLength(std::string_view s, size_t i, uint32_t* cp) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  uint32_t v = n == 1 ? c : n == 2 ? (c & 0x1f) : n == 3 ? (c & 0x0f) : (c & 0x07);
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xc0) != 0x80) return 0;
    v = (v << 6) | (b(i + k) & 0x3f);
  }
  static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (v < kMin[n] || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return 0;
  *cp = v;
  return n;
}

}  // namespace

void AppendEscaped(std::string* out, std::string_view text) {
  out->reserve(out->size() + text.size());
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = 0;
    size_t n = SequenceLength(text, i, &cp);
    if (n == 0) {
      out->append("\xEF\xBF\xBD");  // U+FFFD
      ++i;
      continue;
    }
    if (n == 1) {
      switch (text[i]) {
        case '&':
          out->append("&amp;");
          break;
        case '<':
          out->append("&lt;");
          break;
        case '>':
          out->append("&gt;");
          break;
        case '"':
          out->append("&quot;");
          break;
        case '\'':
          out->append("&#39;");
          break;
        case '`':
          out->append("&#96;");
          break;
        case '\0':
          out->append("\xEF\xBF\xBD");
          break;
        default:
          out->push_back(text[i]);
      }
    } else if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) {
      out->append("\xEF\xBF\xBD");
    } else {
      out->append(text.substr(i, n));
    }
    i += n;
  }
}

std::string Escape(std::string_view text) {
  std::string out;
  AppendEscaped(&out, text);
  return out;
}

std::string_view Utf8Prefix(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

std::string SafeUrl(std::string_view url) {
  auto starts = [&](std::string_view p) {
    if (url.size() < p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(url[i])) != p[i]) return false;
    }
    return true;
  };
  if (starts("https://") || starts("http://") || (starts("/") && !starts("//"))) {
    return Escape(url);
  }
  return "#";
}

}  // namespace tanggap::dashboard
