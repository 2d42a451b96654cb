// Fuzz target for scorer/text: Analyze never breaks its structural
// invariants, HtmlToText never crashes and keeps valid UTF-8 valid, and
// CountSyllables accepts whatever HtmlToText returns.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz/fuzz_checks.h"
#include "scorer/text.h"

namespace {

using tanggap::scorer::Document;
using tanggap::scorer::Token;

using tanggap::fuzz::Check;

uint32_t CodePoints(std::string_view s) {
  uint32_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

void CheckDocument(const Document& d) {
  Check(d.lower.size() == d.text.size());
  uint32_t prev_end = 0, prev_char_end = 0;
  for (size_t i = 0; i < d.tokens.size(); ++i) {
    const Token& t = d.tokens[i];
    Check(t.start < t.end && t.end <= d.text.size());  // non-empty, inside the text
    Check(prev_end <= t.start);                        // ordered, non-overlapping
    // Code point offsets advance exactly as the bytes do.
    std::string_view gap = std::string_view(d.text).substr(prev_end, t.start - prev_end);
    Check(t.char_start == prev_char_end + CodePoints(gap));
    Check(t.char_end - t.char_start == CodePoints(d.TokenText(t)));
    if (t.kind == tanggap::scorer::TokenKind::kWord) {
      int syllables = tanggap::scorer::CountSyllables(d.TokenText(t));
      Check(t.syllables == (syllables > 255 ? 255 : syllables));  // inline count agrees
    } else {
      Check(t.letters == 0 && t.syllables == 0 && !t.all_caps && !t.hyphenated);
    }
    Check(t.sentence < d.sentences.size());
    const auto& s = d.sentences[t.sentence];
    Check(s.first_token <= i && i < s.end_token);
    Check(s.start <= t.start && t.end <= s.end);
    prev_end = t.end;
    prev_char_end = t.char_end;
  }
  uint32_t next_token = 0;
  for (size_t i = 0; i < d.sentences.size(); ++i) {
    const auto& s = d.sentences[i];
    Check(s.first_token == next_token && s.first_token < s.end_token);
    Check(s.start == d.tokens[s.first_token].start && s.end == d.tokens[s.end_token - 1].end);
    Check(s.char_start == d.tokens[s.first_token].char_start);
    Check(s.char_end == d.tokens[s.end_token - 1].char_end);
    Check(s.words <= s.end_token - s.first_token);
    Check(s.paragraph < d.paragraphs.size());
    const auto& p = d.paragraphs[s.paragraph];
    Check(p.first_sentence <= i && i < p.end_sentence);
    Check(p.start <= s.start && s.end <= p.end);
    next_token = s.end_token;
  }
  Check(next_token == d.tokens.size());
  uint32_t next_sentence = 0;
  for (const auto& p : d.paragraphs) {
    Check(p.first_sentence == next_sentence && p.first_sentence < p.end_sentence);
    next_sentence = p.end_sentence;
  }
  Check(next_sentence == d.sentences.size());
  if (d.text.find_first_not_of(" \t\n\r\v\f") == std::string::npos) Check(d.tokens.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  bool valid = tanggap::scorer::IsValidUtf8(input);
  if (valid) {
    Document d = tanggap::scorer::Analyze(input);
    Check(d.text == input);
    CheckDocument(d);
    for (auto p : tanggap::kAllPlatforms) Check(tanggap::scorer::PlatformLength(p, d) >= 0);
  }
  std::string text = tanggap::scorer::HtmlToText(input);
  if (valid) Check(tanggap::scorer::IsValidUtf8(text));
  Check(tanggap::scorer::CountSyllables(text) >= 0);
  return 0;
}
