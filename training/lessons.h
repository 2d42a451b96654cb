// Lessons (materi): short bilingual lessons written by the project as
// Markdown files in rules/id-pemerintah/pelatihan/lessons/, each tied to the rules it
// teaches, with before/after examples and a self-check quiz whose answers
// never leave the server. Format: docs/training-lessons.md.
//
// Loading reads files; everything else is pure. A loaded LessonLibrary is
// immutable, so one library can serve many threads at once.
//
// What the dashboard needs and where it is:
//   - the list and a lesson page: all(), Find(id); Lesson::explanation_html
//     is safe HTML (cmark, raw HTML omitted); every other string is plain
//     text to escape.
//   - a finding's "learn more" link: ForRule(finding.rule).
//   - the quiz form: Lesson::quiz (questions and options, no answers).
//   - marking a quiz: CheckQuiz(lesson id, the chosen option per question).
//   - stored progress: keep (lesson id, Lesson::version) with "read" and
//     "quiz passed"; a new version means the lesson's text or quiz changed.
#ifndef TANGGAP_TRAINING_LESSONS_H_
#define TANGGAP_TRAINING_LESSONS_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scorer/scorer.h"
#include "util/status.h"

namespace tanggap::training {

// A content file in memory: name (for messages) and bytes.
using ContentFile = scorer::RulePack::File;

// Limits that keep a bad or hostile content folder from using unbounded
// memory; the loader refuses files past them with a message.
inline constexpr size_t kMaxLessonFileBytes = 64 * 1024;
inline constexpr size_t kMaxLessonFiles = 200;
inline constexpr size_t kMaxExampleBytes = 3000;
// Share of right answers needed to pass a quiz: 3/3, 4/4 or 4/5.
inline constexpr int kQuizPassPercent = 80;

// Where a before/after example is scored, so the page can score it live and
// the tests can check that "after" really fixes "before".
struct LessonExample {
  enum class Context {
    kPost,     // an agency post, scored with the clarity pack
    kReply,    // an agency reply to a citizen, scored with the tone pack
    kAltText,  // the alt text of an image in a post (clarity pack, media)
  };
  Context context = Context::kPost;
  // kReply: the label of the citizen comment answered (a kind of the tone
  // pack: pertanyaan, permintaan, keluhan, apresiasi, spam); empty: none.
  std::string reply_to;
  std::optional<Platform> platform;  // when the example is about one platform
  std::string before, after;         // plain text, newlines kept
  scorer::Localized note;            // why "after" is better; may be empty
};

// A quiz question as the trainee sees it: no answer in here.
struct QuizQuestion {
  scorer::Localized question;
  std::vector<scorer::Localized> options;  // 2 to 5, in file order
};

struct Lesson {
  std::string id;  // [a-z0-9-], unique; used in URLs and stored progress
  int order = 0;   // position in the list (ties: by id)
  scorer::Localized title, summary;
  std::vector<std::string> rules;  // rule ids this lesson teaches
  // The explanation: Markdown source and its rendering. The HTML is safe to
  // embed as is: cmark escapes text and drops raw HTML and unsafe link
  // schemes (javascript:, data:, ...).
  scorer::Localized explanation_markdown, explanation_html;
  std::vector<LessonExample> examples;  // at least one
  std::vector<QuizQuestion> quiz;       // 3 to 5 questions
  std::string file;                     // where it was read from
  std::string version;                  // hash of the file's bytes, e.g. "3f2a9c01b7e4d5a6"
};

struct QuizResult {
  struct Answer {
    int chosen = -1;  // as given; -1 = not answered
    bool correct = false;
    // Why the right option is right (from the file; may be empty). Shown
    // after marking, so it may reveal the answer.
    scorer::Localized why;
  };
  std::string lesson;
  std::vector<Answer> answers;  // one per question, in order
  int correct = 0, total = 0;
  int percent = 0;      // correct * 100 / total, rounded down
  bool passed = false;  // percent >= kQuizPassPercent
};

class LessonLibrary {
 public:
  // Reads every *.md file in dir (not subfolders). known_rules: every rule
  // id a lesson may name (the ids of the clarity and tone packs; see
  // RuleIds). Any error fails the whole load with "FILE:LINE: what is
  // wrong", naming the field: a missing title, a quiz question without its
  // answer, an answer index out of range, an unknown rule id, a lesson id
  // used twice, a missing section. kNotFound when dir cannot be read.
  static Result<std::shared_ptr<const LessonLibrary>> Load(
      const std::string& dir, const std::vector<std::string>& known_rules);
  // The same from in-memory files; for tests and fuzzing.
  static Result<std::shared_ptr<const LessonLibrary>> Parse(
      const std::vector<ContentFile>& files, const std::vector<std::string>& known_rules);

  // Every lesson, by order then id.
  const std::vector<Lesson>& all() const { return lessons_; }
  // nullptr when there is no such lesson.
  const Lesson* Find(std::string_view id) const;
  // The lessons that teach rule_id, in list order; empty when none.
  std::vector<const Lesson*> ForRule(std::string_view rule_id) const;
  // The ids in rule_ids that no lesson teaches (for the coverage check).
  std::vector<std::string> Uncovered(const std::vector<std::string>& rule_ids) const;

  // Marks a quiz on the server. answers[i] is the chosen option of question
  // i (0-based), -1 when left blank. kNotFound for an unknown lesson;
  // kInvalidArgument when answers does not have one entry per question or
  // an entry is out of range (a forged form, not a wrong answer).
  Result<QuizResult> CheckQuiz(std::string_view lesson_id, const std::vector<int>& answers) const;

 private:
  struct Key {
    int answer = 0;
    scorer::Localized why;
  };
  LessonLibrary() = default;
  std::vector<Lesson> lessons_;
  std::map<std::string, std::vector<Key>, std::less<>> keys_;  // lesson id -> answer per question
};

// The rule ids of a pack, for LessonLibrary::Load.
std::vector<std::string> RuleIds(const scorer::RulePack& pack);

// The files of a content folder whose names end with extension (e.g. ".md"),
// sorted by name; subfolders are skipped. kNotFound when dir cannot be
// listed; kInvalidArgument when it holds more than max_files such files or
// one is larger than max_bytes. Names in the result are full paths.
Result<std::vector<ContentFile>> ReadContentFolder(const std::string& dir,
                                                   std::string_view extension, size_t max_files,
                                                   size_t max_bytes);

// A short fingerprint of content ("3f2a9c01b7e4d5a6", FNV-1a 64): stored
// next to progress and attempts so a changed lesson or scenario shows.
std::string ContentHash(std::string_view content);

}  // namespace tanggap::training

#endif  // TANGGAP_TRAINING_LESSONS_H_
