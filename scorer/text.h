// Indonesian text analysis for the scorer: tokens, sentences, paragraphs,
// syllables, HTML to text, and platform length counting.
//
// Everything here is a pure function of its input: no I/O, clock, logging or
// global state, and no std::regex (it is on the scorer's hot path: tens of
// thousands of posts per second per core). Offsets always refer to the text
// passed in, so findings can be highlighted in what the trainee wrote.
#ifndef TANGGAP_SCORER_TEXT_H_
#define TANGGAP_SCORER_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/records.h"

namespace tanggap::scorer {

enum class TokenKind : uint8_t {
  kWord,    // letters (and digits/marks inside), incl. hyphenated: anak-anak, KTP-el, COVID-19
  kNumber,  // 20, 50.000, 2,5, 1.250.000
  kTime,    // 09.00, 9.30, 09:00, 23.59 (hour <= 23, two-digit minutes <= 59)
  kMoney,   // Rp50.000, Rp1,5 (no space; "Rp 50.000" is a word and a number)
  kDate,    // 12/08, 12/08/2026, 12-08-2026, 2026-08-12
  kPhone,  // 0812-7803-3021, +62 812 7803 3021 (one token), 08127803302 (>= 10 digits, leading 0 or
           // +62)
  kUrl,    // https://..., http://..., www.x.y, and bare domains ending in .go.id/.id/.com/.org/.net
  kMention,  // @handle (also @user@host for Mastodon)
  kHashtag,  // #Pangkalpinang
  kEmoji,    // one grapheme cluster with an emoji: ZWJ sequences, flags, keycaps, skin tones
  kPunct,    // one punctuation character: . , ! ? : ; ( ) " ' - – — … / etc.
  kSymbol,   // anything else that is not whitespace (math symbols, ©, ...)
};

struct Token {
  TokenKind kind;
  uint32_t start = 0, end = 0;            // UTF-8 byte offsets into Document::text, end exclusive
  uint32_t char_start = 0, char_end = 0;  // code point offsets, end exclusive
  uint32_t sentence = 0;                  // index into Document::sentences
  // Word tokens only (false/0 otherwise):
  bool all_caps = false;      // >= 2 letters, every letter upper case (KTP, DISKOMINFO; not "A")
  bool capitalized = false;   // first letter upper case
  bool hyphenated = false;    // contains '-' joining word parts
  uint8_t letters = 0;        // number of letters, saturating at 255
  uint8_t syllables = 0;      // CountSyllables of the word, saturating at 255
  bool space_before = false;  // whitespace (or start of text) right before the token
};

struct Sentence {
  uint32_t start = 0, end = 0;  // byte offsets; trimmed of surrounding whitespace
  uint32_t char_start = 0, char_end = 0;
  uint32_t first_token = 0, end_token = 0;  // token index range [first, end)
  uint32_t paragraph = 0;
  uint32_t words = 0;  // word tokens in the sentence (numbers, times, money count as words too)
};

struct Paragraph {
  uint32_t start = 0, end = 0;  // byte offsets; trimmed
  uint32_t first_sentence = 0, end_sentence = 0;
};

struct Document {
  std::string text;  // the input, unchanged
  // `text` with letters lower-cased where that keeps the byte length (ASCII,
  // Latin-1 supplement, Latin Extended-A); other bytes unchanged. A token's
  // lower-case form is lower.substr(token.start, token.end - token.start).
  std::string lower;
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  std::vector<Paragraph> paragraphs;

  std::string_view TokenText(const Token& t) const {
    return std::string_view(text).substr(t.start, t.end - t.start);
  }
  std::string_view TokenLower(const Token& t) const {
    return std::string_view(lower).substr(t.start, t.end - t.start);
  }
};

// True when s is well-formed UTF-8 (no overlongs, surrogates or code points
// above U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Analyses text. Precondition: IsValidUtf8(text) (callers check and report
// "not scorable" otherwise); text up to 4 GiB. Runs in time linear in the
// input. Whitespace, zero-width characters (U+200B..U+200F, U+2060, U+FEFF)
// and bidi marks (U+202A..U+202E, U+2066..U+2069) separate or are skipped,
// never become tokens.
//
// Sentences end at . ! ? … (one or more, with closing quotes/brackets)
// followed by whitespace and then not a lower-case letter, or at a line
// break, or at the end of text. A period does not end a sentence after a
// known abbreviation (dll. dsb. dst. No. Jl. Kel. Kec. Kab. Prov. Bpk. Sdr.
// dr. H. Hj. Prof. S.Kom. M.Si. a.n. u.p. s.d. tgl. Yth. dsb; case
// insensitive; also a single capital letter + '.' as in initials), inside a
// number (2,5 / 50.000 / 09.00) or inside a URL. Paragraphs are separated by
// a blank line (two or more line breaks). Empty input gives an empty
// document (no tokens, sentences or paragraphs).
Document Analyze(std::string_view text);

// Indonesian syllables of one word (any case): one per vowel nucleus, where
// the diphthongs ai, au, oi, ei count once (pan-dai, sau-da-ra, sur-vei) and
// other vowel sequences split (bu-ah, ma-in); hyphenated words sum their
// parts (anak-anak = 4); a word with letters but no vowel (e.g. "KTP") counts
// as the number of its letters when <= 4 (read out as letters) and 1
// otherwise; non-letters are ignored. Never returns 0 for a word with
// letters.
int CountSyllables(std::string_view word);

// Turns post HTML (Mastodon content, YouTube textDisplay) into plain text:
// <br> becomes "\n", </p> and other block ends a blank line between blocks,
// entities are decoded (&amp; &#39; &#x1F600; ...), tags and comments
// dropped, <script>/<style> contents dropped, invisible Mastodon link parts
// (<span class="invisible">) dropped, whitespace runs inside a block
// collapsed. Malformed HTML gives best-effort text, never a crash. Output is
// valid UTF-8 when the input is.
std::string HtmlToText(std::string_view html);

// Length as the platform counts it against its limit:
//  - x: twitter-text v3 weighted length: code points in U+0000-U+10FF,
//    U+2000-U+200D, U+2010-U+201F, U+2032-U+2037 weigh 1, others 2; every
//    URL token weighs 23; every emoji grapheme cluster weighs 2. Returned in
//    the same units as the 280 limit.
//  - bluesky: grapheme clusters (limit 300).
//  - every other platform: code points.
int PlatformLength(Platform platform, const Document& doc);

}  // namespace tanggap::scorer

#endif  // TANGGAP_SCORER_TEXT_H_
