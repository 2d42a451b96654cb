// Clarity scoring: a rule pack (rules/<pack>/, YAML edited by trainers)
// applied to a post's text gives findings, each with a span, a message and a
// suggestion, and a 0-100 score whose every lost point is explained.
// Formats and formula: docs/rules-format.md.
//
// Loading reads files; everything else is pure. A loaded RulePack is
// immutable, so one pack can score on many threads at once.
#ifndef TANGGAP_SCORER_SCORER_H_
#define TANGGAP_SCORER_SCORER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/records.h"
#include "util/status.h"

namespace tanggap::scorer {

enum class Level { kSuggestion, kWarning, kError };
std::string_view LevelName(Level level);  // "suggestion", "warning", "error"

struct Localized {
  std::string id;  // Indonesian (always present)
  std::string en;  // English (falls back to Indonesian when a rule has none)
  const std::string& In(std::string_view lang) const {
    return lang == "en" && !en.empty() ? en : id;
  }
};

struct ScoreInput {
  std::string_view text;             // plain text (HTML already stripped)
  std::optional<Platform> platform;  // platform-specific rules skip when unknown
  std::vector<Media> media;
  // When set, the post's kind is this instead of the one its words suggest:
  // the caller knows the context (the tone pack scores an agency reply with
  // the label of the citizen reply it answers, e.g. "keluhan"). Must be one
  // of the pack's kinds or "lainnya"; anything else matches no kind-limited
  // rule.
  std::optional<std::string_view> kind = std::nullopt;
};

struct Finding {
  std::string rule;
  Level level = Level::kWarning;
  // Span in the input text, end exclusive: UTF-8 bytes and code points.
  // Findings about the whole post or a media item have an empty span at 0.
  uint32_t start = 0, end = 0, char_start = 0, char_end = 0;
  std::string text;  // the matched text
  Localized message;
  Localized suggestion;
  int media_index = -1;  // which media item, for alt-text findings
  std::string source;    // first of the rule's sources
};

// What each rule cost: the breakdown shown beside the score.
struct Deduction {
  std::string rule;
  Level level = Level::kWarning;
  int findings = 0;
  int points = 0;  // after the per-rule cap
};

// Advisory figures; never part of the score.
struct TextStats {
  int words = 0, sentences = 0, paragraphs = 0, syllables = 0, long_words = 0;
  int characters = 0;        // code points
  int platform_length = -1;  // as the platform counts it; -1 when no platform
  double words_per_sentence = 0;
  double long_word_share = 0;  // words with >= 5 syllables / words
  double flesch_id = 0;        // experimental: Flesch with syllables x 0.6
};

struct ScoreResult {
  bool scored = false;
  std::string not_scored_reason;  // "empty", "invalid_utf8", "no_words", "language"
  std::string language;           // detected: "id", "en"; "" when unknown
  std::string kind;               // post kind from the pack, e.g. "layanan"
  int score = 0;                  // 0-100 when scored
  std::vector<Finding> findings;  // in text order; media findings last
  std::vector<Deduction> breakdown;
  TextStats stats;
};

struct RuleInfo {
  std::string id, type, level, scope, file;
  // As written in the rule's YAML, placeholders ({match}, ...) unfilled.
  // suggestion.id is "" when the rule has none: its findings' advice is then
  // computed (a substitution's "Ganti dengan ...") or absent.
  Localized message, suggestion;
  std::vector<std::string> sources, platforms, kinds;
  std::vector<std::string> bad_examples, good_examples;  // their texts
};

struct ExampleFailure {
  std::string rule;
  std::string file;
  int line = 0;
  bool bad = false;  // a bad example that did not fire, or a good one that did
  std::string text;
  std::string detail;
};

class RulePack {
 public:
  // Loads pack.yml and every other *.yml / *.yaml file in dir. Any schema
  // error fails the whole load: "FILE:LINE: what is wrong".
  static Result<std::shared_ptr<const RulePack>> Load(const std::string& dir);
  // The same from in-memory files (name, content); for tests and fuzzing.
  struct File {
    std::string name, content;
  };
  static Result<std::shared_ptr<const RulePack>> Parse(const std::vector<File>& files);

  ~RulePack();
  const std::string& name() const;
  // pack.yml's version plus a hash of every file's content, e.g.
  // "1.0+3f2a9c01b7e4": any edit gives a new version, so stored scores say
  // exactly which rules produced them.
  const std::string& version() const;
  const std::string& language() const;
  std::vector<RuleInfo> Rules() const;

  // Scores one post. Never fails: input that cannot be scored gives
  // scored=false and a reason.
  ScoreResult Score(const ScoreInput& input) const;

  // Full path of a data file named in pack.yml's `data:` map (e.g.
  // "holidays", "reply_classes"); "" when the pack has none by that name or
  // was not loaded from a folder. Data files are not rules.
  std::string DataPath(std::string_view name) const;

  // Runs every rule's examples; empty when all pass.
  std::vector<ExampleFailure> TestExamples() const;

  struct Impl;

 private:
  explicit RulePack(std::unique_ptr<Impl> impl);
  // Parse, remembering the folder the files came from (for DataPath).
  static Result<std::shared_ptr<const RulePack>> ParseFiles(const std::vector<File>& files,
                                                            const std::string& dir);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tanggap::scorer

#endif  // TANGGAP_SCORER_SCORER_H_
