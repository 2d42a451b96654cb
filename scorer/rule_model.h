// Private to scorer/: a loaded rule pack, compiled for fast scoring.
#ifndef TANGGAP_SCORER_RULE_MODEL_H_
#define TANGGAP_SCORER_RULE_MODEL_H_

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "scorer/formula.h"
#include "scorer/pattern.h"
#include "scorer/scorer.h"

namespace tanggap::scorer {

enum class CheckType {
  kExistence,
  kSubstitution,
  kOccurrence,
  kRepetition,
  kConditional,
  kCapitalization,
  kMetric,
  kLength,
  kAltText,
  kCompleteness
};
std::string_view CheckTypeName(CheckType t);
enum class Scope { kText, kParagraph, kSentence };
std::string_view ScopeName(Scope s);

// A number that may differ per platform: `max: 5` or `max: {x: 2, default: 5}`.
struct PerPlatform {
  std::array<std::optional<double>, kAllPlatforms.size()> by_platform;
  std::optional<double> fallback;
  bool set() const {
    if (fallback) return true;
    for (const auto& v : by_platform) {
      if (v) return true;
    }
    return false;
  }
  std::optional<double> Get(std::optional<Platform> p) const {
    if (p && by_platform[static_cast<size_t>(*p)]) return by_platform[static_cast<size_t>(*p)];
    return fallback;
  }
};

struct Example {
  std::string text;
  std::optional<Platform> platform;
  std::optional<std::string> kind;  // context kind given by the caller (ScoreInput::kind)
  std::vector<Media> media;
  int line = 0;
};

struct Rule {
  std::string id, file;
  int line = 0;
  CheckType type = CheckType::kExistence;
  Level level = Level::kWarning;
  Scope scope = Scope::kText;
  Localized message, suggestion;
  std::vector<std::string> sources;
  std::vector<Platform> platforms;  // empty = all
  std::vector<std::string> kinds;   // empty = all
  std::vector<Example> bad, good;

  bool case_sensitive = false;
  WordLists lists;
  std::vector<Pattern>
      patterns;  // existence/occurrence tokens, substitution bad forms, conditional first
  std::vector<std::string> replacements;  // substitution: the good form for patterns[i]
  std::vector<Pattern> exceptions;        // existence
  std::vector<Pattern> follow;            // existence unless_followed_by
  int follow_within = 0;
  std::vector<Pattern> second;  // conditional
  WordSet exception_words;      // repetition, conditional, capitalization, metric (passive)
  PerPlatform max, min;         // occurrence, metric
  // capitalization
  bool camel_hashtag = false;
  double max_share = 0.2;
  int min_letters = 4;
  // metric
  std::optional<Formula> formula;
  int long_word_syllables = 5, long_sentence_words = 20;
  std::optional<double> escalate_above;
  Level escalate_level = Level::kError;
  // length, alt_text
  PerPlatform limits, max_chars;
  std::vector<std::string> weak_starts;  // lower case
  // completeness
  std::vector<std::pair<std::string, std::vector<Pattern>>> elements;
  int within_chars = 0;
};

struct PostKind {
  std::string id, name;
  WordSet cues;
};

// Where a pattern's first token can be found: by its lower-case word, or by
// token kind. One pass over a post's tokens finds every candidate match.
struct PatternRef {
  uint16_t rule;
  uint16_t pattern;
  uint8_t role;  // 0: Rule::patterns, 1: Rule::exceptions, 2 + k: Rule::elements[k]
};
inline constexpr size_t kMaxElements = 200;
inline constexpr size_t kMaxLanguages = 8;
inline constexpr size_t kMaxKinds = 24;

struct RulePack::Impl {
  std::string name, version, language;
  std::string dir;                                        // set by Load
  std::map<std::string, std::string> data_files;          // pack.yml `data:` name -> file
  std::map<std::string, WordSet, std::less<>> stopwords;  // language -> words
  std::vector<PostKind> kinds;
  std::array<int, 3> each = {2, 5, 10};  // by Level
  std::array<int, 3> max_per_rule = {4, 10, 20};
  std::vector<std::unique_ptr<Rule>> rules;

  // Everything known about a lower-case word, so scoring looks each token up
  // once: the patterns that can start at it, and `info` bits: bit i (<
  // kMaxLanguages) = stopword of stopword_languages[i]; bit kMaxLanguages +
  // k = cue of kinds[k].
  struct WordEntry {
    std::vector<PatternRef> refs;
    uint32_t info = 0;
  };
  std::unordered_map<std::string, WordEntry, StringHash, std::equal_to<>> word_index;
  std::vector<std::string> stopword_languages;
  std::array<std::vector<PatternRef>, 12> kind_index;

  void BuildIndex();
  ScoreResult Score(const ScoreInput& input) const;
};

}  // namespace tanggap::scorer

#endif  // TANGGAP_SCORER_RULE_MODEL_H_
