// Scenario files -> Scenario (validated field by field), the release clock,
// and the attempt score. The formula is in simulation.h and
// docs/training-simulations.md; keep the three in step.
#include "training/simulation.h"

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <set>

#include "training/lessons.h"  // ReadContentFolder, ContentHash

namespace tanggap::training {

// RE2 (https://github.com/google/re2/wiki/Syntax) matches in time linear in
// the text, with no backtracking: a trainer's `(a*)*b` cannot stall scoring.
// RE2 objects are immutable after construction and safe to share across
// threads, like the scenario that holds them.
struct Cues::Compiled {
  std::vector<std::unique_ptr<const RE2>> regexes;  // parallel to Cues::regexes
};

namespace {

constexpr size_t kMaxRegexChars = 200;
// Memory RE2 may use per regex, compiled program and match-time DFA cache
// together; a pattern whose program does not fit is refused at load. (RE2's
// default is 8 MiB; a folder of scenarios holds hundreds of regexes.)
constexpr int64_t kRegexMaxMem = int64_t{1} << 20;
// RE2 matches in time proportional to text length x program size
// (RE2::ProgramSize, about one unit per character or class in the expanded
// pattern). The cap keeps one regex over a kMaxPostBytes post under about
// 0.1 s even for a pattern built to defeat RE2's DFA, and typically well
// under a millisecond; shipped patterns are under 150, `[^\n]{0,100}` is
// about 900.
constexpr int kMaxRegexProgramSize = 1000;
constexpr size_t kMaxFieldBytes = 4000;
constexpr int kMaxAtSeconds = 24 * 3600;

// Errors inside the loader travel as this exception and become a Status at
// the boundary (ParseScenarios); nothing else throws.
struct LoadError {
  std::string message;
};

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void Fail(const YAML::Node& at, const std::string& what) const {
    int line = at.IsDefined() && at.Mark().line >= 0 ? at.Mark().line + 1 : 1;
    throw LoadError{file_ + ":" + std::to_string(line) + ": " + what};
  }
  YAML::Node Need(const YAML::Node& map, const char* field, const std::string& what) const {
    YAML::Node v = map[field];
    if (!v) Fail(map, (what.empty() ? "" : what + ": ") + "missing field '" + field + "'");
    return v;
  }
  void OnlyFields(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                  const std::string& what) const {
    if (!map.IsMap()) Fail(map, what + " must be a mapping of field: value");
    for (const auto& kv : map) {
      std::string key = kv.first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        std::string list;
        for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        Fail(kv.first, what + ": unknown field '" + key + "' (allowed: " + list + ")");
      }
    }
  }
  std::string String(const YAML::Node& n, const std::string& what) const {
    if (!n.IsScalar() || n.Scalar().empty()) Fail(n, what + " must be non-empty text");
    if (n.Scalar().size() > kMaxFieldBytes)
      Fail(n, what + " is longer than " + std::to_string(kMaxFieldBytes) + " bytes");
    return n.Scalar();
  }
  int Int(const YAML::Node& n, const std::string& what, int lo, int hi) const {
    long v = 0;
    bool ok = n.IsScalar() && YAML::convert<long>::decode(n, v);
    if (!ok || v < lo || v > hi)
      Fail(n, what + " must be a whole number from " + std::to_string(lo) + " to " +
                  std::to_string(hi));
    return static_cast<int>(v);
  }
  bool Bool(const YAML::Node& n, const std::string& what) const {
    bool v = false;
    if (!n.IsScalar() || !YAML::convert<bool>::decode(n, v))
      Fail(n, what + " must be true or false");
    return v;
  }
  std::vector<std::string> Strings(const YAML::Node& n, const std::string& what) const {
    if (!n.IsSequence()) Fail(n, what + " must be a list");
    std::vector<std::string> out;
    for (const auto& item : n) out.push_back(String(item, what + " entries"));
    return out;
  }
  scorer::Localized Text(const YAML::Node& n, const std::string& what) const {
    OnlyFields(n, {"id", "en"}, what);
    return {String(Need(n, "id", what), what + ".id"), String(Need(n, "en", what), what + ".en")};
  }

 private:
  std::string file_;
};

bool ValidId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// Lower case, every run of whitespace one space: phrases then match across
// line breaks and double spaces.
std::string Normalize(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

bool WordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
         static_cast<unsigned char>(c) >= 0x80;
}

// A phrase at word boundaries in normalized text.
bool HasPhrase(const std::string& text, const std::string& phrase) {
  if (phrase.empty()) return false;
  for (size_t at = text.find(phrase); at != std::string::npos; at = text.find(phrase, at + 1)) {
    bool left = at == 0 || !WordByte(text[at - 1]) || !WordByte(phrase.front());
    size_t end = at + phrase.size();
    bool right = end == text.size() || !WordByte(text[end]) || !WordByte(phrase.back());
    if (left && right) return true;
  }
  return false;
}

// What to do about a pattern RE2 refuses, for the load error.
std::string RegexAdvice(const std::string& src, const RE2& re) {
  const std::string& arg = re.error_arg();
  bool backreference = re.error_code() == RE2::ErrorBadEscape && arg.size() == 2 &&
                       ((arg[1] >= '1' && arg[1] <= '9') || arg[1] == 'k');
  bool lookaround =
      re.error_code() == RE2::ErrorBadPerlOp &&
      (arg.starts_with("(?=") || arg.starts_with("(?!") || src.find("(?<=") != std::string::npos ||
       src.find("(?<!") != std::string::npos);
  if (backreference || lookaround)
    return "RE2 has no backreferences or lookaround; rewrite without them (e.g. list the "
           "alternatives, or split the check into several regexes)";
  switch (re.error_code()) {
    case RE2::ErrorBadPerlOp:
      if (arg.starts_with("(?<")) return "write a named group as (?P<name>...), or use (...)";
      break;
    case RE2::ErrorBadEscape:
      if (arg == "\\u") return "write a code point as \\x{00E9}, not \\u00E9";
      if (arg == "\\Z") return "write \\z for the end of the text";
      break;
    case RE2::ErrorRepeatSize:
      return "repetition counts go up to 1000, nested counts multiplied; use smaller counts";
    case RE2::ErrorPatternTooLarge:
      return "it is too big to match quickly; use smaller repetition counts or split it into "
             "several regexes";
    default:
      break;
  }
  return "trainers' regexes use RE2 syntax (https://github.com/google/re2/wiki/Syntax)";
}

// A cue regex: RE2, UTF-8, case-insensitive, searched anywhere in the
// text. Null, with *error saying what is wrong and what to do, when RE2
// refuses it or it is too costly.
std::unique_ptr<const RE2> CompileRegex(const std::string& src, std::string* error) {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_case_sensitive(false);
  options.set_log_errors(false);  // the loader reports, with file and line
  options.set_max_mem(kRegexMaxMem);
  auto re = std::make_unique<const RE2>(src, options);
  if (!re->ok()) {
    *error = "does not compile: " + re->error() + "; " + RegexAdvice(src, *re);
    return nullptr;
  }
  if (re->ProgramSize() > kMaxRegexProgramSize) {
    *error = "is too costly to match (size " + std::to_string(re->ProgramSize()) + ", at most " +
             std::to_string(kMaxRegexProgramSize) +
             "); use smaller repetition counts or split it into several regexes";
    return nullptr;
  }
  return re;
}

Cues ReadCues(const Reader& r, const YAML::Node& n, const std::string& what) {
  Cues c;
  if (n["phrases"]) {
    for (const std::string& p : r.Strings(n["phrases"], what + ".phrases")) {
      std::string norm = Normalize(p);
      if (norm.empty()) r.Fail(n["phrases"], what + ".phrases: an empty phrase");
      c.phrases.push_back(norm);
    }
  }
  auto compiled = std::make_shared<Cues::Compiled>();
  if (n["regex"]) {
    YAML::Node list = n["regex"];
    c.regexes = r.Strings(list, what + ".regex");
    for (size_t i = 0; i < c.regexes.size(); ++i) {
      const std::string& src = c.regexes[i];
      if (src.size() > kMaxRegexChars)
        r.Fail(list[i],
               what + ".regex: longer than " + std::to_string(kMaxRegexChars) + " characters");
      std::string error;
      auto re = CompileRegex(src, &error);
      if (!re) r.Fail(list[i], what + ".regex '" + src + "' " + error);
      compiled->regexes.push_back(std::move(re));
    }
  }
  c.compiled = std::move(compiled);
  int total = static_cast<int>(c.phrases.size() + c.regexes.size());
  if (total == 0) r.Fail(n, what + " needs 'phrases' or 'regex' (what to look for)");
  if (n["min"]) c.min = r.Int(n["min"], what + ".min", 1, total);
  return c;
}

// The cues found in text, as written in the file.
std::vector<std::string> Matches(const Cues& c, std::string_view text) {
  std::vector<std::string> out;
  std::string norm = Normalize(text);
  for (const std::string& p : c.phrases)
    if (HasPhrase(norm, p)) out.push_back(p);
  for (size_t i = 0; i < c.regexes.size(); ++i)
    if (RE2::PartialMatch(text, *c.compiled->regexes[i])) out.push_back(c.regexes[i]);
  return out;
}

bool Met(const Cues& c, std::string_view text) {
  return static_cast<int>(Matches(c, text).size()) >= c.min;
}

Scenario ReadScenario(const ContentFile& f) {
  Reader r(f.name);
  YAML::Node root;
  try {
    root = YAML::Load(f.content);
  } catch (const YAML::Exception& e) {
    throw LoadError{f.name + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg};
  }
  r.OnlyFields(root,
               {"id", "title", "agency", "platform", "brief", "task", "reply_target_seconds",
                "rubric", "comments", "tips"},
               "scenario");
  Scenario s;
  s.file = f.name;
  s.version = ContentHash(f.content);
  s.id = r.String(r.Need(root, "id", ""), "id");
  if (!ValidId(s.id))
    r.Fail(root["id"], "id '" + s.id + "' must be 1-64 characters of a-z, 0-9, '-'");
  s.title = r.Text(r.Need(root, "title", ""), "title");
  s.agency = r.String(r.Need(root, "agency", ""), "agency");
  YAML::Node platform = r.Need(root, "platform", "");
  auto p = ParsePlatform(r.String(platform, "platform"));
  if (!p)
    r.Fail(platform, "platform '" + platform.Scalar() +
                         "' is unknown (instagram, facebook, x, youtube, mastodon, bluesky)");
  s.platform = *p;
  s.brief = r.Text(r.Need(root, "brief", ""), "brief");
  s.task = r.Text(r.Need(root, "task", ""), "task");
  if (root["reply_target_seconds"])
    s.reply_target_seconds = r.Int(root["reply_target_seconds"], "reply_target_seconds", 10, 86400);

  YAML::Node rubric = r.Need(root, "rubric", "");
  if (!rubric.IsSequence() || rubric.size() == 0 || rubric.size() > 20)
    r.Fail(rubric, "rubric must be a list of 1 to 20 criteria");
  std::set<std::string> rubric_ids;
  for (size_t i = 0; i < rubric.size(); ++i) {
    const YAML::Node& n = rubric[i];
    std::string what = "rubric[" + std::to_string(i + 1) + "]";
    r.OnlyFields(n, {"id", "weight", "name", "tip", "phrases", "regex", "min"}, what);
    RubricItem item;
    item.id = r.String(r.Need(n, "id", what), what + ".id");
    if (!ValidId(item.id)) r.Fail(n["id"], what + ".id must be of a-z, 0-9 and '-'");
    if (!rubric_ids.insert(item.id).second)
      r.Fail(n["id"], what + ".id '" + item.id + "' is used twice in this scenario");
    item.weight = r.Int(r.Need(n, "weight", what), what + ".weight", 1, 100);
    item.name = r.Text(r.Need(n, "name", what), what + ".name");
    item.tip = r.Text(r.Need(n, "tip", what), what + ".tip");
    item.cues = ReadCues(r, n, what);
    s.rubric.push_back(std::move(item));
  }

  YAML::Node comments = r.Need(root, "comments", "");
  if (!comments.IsSequence() || comments.size() == 0 || comments.size() > 30)
    r.Fail(comments, "comments must be a list of 1 to 30 citizen comments");
  int previous_at = 0;
  bool any_needed = false;
  for (size_t i = 0; i < comments.size(); ++i) {
    const YAML::Node& n = comments[i];
    std::string what = "comments[" + std::to_string(i + 1) + "]";
    r.OnlyFields(n, {"at", "label", "author", "text", "needs_answer", "expect"}, what);
    Comment c;
    c.at_seconds =
        r.Int(r.Need(n, "at", what), what + ".at (seconds after the post)", 0, kMaxAtSeconds);
    if (c.at_seconds < previous_at)
      r.Fail(n["at"], what + ".at " + std::to_string(c.at_seconds) +
                          " comes before the previous comment's " + std::to_string(previous_at) +
                          "; list comments in release order");
    previous_at = c.at_seconds;
    YAML::Node label = r.Need(n, "label", what);
    std::string l = r.String(label, what + ".label");
    if (l == "question") {
      c.label = Comment::Label::kQuestion;
    } else if (l == "complaint") {
      c.label = Comment::Label::kComplaint;
    } else if (l == "provocation") {
      c.label = Comment::Label::kProvocation;
    } else if (l == "thanks") {
      c.label = Comment::Label::kThanks;
    } else {
      r.Fail(label,
             what + ".label '" + l + "' is unknown (question, complaint, provocation, thanks)");
    }
    c.author = r.String(r.Need(n, "author", what), what + ".author");
    c.text = r.String(r.Need(n, "text", what), what + ".text");
    c.needs_answer = c.label != Comment::Label::kThanks;
    if (n["needs_answer"]) c.needs_answer = r.Bool(n["needs_answer"], what + ".needs_answer");
    if (YAML::Node e = n["expect"]) {
      r.OnlyFields(e, {"name", "phrases", "regex", "min"}, what + ".expect");
      c.expect_name = r.Text(r.Need(e, "name", what + ".expect"), what + ".expect.name");
      c.expect = ReadCues(r, e, what + ".expect");
    }
    any_needed = any_needed || c.needs_answer;
    s.comments.push_back(std::move(c));
  }
  if (!any_needed) r.Fail(comments, "comments: at least one comment must need an answer");

  YAML::Node tips = r.Need(root, "tips", "");
  if (!tips.IsSequence() || tips.size() < 3 || tips.size() > 10)
    r.Fail(tips, "tips must be a list of 3 to 10 tips ({id: ..., en: ...})");
  for (size_t i = 0; i < tips.size(); ++i)
    s.tips.push_back(r.Text(tips[i], "tips[" + std::to_string(i + 1) + "]"));
  return s;
}

// round(a / b) for a >= 0, b > 0, halves up.
int RoundDiv(int64_t a, int64_t b) { return static_cast<int>((2 * a + b) / (2 * b)); }

int TimePoints(int64_t response, int target) {
  if (response <= target) return 100;
  int64_t late = response - target;
  int64_t span = 3LL * target;  // 0 points at four times the target
  if (late >= span) return 0;
  return 100 - RoundDiv(100 * late, span);
}

std::string Excerpt(std::string_view text) {
  constexpr size_t kMax = 60;
  if (text.size() <= kMax) return std::string(text);
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
  return std::string(text.substr(0, cut)) + "…";
}

// The tip for the rule that cost a score the most: its first finding's
// suggestion (or message).
std::optional<scorer::Localized> TopFindingTip(const scorer::ScoreResult& r) {
  if (!r.scored || r.breakdown.empty()) return std::nullopt;
  const scorer::Deduction* top = &r.breakdown[0];
  for (const auto& d : r.breakdown)
    if (d.points > top->points) top = &d;
  for (const scorer::Finding& f : r.findings) {
    if (f.rule != top->rule) continue;
    scorer::Localized out = f.message;
    if (!f.suggestion.id.empty()) {
      out.id += " " + f.suggestion.id;
      out.en += " " + f.suggestion.In("en");
    }
    if (out.en.empty()) out.en = out.id;
    return out;
  }
  return std::nullopt;
}

}  // namespace

std::string_view LabelName(Comment::Label label) {
  static constexpr std::string_view kNames[] = {"question", "complaint", "provocation", "thanks"};
  return kNames[static_cast<int>(label)];
}

std::string_view ToneKind(Comment::Label label) {
  static constexpr std::string_view kKinds[] = {"pertanyaan", "keluhan", "lainnya", "apresiasi"};
  return kKinds[static_cast<int>(label)];
}

Result<std::vector<Scenario>> ParseScenarios(const std::vector<ContentFile>& files) {
  if (files.size() > kMaxScenarioFiles)
    return Status::InvalidArgument("scenarios: more than " + std::to_string(kMaxScenarioFiles) +
                                   " files");
  std::vector<Scenario> out;
  std::map<std::string, std::string> where;
  try {
    for (const ContentFile& f : files) {
      if (f.content.size() > kMaxScenarioFileBytes)
        throw LoadError{f.name + ":1: file is larger than " +
                        std::to_string(kMaxScenarioFileBytes) + " bytes"};
      Scenario s = ReadScenario(f);
      auto [it, fresh] = where.emplace(s.id, f.name);
      if (!fresh)
        throw LoadError{f.name + ":1: id: scenario id '" + s.id + "' is already used by " +
                        it->second};
      out.push_back(std::move(s));
    }
  } catch (const LoadError& e) {
    return Status::InvalidArgument(e.message);
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument("scenario files: " + std::string(e.what()));
  }
  std::sort(out.begin(), out.end(),
            [](const Scenario& a, const Scenario& b) { return a.id < b.id; });
  return out;
}

Result<std::vector<Scenario>> LoadScenarios(const std::string& dir) {
  auto yml = ReadContentFolder(dir, ".yml", kMaxScenarioFiles, kMaxScenarioFileBytes);
  if (!yml.ok()) return yml.status();
  auto yaml = ReadContentFolder(dir, ".yaml", kMaxScenarioFiles, kMaxScenarioFileBytes);
  if (!yaml.ok()) return yaml.status();
  for (auto& f : *yaml) yml->push_back(std::move(f));
  return ParseScenarios(*yml);
}

std::vector<int> Released(const Scenario& scenario, int64_t post_submitted_unix, int64_t now) {
  std::vector<int> out;
  if (now < post_submitted_unix) return out;
  int64_t elapsed = now - post_submitted_unix;
  for (size_t i = 0; i < scenario.comments.size(); ++i)
    if (scenario.comments[i].at_seconds <= elapsed) out.push_back(static_cast<int>(i));
  return out;
}

std::optional<int64_t> NextRelease(const Scenario& scenario, int64_t post_submitted_unix,
                                   int64_t now) {
  int64_t elapsed = now - post_submitted_unix;
  for (const Comment& c : scenario.comments)
    if (c.at_seconds > elapsed) return c.at_seconds - elapsed;
  return std::nullopt;
}

Result<Debrief> ScoreAttempt(const Scenario& scenario, const scorer::RulePack& clarity_pack,
                             const scorer::RulePack& tone_pack, const Attempt& attempt) {
  // Bounds first: nothing is scored for a forged or runaway attempt.
  if (attempt.post_text.find_first_not_of(" \t\r\n") == std::string::npos)
    return Status::InvalidArgument("the post is empty");
  if (attempt.post_text.size() > kMaxPostBytes)
    return Status::InvalidArgument("the post is longer than " + std::to_string(kMaxPostBytes) +
                                   " bytes");
  if (attempt.replies.size() > kMaxReplies)
    return Status::InvalidArgument("more than " + std::to_string(kMaxReplies) + " replies");
  const int n_comments = static_cast<int>(scenario.comments.size());
  for (size_t i = 0; i < attempt.replies.size(); ++i) {
    const Attempt::Reply& rep = attempt.replies[i];
    std::string which = "reply " + std::to_string(i + 1);
    if (rep.comment_index < 0 || rep.comment_index >= n_comments)
      return Status::InvalidArgument(which + " answers comment " +
                                     std::to_string(rep.comment_index) + "; the scenario has " +
                                     std::to_string(n_comments));
    if (rep.text.find_first_not_of(" \t\r\n") == std::string::npos)
      return Status::InvalidArgument(which + " is empty");
    if (rep.text.size() > kMaxReplyBytes)
      return Status::InvalidArgument(which + " is longer than " + std::to_string(kMaxReplyBytes) +
                                     " bytes");
    int64_t released =
        attempt.post_submitted_unix + scenario.comments[rep.comment_index].at_seconds;
    if (rep.sent_unix < released)
      return Status::InvalidArgument(which + " was sent before its comment appeared");
  }

  Debrief d;
  d.scenario = scenario.id;
  d.scenario_version = scenario.version;
  d.clarity = clarity_pack.Score({attempt.post_text, scenario.platform, {}});
  d.clarity_points = d.clarity.scored ? d.clarity.score : 0;

  int total_weight = 0, met_weight = 0;
  for (const RubricItem& item : scenario.rubric) {
    Debrief::RubricResult rr;
    rr.id = item.id;
    rr.name = item.name;
    rr.tip = item.tip;
    rr.weight = item.weight;
    rr.matched = Matches(item.cues, attempt.post_text);
    rr.met = static_cast<int>(rr.matched.size()) >= item.cues.min;
    total_weight += item.weight;
    if (rr.met) met_weight += item.weight;
    d.rubric.push_back(std::move(rr));
  }
  d.rubric_points = RoundDiv(100LL * met_weight, total_weight);

  int64_t time_sum = 0, tone_sum = 0, content_sum = 0, needed = 0;
  for (int ci = 0; ci < n_comments; ++ci) {
    const Comment& c = scenario.comments[ci];
    Debrief::CommentResult cr;
    cr.index = ci;
    cr.label = c.label;
    cr.needs_answer = c.needs_answer;
    cr.has_expectation = c.expect.has_value();
    cr.expect_name = c.expect_name;
    // The first reply (by time, then by position) is what the citizen saw.
    for (size_t ri = 0; ri < attempt.replies.size(); ++ri) {
      const Attempt::Reply& rep = attempt.replies[ri];
      if (rep.comment_index != ci) continue;
      if (cr.reply < 0 || rep.sent_unix < attempt.replies[cr.reply].sent_unix)
        cr.reply = static_cast<int>(ri);
    }
    if (cr.reply >= 0) {
      const Attempt::Reply& rep = attempt.replies[cr.reply];
      cr.answered = true;
      cr.response_seconds = rep.sent_unix - (attempt.post_submitted_unix + c.at_seconds);
      cr.time_points = TimePoints(cr.response_seconds, scenario.reply_target_seconds);
      scorer::ScoreInput in{rep.text, scenario.platform, {}};
      in.kind = ToneKind(c.label);
      cr.tone = tone_pack.Score(in);
      cr.expectation_met = c.expect && Met(*c.expect, rep.text);
    }
    if (c.needs_answer) {
      ++needed;
      if (cr.answered) {
        time_sum += cr.time_points;
        tone_sum += cr.tone.scored ? cr.tone.score : 0;
        content_sum += (!c.expect || cr.expectation_met) ? 100 : 0;
      }
    }
    d.comments.push_back(std::move(cr));
  }
  if (needed > 0) {
    d.time_points = RoundDiv(time_sum, needed);
    d.tone_points = RoundDiv(tone_sum, needed);
    d.content_points = RoundDiv(content_sum, needed);
  }
  d.overall = RoundDiv(25LL * d.clarity_points + 25LL * d.rubric_points + 20LL * d.time_points +
                           15LL * d.tone_points + 15LL * d.content_points,
                       100);

  // Tips: one from each area in turn (rubric, unanswered or incomplete
  // answers, speed, clarity, tone), so the three cover different things;
  // the scenario's own tips fill the rest.
  std::vector<std::vector<scorer::Localized>> areas(5);
  std::vector<const Debrief::RubricResult*> missed;
  for (const auto& rr : d.rubric)
    if (!rr.met) missed.push_back(&rr);
  std::stable_sort(missed.begin(), missed.end(),
                   [](const auto* a, const auto* b) { return a->weight > b->weight; });
  for (const auto* rr : missed) areas[0].push_back(rr->tip);
  for (const auto& cr : d.comments) {
    const Comment& c = scenario.comments[cr.index];
    if (c.needs_answer && !cr.answered) {
      areas[1].push_back(
          {"Komentar " + c.author + " (\"" + Excerpt(c.text) +
               "\") belum dijawab. Setiap pertanyaan, keluhan, bahkan provokasi perlu balasan "
               "yang tenang dan jelas.",
           "The comment by " + c.author + " (\"" + Excerpt(c.text) +
               "\") got no answer. Every question, complaint and even provocation needs a calm, "
               "clear reply."});
    } else if (c.needs_answer && c.expect && !cr.expectation_met) {
      areas[1].push_back(
          {"Balasan untuk " + c.author + " belum menyebut " + c.expect_name.id + ".",
           "Your reply to " + c.author + " does not mention " + c.expect_name.In("en") + "."});
    }
  }
  {
    const Debrief::CommentResult* slowest = nullptr;
    for (const auto& cr : d.comments)
      if (cr.answered && cr.needs_answer && cr.time_points < 100 &&
          (!slowest || cr.response_seconds > slowest->response_seconds))
        slowest = &cr;
    if (slowest) {
      std::string target = std::to_string((scenario.reply_target_seconds + 59) / 60);
      std::string took = std::to_string((slowest->response_seconds + 59) / 60);
      const std::string& who = scenario.comments[slowest->index].author;
      areas[2].push_back({"Balas dalam " + target + " menit. Balasan untuk " + who +
                              " baru terkirim setelah " + took +
                              " menit; jawab singkat dulu, lengkapi kemudian.",
                          "Reply within " + target + " minutes. Your reply to " + who + " took " +
                              took + " minutes; answer briefly first, add detail later."});
    }
  }
  if (auto tip = TopFindingTip(d.clarity)) areas[3].push_back(*tip);
  {
    // The tone rule that cost the most over every answer.
    std::map<std::string, int> cost;
    const scorer::ScoreResult* example = nullptr;
    std::string top;
    for (const auto& cr : d.comments)
      for (const auto& ded : cr.tone.breakdown) cost[ded.rule] += ded.points;
    for (const auto& [rule, points] : cost)
      if (points > 0 && (top.empty() || points > cost[top])) top = rule;
    for (const auto& cr : d.comments) {
      if (example) break;
      for (const auto& ded : cr.tone.breakdown)
        if (ded.rule == top) example = &cr.tone;
    }
    if (example) {
      scorer::ScoreResult only = *example;
      std::erase_if(only.breakdown, [&](const scorer::Deduction& x) { return x.rule != top; });
      if (auto tip = TopFindingTip(only)) areas[4].push_back(*tip);
    }
  }
  for (size_t round = 0; d.tips.size() < 3; ++round) {
    bool any = false;
    for (const auto& area : areas) {
      if (round < area.size() && d.tips.size() < 3) {
        d.tips.push_back(area[round]);
        any = true;
      }
    }
    if (!any) break;
  }
  for (size_t i = 0; d.tips.size() < 3 && i < scenario.tips.size(); ++i)
    d.tips.push_back(scenario.tips[i]);
  return d;
}

}  // namespace tanggap::training
