// Indonesian text analysis. The contract is in text.h; the design decisions
// (what is a phone number, what ZWSP does, ...) are in docs/text-analysis.md.
//
// Analyze decodes the text once into an array of (code point, class, byte
// offset) and then scans that array left to right. Every lookahead is either
// consumed by the token it produces or bounded by a small constant, so the
// whole analysis is linear in the input. Token, sentence and paragraph
// boundaries are decided in the same single pass.
#include "scorer/text.h"

#include <gumbo.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>

namespace tanggap::scorer {
namespace {

// ---------------------------------------------------------------------------
// UTF-8 decoding

// Decodes the code point at s[i] (i < n). Malformed sequences decode as
// U+FFFD with length 1 so that a precondition violation degrades instead of
// reading out of bounds.
inline uint32_t DecodeAt(const unsigned char* s, size_t n, size_t i, int* len) {
  unsigned char b = s[i];
  if (b < 0x80) {
    *len = 1;
    return b;
  }
  auto cont = [&](size_t k) { return k < n && (s[k] & 0xC0) == 0x80; };
  if (b >= 0xC2 && b < 0xE0 && cont(i + 1)) {
    *len = 2;
    return ((b & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
  }
  if (b >= 0xE0 && b < 0xF0 && cont(i + 1) && cont(i + 2)) {
    uint32_t cp = ((b & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
      *len = 3;
      return cp;
    }
  }
  if (b >= 0xF0 && b < 0xF5 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
    uint32_t cp = ((b & 0x07u) << 18) | ((s[i + 1] & 0x3Fu) << 12) | ((s[i + 2] & 0x3Fu) << 6) |
                  (s[i + 3] & 0x3Fu);
    if (cp >= 0x10000 && cp <= 0x10FFFF) {
      *len = 4;
      return cp;
    }
  }
  *len = 1;
  return 0xFFFD;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  char buf[4];
  int n = static_cast<int>(utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp),
                                                reinterpret_cast<utf8proc_uint8_t*>(buf)));
  out->append(buf, static_cast<size_t>(n));
}

// ---------------------------------------------------------------------------
// Code point classes

enum Cls : uint8_t {
  kClsEnd,         // past the last code point
  kClsSpace,       // whitespace other than line breaks
  kClsNewline,     // \n, \r, U+0085, U+2028
  kClsParaSep,     // U+2029: a paragraph break on its own
  kClsZwsp,        // U+200B: separates words, never part of a token
  kClsIgnorable,   // other zero-width and bidi controls: invisible, kept inside words
  kClsUpper,       // Lu, Lt
  kClsLower,       // Ll
  kClsLetter,      // Lm, Lo: letters without case (Arabic, CJK, ...)
  kClsMark,        // M*, Cf: continue whatever they follow, never start a word
  kClsDigit,       // ASCII 0-9: the only digits numbers, times and phones are made of
  kClsOtherDigit,  // Nd outside ASCII: treated as part of words
  kClsPunct,       // P*
  kClsSymbol,      // S*, controls, unassigned, private use, other numbers
  kClsEmoji,       // starts an emoji grapheme cluster
  kClsTextEmoji,  // Extended_Pictographic with text default (© ® ™ ‼): emoji only before VS16
};

inline bool IsLetterCls(uint8_t c) { return c >= kClsUpper && c <= kClsLetter; }
inline bool IsWordCls(uint8_t c) { return c >= kClsUpper && c <= kClsOtherDigit; }
inline bool IsAsciiDigit(uint32_t c) { return c - '0' < 10; }
inline bool IsAsciiLetter(uint32_t c) { return (c | 0x20) - 'a' < 26; }
inline bool IsAsciiAlnum(uint32_t c) { return IsAsciiDigit(c) || IsAsciiLetter(c); }
inline bool IsHyphen(uint32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }

constexpr std::array<uint8_t, 128> kAsciiCls = [] {
  std::array<uint8_t, 128> t{};
  for (int c = 0; c < 128; ++c) {
    uint8_t k = kClsSymbol;  // controls and $+<=>^`|~
    if (c == ' ' || c == '\t' || c == '\v' || c == '\f') k = kClsSpace;
    if (c == '\n' || c == '\r') k = kClsNewline;
    if (c >= 'A' && c <= 'Z') k = kClsUpper;
    if (c >= 'a' && c <= 'z') k = kClsLower;
    if (c >= '0' && c <= '9') k = kClsDigit;
    for (char p : std::string_view("!\"#%&'()*,-./:;?@[\\]_{}")) {
      if (c == p) k = kClsPunct;
    }
    t[c] = k;
  }
  return t;
}();

// An ASCII byte's CodePoint::packed value: the byte and its class.
constexpr std::array<uint32_t, 128> kAsciiPacked = [] {
  std::array<uint32_t, 128> t{};
  for (uint32_t c = 0; c < 128; ++c) t[c] = c | (static_cast<uint32_t>(kAsciiCls[c]) << 24);
  return t;
}();

uint8_t ClassifyCategory(uint32_t cp) {
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
      return kClsUpper;
    case UTF8PROC_CATEGORY_LL:
      return kClsLower;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
      return kClsLetter;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_CF:
      return kClsMark;
    case UTF8PROC_CATEGORY_ND:
      return kClsOtherDigit;
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
      return kClsPunct;
    case UTF8PROC_CATEGORY_ZS:
      return kClsSpace;
    default:
      return kClsSymbol;
  }
}

uint8_t ClassifyNonAscii(uint32_t cp) {
  if (cp == 0x200B) return kClsZwsp;
  if ((cp >= 0x200C && cp <= 0x200F) || cp == 0x2060 || cp == 0xFEFF ||
      (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
    return kClsIgnorable;
  }
  if (cp == 0x85 || cp == 0x2028) return kClsNewline;
  if (cp == 0x2029) return kClsParaSep;
  // Skin tone modifiers are grapheme extenders, not pictographs; alone they
  // still render as a colour swatch, so they start an emoji.
  if (cp >= 0x1F3FB && cp <= 0x1F3FF) return kClsEmoji;
  const utf8proc_property_t* p = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
  if (p->boundclass == UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC) {
    // Below U+2300 the pictographs (© ® ‼ ⁉ ™ ℹ ↔) are ordinary text unless
    // followed by VS16; from ⌚ on they are emoji in practice.
    return cp >= 0x2300 ? kClsEmoji : kClsTextEmoji;
  }
  if (p->boundclass == UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR) return kClsEmoji;
  return ClassifyCategory(cp);
}

// One decoded code point: the code point and its class packed together to
// keep the array at 8 bytes per entry.
struct CodePoint {
  uint32_t packed;  // code point in the low 24 bits, Cls in the high 8
  uint32_t byte;    // offset of its first byte
};

// End markers after the last code point; more than the longest fixed
// lookahead ("https://" is 8).
constexpr uint32_t kPadding = 16;

// ---------------------------------------------------------------------------
// Syllables

// Syllables of a word already mapped to codes: 'a'..'z' for Latin letters
// (accents stripped, lower case), 'x' for letters of other scripts, '-' for a
// hyphen. Everything else was dropped by the caller.
// Bit c - 'a' is set for the vowels a e i o u.
constexpr uint32_t kVowels = (1u << 0) | (1u << 4) | (1u << 8) | (1u << 14) | (1u << 20);

// The syllable rules of CountSyllables. Analyze applies the same rules
// inline while it scans a word (Analyzer::ScanWord); keep the two in step.
int SyllablesOfCodes(const char* s, size_t n) {
  auto vowel = [&](size_t k) {
    unsigned d = static_cast<unsigned char>(s[k]) - 'a';
    return d < 26 && ((kVowels >> d) & 1);
  };
  auto at_end = [&](size_t k) { return k >= n || s[k] == '-'; };
  // Whether a diphthong whose second vowel is at k - 1 closes its syllable:
  // at the end of the word (pan-dai, pu-lau) or before a consonant that
  // starts the next syllable (sau-da-ra, pu-lau-nya); before a final
  // consonant the vowels split (ma-in, ba-ik, ha-us).
  auto closes = [&](size_t k) {
    if (at_end(k)) return true;
    if (vowel(k)) return false;
    size_t unit = 1;
    if (!at_end(k + 1)) {
      char c = s[k], d = s[k + 1];
      if ((c == 'n' && (d == 'g' || d == 'y')) || (c == 'k' && d == 'h') ||
          (c == 's' && d == 'y')) {
        unit = 2;
      }
    }
    return !at_end(k + unit) && vowel(k + unit);
  };
  int total = 0, count = 0, letters = 0;
  bool prev_vowel = false;
  for (size_t k = 0; k < n; ++k) {
    if (s[k] == '-') {
      // No vowel: an initialism read out letter by letter (KTP = ka-te-pe)
      // when short, otherwise one unpronounceable chunk.
      if (count == 0 && letters > 0) count = letters <= 4 ? letters : 1;
      total += count;
      count = letters = 0;
      prev_vowel = false;
      continue;
    }
    ++letters;
    bool v = vowel(k);
    if (v && prev_vowel) {
      // One nucleus per vowel, except that ai, au, oi, ei merge. A merged
      // pair is always followed by a consonant or the end, so looking back
      // one vowel never merges a vowel twice.
      char a = s[k - 1], b = s[k];
      bool pair = (a == 'a' && (b == 'i' || b == 'u')) || ((a == 'o' || a == 'e') && b == 'i');
      if (!pair || !closes(k + 1)) ++count;
    } else {
      count += v;
    }
    prev_vowel = v;
  }
  if (count == 0 && letters > 0) count = letters <= 4 ? letters : 1;
  return total + count;
}

// Maps a Latin-1/Latin Extended-A vowel to its base vowel, 0 otherwise.
char BaseVowel(uint32_t cp) {
  if (cp >= 0xC0 && cp <= 0xC5) return 'a';
  if (cp >= 0xE0 && cp <= 0xE5) return 'a';
  if ((cp >= 0xC8 && cp <= 0xCB) || (cp >= 0xE8 && cp <= 0xEB)) return 'e';
  if ((cp >= 0xCC && cp <= 0xCF) || (cp >= 0xEC && cp <= 0xEF)) return 'i';
  if ((cp >= 0xD2 && cp <= 0xD6) || (cp >= 0xF2 && cp <= 0xF6)) return 'o';
  if ((cp >= 0xD9 && cp <= 0xDC) || (cp >= 0xF9 && cp <= 0xFC)) return 'u';
  if (cp >= 0x100 && cp <= 0x105) return 'a';
  if (cp >= 0x112 && cp <= 0x11B) return 'e';
  if (cp >= 0x128 && cp <= 0x131) return 'i';
  if (cp >= 0x14C && cp <= 0x151) return 'o';
  if (cp >= 0x168 && cp <= 0x173) return 'u';
  return 0;
}

int SyllablesImpl(std::string_view word) {
  // Words are short; a stack buffer avoids a heap allocation per token.
  char stack_buf[128] = {};
  std::string heap_buf;
  char* codes = stack_buf;
  if (word.size() > sizeof(stack_buf)) {
    heap_buf.resize(word.size());
    codes = heap_buf.data();
  }
  size_t n = 0;
  const auto* s = reinterpret_cast<const unsigned char*>(word.data());
  for (size_t i = 0; i < word.size();) {
    unsigned char b = s[i];
    if (b < 0x80) {
      if (IsAsciiLetter(b)) {
        codes[n++] = static_cast<char>(b | 0x20);
      } else if (b == '-') {
        codes[n++] = '-';
      }
      ++i;
      continue;
    }
    int len;
    uint32_t cp = DecodeAt(s, word.size(), i, &len);
    i += static_cast<size_t>(len);
    if (cp == 0x2010 || cp == 0x2011) {
      codes[n++] = '-';
    } else if (char v = BaseVowel(cp)) {
      codes[n++] = v;
    } else if (IsLetterCls(ClassifyCategory(cp))) {
      codes[n++] = 'x';
    }
  }
  return SyllablesOfCodes(codes, n);
}

// ---------------------------------------------------------------------------
// Abbreviations that do not end a sentence (lower case, without the final dot).

constexpr std::string_view kAbbreviations[] = {
    "a.n", "bp",   "bpk", "cv",  "dkk",  "dll",  "dr",   "dra", "drg", "drs", "ds",  "dsb",
    "dst", "gg",   "h",   "hj",  "hlm",  "ir",   "jl",   "jln", "kab", "kec", "kel", "ket",
    "kpd", "m.si", "no",  "nn",  "ny",   "prof", "prov", "pt",  "rt",  "rw",  "s.d", "s.kom",
    "sdr", "sdri", "st",  "tel", "telp", "tgl",  "tn",   "ttd", "u.p", "ybs", "yth",
};

// True for degrees and dotted initialisms ("S.Kom", "M.Si", "S.Pd", "a.n"):
// a first group of one or two letters, then groups of at most four, joined
// by dots. "Oke.Siap" (a missing space) does not qualify.
bool IsDottedAbbreviation(std::string_view s) {
  size_t dot = s.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot > 2) return false;
  size_t run = 0;
  for (char c : s) {
    if (c == '.') {
      if (run == 0) return false;
      run = 0;
    } else if (++run > 4) {
      return false;
    }
  }
  return run > 0;
}

// ---------------------------------------------------------------------------
// The analyser

inline bool IsWordLikeKind(TokenKind k) {
  return k == TokenKind::kWord || k == TokenKind::kNumber || k == TokenKind::kTime ||
         k == TokenKind::kMoney || k == TokenKind::kDate;
}

inline bool IsTerminatorCp(uint32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x203C || c == 0x2047 ||
         c == 0x2048 || c == 0x2049 || c == 0xFF01 || c == 0xFF1F || c == 0x3002;
}

inline bool IsCloserCp(uint32_t c) {
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' || c == 0x2019 || c == 0x201D ||
         c == 0xBB || c == 0x203A || c == 0xFF09;
}

class Analyzer {
 public:
  Analyzer(Document* doc, const CodePoint* cps, uint32_t count)
      : doc_(*doc), cps_(cps), count_(count) {}

  void Run() {
    uint32_t i = 0;
    bool space = true;  // the start of text counts as whitespace
    int newlines = 0;
    while (i < count_) {
      switch (Cls(i)) {
        case kClsSpace:
          space = true;
          ++i;
          continue;
        case kClsNewline:
          // \r\n is one line break.
          if (!(Cp(i) == '\n' && i > 0 && Cp(i - 1) == '\r')) newlines = std::min(newlines + 1, 2);
          space = true;
          ++i;
          continue;
        case kClsParaSep:
          newlines = 2;
          space = true;
          ++i;
          continue;
        case kClsZwsp:
        case kClsIgnorable:
          ++i;
          continue;
        default:
          break;
      }
      Token t;
      uint32_t end = ScanToken(i, &t);
      t.start = Byte(i);
      t.end = Byte(end);
      t.char_start = i;
      t.char_end = end;
      Emit(t, space, newlines);
      space = false;
      newlines = 0;
      i = end;
    }
    Finish();
  }

 private:
  // The array ends in kPadding end markers (class kClsEnd, code point 0) and
  // no lookahead reaches further than a few code points past a scanned one,
  // so the accessors need no bounds checks; every scanning loop stops at an
  // end marker because kClsEnd matches none of their conditions.
  uint32_t Cp(uint32_t i) const { return cps_[i].packed & 0xFFFFFF; }
  uint8_t Cls(uint32_t i) const { return static_cast<uint8_t>(cps_[i].packed >> 24); }
  uint32_t Byte(uint32_t i) const { return cps_[i].byte; }
  bool Digit(uint32_t i) const { return Cls(i) == kClsDigit; }
  bool AsciiAlnum(uint32_t i) const { return IsAsciiAlnum(Cp(i)); }
  // A digit, '#' or '*' followed by VS16 or the combining keycap is an emoji.
  bool KeycapAt(uint32_t i) const {
    uint32_t n = Cp(i + 1);
    return n == 0xFE0F || n == 0x20E3;
  }

  // End of a run of ASCII digits from i, stopping after max + 1 digits (so
  // callers can tell "too long" apart) and before a keycap digit.
  uint32_t DigitRun(uint32_t i, uint32_t max) const {
    uint32_t j = i;
    while (j - i <= max && Digit(j) && !KeycapAt(j)) ++j;
    return j;
  }
  uint32_t Value(uint32_t i, uint32_t j) const {
    uint32_t v = 0;
    for (; i < j; ++i) v = v * 10 + (Cp(i) - '0');
    return v;
  }
  // digits ([.,] digits)*
  uint32_t NumberEnd(uint32_t i) const {
    constexpr uint32_t kAny = std::numeric_limits<uint32_t>::max();
    uint32_t j = DigitRun(i, kAny);
    while ((Cp(j) == '.' || Cp(j) == ',') && Digit(j + 1) && !KeycapAt(j + 1)) {
      j = DigitRun(j + 1, kAny);
    }
    return j;
  }

  uint32_t SingleCharEnd(uint32_t i) const {
    uint32_t j = i + 1;
    while (Cls(j) == kClsMark) ++j;  // keep combining marks with their base
    return j;
  }

  uint32_t EmojiEnd(uint32_t i) const {
    utf8proc_int32_t state = 0;
    uint32_t j = i + 1;
    while (j < count_ &&
           !utf8proc_grapheme_break_stateful(static_cast<utf8proc_int32_t>(Cp(j - 1)),
                                             static_cast<utf8proc_int32_t>(Cp(j)), &state)) {
      ++j;
    }
    return j;
  }

  uint32_t ScanToken(uint32_t i, Token* t) {
    uint32_t c = Cp(i);
    uint8_t k = Cls(i);
    uint32_t end;
    switch (k) {
      case kClsEmoji:
        t->kind = TokenKind::kEmoji;
        return EmojiEnd(i);
      case kClsTextEmoji:
        if (Cp(i + 1) == 0xFE0F) {
          t->kind = TokenKind::kEmoji;
          return EmojiEnd(i);
        }
        t->kind = ClassifyCategory(c) == kClsPunct ? TokenKind::kPunct : TokenKind::kSymbol;
        return SingleCharEnd(i);
      case kClsDigit:
        if (KeycapAt(i)) {
          t->kind = TokenKind::kEmoji;
          return EmojiEnd(i);
        }
        return ScanNumeric(i, t);
      case kClsUpper:
      case kClsLower:
        if (c < 0x80) {
          if ((end = ScanUrlOrMoney(i, t)) != 0) return end;
          end = ScanWord(i, t);
          // Only a word that stops at a character an address can continue
          // with is worth the e-mail and domain checks.
          uint32_t next = Cp(end);
          if (next == '.' || next == '@' || next == '_' || next == '%' || next == '+' ||
              t->hyphenated) {
            Token address;
            if (uint32_t address_end = ScanAddress(i, &address)) {
              *t = address;
              return address_end;
            }
          }
          return end;
        }
        return ScanWord(i, t);
      case kClsLetter:
      case kClsOtherDigit:
        return ScanWord(i, t);
      case kClsPunct:
        if ((c == '#' || c == '*') && KeycapAt(i)) {
          t->kind = TokenKind::kEmoji;
          return EmojiEnd(i);
        }
        if (c == '#' && (end = HashtagEnd(i)) != 0) {
          t->kind = TokenKind::kHashtag;
          return end;
        }
        if (c == '@' && (end = MentionEnd(i)) != 0) {
          t->kind = TokenKind::kMention;
          return end;
        }
        if (c == '(' && (end = PhoneEnd(i)) != 0) {
          t->kind = TokenKind::kPhone;
          return end;
        }
        t->kind = TokenKind::kPunct;
        return SingleCharEnd(i);
      default:  // kClsSymbol, kClsMark
        if (c == '+' && (end = PhoneEnd(i)) != 0) {
          t->kind = TokenKind::kPhone;
          return end;
        }
        t->kind = TokenKind::kSymbol;
        return SingleCharEnd(i);
    }
  }

  // Digit start: phone, date, time, number, or a word like 4G / 90-an.
  uint32_t ScanNumeric(uint32_t i, Token* t) {
    uint32_t end;
    if (Cp(i) == '0' && (end = PhoneEnd(i)) != 0) {
      t->kind = TokenKind::kPhone;
      return end;
    }
    if ((end = DateEnd(i)) != 0) {
      t->kind = TokenKind::kDate;
      return end;
    }
    if ((end = TimeEnd(i)) != 0) {
      t->kind = TokenKind::kTime;
      return end;
    }
    end = NumberEnd(i);
    bool plain = end == DigitRun(i, std::numeric_limits<uint32_t>::max());
    if (plain && (IsLetterCls(Cls(end)) || (IsHyphen(Cp(end)) && IsLetterCls(Cls(end + 1))))) {
      return ScanWord(i, t);
    }
    t->kind = TokenKind::kNumber;
    return end;
  }

  // hh.mm / hh:mm / hh:mm:ss with hh <= 23 and mm, ss <= 59.
  uint32_t TimeEnd(uint32_t i) const {
    uint32_t h = DigitRun(i, 2);
    if (h - i > 2) return 0;
    uint32_t sep = Cp(h);
    if (sep != '.' && sep != ':') return 0;
    uint32_t m = DigitRun(h + 1, 2);
    if (m - (h + 1) != 2) return 0;
    if (Value(i, h) > 23 || Value(h + 1, m) > 59) return 0;
    uint32_t end = m;
    if (sep == ':' && Cp(end) == ':') {
      uint32_t s = DigitRun(end + 1, 2);
      if (s - (end + 1) == 2 && Value(end + 1, s) <= 59) end = s;
    }
    // "09.000" and "09.00.5" are numbers, not times followed by digits.
    uint32_t next = Cp(end);
    if (Digit(end) || ((next == '.' || next == ',' || next == ':') && Digit(end + 1))) return 0;
    return end;
  }

  // dd/mm, dd/mm/yy, dd/mm/yyyy, dd-mm-yyyy, yyyy-mm-dd with plausible ranges.
  uint32_t DateEnd(uint32_t i) const {
    uint32_t a = DigitRun(i, 4);
    uint32_t la = a - i;
    uint32_t sep = Cp(a);
    if (sep != '/' && sep != '-') return 0;
    uint32_t b = DigitRun(a + 1, 2);
    uint32_t lb = b - (a + 1);
    if (lb < 1 || lb > 2) return 0;
    uint32_t end;
    if (la == 4 && sep == '-') {
      if (Cp(b) != '-') return 0;
      uint32_t c = DigitRun(b + 1, 2);
      uint32_t lc = c - (b + 1);
      uint32_t month = Value(a + 1, b), day = Value(b + 1, c);
      if (lc < 1 || lc > 2 || month < 1 || month > 12 || day < 1 || day > 31) return 0;
      end = c;
    } else if (la >= 1 && la <= 2) {
      uint32_t day = Value(i, a), month = Value(a + 1, b);
      if (day < 1 || day > 31 || month < 1 || month > 12) return 0;
      end = b;
      if (sep == '-') {
        if (Cp(b) != '-') return 0;  // "12-08" alone is a range, not a date
        uint32_t y = DigitRun(b + 1, 4);
        if (y - (b + 1) != 4) return 0;
        end = y;
      } else if (Cp(b) == '/' && Digit(b + 1)) {
        uint32_t y = DigitRun(b + 1, 4);
        uint32_t ly = y - (b + 1);
        if (ly != 2 && ly != 4) return 0;
        end = y;
      }
    } else {
      return 0;
    }
    uint32_t next = Cp(end);
    if (Digit(end) ||
        ((next == '/' || next == '-' || next == '.' || next == ',') && Digit(end + 1))) {
      return 0;
    }
    return end;
  }

  // Indonesian phone numbers: 0812-7803-3021, 081278033021, +62 812 7803 3021,
  // (0717) 421234. At least 10 digits; groups after the first have >= 3
  // digits so a following "2 kali" is not swallowed.
  uint32_t PhoneEnd(uint32_t i) const {
    uint32_t j, digits, max_digits;
    uint32_t c = Cp(i);
    if (c == '+') {
      if (Cp(i + 1) != '6' || Cp(i + 2) != '2') return 0;
      j = i + 3;
      digits = 2;
      max_digits = 15;  // E.164
      if ((Cp(j) == ' ' || Cp(j) == '-') && Digit(j + 1)) ++j;
      if (!Digit(j)) return 0;
      uint32_t g = DigitRun(j, max_digits);
      digits += g - j;
      j = g;
    } else if (c == '(') {
      if (Cp(i + 1) != '0') return 0;
      uint32_t g = DigitRun(i + 1, 5);
      uint32_t lg = g - (i + 1);
      if (lg < 2 || lg > 5 || Cp(g) != ')') return 0;
      digits = lg;
      max_digits = 13;
      j = g + 1;
      if ((Cp(j) == ' ' || Cp(j) == '-') && Digit(j + 1)) ++j;
      if (!Digit(j)) return 0;
      g = DigitRun(j, max_digits);
      digits += g - j;
      j = g;
    } else {
      uint32_t g = DigitRun(i, 13);
      digits = g - i;
      max_digits = 13;
      if (digits < 3) return 0;
      j = g;
    }
    if (digits > max_digits) return 0;
    for (;;) {
      uint32_t sep = Cp(j);
      if ((sep != '-' && sep != ' ' && sep != '.') || !Digit(j + 1)) break;
      uint32_t g = DigitRun(j + 1, max_digits);
      uint32_t lg = g - (j + 1);
      if (lg < 3 || digits + lg > max_digits) break;
      digits += lg;
      j = g;
    }
    if (digits < 10 || IsWordCls(Cls(j))) return 0;
    return j;
  }

  uint32_t HashtagEnd(uint32_t i) const {
    uint32_t j = i + 1;
    bool letter = false;
    while (IsWordCls(Cls(j)) || Cp(j) == '_') {
      letter = letter || (Cls(j) != kClsDigit && Cls(j) != kClsOtherDigit);
      ++j;
    }
    return letter ? j : 0;  // "#1" is "nomor 1", not a tag
  }

  uint32_t MentionEnd(uint32_t i) const {
    uint32_t j = i + 1;
    while (AsciiAlnum(j) || Cp(j) == '_' || Cp(j) == '.') ++j;
    while (j > i + 1 && Cp(j - 1) == '.') --j;  // "@dinkes." ends a sentence
    if (j == i + 1) return 0;
    if (Cp(j) == '@' && AsciiAlnum(j + 1)) {  // Mastodon @user@host
      uint32_t last;
      uint32_t h = HostEnd(j + 1, &last);
      if (h != 0) j = h;
    }
    return j;
  }

  // DNS labels [A-Za-z0-9-]+ joined by dots, at least two, at most 253
  // characters. Returns the end (0 when not a host name) and where the last
  // label starts.
  uint32_t HostEnd(uint32_t i, uint32_t* last_label) const {
    uint32_t j = i;
    int labels = 0;
    for (;;) {
      if (!AsciiAlnum(j)) return 0;
      *last_label = j;
      while (AsciiAlnum(j) || Cp(j) == '-') {
        if (++j - i > 253) return 0;
      }
      ++labels;
      if (Cp(j) == '.' && AsciiAlnum(j + 1)) {
        ++j;
        continue;
      }
      break;
    }
    return labels >= 2 ? j : 0;
  }

  bool LabelIs(uint32_t i, uint32_t j, std::string_view want) const {
    if (j - i != want.size()) return false;
    for (uint32_t k = 0; k < want.size(); ++k) {
      if ((Cp(i + k) | 0x20) != static_cast<uint32_t>(want[k])) return false;
    }
    return true;
  }

  bool MatchAsciiLower(uint32_t i, std::string_view want) const {
    for (uint32_t k = 0; k < want.size(); ++k) {
      uint32_t c = Cp(i + k);
      if (IsAsciiLetter(c)) c |= 0x20;
      if (c != static_cast<uint32_t>(want[k])) return false;
    }
    return true;
  }

  // The rest of a URL from j: up to whitespace or a character that cannot be
  // in a URL, minus trailing punctuation that belongs to the sentence.
  uint32_t UrlEnd(uint32_t start, uint32_t j) const {
    int opens = 0, closes = 0;
    while (j < count_) {
      uint32_t c = Cp(j);
      uint8_t k = Cls(j);
      if (c < 0x80) {
        if (k == kClsSpace || k == kClsNewline || c < 0x20 || c == 0x7F) break;
        if (c == '<' || c == '>' || c == '"' || c == '`' || c == '{' || c == '}' || c == '|' ||
            c == '\\' || c == '^') {
          break;
        }
        opens += c == '(';
        closes += c == ')';
      } else if (!(IsLetterCls(k) || k == kClsMark || k == kClsOtherDigit)) {
        break;
      }
      ++j;
    }
    while (j > start) {
      uint32_t c = Cp(j - 1);
      if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
          c == '*') {
        --j;
      } else if (c == ')' && closes > opens) {
        --closes;
        --j;
      } else {
        break;
      }
    }
    return j;
  }

  // ASCII letter start: http(s):// or www. URL, or Rp amount; 0 if none.
  uint32_t ScanUrlOrMoney(uint32_t i, Token* t) const {
    uint32_t c = Cp(i) | 0x20;
    if (c == 'h') {
      uint32_t after = 0;
      if (MatchAsciiLower(i, "http://")) after = i + 7;
      if (MatchAsciiLower(i, "https://")) after = i + 8;
      if (after != 0 && (AsciiAlnum(after) || IsLetterCls(Cls(after)))) {
        t->kind = TokenKind::kUrl;
        return UrlEnd(after, after);
      }
    } else if (c == 'w') {
      if (MatchAsciiLower(i, "www.") && AsciiAlnum(i + 4)) {
        t->kind = TokenKind::kUrl;
        return UrlEnd(i + 4, i + 4);
      }
    } else if (c == 'r') {
      // Rp50.000, Rp1,5, Rp50.000,- (the ",-" is part of the amount).
      if ((Cp(i + 1) | 0x20) == 'p' && Digit(i + 2)) {
        uint32_t j = NumberEnd(i + 2);
        if (Cp(j) == ',' && Cp(j + 1) == '-' && !IsWordCls(Cls(j + 2))) j += 2;
        t->kind = TokenKind::kMoney;
        return j;
      }
    }
    return 0;
  }

  // ASCII letter start: e-mail address or bare domain; 0 if neither.
  uint32_t ScanAddress(uint32_t i, Token* t) const {
    // E-mail: local@host.tld. Counted as a URL (it is a link in every client).
    uint32_t j = i;
    while (j - i < 64 && (AsciiAlnum(j) || Cp(j) == '.' || Cp(j) == '_' || Cp(j) == '%' ||
                          Cp(j) == '+' || Cp(j) == '-')) {
      ++j;
    }
    if (Cp(j) == '@' && Cp(j - 1) != '.') {
      uint32_t last;
      uint32_t h = HostEnd(j + 1, &last);
      if (h != 0 && h - last >= 2 && IsAsciiLetter(Cp(last)) && !IsWordCls(Cls(h))) {
        t->kind = TokenKind::kUrl;
        return h;
      }
    }
    // Bare domain: pangkalpinangkota.go.id, optionally with a path.
    uint32_t last;
    uint32_t h = HostEnd(i, &last);
    if (h == 0 || IsWordCls(Cls(h)) || Cp(h) == '@') return 0;
    if (!LabelIs(last, h, "id") && !LabelIs(last, h, "com") && !LabelIs(last, h, "org") &&
        !LabelIs(last, h, "net")) {
      return 0;
    }
    t->kind = TokenKind::kUrl;
    return Cp(h) == '/' ? UrlEnd(h, h) : h;
  }

  // SyllablesOfCodes' diphthong test on the code point array: j holds the
  // second vowel of a candidate pair (ai, au, oi, ei); true when the pair
  // forms one nucleus. Only called inside runs of ASCII letters, where
  // anything else ends the word part.
  bool ClosesDiphthong(uint32_t j) const {
    uint32_t a = Cp(j - 1) | 0x20, b = Cp(j) | 0x20;
    if (!((a == 'a' && (b == 'i' || b == 'u')) || ((a == 'o' || a == 'e') && b == 'i'))) {
      return false;
    }
    auto letter = [&](uint32_t k) { return ((Cp(k) | 0x20) - 'a') < 26; };
    auto vowel = [&](uint32_t k) {
      uint32_t d = (Cp(k) | 0x20) - 'a';
      return d < 26 && ((kVowels >> d) & 1);
    };
    uint32_t k = j + 1;
    if (!letter(k)) return true;
    if (vowel(k)) return false;
    uint32_t unit = 1;
    if (letter(k + 1)) {
      uint32_t c = Cp(k) | 0x20, d = Cp(k + 1) | 0x20;
      if ((c == 'n' && (d == 'g' || d == 'y')) || (c == 'k' && d == 'h') ||
          (c == 's' && d == 'y')) {
        unit = 2;
      }
    }
    return letter(k + unit) && vowel(k + unit);
  }

  // Letters, digits and marks; hyphens and apostrophes between them; invisible
  // zero-width characters (other than ZWSP) between them.
  uint32_t ScanWord(uint32_t i, Token* t) const {
    t->kind = TokenKind::kWord;
    uint32_t j = i;
    uint32_t letters = 0, upper = 0;
    // While the word has only ASCII letters and '-' ("plain"), syllables are
    // counted on the fly with the rules of SyllablesOfCodes; other words are
    // recounted from their text at the end.
    bool plain = true;
    int syllables = 0, part_nuclei = 0, part_letters = 0;
    bool prev_vowel = false;
    auto finish_part = [&] {
      if (part_nuclei == 0 && part_letters > 0) part_nuclei = part_letters <= 4 ? part_letters : 1;
      syllables += part_nuclei;
      part_nuclei = part_letters = 0;
      prev_vowel = false;
    };
    for (;;) {
      // The common case: a run of ASCII letters. The letter test also
      // rejects every code point >= 0x80 (c | 0x20 is then >= 0xA0), and the
      // end markers (code point 0).
      uint32_t run = j;
      for (;;) {
        uint32_t c = cps_[j].packed & 0xFFFFFF;
        uint32_t d = (c | 0x20) - 'a';
        if (d >= 26) break;
        upper += (c & 0x20) == 0;
        bool vowel = (kVowels >> d) & 1;
        if (vowel && prev_vowel) {
          if (!ClosesDiphthong(j)) ++part_nuclei;
        } else {
          part_nuclei += vowel;
        }
        prev_vowel = vowel;
        ++j;
      }
      letters += j - run;
      part_letters += static_cast<int>(j - run);
      uint8_t k = Cls(j);
      if (IsWordCls(k)) {
        plain = false;
        if (IsLetterCls(k)) {
          ++letters;
          upper += k == kClsUpper;
        }
        ++j;
        continue;
      }
      if (k == kClsIgnorable) {
        uint32_t e = j;
        while (Cls(e) == kClsIgnorable) ++e;
        if (IsWordCls(Cls(e))) {
          plain = false;
          j = e;
          continue;
        }
        break;
      }
      uint32_t c = Cp(j);
      uint8_t prev = Cls(j - 1);
      uint8_t next = Cls(j + 1);
      if (IsHyphen(c) && IsWordCls(prev) && prev != kClsMark &&
          (IsLetterCls(next) || next == kClsDigit || next == kClsOtherDigit)) {
        t->hyphenated = true;
        plain = plain && c == '-';
        finish_part();
        ++j;  // the part after the hyphen is scanned by the loops above
        continue;
      }
      if ((c == '\'' || c == 0x2019) && IsLetterCls(prev) && IsLetterCls(next)) {
        plain = false;
        ++j;
        continue;
      }
      break;
    }
    // The first letter need not be the first code point (4G, 90-an).
    if (letters > 0) {
      uint32_t f = i;
      while (!IsLetterCls(Cls(f))) ++f;
      t->capitalized = Cls(f) == kClsUpper;
    }
    t->letters = static_cast<uint8_t>(std::min<uint32_t>(letters, 255));
    t->all_caps = letters >= 2 && upper == letters;
    if (plain) {
      finish_part();
    } else {
      syllables = SyllablesImpl({doc_.lower.data() + Byte(i), Byte(j) - Byte(i)});
    }
    t->syllables = static_cast<uint8_t>(std::min(syllables, 255));
    return j;
  }

  // Sentence and paragraph bookkeeping, one token at a time.
  void Emit(Token& t, bool space, int newlines) {
    auto& tokens = doc_.tokens;
    uint32_t k = static_cast<uint32_t>(tokens.size());
    uint32_t first = Cp(t.char_start);
    bool terminator = t.kind == TokenKind::kPunct && IsTerminatorCp(first);
    if (k == 0) {
      OpenParagraph();
      OpenSentence(0);
    } else {
      bool boundary = newlines > 0;
      if (run_active_) {
        if (space || newlines > 0) {
          boundary = boundary || (!run_abbrev_ && Cls(t.char_start) != kClsLower);
          run_active_ = false;
        } else if (!(terminator || t.kind == TokenKind::kEmoji ||
                     (t.kind == TokenKind::kPunct && IsCloserCp(first)))) {
          run_active_ = false;  // "a.b": the run did not end at whitespace
        }
      }
      if (boundary) {
        CloseSentence(k);
        if (newlines >= 2) {
          CloseParagraph();
          OpenParagraph();
        }
        OpenSentence(k);
      }
    }
    t.sentence = static_cast<uint32_t>(doc_.sentences.size() - 1);
    t.space_before = space || newlines > 0;
    if (IsWordLikeKind(t.kind)) ++doc_.sentences.back().words;
    tokens.push_back(t);
    if (terminator) {
      if (run_active_) {
        run_abbrev_ = false;  // "dll..." or "?!": a run of terminators ends a sentence
      } else {
        run_active_ = true;
        run_abbrev_ = first == '.' && k > 0 && IsAbbreviationBefore(tokens[k - 1], t);
      }
    }
  }

  // The period token `dot` directly follows `prev`: is prev an abbreviation?
  bool IsAbbreviationBefore(const Token& prev, const Token& dot) const {
    if (prev.kind != TokenKind::kWord || prev.end != dot.start) return false;
    const std::string& low = doc_.lower;
    uint32_t b = dot.start;
    uint32_t limit = b > 16 ? b - 16 : 0;
    auto part = [&](uint32_t p) {
      return IsAsciiLetter(static_cast<unsigned char>(low[p])) || low[p] == '.';
    };
    while (b > limit && part(b - 1)) --b;
    if (b > prev.start) return false;        // the word has non-ASCII letters
    if (b > 0 && part(b - 1)) return false;  // longer than any abbreviation
    while (b < dot.start && low[b] == '.') ++b;
    std::string_view chunk(low.data() + b, dot.start - b);
    if (chunk.size() == 1 && doc_.text[b] >= 'A' && doc_.text[b] <= 'Z') return true;  // initials
    for (std::string_view a : kAbbreviations) {
      if (a == chunk) return true;
    }
    return IsDottedAbbreviation(chunk);
  }

  void OpenParagraph() {
    Paragraph p;
    p.first_sentence = static_cast<uint32_t>(doc_.sentences.size());
    doc_.paragraphs.push_back(p);
  }
  void CloseParagraph() {
    Paragraph& p = doc_.paragraphs.back();
    p.end_sentence = static_cast<uint32_t>(doc_.sentences.size());
    p.start = doc_.sentences[p.first_sentence].start;
    p.end = doc_.sentences.back().end;
  }
  void OpenSentence(uint32_t first_token) {
    Sentence s;
    s.first_token = first_token;
    s.paragraph = static_cast<uint32_t>(doc_.paragraphs.size() - 1);
    doc_.sentences.push_back(s);
  }
  void CloseSentence(uint32_t end_token) {
    Sentence& s = doc_.sentences.back();
    s.end_token = end_token;
    const Token& a = doc_.tokens[s.first_token];
    const Token& z = doc_.tokens[end_token - 1];
    s.start = a.start;
    s.char_start = a.char_start;
    s.end = z.end;
    s.char_end = z.char_end;
  }
  void Finish() {
    if (doc_.tokens.empty()) return;
    CloseSentence(static_cast<uint32_t>(doc_.tokens.size()));
    CloseParagraph();
  }

  Document& doc_;
  const CodePoint* cps_;
  uint32_t count_;
  bool run_active_ = false;  // the last tokens are an unbroken run of . ! ? … (+ closers)
  bool run_abbrev_ = false;  // that run is a single period after an abbreviation
};

// ---------------------------------------------------------------------------
// HTML

// Gumbo frees its tree recursively, which a deeply nested document turns
// into a stack overflow. Every allocation goes through this list instead and
// is released in one loop, so gumbo_destroy_output is never called.
struct alignas(16) ArenaBlock {
  ArenaBlock* prev;
  ArenaBlock* next;
};
static_assert(sizeof(ArenaBlock) == 16);

struct Arena {
  ArenaBlock head{&head, &head};
  ~Arena() {
    ArenaBlock* b = head.next;
    while (b != &head) {
      ArenaBlock* next = b->next;
      std::free(b);
      b = next;
    }
  }
};

void* ArenaAllocate(void* userdata, size_t size) {
  auto* arena = static_cast<Arena*>(userdata);
  auto* b = static_cast<ArenaBlock*>(std::malloc(sizeof(ArenaBlock) + size));
  if (b == nullptr) std::abort();  // gumbo does not handle allocation failure
  b->prev = &arena->head;
  b->next = arena->head.next;
  arena->head.next->prev = b;
  arena->head.next = b;
  return b + 1;
}

void ArenaDeallocate(void*, void* ptr) {
  if (ptr == nullptr) return;
  ArenaBlock* b = static_cast<ArenaBlock*>(ptr) - 1;
  b->prev->next = b->next;
  b->next->prev = b->prev;
  std::free(b);
}

// Collects visible text, collapsing whitespace and deferring breaks so that
// the output has no leading or trailing whitespace.
class TextWriter {
 public:
  void Text(const char* s) {
    for (; *s != '\0'; ++s) {
      char c = *s;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        pending_space_ = true;
      } else {
        Flush();
        out_.push_back(c);
      }
    }
  }
  void LineBreak() { ++pending_newlines_; }
  void AtLeast(int newlines) { pending_newlines_ = std::max(pending_newlines_, newlines); }
  void Space() { pending_space_ = true; }
  std::string Take() { return std::move(out_); }

 private:
  void Flush() {
    if (!out_.empty()) {
      if (pending_newlines_ > 0) {
        out_.append(static_cast<size_t>(pending_newlines_), '\n');
      } else if (pending_space_) {
        out_.push_back(' ');
      }
    }
    pending_newlines_ = 0;
    pending_space_ = false;
  }

  std::string out_;
  int pending_newlines_ = 0;
  bool pending_space_ = false;
};

bool HasClass(const GumboElement& el, std::string_view want) {
  const GumboAttribute* a = gumbo_get_attribute(&el.attributes, "class");
  if (a == nullptr || a->value == nullptr) return false;
  std::string_view v(a->value);
  size_t i = 0;
  while (i < v.size()) {
    while (i < v.size() &&
           (v[i] == ' ' || v[i] == '\t' || v[i] == '\n' || v[i] == '\r' || v[i] == '\f')) {
      ++i;
    }
    size_t j = i;
    while (j < v.size() &&
           !(v[j] == ' ' || v[j] == '\t' || v[j] == '\n' || v[j] == '\r' || v[j] == '\f')) {
      ++j;
    }
    if (v.substr(i, j - i) == want) return true;
    i = j;
  }
  return false;
}

bool IsSkippedElement(const GumboElement& el) {
  switch (el.tag) {
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_SELECT:
      return true;
    default:
      return HasClass(el, "invisible");  // Mastodon hides the scheme and URL tail
  }
}

// Line breaks an element adds before and after its content.
int BlockBreaks(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_HR:
      return 2;
    case GUMBO_TAG_LI:  // list items and rows are lines, not paragraphs
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_TR:
      return 1;
    default:
      return 0;
  }
}

// Replaces malformed sequences with U+FFFD (defence in depth: gumbo already
// emits only valid code points).
std::string SanitizeUtf8(std::string s) {
  if (IsValidUtf8(s)) return s;
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t i = 0; i < s.size();) {
    int len;
    uint32_t cp = DecodeAt(p, s.size(), i, &len);
    if (cp == 0xFFFD && len == 1) {
      AppendUtf8(0xFFFD, &out);
    } else {
      out.append(s, i, static_cast<size_t>(len));
    }
    i += static_cast<size_t>(len);
  }
  return out;
}

// Twitter-text v3 weight of one code point.
inline int XWeight(uint32_t cp) {
  if (cp <= 0x10FF || (cp >= 0x2000 && cp <= 0x200D) || (cp >= 0x2010 && cp <= 0x201F) ||
      (cp >= 0x2032 && cp <= 0x2037)) {
    return 1;
  }
  return 2;
}

int64_t XWeightRange(std::string_view text, size_t from, size_t to) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  int64_t w = 0;
  for (size_t i = from; i < to;) {
    if (s[i] < 0x80) {
      ++w;
      ++i;
      continue;
    }
    int len;
    w += XWeight(DecodeAt(s, to, i, &len));
    i += static_cast<size_t>(len);
  }
  return w;
}

int ClampToInt(int64_t v) {
  return static_cast<int>(std::min<int64_t>(v, std::numeric_limits<int>::max()));
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // ASCII fast path, eight bytes at a time.
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s + i, 8);
      if ((w & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char b = s[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    auto cont = [&](size_t k) { return k < n && (s[k] & 0xC0) == 0x80; };
    if (b >= 0xC2 && b < 0xE0) {
      if (!cont(i + 1)) return false;
      i += 2;
    } else if (b >= 0xE0 && b < 0xF0) {
      if (!cont(i + 1) || !cont(i + 2)) return false;
      if (b == 0xE0 && s[i + 1] < 0xA0) return false;   // overlong
      if (b == 0xED && s[i + 1] >= 0xA0) return false;  // surrogate
      i += 3;
    } else if (b >= 0xF0 && b < 0xF5) {
      if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return false;
      if (b == 0xF0 && s[i + 1] < 0x90) return false;   // overlong
      if (b == 0xF4 && s[i + 1] >= 0x90) return false;  // above U+10FFFF
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

Document Analyze(std::string_view text) {
  Document doc;
  doc.text.assign(text);
  doc.lower.assign(text);
  // Offsets are 32-bit; anything longer is outside the contract.
  if (text.empty() || text.size() >= std::numeric_limits<uint32_t>::max()) return doc;

  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  char* const low = doc.lower.data();
  // ASCII lower case eight bytes at a time, in its own loop: stores through
  // a char pointer inside the decode loop would force the compiler to reload
  // everything it keeps in registers there.
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, s + i, 8);
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
    uint64_t seven = w & ~kHigh;
    uint64_t ge_a = seven + (0x80 - 'A') * kOnes;      // high bit: byte >= 'A'
    uint64_t gt_z = seven + (0x80 - 'Z' - 1) * kOnes;  // high bit: byte > 'Z'
    uint64_t upper = ge_a & ~gt_z & ~w & kHigh;        // ASCII bytes in A..Z
    w |= upper >> 2;                                   // 0x80 >> 2 == 0x20
    std::memcpy(low + i, &w, 8);
  }
  for (; i < n; ++i) {
    unsigned char b = s[i];
    low[i] = static_cast<char>(static_cast<unsigned>(b - 'A') < 26u ? b | 0x20 : b);
  }
  // Uninitialised on purpose: every used entry is written below.
  std::unique_ptr<CodePoint[]> cps(new CodePoint[n + kPadding]);
  CodePoint* out = cps.get();
  for (i = 0; i < n;) {
    // Eight ASCII bytes at a time: the common case for Indonesian text.
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s + i, 8);
      if ((w & 0x8080808080808080ull) == 0) {
        auto base = static_cast<uint32_t>(i);
        for (uint32_t k = 0; k < 8; ++k) {
          out[k] = {kAsciiPacked[(w >> (8 * k)) & 0x7F], base + k};
        }
        out += 8;
        i += 8;
        continue;
      }
    }
    unsigned char b = s[i];
    if (b < 0x80) {
      *out++ = {kAsciiPacked[b], static_cast<uint32_t>(i)};
      ++i;
      continue;
    }
    int len;
    uint32_t cp = DecodeAt(s, n, i, &len);
    uint8_t cls = ClassifyNonAscii(cp);
    *out++ = {cp | (static_cast<uint32_t>(cls) << 24), static_cast<uint32_t>(i)};
    // Lower-case Latin-1 and Latin Extended-A letters whose lower case has
    // the same two-byte length, so offsets into `lower` match `text`.
    if (cls == kClsUpper && cp < 0x180) {
      auto lc = static_cast<uint32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
      if (lc != cp && lc >= 0x80 && lc < 0x800) {
        low[i] = static_cast<char>(0xC0 | (lc >> 6));
        low[i + 1] = static_cast<char>(0x80 | (lc & 0x3F));
      }
    }
    i += static_cast<size_t>(len);
  }
  auto count = static_cast<uint32_t>(out - cps.get());
  for (uint32_t k = 0; k < kPadding; ++k) {
    out[k] = {static_cast<uint32_t>(kClsEnd) << 24, static_cast<uint32_t>(n)};
  }

  // Roughly one token per five bytes of Indonesian text.
  doc.tokens.reserve(n / 5 + 8);
  doc.sentences.reserve(n / 80 + 2);
  doc.paragraphs.reserve(2);
  Analyzer(&doc, cps.get(), count).Run();
  return doc;
}

int CountSyllables(std::string_view word) { return SyllablesImpl(word); }

std::string HtmlToText(std::string_view html) {
  Arena arena;
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = ArenaAllocate;
  options.deallocator = ArenaDeallocate;
  options.userdata = &arena;
  options.max_errors = 0;  // errors are not used; do not collect them
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  if (output == nullptr || output->root == nullptr) return std::string();

  TextWriter writer;
  struct Frame {
    const GumboNode* node;
    unsigned int next_child;
  };
  // An explicit stack: hostile HTML nests thousands of elements deep.
  std::vector<Frame> stack;
  stack.push_back({output->root, 0});
  while (!stack.empty()) {
    Frame& top = stack.back();
    const GumboVector& children = top.node->v.element.children;
    if (top.next_child >= children.length) {
      const GumboNode* node = top.node;
      stack.pop_back();
      GumboTag tag = node->v.element.tag;
      if (int breaks = BlockBreaks(tag)) writer.AtLeast(breaks);
      if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) writer.Space();
      continue;
    }
    const auto* child = static_cast<const GumboNode*>(children.data[top.next_child++]);
    switch (child->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        if (child->v.text.text != nullptr) writer.Text(child->v.text.text);
        break;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        const GumboElement& el = child->v.element;
        if (IsSkippedElement(el)) break;
        if (el.tag == GUMBO_TAG_BR) {
          writer.LineBreak();
          break;
        }
        if (int breaks = BlockBreaks(el.tag)) writer.AtLeast(breaks);
        stack.push_back({child, 0});  // invalidates `top`
        break;
      }
      default:  // comments, the document node
        break;
    }
  }
  // `arena` frees the whole tree when it goes out of scope.
  return SanitizeUtf8(writer.Take());
}

int PlatformLength(Platform platform, const Document& doc) {
  const std::string& text = doc.text;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  switch (platform) {
    case Platform::kX: {
      int64_t total = 0;
      size_t pos = 0;
      for (const Token& t : doc.tokens) {
        if (t.kind != TokenKind::kUrl && t.kind != TokenKind::kEmoji) continue;
        total += XWeightRange(text, pos, t.start);
        total += t.kind == TokenKind::kUrl ? 23 : 2;
        pos = t.end;
      }
      total += XWeightRange(text, pos, n);
      return ClampToInt(total);
    }
    case Platform::kBluesky: {
      if (n == 0) return 0;
      int64_t clusters = 1;
      utf8proc_int32_t state = 0;
      int len;
      uint32_t prev = DecodeAt(s, n, 0, &len);
      for (size_t i = static_cast<size_t>(len); i < n; i += static_cast<size_t>(len)) {
        uint32_t cp = DecodeAt(s, n, i, &len);
        bool brk;
        if (prev < 0x80 && cp < 0x80 && !(prev == '\r' && cp == '\n')) {
          brk = true;  // two ASCII characters always break, except CR LF
          state = 0;   // safe after a break
        } else {
          brk = utf8proc_grapheme_break_stateful(static_cast<utf8proc_int32_t>(prev),
                                                 static_cast<utf8proc_int32_t>(cp), &state);
        }
        clusters += brk;
        prev = cp;
      }
      return ClampToInt(clusters);
    }
    default: {
      int64_t cps = 0;
      for (size_t i = 0; i < n; ++i) cps += (s[i] & 0xC0) != 0x80;
      return ClampToInt(cps);
    }
  }
}

}  // namespace tanggap::scorer
