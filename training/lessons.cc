// Reading lesson files: YAML front matter + Markdown sections, validated
// field by field so a trainer's slip stops the load with the file, the line
// and what to fix. Markdown is rendered once, at load, by cmark.
#include "training/lessons.h"

#include <cmark.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "util/file.h"

namespace tanggap::training {
namespace {

// Errors inside the loader travel as this exception and become a Status at
// the boundary (LessonLibrary::Parse); nothing else throws.
struct LoadError {
  std::string message;
};

[[noreturn]] void Fail(const std::string& file, int line, const std::string& what) {
  throw LoadError{file + ":" + std::to_string(line > 0 ? line : 1) + ": " + what};
}

// Typed access to the front matter, failing with the file, the line and the
// field. line_offset: lines of the file before the YAML text.
class YamlReader {
 public:
  YamlReader(std::string file, int line_offset) : file_(std::move(file)), offset_(line_offset) {}

  YAML::Node Load(const std::string& text) const {
    try {
      YAML::Node root = YAML::Load(text);
      if (!root.IsMap())
        training::Fail(file_, offset_ + 1, "front matter must be a mapping of field: value");
      return root;
    } catch (const YAML::Exception& e) {
      training::Fail(file_, offset_ + e.mark.line + 1, "front matter is not valid YAML: " + e.msg);
    }
  }
  int Line(const YAML::Node& at) const {
    return at.IsDefined() && at.Mark().line >= 0 ? offset_ + at.Mark().line + 1 : offset_ + 1;
  }
  [[noreturn]] void Fail(const YAML::Node& at, const std::string& what) const {
    training::Fail(file_, Line(at), what);
  }
  YAML::Node Need(const YAML::Node& map, const char* field, const std::string& what) const {
    YAML::Node v = map[field];
    if (!v) Fail(map, what + ": missing field '" + field + "'");
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
  std::vector<std::string> Strings(const YAML::Node& n, const std::string& what) const {
    if (!n.IsSequence()) Fail(n, what + " must be a list, e.g. [ID.Anda, ID.TidakBaku]");
    std::vector<std::string> out;
    for (const auto& item : n) out.push_back(String(item, what + " entries"));
    return out;
  }
  // {id: ..., en: ...}; need_en: English is required too.
  scorer::Localized Text(const YAML::Node& n, const std::string& what, bool need_en) const {
    OnlyFields(n, {"id", "en"}, what);
    scorer::Localized l;
    l.id = String(Need(n, "id", what), what + ".id");
    if (need_en || n["en"]) l.en = String(Need(n, "en", what), what + ".en");
    return l;
  }

 private:
  std::string file_;
  int offset_;
};

std::string RenderMarkdown(const std::string& markdown) {
  // CMARK_OPT_DEFAULT is safe since cmark 0.29: raw HTML becomes a comment
  // and javascript:/vbscript:/file:/data: links are emptied. VALIDATE_UTF8
  // replaces broken bytes instead of passing them through.
  char* html = cmark_markdown_to_html(markdown.data(), markdown.size(),
                                      CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
  if (html == nullptr) return "";
  std::string out(html);
  free(html);  // NOLINT: cmark allocates with malloc
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      if (start < text.size()) out.push_back(text.substr(start));
      break;
    }
    std::string_view line = text.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    start = nl + 1;
  }
  return out;
}

bool ValidId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// One "## Heading" section of the body.
struct Section {
  std::string heading;
  int line = 0;                                         // of the heading, 1-based in the file
  std::vector<std::pair<int, std::string_view>> lines;  // (line, text)
};

std::string Join(const std::vector<std::pair<int, std::string_view>>& lines, size_t from,
                 size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) {
    out += lines[i].second;
    out += '\n';
  }
  return Trim(out);
}

// "### Sebelum {platform=x balasan=keluhan}" -> attributes.
void ReadExampleAttributes(const std::string& file, int line, std::string_view attrs,
                           LessonExample* ex) {
  std::string s = Trim(attrs);
  if (s.empty()) return;
  if (s.front() != '{' || s.back() != '}')
    Fail(file, line, "example attributes go in braces, e.g. '### Sebelum {balasan=keluhan}'");
  std::string inner = s.substr(1, s.size() - 2);
  size_t pos = 0;
  while (pos < inner.size()) {
    size_t b = inner.find_first_not_of(' ', pos);
    if (b == std::string::npos) break;
    size_t e = inner.find(' ', b);
    if (e == std::string::npos) e = inner.size();
    std::string item = inner.substr(b, e - b);
    pos = e;
    size_t eq = item.find('=');
    std::string key = item.substr(0, eq);
    std::string value = eq == std::string::npos ? "" : item.substr(eq + 1);
    if (key == "alt" && value.empty()) {
      ex->context = LessonExample::Context::kAltText;
    } else if (key == "balasan") {
      ex->context = LessonExample::Context::kReply;
      ex->reply_to = value;  // empty: a reply with no label
    } else if (key == "platform") {
      ex->platform = ParsePlatform(value);
      if (!ex->platform)
        Fail(file, line,
             "example attribute platform=" + value +
                 ": unknown platform (instagram, facebook, x, youtube, mastodon, bluesky)");
    } else {
      Fail(file, line,
           "unknown example attribute '" + item + "' (allowed: alt, balasan=LABEL, platform=NAME)");
    }
  }
}

std::vector<LessonExample> ReadExamples(const std::string& file, const Section& s) {
  std::vector<LessonExample> out;
  // Split at "### " headings; text before the first one is not allowed.
  struct Part {
    std::string name, attrs;
    int line;
    size_t from, to;
  };
  std::vector<Part> parts;
  for (size_t i = 0; i < s.lines.size(); ++i) {
    std::string_view l = s.lines[i].second;
    if (l.starts_with("### ")) {
      if (!parts.empty()) parts.back().to = i;
      std::string rest = Trim(l.substr(4));
      size_t brace = rest.find('{');
      std::string name = Trim(rest.substr(0, brace));
      std::string attrs = brace == std::string::npos ? "" : rest.substr(brace);
      parts.push_back({name, attrs, s.lines[i].first, i + 1, s.lines.size()});
    } else if (parts.empty() && !Trim(l).empty()) {
      Fail(file, s.lines[i].first,
           "section 'Contoh': examples start with '### Sebelum'; found text before it");
    }
  }
  for (const Part& p : parts) {
    std::string text = Join(s.lines, p.from, p.to);
    if (p.name != "Sebelum" && !p.attrs.empty())
      Fail(file, p.line, "example attributes belong on the '### Sebelum' heading");
    if (p.name == "Sebelum") {
      out.emplace_back();
      ReadExampleAttributes(file, p.line, p.attrs, &out.back());
      if (text.empty()) Fail(file, p.line, "example 'Sebelum' (before) is empty");
      out.back().before = text;
      continue;
    }
    if (out.empty()) Fail(file, p.line, "'### " + p.name + "' before any '### Sebelum'");
    LessonExample& ex = out.back();
    std::string* target = nullptr;
    if (p.name == "Sesudah") {
      target = &ex.after;
    } else if (p.name == "Catatan") {
      target = &ex.note.id;
    } else if (p.name == "Note") {
      target = &ex.note.en;
    } else {
      Fail(file, p.line,
           "unknown example heading '### " + p.name +
               "' (allowed: Sebelum, Sesudah, Catatan, Note)");
    }
    if (!target->empty()) Fail(file, p.line, "'### " + p.name + "' given twice for one example");
    if (text.empty()) Fail(file, p.line, "'### " + p.name + "' is empty");
    *target = text;
  }
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i].after.empty())
      Fail(file, s.line,
           "section 'Contoh': example " + std::to_string(i + 1) + " has no '### Sesudah' (after)");
    if (out[i].before.size() > kMaxExampleBytes || out[i].after.size() > kMaxExampleBytes)
      Fail(file, s.line,
           "section 'Contoh': example " + std::to_string(i + 1) + " is longer than " +
               std::to_string(kMaxExampleBytes) + " bytes");
    if (out[i].before == out[i].after)
      Fail(file, s.line,
           "section 'Contoh': example " + std::to_string(i + 1) + " has the same before and after");
  }
  if (out.empty()) Fail(file, s.line, "section 'Contoh' has no example");
  return out;
}

struct ParsedLesson {
  Lesson lesson;
  std::vector<std::pair<int, scorer::Localized>> keys;  // answer, why
  int id_line = 0;
};

ParsedLesson ReadLesson(const ContentFile& f, const std::set<std::string, std::less<>>& known) {
  const std::string& file = f.name;
  if (f.content.size() > kMaxLessonFileBytes)
    Fail(file, 1, "file is larger than " + std::to_string(kMaxLessonFileBytes) + " bytes");
  std::vector<std::string_view> lines = Lines(f.content);
  if (lines.empty() || lines[0] != "---")
    Fail(file, 1, "a lesson starts with '---' and its front matter (id, title, rules, ...)");
  size_t end = 1;
  while (end < lines.size() && lines[end] != "---") ++end;
  if (end == lines.size()) Fail(file, 1, "front matter is not closed by a '---' line");
  std::string front;
  for (size_t i = 1; i < end; ++i) (front += lines[i]) += '\n';

  ParsedLesson out;
  Lesson& l = out.lesson;
  l.file = file;
  YamlReader r(file, /*line_offset=*/1);
  YAML::Node root = r.Load(front);
  r.OnlyFields(root, {"id", "order", "title", "summary", "rules", "quiz"}, "front matter");
  l.id = r.String(r.Need(root, "id", "front matter"), "id");
  out.id_line = r.Line(root["id"]);
  if (!ValidId(l.id))
    r.Fail(root["id"], "id '" + l.id + "' must be 1-64 characters of a-z, 0-9 and '-'");
  l.order = r.Int(r.Need(root, "order", "front matter"), "order", 0, 100000);
  l.title = r.Text(r.Need(root, "title", "front matter"), "title", /*need_en=*/true);
  l.summary = r.Text(r.Need(root, "summary", "front matter"), "summary", /*need_en=*/true);
  YAML::Node rules = r.Need(root, "rules", "front matter");
  l.rules = r.Strings(rules, "rules");
  if (l.rules.empty()) r.Fail(rules, "rules: a lesson teaches at least one rule");
  for (size_t i = 0; i < l.rules.size(); ++i) {
    if (!known.contains(l.rules[i]))
      r.Fail(rules.IsSequence() ? rules[i] : rules,
             "rules: unknown rule id '" + l.rules[i] +
                 "' (not in rules/id-pemerintah or its nada-balasan pack)");
  }
  YAML::Node quiz = r.Need(root, "quiz", "front matter");
  if (!quiz.IsSequence() || quiz.size() < 3 || quiz.size() > 5)
    r.Fail(quiz, "quiz must be a list of 3 to 5 questions");
  for (size_t qi = 0; qi < quiz.size(); ++qi) {
    const YAML::Node& q = quiz[qi];
    std::string what = "quiz[" + std::to_string(qi + 1) + "]";
    r.OnlyFields(q, {"question", "options", "answer", "why"}, what);
    QuizQuestion question;
    question.question = r.Text(r.Need(q, "question", what), what + ".question", true);
    YAML::Node options = r.Need(q, "options", what);
    if (!options.IsSequence() || options.size() < 2 || options.size() > 5)
      r.Fail(options, what + ".options must be a list of 2 to 5 options");
    for (size_t oi = 0; oi < options.size(); ++oi)
      question.options.push_back(
          r.Text(options[oi], what + ".options[" + std::to_string(oi + 1) + "]", true));
    if (!q["answer"]) r.Fail(q, what + " has no 'answer' (the 0-based index of the right option)");
    int answer = r.Int(q["answer"], what + ".answer", 0, 1000);
    if (answer >= static_cast<int>(options.size()))
      r.Fail(q["answer"], what + ".answer " + std::to_string(answer) +
                              " is out of range: options are numbered 0 to " +
                              std::to_string(options.size() - 1));
    scorer::Localized why;
    if (q["why"]) why = r.Text(q["why"], what + ".why", true);
    l.quiz.push_back(std::move(question));
    out.keys.emplace_back(answer, std::move(why));
  }

  // Body: "## " sections.
  std::vector<Section> sections;
  bool in_fence = false;
  for (size_t i = end + 1; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    int n = static_cast<int>(i) + 1;
    if (line.starts_with("```") || line.starts_with("~~~")) in_fence = !in_fence;
    if (!in_fence && line.starts_with("## ")) {
      sections.push_back({Trim(line.substr(3)), n, {}});
      continue;
    }
    if (sections.empty()) {
      if (!Trim(line).empty())
        Fail(file, n, "text before the first section; start with '## Penjelasan'");
      continue;
    }
    sections.back().lines.emplace_back(n, line);
  }
  std::set<std::string> seen;
  for (const Section& s : sections) {
    if (!seen.insert(s.heading).second)
      Fail(file, s.line, "section '" + s.heading + "' appears twice");
    std::string text = Join(s.lines, 0, s.lines.size());
    if (s.heading == "Penjelasan" || s.heading == "Explanation") {
      if (text.empty()) Fail(file, s.line, "section '" + s.heading + "' is empty");
      bool en = s.heading == "Explanation";
      (en ? l.explanation_markdown.en : l.explanation_markdown.id) = text;
      (en ? l.explanation_html.en : l.explanation_html.id) = RenderMarkdown(text);
    } else if (s.heading == "Contoh") {
      l.examples = ReadExamples(file, s);
    } else {
      Fail(file, s.line,
           "unknown section '## " + s.heading + "' (allowed: Penjelasan, Explanation, Contoh)");
    }
  }
  for (const char* need : {"Penjelasan", "Explanation", "Contoh"}) {
    if (!seen.contains(need))
      // Reported at the closing "---": the body starts after it.
      Fail(file, static_cast<int>(end) + 1, std::string("missing section '## ") + need + "'");
  }
  l.version = ContentHash(f.content);
  return out;
}

}  // namespace

Result<std::shared_ptr<const LessonLibrary>> LessonLibrary::Parse(
    const std::vector<ContentFile>& files, const std::vector<std::string>& known_rules) {
  if (files.size() > kMaxLessonFiles)
    return Status::InvalidArgument("lessons: more than " + std::to_string(kMaxLessonFiles) +
                                   " lesson files");
  std::set<std::string, std::less<>> known(known_rules.begin(), known_rules.end());
  std::shared_ptr<LessonLibrary> lib(new LessonLibrary());
  std::map<std::string, std::string> where;  // id -> file:line of first use
  try {
    for (const ContentFile& f : files) {
      ParsedLesson p = ReadLesson(f, known);
      auto [it, fresh] = where.emplace(p.lesson.id, f.name + ":" + std::to_string(p.id_line));
      if (!fresh)
        Fail(f.name, p.id_line,
             "id: lesson id '" + p.lesson.id + "' is already used by " + it->second);
      auto& keys = lib->keys_[p.lesson.id];
      for (auto& [answer, why] : p.keys) keys.push_back({answer, std::move(why)});
      lib->lessons_.push_back(std::move(p.lesson));
    }
  } catch (const LoadError& e) {
    return Status::InvalidArgument(e.message);
  }
  std::sort(lib->lessons_.begin(), lib->lessons_.end(), [](const Lesson& a, const Lesson& b) {
    return a.order != b.order ? a.order < b.order : a.id < b.id;
  });
  return std::shared_ptr<const LessonLibrary>(std::move(lib));
}

Result<std::shared_ptr<const LessonLibrary>> LessonLibrary::Load(
    const std::string& dir, const std::vector<std::string>& known_rules) {
  auto files = ReadContentFolder(dir, ".md", kMaxLessonFiles, kMaxLessonFileBytes);
  if (!files.ok()) return files.status();
  return Parse(*files, known_rules);
}

const Lesson* LessonLibrary::Find(std::string_view id) const {
  for (const Lesson& l : lessons_)
    if (l.id == id) return &l;
  return nullptr;
}

std::vector<const Lesson*> LessonLibrary::ForRule(std::string_view rule_id) const {
  std::vector<const Lesson*> out;
  for (const Lesson& l : lessons_) {
    if (std::find(l.rules.begin(), l.rules.end(), rule_id) != l.rules.end()) out.push_back(&l);
  }
  return out;
}

std::vector<std::string> LessonLibrary::Uncovered(const std::vector<std::string>& rule_ids) const {
  std::vector<std::string> out;
  for (const std::string& id : rule_ids)
    if (ForRule(id).empty()) out.push_back(id);
  return out;
}

Result<QuizResult> LessonLibrary::CheckQuiz(std::string_view lesson_id,
                                            const std::vector<int>& answers) const {
  auto it = keys_.find(lesson_id);
  if (it == keys_.end()) return Status::NotFound("no lesson '" + std::string(lesson_id) + "'");
  const std::vector<Key>& keys = it->second;
  const Lesson* lesson = Find(lesson_id);
  if (answers.size() != keys.size())
    return Status::InvalidArgument("lesson '" + std::string(lesson_id) + "' has " +
                                   std::to_string(keys.size()) + " questions; got " +
                                   std::to_string(answers.size()) + " answers");
  QuizResult out;
  out.lesson = std::string(lesson_id);
  out.total = static_cast<int>(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    int n = static_cast<int>(lesson->quiz[i].options.size());
    if (answers[i] < -1 || answers[i] >= n)
      return Status::InvalidArgument("answer " + std::to_string(answers[i]) + " to question " +
                                     std::to_string(i + 1) + " is out of range (options 0 to " +
                                     std::to_string(n - 1) + ", or -1 for none)");
    QuizResult::Answer a;
    a.chosen = answers[i];
    a.correct = answers[i] == keys[i].answer;
    a.why = keys[i].why;
    out.correct += a.correct ? 1 : 0;
    out.answers.push_back(std::move(a));
  }
  out.percent = out.total > 0 ? out.correct * 100 / out.total : 0;
  out.passed = out.total > 0 && out.percent >= kQuizPassPercent;
  return out;
}

Result<std::vector<ContentFile>> ReadContentFolder(const std::string& dir,
                                                   std::string_view extension, size_t max_files,
                                                   size_t max_bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::string> paths;
  fs::directory_iterator it(dir, ec), end;
  if (ec) return Status::NotFound("cannot read the folder " + dir + ": " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return Status::IOError("cannot list " + dir + ": " + ec.message());
    if (!it->is_regular_file(ec)) continue;
    std::string name = it->path().filename().string();
    if (name.size() <= extension.size() || !name.ends_with(extension)) continue;
    paths.push_back(it->path().string());
    if (paths.size() > max_files)
      return Status::InvalidArgument(dir + ": more than " + std::to_string(max_files) + " *" +
                                     std::string(extension) + " files");
  }
  std::sort(paths.begin(), paths.end());
  std::vector<ContentFile> out;
  for (const std::string& p : paths) {
    auto bytes = ReadSmallFile(p, max_bytes);
    if (!bytes.ok()) return bytes.status();
    out.push_back({p, std::move(*bytes)});
  }
  return out;
}

std::string ContentHash(std::string_view content) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : content) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::vector<std::string> RuleIds(const scorer::RulePack& pack) {
  std::vector<std::string> out;
  for (const scorer::RuleInfo& r : pack.Rules()) out.push_back(r.id);
  return out;
}

}  // namespace tanggap::training
