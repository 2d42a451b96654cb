// Marks spans of a text in HTML: each clarity (or tone) finding becomes a
// <mark> around the bytes it covers, followed by a numbered superscript that
// names its level in words, so the page does not rely on colour alone.
// Pure: no I/O, no catalogue lookups (the caller passes the words).
#ifndef TANGGAP_DASHBOARD_HIGHLIGHT_H_
#define TANGGAP_DASHBOARD_HIGHLIGHT_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tanggap::dashboard {

struct Highlight {
  size_t start = 0, end = 0;  // UTF-8 byte offsets into the text, end exclusive
  std::string level;          // "error", "warning" or "suggestion"; anything else is "suggestion"
  int number = 0;             // the marker shown after the span (1-based, as in the list)
  std::string words;          // read by screen readers after the number, e.g. "peringatan"
  std::string target;         // id of the list entry the marker links to; "" for no link
};

// The whole of `text`, escaped (Escape), with every highlight wrapped as
//   <mark class="level-L" data-finding="N">…</mark><sup class="marker">…N…</sup>
// Guarantees, whatever the spans:
//  - the output is balanced markup and, with the tags and the <sup> markers
//    removed, equals Escape(text);
//  - spans are clamped to the text and widened to whole UTF-8 sequences, so
//    no sequence is ever cut (invalid bytes stay together with their run);
//  - empty spans (after clamping) are left out;
//  - overlapping spans nest: a span that starts inside another and ends
//    after it is split into pieces that share data-finding; the pieces of a
//    span, read in order, give exactly its text. The marker follows the
//    span's last piece. Order is deterministic: by start, longer first, then
//    by number.
// At most `max_highlights` spans are marked (the first by number), which
// bounds the output at O(text + max_highlights^2) in the worst case of many
// crossing spans.
std::string HighlightHtml(std::string_view text, const std::vector<Highlight>& highlights,
                          size_t max_highlights = 500);

// The byte offset at or before `pos` that starts a UTF-8 sequence (a
// continuation byte never starts one), clamped to the text.
size_t Utf8Floor(std::string_view text, size_t pos);
// The byte offset at or after `pos` that starts a sequence or ends the text.
size_t Utf8Ceil(std::string_view text, size_t pos);

}  // namespace tanggap::dashboard

#endif  // TANGGAP_DASHBOARD_HIGHLIGHT_H_
