// Applying a compiled rule pack to one post. Pure: text in, findings out.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "scorer/rule_model.h"

namespace tanggap::scorer {
namespace {

constexpr size_t kMaxFindingsPerRule = 100;

struct Match {
  uint16_t rule;
  uint16_t pattern;
  uint8_t role;
  uint32_t begin, end;  // token range
};

// "12" or "12.5": one decimal at most, as trainees read it.
std::string FormatNumber(double v) {
  char buf[32];
  double rounded = std::round(v * 10) / 10;
  auto r = std::fabs(rounded - std::round(rounded)) < 1e-9
               ? std::to_chars(buf, buf + sizeof buf, static_cast<long long>(std::llround(rounded)))
               : std::to_chars(buf, buf + sizeof buf, rounded, std::chars_format::fixed, 1);
  return std::string(buf, r.ptr);
}

struct Placeholders {
  std::string_view match, suggestion, value, limit, platform, missing;
};

std::string Fill(const std::string& tmpl, const Placeholders& p) {
  std::string out;
  out.reserve(tmpl.size() + 32);
  size_t i = 0;
  while (i < tmpl.size()) {
    size_t open = tmpl.find('{', i);
    if (open == std::string::npos) break;
    size_t close = tmpl.find('}', open);
    if (close == std::string::npos) break;
    std::string_view name(tmpl.data() + open + 1, close - open - 1);
    const std::string_view* value = name == "match"        ? &p.match
                                    : name == "suggestion" ? &p.suggestion
                                    : name == "value"      ? &p.value
                                    : name == "limit"      ? &p.limit
                                    : name == "platform"   ? &p.platform
                                    : name == "missing"    ? &p.missing
                                                           : nullptr;
    out.append(tmpl, i, (value ? open : close + 1) - i);
    if (value != nullptr) out.append(*value);
    i = close + 1;
  }
  out.append(tmpl, i, std::string::npos);
  return out;
}

Localized Fill(const Localized& l, const Placeholders& p) {
  return Localized{Fill(l.id, p), l.en.empty() ? std::string() : Fill(l.en, p)};
}

// Returns good in the writer's casing of bad: UPPER, Title or as written.
std::string KeepCasing(std::string_view written, const std::string& good) {
  bool any_lower = false, any_upper = false;
  for (char c : written) {
    any_lower |= c >= 'a' && c <= 'z';
    any_upper |= c >= 'A' && c <= 'Z';
  }
  std::string out = good;
  if (any_upper && !any_lower && written.size() > 1) {
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  } else if (!written.empty() && written[0] >= 'A' && written[0] <= 'Z' && !out.empty()) {
    out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  }
  return out;
}

class PostScorer {
 public:
  // entries[i]: the pack's word entry for token i, or null.
  PostScorer(const RulePack::Impl& pack, const ScoreInput& input, const Document& doc,
             const std::vector<const RulePack::Impl::WordEntry*>& entries, ScoreResult* result)
      : pack_(pack), input_(input), doc_(doc), entries_(entries), result_(result) {}

  void Run() {
    CollectMatches();
    for (size_t ri = 0; ri < pack_.rules.size(); ++ri) {
      const Rule& rule = *pack_.rules[ri];
      if (!Applies(rule)) continue;
      size_t before = result_->findings.size();
      switch (rule.type) {
        case CheckType::kExistence:
        case CheckType::kSubstitution:
          Existence(rule, ri);
          break;
        case CheckType::kOccurrence:
          Occurrence(rule, ri);
          break;
        case CheckType::kRepetition:
          Repetition(rule);
          break;
        case CheckType::kConditional:
          Conditional(rule, ri);
          break;
        case CheckType::kCapitalization:
          Capitalization(rule);
          break;
        case CheckType::kMetric:
          Metric(rule);
          break;
        case CheckType::kLength:
          Length(rule);
          break;
        case CheckType::kAltText:
          AltText(rule);
          break;
        case CheckType::kCompleteness:
          Completeness(rule, ri);
          break;
      }
      if (result_->findings.size() - before > kMaxFindingsPerRule) {
        result_->findings.resize(before + kMaxFindingsPerRule);
      }
    }
  }

 private:
  bool Applies(const Rule& rule) const {
    if (!rule.platforms.empty()) {
      if (!input_.platform) return false;
      if (std::find(rule.platforms.begin(), rule.platforms.end(), *input_.platform) ==
          rule.platforms.end()) {
        return false;
      }
    }
    if (!rule.kinds.empty() &&
        std::find(rule.kinds.begin(), rule.kinds.end(), result_->kind) == rule.kinds.end()) {
      return false;
    }
    return true;
  }

  void CollectMatches() {
    const auto& tokens = doc_.tokens;
    for (uint32_t i = 0; i < tokens.size(); ++i) {
      const Token& t = tokens[i];
      auto try_refs = [&](const std::vector<PatternRef>& refs) {
        for (const PatternRef& ref : refs) {
          const Rule& rule = *pack_.rules[ref.rule];
          const Pattern& p = ref.role == 0   ? rule.patterns[ref.pattern]
                             : ref.role == 1 ? rule.exceptions[ref.pattern]
                                             : rule.elements[ref.role - 2].second[ref.pattern];
          uint32_t end;
          if (MatchPattern(p, doc_, i, &end)) {
            matches_.push_back({ref.rule, ref.pattern, ref.role, i, end});
          }
        }
      };
      if (entries_[i] != nullptr) try_refs(entries_[i]->refs);
      try_refs(pack_.kind_index[static_cast<size_t>(t.kind)]);
    }
    // By rule, then position, longest first: the order every check wants.
    std::sort(matches_.begin(), matches_.end(), [](const Match& a, const Match& b) {
      if (a.rule != b.rule) return a.rule < b.rule;
      if (a.role != b.role) return a.role < b.role;
      if (a.begin != b.begin) return a.begin < b.begin;
      return a.end > b.end;
    });
  }

  // The rule's matches with `role`, longest first at each start, with
  // overlaps removed (the first, longest match wins).
  std::vector<Match> RuleMatches(size_t ri, uint8_t role) const {
    std::vector<Match> out;
    auto lo = std::lower_bound(matches_.begin(), matches_.end(), ri,
                               [](const Match& m, size_t r) { return m.rule < r; });
    uint32_t covered = 0;
    for (auto it = lo; it != matches_.end() && it->rule == ri; ++it) {
      if (it->role != role) continue;
      if (!out.empty() && it->begin < covered) continue;
      out.push_back(*it);
      covered = it->end;
    }
    return out;
  }

  Finding Base(const Rule& rule) const {
    Finding f;
    f.rule = rule.id;
    f.level = rule.level;
    f.source = rule.sources.front();
    return f;
  }

  void SpanTokens(Finding* f, uint32_t begin, uint32_t end) const {
    const Token& a = doc_.tokens[begin];
    const Token& b = doc_.tokens[end - 1];
    f->start = a.start;
    f->end = b.end;
    f->char_start = a.char_start;
    f->char_end = b.char_end;
    f->text.assign(doc_.text, f->start, f->end - f->start);
  }

  void SpanSentence(Finding* f, const Sentence& s) const {
    f->start = s.start;
    f->end = s.end;
    f->char_start = s.char_start;
    f->char_end = s.char_end;
    f->text.assign(doc_.text, s.start, s.end - s.start);
  }

  // Placeholders may point into f (its text), so fill before moving f.
  void Emit(const Rule& rule, Finding& f, const Placeholders& p) {
    f.message = Fill(rule.message, p);
    if (!rule.suggestion.id.empty()) f.suggestion = Fill(rule.suggestion, p);
    result_->findings.push_back(std::move(f));
  }

  std::string_view PlatformText() const {
    return input_.platform ? PlatformName(*input_.platform) : std::string_view();
  }

  void Existence(const Rule& rule, size_t ri) {
    std::vector<Match> exceptions = RuleMatches(ri, 1);
    for (const Match& m : RuleMatches(ri, 0)) {
      bool excepted = std::any_of(exceptions.begin(), exceptions.end(), [&](const Match& e) {
        return e.begin <= m.begin && e.end >= m.end;
      });
      if (excepted || FollowedBy(rule, m.end)) continue;
      Finding f = Base(rule);
      SpanTokens(&f, m.begin, m.end);
      std::string replacement;
      if (rule.type == CheckType::kSubstitution) {
        const std::string& good = rule.replacements[m.pattern];
        bool already_good = rule.case_sensitive ? f.text == good : EqualsIgnoringCase(f.text, good);
        if (already_good) continue;
        replacement = rule.case_sensitive ? good : KeepCasing(f.text, good);
        if (rule.suggestion.id.empty()) {
          f.suggestion = Localized{"Ganti dengan \"" + replacement + "\".",
                                   "Replace with \"" + replacement + "\"."};
        }
      }
      Placeholders p{f.text, replacement, "", "", PlatformText(), ""};
      Emit(rule, f, p);
    }
  }

  static bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) ==
                    std::tolower(static_cast<unsigned char>(y));
           });
  }

  bool FollowedBy(const Rule& rule, uint32_t from) const {
    for (int k = 0; k < rule.follow_within; ++k) {
      uint32_t at = from + static_cast<uint32_t>(k);
      if (at >= doc_.tokens.size()) break;
      for (const Pattern& p : rule.follow) {
        uint32_t end;
        if (MatchPattern(p, doc_, at, &end)) return true;
      }
    }
    return false;
  }

  struct Unit {
    uint32_t first_sentence, end_sentence;
  };

  std::vector<Unit> Units(Scope scope) const {
    std::vector<Unit> units;
    const uint32_t n = static_cast<uint32_t>(doc_.sentences.size());
    if (scope == Scope::kText) {
      units.push_back({0, n});
    } else if (scope == Scope::kParagraph) {
      for (const Paragraph& p : doc_.paragraphs)
        units.push_back({p.first_sentence, p.end_sentence});
    } else {
      for (uint32_t i = 0; i < n; ++i) units.push_back({i, i + 1});
    }
    return units;
  }

  void SpanUnit(Finding* f, Scope scope, const Unit& u) const {
    if (scope == Scope::kText || u.first_sentence >= u.end_sentence) return;  // whole post: no span
    const Sentence& a = doc_.sentences[u.first_sentence];
    const Sentence& b = doc_.sentences[u.end_sentence - 1];
    f->start = a.start;
    f->end = b.end;
    f->char_start = a.char_start;
    f->char_end = b.char_end;
    f->text.assign(doc_.text, f->start, f->end - f->start);
  }

  void Occurrence(const Rule& rule, size_t ri) {
    std::optional<double> max = rule.max.Get(input_.platform);
    std::optional<double> min = rule.min.Get(input_.platform);
    if (!max && !min) return;
    std::vector<Match> all = RuleMatches(ri, 0);
    std::vector<Match> exceptions = RuleMatches(ri, 1);
    std::erase_if(all, [&](const Match& m) {
      return std::any_of(exceptions.begin(), exceptions.end(),
                         [&](const Match& e) { return e.begin <= m.begin && e.end >= m.end; });
    });
    for (const Unit& u : Units(rule.scope)) {
      std::vector<const Match*> in;
      for (const Match& m : all) {
        uint32_t s = doc_.tokens[m.begin].sentence;
        if (s >= u.first_sentence && s < u.end_sentence) in.push_back(&m);
      }
      double count = static_cast<double>(in.size());
      if (max && count > *max) {
        Finding f = Base(rule);
        const Match& past = *in[static_cast<size_t>(*max)];
        SpanTokens(&f, past.begin, past.end);
        std::string value = FormatNumber(count), limit = FormatNumber(*max);
        Placeholders p{f.text, "", value, limit, PlatformText(), ""};
        Emit(rule, f, p);
      } else if (min && count < *min) {
        Finding f = Base(rule);
        SpanUnit(&f, rule.scope, u);
        std::string value = FormatNumber(count), limit = FormatNumber(*min);
        Placeholders p{f.text, "", value, limit, PlatformText(), ""};
        Emit(rule, f, p);
      }
    }
  }

  void Repetition(const Rule& rule) {
    const auto& tokens = doc_.tokens;
    for (uint32_t i = 0; i + 1 < tokens.size(); ++i) {
      const Token& a = tokens[i];
      const Token& b = tokens[i + 1];
      if (a.kind != TokenKind::kWord || b.kind != TokenKind::kWord || a.sentence != b.sentence)
        continue;
      std::string_view la = doc_.TokenLower(a);
      if (la != doc_.TokenLower(b) || rule.exception_words.count(la)) continue;
      Finding f = Base(rule);
      SpanTokens(&f, i, i + 2);
      std::string word(doc_.TokenText(a));
      Placeholders p{word, word, "", "", PlatformText(), ""};
      Emit(rule, f, p);
      ++i;
    }
  }

  void Conditional(const Rule& rule, size_t ri) {
    std::vector<std::string_view> seen;
    for (const Match& m : RuleMatches(ri, 0)) {
      Finding f = Base(rule);
      SpanTokens(&f, m.begin, m.end);
      std::string_view text(doc_.text.data() + f.start, f.end - f.start);
      if (std::find(seen.begin(), seen.end(), text) != seen.end()) continue;
      seen.push_back(text);
      if (rule.exception_words.count(
              std::string_view(doc_.lower).substr(f.start, f.end - f.start))) {
        continue;
      }
      if (Defined(rule, text)) continue;
      Placeholders p{f.text, "", "", "", PlatformText(), ""};
      Emit(rule, f, p);
    }
  }

  bool Defined(const Rule& rule, std::string_view first) const {
    for (uint32_t i = 0; i < doc_.tokens.size(); ++i) {
      for (const Pattern& p : rule.second) {
        uint32_t end;
        if (MatchPattern(p, doc_, i, &end, first)) return true;
      }
    }
    return false;
  }

  void Capitalization(const Rule& rule) {
    const auto& tokens = doc_.tokens;
    if (rule.camel_hashtag) {
      for (uint32_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        if (t.kind != TokenKind::kHashtag) continue;
        std::string_view tag = doc_.TokenText(t).substr(1);
        int letters = 0;
        bool upper = false;
        for (char c : tag) {
          letters += std::isalpha(static_cast<unsigned char>(c)) != 0;
          upper |= c >= 'A' && c <= 'Z';
        }
        if (upper || letters < rule.min_letters) continue;
        if (rule.exception_words.count(doc_.TokenLower(t).substr(1))) continue;
        Finding f = Base(rule);
        SpanTokens(&f, i, i + 1);
        Placeholders p{f.text, "", "", "", PlatformText(), ""};
        Emit(rule, f, p);
      }
      return;
    }
    int candidates = 0;
    std::vector<uint32_t> shouting;
    for (uint32_t i = 0; i < tokens.size(); ++i) {
      const Token& t = tokens[i];
      if (t.kind != TokenKind::kWord || t.letters < rule.min_letters) continue;
      ++candidates;
      if (t.all_caps && !rule.exception_words.count(doc_.TokenLower(t))) shouting.push_back(i);
    }
    if (candidates == 0) return;
    double share = static_cast<double>(shouting.size()) / candidates;
    if (share <= rule.max_share) return;
    std::string value = FormatNumber(std::round(share * 100)),
                limit = FormatNumber(std::round(rule.max_share * 100));
    for (size_t k = 0; k < shouting.size();) {
      size_t j = k;
      while (j + 1 < shouting.size() &&
             doc_.tokens[shouting[j + 1]].sentence == doc_.tokens[shouting[k]].sentence) {
        ++j;
      }
      Finding f = Base(rule);
      SpanTokens(&f, shouting[k], shouting[j] + 1);
      Placeholders p{f.text, "", value, limit, PlatformText(), ""};
      Emit(rule, f, p);
      k = j + 1;
    }
  }

  // What every metric rule needs per sentence, counted once per post.
  struct SentenceCounts {
    Counts base{};  // the counts that do not depend on a rule's parameters
    std::array<uint16_t, 17> by_syllables{};  // words by syllable count, 16 = 16 or more
  };

  const std::vector<SentenceCounts>& PerSentence() {
    if (!per_sentence_.empty() || doc_.sentences.empty()) return per_sentence_;
    per_sentence_.resize(doc_.sentences.size());
    for (size_t s = 0; s < doc_.sentences.size(); ++s) {
      const Sentence& sentence = doc_.sentences[s];
      SentenceCounts& sc = per_sentence_[s];
      auto at = [&](Count k) -> double& { return sc.base[static_cast<size_t>(k)]; };
      at(Count::kWords) = sentence.words;
      at(Count::kCharacters) = sentence.char_end - sentence.char_start;
      for (uint32_t i = sentence.first_token; i < sentence.end_token; ++i) {
        const Token& t = doc_.tokens[i];
        switch (t.kind) {
          case TokenKind::kWord:
            at(Count::kSyllables) += t.syllables;
            ++sc.by_syllables[std::min<size_t>(t.syllables, 16)];
            break;
          case TokenKind::kPunct: {
            char ch = doc_.text[t.start];
            at(Count::kCommas) += ch == ',';
            at(Count::kExclamations) += ch == '!';
            at(Count::kQuestions) += ch == '?';
            break;
          }
          case TokenKind::kEmoji:
            at(Count::kEmoji) += 1;
            break;
          case TokenKind::kHashtag:
            at(Count::kHashtags) += 1;
            break;
          case TokenKind::kMention:
            at(Count::kMentions) += 1;
            break;
          case TokenKind::kUrl:
            at(Count::kUrls) += 1;
            break;
          default:
            break;
        }
      }
    }
    return per_sentence_;
  }

  // A sentence is passive when it has a di- verb: a word starting "di" of
  // at least 5 letters that the rule does not list as an exception (dinas,
  // diri, ...). Only rules whose formula reads passive_sentences pay for it.
  bool Passive(const Rule& rule, const Sentence& sentence) const {
    for (uint32_t i = sentence.first_token; i < sentence.end_token; ++i) {
      const Token& t = doc_.tokens[i];
      if (t.kind != TokenKind::kWord || t.letters < 5 || t.hyphenated) continue;
      std::string_view w = doc_.TokenLower(t);
      if (w.substr(0, 2) == "di" && !rule.exception_words.count(w)) return true;
    }
    return false;
  }

  Counts CountUnit(const Rule& rule, const Unit& u) {
    Counts c{};
    auto at = [&](Count k) -> double& { return c[static_cast<size_t>(k)]; };
    if (u.first_sentence >= u.end_sentence) return c;
    const auto& per = PerSentence();
    const std::vector<Count>& uses = rule.formula->uses();
    bool wants_passive =
        std::find(uses.begin(), uses.end(), Count::kPassiveSentences) != uses.end();
    for (uint32_t s = u.first_sentence; s < u.end_sentence; ++s) {
      const SentenceCounts& sc = per[s];
      for (size_t k = 0; k < c.size(); ++k) c[k] += sc.base[k];
      if (static_cast<int>(sc.base[static_cast<size_t>(Count::kWords)]) >
          rule.long_sentence_words) {
        at(Count::kLongSentences) += 1;
      }
      for (size_t n = std::min<size_t>(rule.long_word_syllables, 16); n < sc.by_syllables.size();
           ++n) {
        at(Count::kLongWords) += sc.by_syllables[n];
      }
      if (wants_passive && Passive(rule, doc_.sentences[s])) at(Count::kPassiveSentences) += 1;
    }
    at(Count::kSentences) = u.end_sentence - u.first_sentence;
    at(Count::kParagraphs) = doc_.sentences[u.end_sentence - 1].paragraph -
                             doc_.sentences[u.first_sentence].paragraph + 1;
    at(Count::kCharacters) =
        doc_.sentences[u.end_sentence - 1].char_end - doc_.sentences[u.first_sentence].char_start;
    return c;
  }

  void Metric(const Rule& rule) {
    std::optional<double> max = rule.max.Get(input_.platform);
    std::optional<double> min = rule.min.Get(input_.platform);
    for (const Unit& u : Units(rule.scope)) {
      if (u.first_sentence >= u.end_sentence) continue;
      double value = rule.formula->Evaluate(CountUnit(rule, u));
      std::optional<double> crossed;
      if (max && value > *max) crossed = max;
      if (min && value < *min) crossed = min;
      if (!crossed) continue;
      Finding f = Base(rule);
      if (rule.escalate_above && value > *rule.escalate_above) {
        f.level = rule.escalate_level;
        crossed = rule.escalate_above;
      }
      SpanUnit(&f, rule.scope, u);
      std::string v = FormatNumber(value), limit = FormatNumber(*crossed);
      Placeholders p{f.text, "", v, limit, PlatformText(), ""};
      Emit(rule, f, p);
    }
  }

  void Length(const Rule& rule) {
    if (!input_.platform) return;
    std::optional<double> limit = rule.limits.Get(input_.platform);
    if (!limit) return;
    int length = result_->stats.platform_length;
    if (length <= *limit) return;
    // Find the first token that no longer fits, so the span shows what to cut.
    size_t lo = 0, hi = doc_.tokens.size();
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      Document prefix = Analyze(std::string_view(doc_.text).substr(0, doc_.tokens[mid].end));
      if (PlatformLength(*input_.platform, prefix) > *limit) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    Finding f = Base(rule);
    if (lo < doc_.tokens.size()) {
      SpanTokens(&f, static_cast<uint32_t>(lo), static_cast<uint32_t>(doc_.tokens.size()));
    }
    std::string value = FormatNumber(length), lim = FormatNumber(*limit);
    Placeholders p{"", "", value, lim, PlatformText(), ""};
    Emit(rule, f, p);
  }

  void AltText(const Rule& rule) {
    std::optional<double> max_chars = rule.max_chars.Get(input_.platform);
    for (size_t i = 0; i < input_.media.size() && i < 64; ++i) {
      const Media& m = input_.media[i];
      if (m.kind != "image" && m.kind != "gif" && m.kind != "photo") continue;
      Finding f = Base(rule);
      f.media_index = static_cast<int>(i);
      std::string index = std::to_string(i + 1);
      std::string_view alt = m.alt ? std::string_view(*m.alt) : std::string_view();
      while (!alt.empty() && std::isspace(static_cast<unsigned char>(alt.front())))
        alt.remove_prefix(1);
      if (alt.empty()) {
        Placeholders p{"", "", index, "", PlatformText(), ""};
        Emit(rule, f, p);
        continue;
      }
      Document d = Analyze(alt);
      std::string_view first = d.tokens.empty() ? std::string_view() : d.TokenLower(d.tokens[0]);
      if (std::binary_search(rule.weak_starts.begin(), rule.weak_starts.end(), first)) {
        f.message =
            Localized{"Teks alternatif media " + index + " dimulai dengan \"" +
                          std::string(d.TokenText(d.tokens[0])) +
                          "\"; pembaca layar sudah tahu itu gambar. Langsung jelaskan isinya.",
                      "Alt text of media " + index + " starts with \"" +
                          std::string(d.TokenText(d.tokens[0])) +
                          "\"; screen readers already say it is an image. Describe it directly."};
        result_->findings.push_back(std::move(f));
        continue;
      }
      int chars = d.tokens.empty() ? 0 : static_cast<int>(d.tokens.back().char_end);
      if (max_chars && chars > *max_chars) {
        f.message =
            Localized{"Teks alternatif media " + index + " " + std::to_string(chars) +
                          " karakter, melebihi batas " + FormatNumber(*max_chars) + ".",
                      "Alt text of media " + index + " has " + std::to_string(chars) +
                          " characters, over the limit of " + FormatNumber(*max_chars) + "."};
        result_->findings.push_back(std::move(f));
      }
    }
  }

  void Completeness(const Rule& rule, size_t ri) {
    for (size_t k = 0; k < rule.elements.size(); ++k) {
      std::vector<Match> found = RuleMatches(ri, static_cast<uint8_t>(2 + k));
      bool present = std::any_of(found.begin(), found.end(), [&](const Match& m) {
        return rule.within_chars == 0 ||
               doc_.tokens[m.end - 1].char_end <= static_cast<uint32_t>(rule.within_chars);
      });
      if (present) continue;
      Finding f = Base(rule);
      if (!doc_.sentences.empty()) SpanSentence(&f, doc_.sentences[0]);
      std::string limit = FormatNumber(rule.within_chars);
      Placeholders p{f.text, "", "", limit, PlatformText(), rule.elements[k].first};
      Emit(rule, f, p);
    }
  }

  const RulePack::Impl& pack_;
  const ScoreInput& input_;
  const Document& doc_;
  const std::vector<const RulePack::Impl::WordEntry*>& entries_;
  ScoreResult* result_;
  std::vector<Match> matches_;
  std::vector<SentenceCounts> per_sentence_;
};

bool AllSpace(std::string_view s) {
  for (char c : s) {
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

void ComputeStats(const Document& doc, const ScoreInput& input, TextStats* s) {
  s->sentences = static_cast<int>(doc.sentences.size());
  s->paragraphs = static_cast<int>(doc.paragraphs.size());
  for (const Sentence& sentence : doc.sentences) s->words += static_cast<int>(sentence.words);
  for (const Token& t : doc.tokens) {
    if (t.kind != TokenKind::kWord) continue;
    s->syllables += t.syllables;
    s->long_words += t.syllables >= 5;
  }
  s->characters = doc.tokens.empty() ? 0 : static_cast<int>(doc.tokens.back().char_end);
  if (input.platform) s->platform_length = PlatformLength(*input.platform, doc);
  if (s->sentences > 0) s->words_per_sentence = static_cast<double>(s->words) / s->sentences;
  int word_tokens = 0;
  for (const Token& t : doc.tokens) word_tokens += t.kind == TokenKind::kWord;
  if (word_tokens > 0) {
    s->long_word_share = static_cast<double>(s->long_words) / word_tokens;
    double syllables_per_word = static_cast<double>(s->syllables) / word_tokens;
    // Plain Flesch goes negative on Indonesian's long words; scaling
    // syllables by 0.6 is a common adaptation. Advisory only.
    s->flesch_id = 206.835 - 1.015 * s->words_per_sentence - 84.6 * 0.6 * syllables_per_word;
  }
}

}  // namespace

ScoreResult RulePack::Impl::Score(const ScoreInput& input) const {
  ScoreResult result;
  if (AllSpace(input.text)) {
    result.not_scored_reason = "empty";
    return result;
  }
  if (!IsValidUtf8(input.text)) {
    result.not_scored_reason = "invalid_utf8";
    return result;
  }
  Document doc = Analyze(input.text);
  // One hash lookup per word for language and kind evidence.
  std::array<int, kMaxLanguages> language_hits{};
  std::array<int, kMaxKinds> kind_hits{};
  int words = 0;
  std::vector<const WordEntry*> entries(doc.tokens.size());
  for (size_t i = 0; i < doc.tokens.size(); ++i) {
    const Token& t = doc.tokens[i];
    auto it = word_index.find(doc.TokenLower(t));
    if (it != word_index.end()) entries[i] = &it->second;
    if (t.kind != TokenKind::kWord) continue;
    ++words;
    if (it == word_index.end()) continue;
    for (uint32_t bits = it->second.info; bits != 0; bits &= bits - 1) {
      int bit = __builtin_ctz(bits);
      if (bit < static_cast<int>(kMaxLanguages)) {
        ++language_hits[bit];
      } else {
        ++kind_hits[bit - kMaxLanguages];
      }
    }
  }
  int own = 0, best_other = 0;
  std::string other_language;
  for (size_t i = 0; i < stopword_languages.size(); ++i) {
    if (stopword_languages[i] == language) {
      own = language_hits[i];
    } else if (language_hits[i] > best_other) {
      best_other = language_hits[i];
      other_language = stopword_languages[i];
    }
  }
  if (words == 0) {
    result.not_scored_reason = "no_words";
    return result;
  }
  // Only call a post foreign when the evidence is clear: short Indonesian
  // posts may have no function words at all.
  if (best_other >= 3 && best_other > 2 * own) {
    result.language = other_language;
    result.not_scored_reason = "language";
    return result;
  }
  result.language = language;
  result.kind = "lainnya";
  if (input.kind) {
    result.kind = std::string(*input.kind);
  } else {
    int best_kind = 0;
    for (size_t k = 0; k < kinds.size(); ++k) {
      if (kind_hits[k] > best_kind) {
        best_kind = kind_hits[k];
        result.kind = kinds[k].id;
      }
    }
  }
  ComputeStats(doc, input, &result.stats);
  PostScorer(*this, input, doc, entries, &result).Run();
  // Text order, media findings last. Findings are large (several strings),
  // so sort an index and move each finding once.
  std::vector<uint32_t> order(result.findings.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    const Finding& a = result.findings[x];
    const Finding& b = result.findings[y];
    if ((a.media_index >= 0) != (b.media_index >= 0)) return a.media_index < 0;
    if (a.start != b.start) return a.start < b.start;
    return a.end < b.end;
  });
  std::vector<Finding> sorted;
  sorted.reserve(order.size());
  for (uint32_t i : order) sorted.push_back(std::move(result.findings[i]));
  result.findings = std::move(sorted);
  // Deductions: each finding costs its level's points, capped per rule.
  int lost = 0;
  for (const Finding& f : result.findings) {
    auto it = std::find_if(result.breakdown.begin(), result.breakdown.end(),
                           [&](const Deduction& d) { return d.rule == f.rule; });
    if (it == result.breakdown.end()) {
      result.breakdown.push_back(Deduction{f.rule, f.level, 0, 0});
      it = result.breakdown.end() - 1;
    }
    it->level = std::max(it->level, f.level);
    it->points += each[static_cast<size_t>(f.level)];
    ++it->findings;
  }
  for (Deduction& d : result.breakdown) {
    d.points = std::min(d.points, max_per_rule[static_cast<size_t>(d.level)]);
    lost += d.points;
  }
  std::sort(result.breakdown.begin(), result.breakdown.end(),
            [](const Deduction& a, const Deduction& b) {
              return a.points != b.points ? a.points > b.points : a.rule < b.rule;
            });
  result.score = std::max(0, 100 - lost);
  result.scored = true;
  return result;
}

}  // namespace tanggap::scorer
