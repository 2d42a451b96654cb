// Reading rule packs: YAML -> RulePack::Impl, validated field by field so a
// trainer's typo stops the load with the file, the line and what to fix.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "scorer/rule_model.h"
#include "util/file.h"

namespace tanggap::scorer {

std::string_view CheckTypeName(CheckType t) {
  static constexpr std::string_view kNames[] = {
      "existence",      "substitution", "occurrence", "repetition", "conditional",
      "capitalization", "metric",       "length",     "alt_text",   "completeness"};
  return kNames[static_cast<int>(t)];
}

std::string_view ScopeName(Scope s) {
  static constexpr std::string_view kNames[] = {"text", "paragraph", "sentence"};
  return kNames[static_cast<int>(s)];
}

std::string_view LevelName(Level level) {
  static constexpr std::string_view kNames[] = {"suggestion", "warning", "error"};
  return kNames[static_cast<int>(level)];
}

namespace {

// Errors inside the loader travel as this exception and become a Status at
// the component boundary (RulePack::Parse); nothing else throws.
struct LoadError {
  std::string message;
};

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void Fail(const YAML::Node& at, const std::string& what) const {
    int line = at.IsDefined() ? at.Mark().line + 1 : 0;
    throw LoadError{file_ + ":" + std::to_string(line > 0 ? line : 1) + ": " + what};
  }

  void OnlyFields(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                  const std::string& what) const {
    if (!map.IsMap()) Fail(map, what + " must be a mapping of field: value");
    for (const auto& kv : map) {
      std::string key = kv.first.as<std::string>();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        std::string list;
        for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        Fail(kv.first, what + ": unknown field '" + key + "' (allowed: " + list + ")");
      }
    }
  }

  std::string String(const YAML::Node& n, const std::string& what) const {
    if (!n.IsScalar()) Fail(n, what + " must be text");
    return n.Scalar();
  }

  double Number(const YAML::Node& n, const std::string& what) const {
    if (!n.IsScalar()) Fail(n, what + " must be a number");
    try {
      return n.as<double>();
    } catch (const YAML::Exception&) {
      Fail(n, what + " must be a number, got '" + n.Scalar() + "'");
    }
  }

  int Int(const YAML::Node& n, const std::string& what, int lo, int hi) const {
    double v = Number(n, what);
    if (v != static_cast<int>(v) || v < lo || v > hi) {
      Fail(n, what + " must be a whole number from " + std::to_string(lo) + " to " +
                  std::to_string(hi));
    }
    return static_cast<int>(v);
  }

  std::vector<std::string> Strings(const YAML::Node& n, const std::string& what) const {
    if (n.IsScalar()) return {n.Scalar()};
    if (!n.IsSequence()) Fail(n, what + " must be a list of text");
    std::vector<std::string> out;
    for (const auto& item : n) out.push_back(String(item, what + " entries"));
    return out;
  }

  Localized Text(const YAML::Node& n, const std::string& what) const {
    Localized l;
    if (n.IsScalar()) {
      l.id = n.Scalar();
      return l;
    }
    OnlyFields(n, {"id", "en"}, what);
    if (!n["id"]) Fail(n, what + " needs an Indonesian text under 'id'");
    l.id = String(n["id"], what + ".id");
    if (n["en"]) l.en = String(n["en"], what + ".en");
    return l;
  }

  Platform PlatformName(const YAML::Node& n) const {
    auto p = ParsePlatform(String(n, "platform"));
    if (!p)
      Fail(n, "unknown platform '" + n.Scalar() +
                  "' (instagram, facebook, x, youtube, mastodon, bluesky)");
    return *p;
  }

  PerPlatform PerPlatformNumber(const YAML::Node& n, const std::string& what) const {
    PerPlatform out;
    if (n.IsScalar()) {
      out.fallback = Number(n, what);
      return out;
    }
    if (!n.IsMap()) Fail(n, what + " must be a number or a map of platform: number");
    for (const auto& kv : n) {
      std::string key = kv.first.as<std::string>();
      double v = Number(kv.second, what + "." + key);
      if (key == "default") {
        out.fallback = v;
      } else {
        out.by_platform[static_cast<size_t>(PlatformName(kv.first))] = v;
      }
    }
    return out;
  }

  Pattern CompiledPattern(const YAML::Node& n, const WordLists& lists, bool case_sensitive,
                          const std::string& what) const {
    auto p = CompilePattern(String(n, what), lists, case_sensitive);
    if (!p.ok()) Fail(n, p.status().message());
    return std::move(*p);
  }

  std::vector<Pattern> Patterns(const YAML::Node& n, const WordLists& lists, bool case_sensitive,
                                const std::string& what) const {
    if (!n.IsSequence() && !n.IsScalar()) Fail(n, what + " must be a list of patterns");
    std::vector<Pattern> out;
    if (n.IsScalar()) {
      out.push_back(CompiledPattern(n, lists, case_sensitive, what));
      return out;
    }
    for (const auto& item : n) out.push_back(CompiledPattern(item, lists, case_sensitive, what));
    if (out.empty()) Fail(n, what + " is empty");
    return out;
  }

  // Word lists hold single words: they are looked up one token at a time,
  // so an entry with a space or punctuation inside would silently never
  // match. Refuse it instead.
  WordSet LowerWords(const YAML::Node& n, const std::string& what) const {
    WordSet set;
    std::vector<std::string> words = Strings(n, what);
    for (size_t i = 0; i < words.size(); ++i) {
      Document d = Analyze(words[i]);
      if (d.tokens.size() != 1) {
        Fail(n.IsSequence() ? n[i] : n,
             what + ": '" + words[i] +
                 "' is not a single word; lists match one word at a time "
                 "(write phrases as patterns under tokens: or swap:)");
      }
      set.insert(std::string(d.TokenLower(d.tokens[0])));
    }
    return set;
  }

  Example ExampleOf(const YAML::Node& n) const {
    Example e;
    e.line = n.Mark().line + 1;
    if (n.IsScalar()) {
      e.text = n.Scalar();
      return e;
    }
    OnlyFields(n, {"text", "platform", "media", "kind"}, "example");
    if (!n["text"]) Fail(n, "example needs 'text'");
    e.text = String(n["text"], "example text");
    if (n["kind"]) e.kind = String(n["kind"], "example kind");
    if (n["platform"]) e.platform = PlatformName(n["platform"]);
    if (n["media"]) {
      if (!n["media"].IsSequence()) Fail(n["media"], "example media must be a list");
      for (const auto& m : n["media"]) {
        OnlyFields(m, {"kind", "alt", "url"}, "example media");
        Media media;
        media.kind = m["kind"] ? String(m["kind"], "media kind") : "image";
        if (m["alt"] && !m["alt"].IsNull()) media.alt = String(m["alt"], "media alt");
        e.media.push_back(std::move(media));
      }
    }
    return e;
  }

  const std::string& file() const { return file_; }

 private:
  std::string file_;
};

template <typename T>
T Choice(const Reader& r, const YAML::Node& n, const std::string& what,
         std::initializer_list<std::pair<std::string_view, T>> choices) {
  std::string v = r.String(n, what);
  std::string list;
  for (const auto& [name, value] : choices) {
    if (name == v) return value;
    list += (list.empty() ? "" : ", ") + std::string(name);
  }
  r.Fail(n, what + " '" + v + "' is not one of: " + list);
}

std::unique_ptr<Rule> ReadRule(const Reader& r, const YAML::Node& n) {
  auto rule = std::make_unique<Rule>();
  Rule& x = *rule;
  x.file = r.file();
  x.line = n.Mark().line + 1;
  if (!n.IsMap()) r.Fail(n, "a rule must be a mapping (id:, type:, level:, ...)");
  if (!n["id"]) r.Fail(n, "rule has no 'id'");
  x.id = r.String(n["id"], "id");
  for (char c : x.id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_') {
      r.Fail(n["id"], "rule id '" + x.id + "' may contain only letters, digits, '.' and '_'");
    }
  }
  const std::string what = "rule " + x.id;
  if (!n["type"]) r.Fail(n, what + " has no 'type'");
  x.type = Choice<CheckType>(r, n["type"], what + " type",
                             {{"existence", CheckType::kExistence},
                              {"substitution", CheckType::kSubstitution},
                              {"occurrence", CheckType::kOccurrence},
                              {"repetition", CheckType::kRepetition},
                              {"conditional", CheckType::kConditional},
                              {"capitalization", CheckType::kCapitalization},
                              {"metric", CheckType::kMetric},
                              {"length", CheckType::kLength},
                              {"alt_text", CheckType::kAltText},
                              {"completeness", CheckType::kCompleteness}});
  static const std::initializer_list<std::string_view> kCommon = {
      "id",      "type",      "level", "scope",    "message",        "suggestion",
      "sources", "platforms", "kinds", "examples", "case_sensitive", "lists"};
  std::vector<std::string_view> allowed(kCommon);
  switch (x.type) {
    case CheckType::kExistence:
      allowed.insert(allowed.end(), {"tokens", "exceptions", "unless_followed_by"});
      break;
    case CheckType::kSubstitution:
      allowed.insert(allowed.end(), {"swap"});
      break;
    case CheckType::kOccurrence:
      allowed.insert(allowed.end(), {"tokens", "exceptions", "max", "min"});
      break;
    case CheckType::kRepetition:
      allowed.insert(allowed.end(), {"exceptions"});
      break;
    case CheckType::kConditional:
      allowed.insert(allowed.end(), {"first", "second", "exceptions"});
      break;
    case CheckType::kCapitalization:
      allowed.insert(allowed.end(), {"style", "max_share", "min_letters", "exceptions"});
      break;
    case CheckType::kMetric:
      allowed.insert(allowed.end(), {"formula", "max", "min", "escalate", "long_word_syllables",
                                     "long_sentence_words", "exceptions"});
      break;
    case CheckType::kLength:
      allowed.insert(allowed.end(), {"limits"});
      break;
    case CheckType::kAltText:
      allowed.insert(allowed.end(), {"max_chars", "weak_starts"});
      break;
    case CheckType::kCompleteness:
      allowed.insert(allowed.end(), {"elements", "within_chars"});
      break;
  }
  for (const auto& kv : n) {
    std::string key = kv.first.as<std::string>();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      r.Fail(kv.first, what + ": field '" + key + "' does not belong to a " +
                           std::string(CheckTypeName(x.type)) + " rule (allowed: " + list + ")");
    }
  }
  if (!n["level"]) r.Fail(n, what + " has no 'level' (suggestion, warning or error)");
  x.level = Choice<Level>(
      r, n["level"], what + " level",
      {{"suggestion", Level::kSuggestion}, {"warning", Level::kWarning}, {"error", Level::kError}});
  x.scope = x.type == CheckType::kMetric || x.type == CheckType::kOccurrence ? Scope::kText
                                                                             : Scope::kSentence;
  if (n["scope"]) {
    x.scope = Choice<Scope>(
        r, n["scope"], what + " scope",
        {{"text", Scope::kText}, {"paragraph", Scope::kParagraph}, {"sentence", Scope::kSentence}});
  }
  if (!n["message"]) r.Fail(n, what + " has no 'message'");
  x.message = r.Text(n["message"], what + " message");
  if (n["suggestion"]) x.suggestion = r.Text(n["suggestion"], what + " suggestion");
  if (!n["sources"]) r.Fail(n, what + " has no 'sources': say where the guideline comes from");
  x.sources = r.Strings(n["sources"], what + " sources");
  if (x.sources.empty()) r.Fail(n["sources"], what + " sources is empty");
  if (n["platforms"]) {
    if (!n["platforms"].IsSequence()) r.Fail(n["platforms"], what + " platforms must be a list");
    for (const auto& p : n["platforms"]) x.platforms.push_back(r.PlatformName(p));
  }
  if (n["kinds"]) x.kinds = r.Strings(n["kinds"], what + " kinds");
  if (n["case_sensitive"]) {
    if (!n["case_sensitive"].IsScalar())
      r.Fail(n["case_sensitive"], "case_sensitive must be true or false");
    x.case_sensitive = n["case_sensitive"].as<bool>(false);
  }
  if (n["lists"]) {
    if (!n["lists"].IsMap()) r.Fail(n["lists"], what + " lists must map a name to a list of words");
    for (const auto& kv : n["lists"]) {
      std::string name = kv.first.as<std::string>();
      x.lists[name] = r.LowerWords(kv.second, what + " list " + name);
    }
  }
  auto need = [&](const char* field) -> YAML::Node {
    YAML::Node v = n[field];
    if (!v) {
      r.Fail(n, what + " (" + std::string(CheckTypeName(x.type)) + ") needs '" + field + "'");
    }
    return v;
  };
  auto words = [&](const char* field) {
    if (n[field]) x.exception_words = r.LowerWords(n[field], what + " " + field);
  };
  switch (x.type) {
    case CheckType::kExistence: {
      x.patterns = r.Patterns(need("tokens"), x.lists, x.case_sensitive, what + " tokens");
      if (n["exceptions"]) {
        x.exceptions = r.Patterns(n["exceptions"], x.lists, x.case_sensitive, what + " exceptions");
      }
      if (YAML::Node f = n["unless_followed_by"]) {
        r.OnlyFields(f, {"tokens", "within"}, what + " unless_followed_by");
        if (!f["tokens"]) r.Fail(f, what + " unless_followed_by needs 'tokens'");
        x.follow = r.Patterns(f["tokens"], x.lists, x.case_sensitive, what + " unless_followed_by");
        x.follow_within = f["within"] ? r.Int(f["within"], "within", 1, 20) : 1;
      }
      break;
    }
    case CheckType::kSubstitution: {
      YAML::Node swap = need("swap");
      if (!swap.IsMap() || swap.size() == 0)
        r.Fail(swap, what + " swap must map bad forms to good ones");
      for (const auto& kv : swap) {
        x.patterns.push_back(
            r.CompiledPattern(kv.first, x.lists, x.case_sensitive, what + " swap"));
        x.replacements.push_back(r.String(kv.second, what + " swap replacement"));
      }
      break;
    }
    case CheckType::kOccurrence:
      x.patterns = r.Patterns(need("tokens"), x.lists, x.case_sensitive, what + " tokens");
      if (n["exceptions"]) {
        x.exceptions = r.Patterns(n["exceptions"], x.lists, x.case_sensitive, what + " exceptions");
      }
      if (n["max"]) x.max = r.PerPlatformNumber(n["max"], what + " max");
      if (n["min"]) x.min = r.PerPlatformNumber(n["min"], what + " min");
      if (!x.max.set() && !x.min.set()) r.Fail(n, what + " needs 'max' or 'min'");
      break;
    case CheckType::kRepetition:
      words("exceptions");
      break;
    case CheckType::kConditional: {
      x.patterns.push_back(
          r.CompiledPattern(need("first"), x.lists, x.case_sensitive, what + " first"));
      x.second = r.Patterns(need("second"), x.lists, true, what + " second");
      bool uses_backref = false;
      for (const Pattern& p : x.second) {
        for (const PatternItem& item : p.items)
          uses_backref |= item.type == PatternItem::Type::kBackref;
      }
      if (!uses_backref)
        r.Fail(n["second"], what + " second patterns must use $1 (the matched first)");
      words("exceptions");
      break;
    }
    case CheckType::kCapitalization: {
      std::string style = r.String(need("style"), what + " style");
      if (style == "camel_hashtag") {
        x.camel_hashtag = true;
        x.min_letters = 10;
      } else if (style != "no_all_caps") {
        r.Fail(n["style"], what + " style must be no_all_caps or camel_hashtag");
      }
      if (n["max_share"]) {
        x.max_share = r.Number(n["max_share"], what + " max_share");
        if (x.max_share < 0 || x.max_share > 1)
          r.Fail(n["max_share"], what + " max_share must be between 0 and 1");
      }
      if (n["min_letters"]) x.min_letters = r.Int(n["min_letters"], what + " min_letters", 1, 100);
      words("exceptions");
      break;
    }
    case CheckType::kMetric: {
      auto f = Formula::Parse(r.String(need("formula"), what + " formula"));
      if (!f.ok()) r.Fail(n["formula"], what + ": " + f.status().message());
      x.formula = std::move(*f);
      if (n["max"]) x.max = r.PerPlatformNumber(n["max"], what + " max");
      if (n["min"]) x.min = r.PerPlatformNumber(n["min"], what + " min");
      if (!x.max.set() && !x.min.set()) r.Fail(n, what + " needs 'max' or 'min'");
      if (YAML::Node e = n["escalate"]) {
        r.OnlyFields(e, {"above", "level"}, what + " escalate");
        if (!e["above"]) r.Fail(e, what + " escalate needs 'above'");
        x.escalate_above = r.Number(e["above"], what + " escalate above");
        if (e["level"]) {
          x.escalate_level = Choice<Level>(r, e["level"], what + " escalate level",
                                           {{"suggestion", Level::kSuggestion},
                                            {"warning", Level::kWarning},
                                            {"error", Level::kError}});
        }
      }
      if (n["long_word_syllables"]) {
        x.long_word_syllables = r.Int(n["long_word_syllables"], "long_word_syllables", 1, 50);
      }
      if (n["long_sentence_words"]) {
        x.long_sentence_words = r.Int(n["long_sentence_words"], "long_sentence_words", 1, 500);
      }
      words("exceptions");
      break;
    }
    case CheckType::kLength:
      x.limits = r.PerPlatformNumber(need("limits"), what + " limits");
      break;
    case CheckType::kAltText:
      if (n["max_chars"]) x.max_chars = r.PerPlatformNumber(n["max_chars"], what + " max_chars");
      if (n["weak_starts"]) {
        for (const std::string& w : r.LowerWords(n["weak_starts"], what + " weak_starts")) {
          x.weak_starts.push_back(w);
        }
        std::sort(x.weak_starts.begin(), x.weak_starts.end());
      }
      break;
    case CheckType::kCompleteness: {
      YAML::Node elements = need("elements");
      if (!elements.IsMap() || elements.size() == 0 || elements.size() > kMaxElements) {
        r.Fail(elements, what + " elements must map 1 to 200 names to {tokens: [...]}");
      }
      for (const auto& kv : elements) {
        std::string name = kv.first.as<std::string>();
        r.OnlyFields(kv.second, {"tokens"}, what + " element " + name);
        if (!kv.second["tokens"]) r.Fail(kv.second, what + " element " + name + " needs 'tokens'");
        x.elements.emplace_back(name, r.Patterns(kv.second["tokens"], x.lists, x.case_sensitive,
                                                 what + " element " + name));
      }
      if (n["within_chars"]) x.within_chars = r.Int(n["within_chars"], "within_chars", 1, 100000);
      break;
    }
  }
  if (YAML::Node ex = n["examples"]) {
    r.OnlyFields(ex, {"bad", "good"}, what + " examples");
    for (const char* which : {"bad", "good"}) {
      if (!ex[which]) continue;
      if (!ex[which].IsSequence())
        r.Fail(ex[which], what + " examples." + which + " must be a list");
      for (const auto& item : ex[which]) {
        (std::string_view(which) == "bad" ? x.bad : x.good).push_back(r.ExampleOf(item));
      }
    }
  }
  if (x.bad.empty()) {
    r.Fail(n,
           what + " needs at least one bad example (examples: {bad: [...]}) so it can be tested");
  }
  return rule;
}

void ReadPack(const Reader& r, const YAML::Node& n, RulePack::Impl* pack) {
  r.OnlyFields(n, {"name", "version", "language", "stopwords", "kinds", "deductions", "data"},
               "pack.yml");
  if (YAML::Node data = n["data"]) {
    if (!data.IsMap()) r.Fail(data, "data must map a name to a file in this folder");
    for (const auto& kv : data) {
      std::string file = r.String(kv.second, "data file");
      if (file.find('/') != std::string::npos || file.empty() || file[0] == '.') {
        r.Fail(kv.second, "data file '" + file + "' must be a plain file name in this folder");
      }
      pack->data_files[kv.first.as<std::string>()] = file;
    }
  }
  if (!n["name"] || !n["version"] || !n["language"]) {
    r.Fail(n, "pack.yml needs name, version and language");
  }
  pack->name = r.String(n["name"], "name");
  pack->version = r.String(n["version"], "version");
  pack->language = r.String(n["language"], "language");
  if (YAML::Node sw = n["stopwords"]) {
    if (!sw.IsMap()) r.Fail(sw, "stopwords must map a language code to a list of words");
    if (sw.size() > kMaxLanguages) r.Fail(sw, "stopwords: at most 8 languages");
    for (const auto& kv : sw) {
      pack->stopwords[kv.first.as<std::string>()] = r.LowerWords(kv.second, "stopwords");
    }
  }
  if (YAML::Node kinds = n["kinds"]) {
    if (!kinds.IsMap()) r.Fail(kinds, "kinds must map a kind id to {name, cues}");
    if (kinds.size() > kMaxKinds) r.Fail(kinds, "kinds: at most 24 post kinds");
    for (const auto& kv : kinds) {
      PostKind k;
      k.id = kv.first.as<std::string>();
      r.OnlyFields(kv.second, {"name", "cues"}, "kind " + k.id);
      k.name = kv.second["name"] ? r.String(kv.second["name"], "kind name") : k.id;
      // A kind without cues is never guessed from words; only a caller that
      // knows the context assigns it (ScoreInput::kind).
      if (kv.second["cues"]) k.cues = r.LowerWords(kv.second["cues"], "kind cues");
      pack->kinds.push_back(std::move(k));
    }
  }
  if (YAML::Node d = n["deductions"]) {
    r.OnlyFields(d, {"suggestion", "warning", "error"}, "deductions");
    for (const auto& kv : d) {
      std::string level = kv.first.as<std::string>();
      int i = level == "suggestion" ? 0 : level == "warning" ? 1 : 2;
      r.OnlyFields(kv.second, {"each", "max_per_rule"}, "deductions." + level);
      if (kv.second["each"]) pack->each[i] = r.Int(kv.second["each"], "each", 0, 100);
      if (kv.second["max_per_rule"]) {
        pack->max_per_rule[i] = r.Int(kv.second["max_per_rule"], "max_per_rule", 0, 100);
      }
    }
  }
}

YAML::Node LoadYaml(const RulePack::File& f) {
  try {
    return YAML::Load(f.content);
  } catch (const YAML::ParserException& e) {
    throw LoadError{f.name + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg};
  }
}

uint64_t Fnv1a(uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace

void RulePack::Impl::BuildIndex() {
  for (size_t ri = 0; ri < rules.size(); ++ri) {
    const Rule& rule = *rules[ri];
    auto add = [&](const Pattern& p, size_t pi, uint8_t role) {
      PatternRef ref{static_cast<uint16_t>(ri), static_cast<uint16_t>(pi), role};
      const PatternItem& first = p.items.front();
      switch (first.type) {
        case PatternItem::Type::kLiteral: {
          std::string key = first.literal;
          if (p.case_sensitive) key = Analyze(key).lower;
          word_index[key].refs.push_back(ref);
          break;
        }
        case PatternItem::Type::kList:
          for (const std::string& w : *first.list) word_index[w].refs.push_back(ref);
          break;
        case PatternItem::Type::kBackref:
          break;  // only in conditional `second`, which is not indexed
        default:
          kind_index[static_cast<size_t>(first.kind)].push_back(ref);
          break;
      }
    };
    if (rule.type == CheckType::kExistence || rule.type == CheckType::kSubstitution ||
        rule.type == CheckType::kOccurrence || rule.type == CheckType::kConditional) {
      for (size_t pi = 0; pi < rule.patterns.size(); ++pi) add(rule.patterns[pi], pi, 0);
      for (size_t pi = 0; pi < rule.exceptions.size(); ++pi) add(rule.exceptions[pi], pi, 1);
    }
    for (size_t k = 0; k < rule.elements.size(); ++k) {
      const auto& patterns = rule.elements[k].second;
      for (size_t pi = 0; pi < patterns.size(); ++pi)
        add(patterns[pi], pi, static_cast<uint8_t>(2 + k));
    }
  }
  for (const auto& [lang, words] : stopwords) {
    uint32_t bit = 1u << stopword_languages.size();
    stopword_languages.push_back(lang);
    for (const std::string& w : words) word_index[w].info |= bit;
  }
  for (size_t k = 0; k < kinds.size(); ++k) {
    for (const std::string& w : kinds[k].cues) word_index[w].info |= 1u << (kMaxLanguages + k);
  }
}

Result<std::shared_ptr<const RulePack>> RulePack::Parse(const std::vector<File>& files) {
  return ParseFiles(files, "");
}

Result<std::shared_ptr<const RulePack>> RulePack::ParseFiles(const std::vector<File>& files,
                                                             const std::string& dir) {
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  std::vector<const File*> sorted;
  for (const File& f : files) sorted.push_back(&f);
  std::sort(sorted.begin(), sorted.end(),
            [](const File* a, const File* b) { return a->name < b->name; });
  uint64_t hash = 0xcbf29ce484222325ULL;
  bool have_pack = false;
  std::set<std::string> ids;
  auto base_name = [](const File* f) { return std::filesystem::path(f->name).filename().string(); };
  try {
    // pack.yml first: it names the data files that are not rules.
    for (const File* f : sorted) {
      std::string base = base_name(f);
      if (base != "pack.yml" && base != "pack.yaml") continue;
      Reader r(f->name);
      YAML::Node root = LoadYaml(*f);
      ReadPack(r, root, impl.get());
      have_pack = true;
    }
    for (const File* f : sorted) {
      hash = Fnv1a(Fnv1a(hash, f->name), f->content);
      std::string base = base_name(f);
      if (base == "pack.yml" || base == "pack.yaml") continue;
      bool is_data = std::any_of(impl->data_files.begin(), impl->data_files.end(),
                                 [&](const auto& kv) { return kv.second == base; });
      if (is_data) continue;
      Reader r(f->name);
      YAML::Node root = LoadYaml(*f);
      if (root.IsNull()) continue;  // an empty or comment-only file
      std::vector<YAML::Node> nodes;
      if (root.IsSequence()) {
        for (const auto& n : root) nodes.push_back(n);
      } else {
        nodes.push_back(root);
      }
      for (const YAML::Node& n : nodes) {
        auto rule = ReadRule(r, n);
        if (!ids.insert(rule->id).second)
          r.Fail(n["id"], "rule id '" + rule->id + "' is used twice");
        if (impl->rules.size() >= 60000) r.Fail(n, "too many rules");
        impl->rules.push_back(std::move(rule));
      }
    }
  } catch (const LoadError& e) {
    return Status::InvalidArgument(e.message);
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument("rule files: " + std::string(e.what()));
  }
  if (!have_pack) {
    return Status::InvalidArgument(
        "no pack.yml in the rule pack; it names the pack and its version");
  }
  auto known_kind = [&](const std::string& k) {
    return k == "lainnya" || std::any_of(impl->kinds.begin(), impl->kinds.end(),
                                         [&](const PostKind& pk) { return pk.id == k; });
  };
  for (const auto& rule : impl->rules) {
    for (const std::string& k : rule->kinds) {
      if (!known_kind(k)) {
        return Status::InvalidArgument(rule->file + ":" + std::to_string(rule->line) + ": rule " +
                                       rule->id + " names kind '" + k +
                                       "', which pack.yml does not define");
      }
    }
    // A misspelt example kind would switch every kind-limited rule off and
    // let a good example pass for the wrong reason.
    for (const auto* examples : {&rule->bad, &rule->good}) {
      for (const Example& e : *examples) {
        if (e.kind && !known_kind(*e.kind)) {
          return Status::InvalidArgument(rule->file + ":" + std::to_string(e.line) +
                                         ": example kind '" + *e.kind +
                                         "' is not defined in pack.yml (kinds:) nor 'lainnya'");
        }
      }
    }
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  impl->version += "+" + std::string(hex, 12);
  impl->BuildIndex();
  return std::shared_ptr<const RulePack>(new RulePack(std::move(impl)));
}

Result<std::shared_ptr<const RulePack>> RulePack::Load(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return Status::NotFound("rule pack folder " + dir +
                            " not found; pass --rules DIR or set TANGGAP_RULES");
  }
  std::vector<File> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::string ext = entry.path().extension().string();
    if (!entry.is_regular_file() || (ext != ".yml" && ext != ".yaml")) continue;
    if (files.size() >= 1000)
      return Status::InvalidArgument(dir + " holds more than 1000 rule files");
    auto content = ReadSmallFile(entry.path().string(), 4u << 20);
    if (!content.ok()) return content.status();
    files.push_back({entry.path().string(), std::move(*content)});
  }
  if (ec) return Status::IOError("cannot list " + dir + ": " + ec.message());
  return ParseFiles(files, dir);
}

std::string RulePack::DataPath(std::string_view name) const {
  auto it = impl_->data_files.find(std::string(name));
  if (it == impl_->data_files.end() || impl_->dir.empty()) return "";
  return (std::filesystem::path(impl_->dir) / it->second).string();
}

RulePack::RulePack(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RulePack::~RulePack() = default;
const std::string& RulePack::name() const { return impl_->name; }
const std::string& RulePack::version() const { return impl_->version; }
const std::string& RulePack::language() const { return impl_->language; }
ScoreResult RulePack::Score(const ScoreInput& input) const { return impl_->Score(input); }

std::vector<RuleInfo> RulePack::Rules() const {
  std::vector<RuleInfo> out;
  for (const auto& r : impl_->rules) {
    RuleInfo info;
    info.id = r->id;
    info.type = std::string(CheckTypeName(r->type));
    info.level = std::string(LevelName(r->level));
    info.scope = std::string(ScopeName(r->scope));
    info.file = r->file;
    info.message = r->message;
    info.suggestion = r->suggestion;
    info.sources = r->sources;
    for (Platform p : r->platforms) info.platforms.emplace_back(PlatformName(p));
    info.kinds = r->kinds;
    for (const Example& e : r->bad) info.bad_examples.push_back(e.text);
    for (const Example& e : r->good) info.good_examples.push_back(e.text);
    out.push_back(std::move(info));
  }
  return out;
}

std::vector<ExampleFailure> RulePack::TestExamples() const {
  std::vector<ExampleFailure> failures;
  for (const auto& r : impl_->rules) {
    for (bool bad : {true, false}) {
      for (const Example& e : bad ? r->bad : r->good) {
        ScoreInput input{e.text, e.platform, e.media};
        if (e.kind) input.kind = *e.kind;
        ScoreResult result = impl_->Score(input);
        int hits = 0;
        for (const Finding& f : result.findings) hits += f.rule == r->id;
        std::string detail;
        if (!result.scored) {
          detail = "not scored (" + result.not_scored_reason + ")";
        } else if (bad && hits == 0) {
          detail = "expected the rule to fire; it did not (post kind: " + result.kind + ")";
        } else if (!bad && hits > 0) {
          for (const Finding& f : result.findings) {
            if (f.rule == r->id) {
              detail = "expected no finding; it fired on \"" + f.text + "\"";
              break;
            }
          }
        }
        if (!result.scored && !bad) detail.clear();  // a good example may be unscorable
        if (!detail.empty()) failures.push_back({r->id, r->file, e.line, bad, e.text, detail});
      }
    }
  }
  return failures;
}

}  // namespace tanggap::scorer
