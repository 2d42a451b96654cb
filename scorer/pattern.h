// Private to scorer/: token patterns (docs/rules-format.md, "Token
// patterns"), compiled at rule-load time and matched without regexes.
#ifndef TANGGAP_SCORER_PATTERN_H_
#define TANGGAP_SCORER_PATTERN_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "scorer/text.h"
#include "util/status.h"

namespace tanggap::scorer {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using WordSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

struct PatternItem {
  enum class Type : uint8_t {
    kLiteral,
    kKind,
    kTimeColon,
    kAcronym,
    kAllCaps,
    kList,
    kUrlHost,
    kBackref
  };
  Type type = Type::kLiteral;
  TokenKind kind = TokenKind::kWord;  // kKind
  bool no_space_before = false;       // '~'
  std::string literal;                // kLiteral: lower case unless the pattern is case sensitive
  const WordSet* list = nullptr;      // kList: owned by the rule
  std::vector<std::string> hosts;     // kUrlHost
};

struct Pattern {
  std::string source;  // as written, for messages
  bool sentence_start = false;
  bool case_sensitive = false;
  std::vector<PatternItem> items;
};

// Named word lists a rule declares under `lists:`; `<@name>` refers to them.
using WordLists = std::map<std::string, WordSet, std::less<>>;

// Compiles one pattern. Literal text is split into tokens the way post text
// is ("Rp." is "Rp" then "." with no space), so patterns read naturally.
Result<Pattern> CompilePattern(std::string_view text, const WordLists& lists, bool case_sensitive);

// Tries the pattern at token `at`. On a match sets *end (exclusive token
// index) and returns true. Every token must lie in one sentence. `backref`
// is what $1 must equal (case sensitive).
bool MatchPattern(const Pattern& p, const Document& doc, uint32_t at, uint32_t* end,
                  std::string_view backref = {});

// True when the first item could match token t (used to index patterns).
bool FirstItemMatches(const PatternItem& item, const Document& doc, const Token& t,
                      bool case_sensitive, std::string_view backref);

}  // namespace tanggap::scorer

#endif  // TANGGAP_SCORER_PATTERN_H_
