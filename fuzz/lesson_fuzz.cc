// Fuzz target for the lesson reader (LessonLibrary::Parse over one file,
// i.e. ReadLesson: front matter + quiz + "## " sections + examples + cmark).
// A file loads or is refused with "fuzz.md:LINE: ..." naming a line of the
// file. A loaded lesson keeps every documented bound (id, 3-5 questions of
// 2-5 options, examples, sections, version = hash of the bytes), its rendered
// Markdown holds only the tags and attributes cmark writes (no raw HTML, no
// javascript: link), its quiz is marked with exactly one right option per
// question, and the same id in a second file is refused. Known rule ids are
// those of the real packs in rules/id-pemerintah, loaded once.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_checks.h"
#include "scorer/scorer.h"
#include "training/lessons.h"

namespace {

using tanggap::training::Lesson;
using tanggap::training::LessonLibrary;

using tanggap::fuzz::Check;
using tanggap::fuzz::CheckMessage;

std::vector<std::string> LoadKnownRules() {
  std::vector<std::string> ids;
  for (const char* dir : {"/rules/id-pemerintah", "/rules/id-pemerintah/nada-balasan"}) {
    auto pack = tanggap::scorer::RulePack::Load(std::string(TANGGAP_SOURCE_DIR) + dir);
    if (!pack.ok()) {
      std::fprintf(stderr, "lesson_fuzz: cannot load %s%s: %s\n", TANGGAP_SOURCE_DIR, dir,
                   pack.status().ToString().c_str());
      std::abort();
    }
    for (const std::string& id : tanggap::training::RuleIds(**pack)) ids.push_back(id);
  }
  return ids;
}

const std::vector<std::string>& KnownRules() {
  static const std::vector<std::string> ids = LoadKnownRules();
  return ids;
}

bool ValidId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

// Every tag in cmark's HTML is one cmark writes itself, with its own
// attributes; raw HTML shows only as cmark's comment; no link or image
// points at a script scheme.
void CheckSafeHtml(const std::string& html) {
  static const std::set<std::string, std::less<>> kTags = {
      "p",  "em", "strong", "a",  "img", "code", "pre", "h1", "h2",  "h3",
      "h4", "h5", "h6",     "ul", "ol",  "li",   "hr",  "br", "del", "blockquote"};
  static const std::set<std::string, std::less<>> kAttributes = {"href", "title", "src",
                                                                 "alt",  "class", "start"};
  static constexpr std::string_view kComment = "<!-- raw HTML omitted -->";
  for (size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
    std::string_view rest = std::string_view(html).substr(at);
    if (rest.starts_with("<!--")) {
      Check(rest.starts_with(kComment));
      continue;
    }
    size_t p = 1;
    if (p < rest.size() && rest[p] == '/') ++p;
    size_t name_start = p;
    while (p < rest.size() && std::isalnum(static_cast<unsigned char>(rest[p]))) ++p;
    Check(kTags.contains(rest.substr(name_start, p - name_start)));
    // Attributes: name="value" pairs, values free of '"' and '<'.
    while (true) {
      while (p < rest.size() && rest[p] == ' ') ++p;
      Check(p < rest.size());
      if (rest[p] == '>') break;
      if (rest.substr(p).starts_with("/>")) break;
      size_t a = p;
      while (p < rest.size() && std::isalpha(static_cast<unsigned char>(rest[p]))) ++p;
      std::string_view attribute = rest.substr(a, p - a);
      Check(kAttributes.contains(attribute));
      Check(rest.substr(p).starts_with("=\""));
      p += 2;
      size_t close = rest.find('"', p);
      Check(close != std::string_view::npos);
      std::string value(rest.substr(p, close - p));
      Check(value.find('<') == std::string::npos);
      for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      size_t lead = value.find_first_not_of(" \t\r\n");
      std::string_view v = lead == std::string::npos ? "" : std::string_view(value).substr(lead);
      if (attribute == "href" || attribute == "src")
        Check(!v.starts_with("javascript:") && !v.starts_with("vbscript:") &&
              !v.starts_with("file:"));
      p = close + 1;
    }
  }
}

void CheckLesson(const LessonLibrary& lib, const Lesson& l, const std::string& input) {
  const std::vector<std::string>& known = KnownRules();
  Check(l.file == "fuzz.md" && l.version == tanggap::training::ContentHash(input));
  Check(ValidId(l.id) && l.order >= 0 && l.order <= 100000);
  Check(!l.title.id.empty() && !l.title.en.empty());
  Check(!l.summary.id.empty() && !l.summary.en.empty());
  Check(!l.rules.empty());
  for (const std::string& r : l.rules) {
    Check(std::find(known.begin(), known.end(), r) != known.end());
    auto teaching = lib.ForRule(r);
    Check(std::find(teaching.begin(), teaching.end(), &l) != teaching.end());
  }
  Check(!l.explanation_markdown.id.empty() && !l.explanation_markdown.en.empty());
  CheckSafeHtml(l.explanation_html.id);
  CheckSafeHtml(l.explanation_html.en);
  Check(!l.examples.empty());
  for (const auto& ex : l.examples) {
    Check(!ex.before.empty() && !ex.after.empty() && ex.before != ex.after);
    Check(ex.before.size() <= tanggap::training::kMaxExampleBytes &&
          ex.after.size() <= tanggap::training::kMaxExampleBytes);
    Check(ex.reply_to.empty() || ex.context == tanggap::training::LessonExample::Context::kReply);
  }
  Check(l.quiz.size() >= 3 && l.quiz.size() <= 5);
  for (const auto& q : l.quiz) {
    Check(!q.question.id.empty() && !q.question.en.empty());
    Check(q.options.size() >= 2 && q.options.size() <= 5);
    for (const auto& o : q.options) Check(!o.id.empty() && !o.en.empty());
  }
  Check(lib.Find(l.id) == &l);

  // Marking: blank answers score nothing; forged forms are refused; each
  // question has exactly one right option, and all right answers pass.
  const size_t n = l.quiz.size();
  std::vector<int> answers(n, -1);
  auto blank = lib.CheckQuiz(l.id, answers);
  Check(blank.ok() && blank->total == static_cast<int>(n) && blank->correct == 0 &&
        !blank->passed && blank->answers.size() == n);
  Check(!lib.CheckQuiz(l.id, std::vector<int>(n - 1, -1)).ok());
  answers[0] = static_cast<int>(l.quiz[0].options.size());
  Check(!lib.CheckQuiz(l.id, answers).ok());
  answers[0] = -1;
  std::vector<int> right(n, -1);
  for (size_t i = 0; i < n; ++i) {
    int found = 0;
    for (size_t o = 0; o < l.quiz[i].options.size(); ++o) {
      answers[i] = static_cast<int>(o);
      auto r = lib.CheckQuiz(l.id, answers);
      Check(r.ok() && r->correct <= 1);
      if (r->correct == 1) {
        ++found;
        right[i] = static_cast<int>(o);
      }
    }
    answers[i] = -1;
    Check(found == 1);
  }
  auto all = lib.CheckQuiz(l.id, right);
  Check(all.ok() && all->correct == static_cast<int>(n) && all->percent == 100 && all->passed);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  size_t lines = 1;
  for (char c : input) lines += c == '\n';
  auto lib = LessonLibrary::Parse({{"fuzz.md", input}}, KnownRules());
  if (!lib.ok()) {
    Check(lib.status().code() == tanggap::Status::Code::kInvalidArgument);
    CheckMessage(lib.status().message(), "fuzz.md", lines);
    return 0;
  }
  Check((*lib)->all().size() == 1);
  const Lesson& l = (*lib)->all()[0];
  CheckLesson(**lib, l, input);
  // The same lesson id in a second file is refused, naming the first.
  auto twice = LessonLibrary::Parse({{"fuzz.md", input}, {"again.md", input}}, KnownRules());
  Check(!twice.ok() &&
        twice.status().message().find("already used by fuzz.md:") != std::string::npos);
  return 0;
}
