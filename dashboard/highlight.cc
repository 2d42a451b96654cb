#include "dashboard/highlight.h"

#include <algorithm>
#include <numeric>

#include "dashboard/html.h"

namespace tanggap::dashboard {
namespace {

bool Continuation(std::string_view text, size_t pos) {
  return (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80;
}

const char* LevelClass(std::string_view level) {
  if (level == "error") return "level-error";
  if (level == "warning") return "level-warning";
  return "level-suggestion";
}

struct Span {
  size_t start, end;
  size_t index;  // into the caller's highlights
};

void AppendMarker(std::string* out, const Highlight& h) {
  const std::string n = std::to_string(h.number);
  out->append("<sup class=\"marker\">");
  if (h.target.empty()) {
    out->append(n);
  } else {
    out->append("<a href=\"#");
    AppendEscaped(out, h.target);
    out->append("\">" + n + "</a>");
  }
  if (!h.words.empty()) {
    // Read after the number; hidden visually (the colour and the list say it).
    out->append("<span class=\"visually-hidden\"> ");
    AppendEscaped(out, h.words);
    out->append("</span>");
  }
  out->append("</sup>");
}

void AppendOpen(std::string* out, const Highlight& h) {
  out->append("<mark class=\"");
  out->append(LevelClass(h.level));
  out->append("\" data-finding=\"" + std::to_string(h.number) + "\">");
}

}  // namespace

size_t Utf8Floor(std::string_view text, size_t pos) {
  pos = std::min(pos, text.size());
  while (pos > 0 && pos < text.size() && Continuation(text, pos)) --pos;
  return pos;
}

size_t Utf8Ceil(std::string_view text, size_t pos) {
  pos = std::min(pos, text.size());
  while (pos < text.size() && Continuation(text, pos)) ++pos;
  return pos;
}

std::string HighlightHtml(std::string_view text, const std::vector<Highlight>& highlights,
                          size_t max_highlights) {
  // The first max_highlights by number, so a cap keeps what the list shows first.
  std::vector<size_t> order(highlights.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return highlights[a].number < highlights[b].number; });
  if (order.size() > max_highlights) order.resize(max_highlights);
  std::vector<Span> spans;
  spans.reserve(order.size());
  for (size_t i : order) {
    const Highlight& h = highlights[i];
    const size_t start = Utf8Floor(text, h.start), end = Utf8Ceil(text, h.end);
    if (start < end) spans.push_back({start, end, i});
  }
  // Outer spans open first: by start, then longer first, then by number.
  std::sort(spans.begin(), spans.end(), [&](const Span& a, const Span& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end > b.end;
    if (highlights[a.index].number != highlights[b.index].number) {
      return highlights[a.index].number < highlights[b.index].number;
    }
    return a.index < b.index;
  });
  std::vector<size_t> bounds;
  bounds.reserve(spans.size() * 2);
  for (const Span& s : spans) {
    bounds.push_back(s.start);
    bounds.push_back(s.end);
  }
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());

  std::string out;
  out.reserve(text.size() + text.size() / 8 + spans.size() * 160);
  std::vector<size_t> open;  // indices into spans, outermost first
  std::vector<size_t> reopen;
  size_t next = 0, pos = 0;
  for (size_t at : bounds) {
    AppendEscaped(&out, text.substr(pos, at - pos));
    pos = at;
    // Close down to the outermost span that ends here; spans above it that
    // go on are closed too and reopened right after, which keeps the
    // markup balanced when spans cross.
    size_t lowest = open.size();
    for (size_t k = 0; k < open.size(); ++k) {
      if (spans[open[k]].end == at) {
        lowest = k;
        break;
      }
    }
    reopen.clear();
    while (open.size() > lowest) {
      const size_t top = open.back();
      open.pop_back();
      out.append("</mark>");
      if (spans[top].end == at) {
        AppendMarker(&out, highlights[spans[top].index]);
      } else {
        reopen.push_back(top);
      }
    }
    for (auto it = reopen.rbegin(); it != reopen.rend(); ++it) {
      AppendOpen(&out, highlights[spans[*it].index]);
      open.push_back(*it);
    }
    while (next < spans.size() && spans[next].start == at) {
      AppendOpen(&out, highlights[spans[next].index]);
      open.push_back(next);
      ++next;
    }
  }
  AppendEscaped(&out, text.substr(pos));
  return out;
}

}  // namespace tanggap::dashboard
