// Lessons: the loader accepts a well-formed lesson and refuses each kind of
// slip with the file, line and field; quizzes are marked on the server; and
// the shipped lessons in rules/id-pemerintah/pelatihan/lessons cover every rule of both
// packs with examples whose "after" really fixes the "before".
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "scorer/scorer.h"
#include "tests/test_support.h"
#include "training/lessons.h"

namespace tanggap::training {
namespace {

const std::string kRoot = TANGGAP_SOURCE_DIR;

const std::vector<std::string> kKnown = {"ID.Anda", "ID.TidakBaku", "NADA.Salam"};

// A valid lesson; tests replace one piece to break it.
std::string Lesson(const std::string& id = "kata-anda") {
  return "---\n"  // 1
         "id: " +
         id +
         "\n"                                                               // 2
         "order: 5\n"                                                       // 3
         "title: {id: \"Menulis Anda\", en: \"Writing Anda\"}\n"            // 4
         "summary: {id: \"Ringkas\", en: \"Short\"}\n"                      // 5
         "rules: [ID.Anda, ID.TidakBaku]\n"                                 // 6
         "quiz:\n"                                                          // 7
         "  - question: {id: \"Mana yang benar?\", en: \"Which?\"}\n"       // 8
         "    options:\n"                                                   // 9
         "      - {id: \"anda\", en: \"anda\"}\n"                           // 10
         "      - {id: \"Anda\", en: \"Anda\"}\n"                           // 11
         "    answer: 1\n"                                                  // 12
         "    why: {id: \"Kapital\", en: \"Capital\"}\n"                    // 13
         "  - question: {id: \"Dua?\", en: \"Two?\"}\n"                     // 14
         "    options: [{id: a, en: a}, {id: b, en: b}, {id: c, en: c}]\n"  // 15
         "    answer: 2\n"                                                  // 16
         "  - question: {id: \"Tiga?\", en: \"Three?\"}\n"                  // 17
         "    options: [{id: a, en: a}, {id: b, en: b}]\n"                  // 18
         "    answer: 0\n"                                                  // 19
         "---\n"                                                            // 20
         "## Penjelasan\n"                                                  // 21
         "Tulis **Anda** dengan kapital. <script>alert(1)</script>\n"       // 22
         "\n"                                                               // 23
         "## Explanation\n"                                                 // 24
         "Write *Anda* capitalised. [x](javascript:alert(1))\n"             // 25
         "\n"                                                               // 26
         "## Contoh\n"                                                      // 27
         "### Sebelum\n"                                                    // 28
         "Silakan anda datang.\n"                                           // 29
         "### Sesudah\n"                                                    // 30
         "Silakan Anda datang.\n"                                           // 31
         "### Catatan\n"                                                    // 32
         "Kata ganti.\n"                                                    // 33
         "### Note\n"                                                       // 34
         "A pronoun.\n"                                                     // 35
         "### Sebelum {balasan=keluhan platform=x}\n"                       // 36
         "ok\n"                                                             // 37
         "### Sesudah\n"                                                    // 38
         "Halo Kak, mohon maaf.\n";                                         // 39
}

Result<std::shared_ptr<const LessonLibrary>> ParseOne(const std::string& text,
                                                      const std::string& name = "a.md") {
  return LessonLibrary::Parse({{name, text}}, kKnown);
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

std::string ErrorOf(const std::string& text) {
  auto lib = ParseOne(text);
  EXPECT_FALSE(lib.ok());
  return lib.ok() ? "" : lib.status().message();
}

TEST(LessonParse, ReadsEveryField) {
  auto lib = ParseOne(Lesson());
  ASSERT_TRUE(lib.ok()) << lib.status().ToString();
  ASSERT_EQ((*lib)->all().size(), 1u);
  const training::Lesson& l = (*lib)->all()[0];
  EXPECT_EQ(l.id, "kata-anda");
  EXPECT_EQ(l.order, 5);
  EXPECT_EQ(l.title.id, "Menulis Anda");
  EXPECT_EQ(l.title.en, "Writing Anda");
  EXPECT_EQ(l.summary.en, "Short");
  EXPECT_EQ(l.rules, (std::vector<std::string>{"ID.Anda", "ID.TidakBaku"}));
  EXPECT_EQ(l.file, "a.md");
  EXPECT_EQ(l.version.size(), 16u);
  ASSERT_EQ(l.quiz.size(), 3u);
  EXPECT_EQ(l.quiz[0].question.en, "Which?");
  ASSERT_EQ(l.quiz[1].options.size(), 3u);
  EXPECT_EQ(l.quiz[1].options[2].id, "c");
  ASSERT_EQ(l.examples.size(), 2u);
  EXPECT_EQ(l.examples[0].context, LessonExample::Context::kPost);
  EXPECT_EQ(l.examples[0].before, "Silakan anda datang.");
  EXPECT_EQ(l.examples[0].after, "Silakan Anda datang.");
  EXPECT_EQ(l.examples[0].note.id, "Kata ganti.");
  EXPECT_EQ(l.examples[0].note.en, "A pronoun.");
  EXPECT_FALSE(l.examples[0].platform.has_value());
  EXPECT_EQ(l.examples[1].context, LessonExample::Context::kReply);
  EXPECT_EQ(l.examples[1].reply_to, "keluhan");
  EXPECT_EQ(l.examples[1].platform, Platform::kX);
  EXPECT_TRUE(l.examples[1].note.id.empty());
}

TEST(LessonParse, MarkdownBecomesSafeHtml) {
  auto lib = ParseOne(Lesson());
  ASSERT_TRUE(lib.ok()) << lib.status().ToString();
  const training::Lesson& l = (*lib)->all()[0];
  EXPECT_NE(l.explanation_html.id.find("<strong>Anda</strong>"), std::string::npos)
      << l.explanation_html.id;
  EXPECT_EQ(l.explanation_html.id.find("<script>"), std::string::npos) << l.explanation_html.id;
  EXPECT_NE(l.explanation_html.en.find("<em>Anda</em>"), std::string::npos);
  EXPECT_EQ(l.explanation_html.en.find("javascript:"), std::string::npos) << l.explanation_html.en;
  // The source is kept as written.
  EXPECT_NE(l.explanation_markdown.id.find("<script>"), std::string::npos);
}

TEST(LessonParse, VersionChangesWithContent) {
  auto a = ParseOne(Lesson());
  auto b = ParseOne(Replace(Lesson(), "Ringkas", "Ringkas sekali"));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE((*a)->all()[0].version, (*b)->all()[0].version);
}

TEST(LessonParse, MissingTitleNamesFileLineAndField) {
  std::string err =
      ErrorOf(Replace(Lesson(), "title: {id: \"Menulis Anda\", en: \"Writing Anda\"}\n", ""));
  EXPECT_EQ(err, "a.md:2: front matter: missing field 'title'");
}

TEST(LessonParse, MissingEnglishTitle) {
  std::string err = ErrorOf(Replace(Lesson(), ", en: \"Writing Anda\"", ""));
  EXPECT_EQ(err, "a.md:4: title: missing field 'en'");
}

TEST(LessonParse, QuestionWithoutAnswer) {
  std::string err = ErrorOf(Replace(Lesson(), "    answer: 2\n", ""));
  EXPECT_EQ(err, "a.md:14: quiz[2] has no 'answer' (the 0-based index of the right option)");
}

TEST(LessonParse, AnswerOutOfRange) {
  std::string err = ErrorOf(Replace(Lesson(), "answer: 2", "answer: 3"));
  EXPECT_EQ(err, "a.md:16: quiz[2].answer 3 is out of range: options are numbered 0 to 2");
}

TEST(LessonParse, UnknownRuleId) {
  std::string err = ErrorOf(Replace(Lesson(), "ID.TidakBaku]", "ID.TidakAda]"));
  EXPECT_EQ(err,
            "a.md:6: rules: unknown rule id 'ID.TidakAda' (not in rules/id-pemerintah or its "
            "nada-balasan pack)");
}

TEST(LessonParse, DuplicateIdNamesBothFiles) {
  auto lib = LessonLibrary::Parse({{"a.md", Lesson()}, {"b.md", Lesson()}}, kKnown);
  ASSERT_FALSE(lib.ok());
  EXPECT_EQ(lib.status().message(), "b.md:2: id: lesson id 'kata-anda' is already used by a.md:2");
}

TEST(LessonParse, TooFewQuestions) {
  std::string text = Lesson();
  size_t from = text.find("  - question: {id: \"Dua?\"");
  size_t to = text.find("---\n## Penjelasan");
  text.erase(from, to - from);
  EXPECT_EQ(ErrorOf(text), "a.md:8: quiz must be a list of 3 to 5 questions");
}

TEST(LessonParse, SectionsAreChecked) {
  EXPECT_EQ(ErrorOf(Replace(Lesson(), "## Explanation\n", "## Penjelasan\n")),
            "a.md:24: section 'Penjelasan' appears twice");
  EXPECT_EQ(ErrorOf(Replace(Lesson(), "## Explanation\n", "## Latihan\n")),
            "a.md:24: unknown section '## Latihan' (allowed: Penjelasan, Explanation, Contoh)");
  std::string no_examples = Lesson();
  no_examples.erase(no_examples.find("## Contoh"));
  EXPECT_EQ(ErrorOf(no_examples), "a.md:20: missing section '## Contoh'");
  EXPECT_EQ(ErrorOf(Replace(Lesson(), "### Sesudah\nHalo Kak, mohon maaf.\n", "")),
            "a.md:27: section 'Contoh': example 2 has no '### Sesudah' (after)");
  EXPECT_EQ(ErrorOf(Replace(Lesson(), "platform=x}", "platform=tiktok}")),
            "a.md:36: example attribute platform=tiktok: unknown platform (instagram, facebook, "
            "x, youtube, mastodon, bluesky)");
  EXPECT_EQ(ErrorOf(Replace(Lesson(), "---\n## Penjelasan", "---\nHalo\n## Penjelasan")),
            "a.md:21: text before the first section; start with '## Penjelasan'");
  EXPECT_EQ(ErrorOf(Replace(Lesson(), "---\nid:", "id:")),
            "a.md:1: a lesson starts with '---' and its front matter (id, title, rules, ...)");
}

TEST(LessonParse, UnknownFieldAndBadYaml) {
  EXPECT_EQ(ErrorOf(Replace(Lesson(), "order: 5\n", "order: 5\nlevel: 2\n")),
            "a.md:4: front matter: unknown field 'level' (allowed: id, order, title, summary, "
            "rules, quiz)");
  std::string err = ErrorOf(Replace(Lesson(), "order: 5\n", "order: [5\n"));
  EXPECT_EQ(err.rfind("a.md:", 0), 0u) << err;
  EXPECT_NE(err.find("not valid YAML"), std::string::npos) << err;
}

TEST(LessonParse, OversizedFileRefused) {
  std::string big = Lesson() + std::string(kMaxLessonFileBytes, 'x');
  EXPECT_EQ(ErrorOf(big), "a.md:1: file is larger than 65536 bytes");
}

TEST(Quiz, MarksOnTheServer) {
  auto lib = ParseOne(Lesson());
  ASSERT_TRUE(lib.ok());
  auto all_right = (*lib)->CheckQuiz("kata-anda", {1, 2, 0});
  ASSERT_TRUE(all_right.ok());
  EXPECT_EQ(all_right->correct, 3);
  EXPECT_EQ(all_right->total, 3);
  EXPECT_EQ(all_right->percent, 100);
  EXPECT_TRUE(all_right->passed);
  EXPECT_EQ(all_right->answers[0].why.en, "Capital");

  auto one_wrong = (*lib)->CheckQuiz("kata-anda", {1, 0, -1});
  ASSERT_TRUE(one_wrong.ok());
  EXPECT_EQ(one_wrong->correct, 1);
  EXPECT_EQ(one_wrong->percent, 33);
  EXPECT_FALSE(one_wrong->passed);
  EXPECT_TRUE(one_wrong->answers[0].correct);
  EXPECT_FALSE(one_wrong->answers[1].correct);
  EXPECT_FALSE(one_wrong->answers[2].correct);
  EXPECT_EQ(one_wrong->answers[2].chosen, -1);
}

TEST(Quiz, PassMarkIsEightyPercent) {
  // Five questions: 4 right passes (80%), 3 right does not (60%).
  std::string text = Replace(Lesson(), "---\n## Penjelasan",
                             "  - question: {id: \"Empat?\", en: \"Four?\"}\n"
                             "    options: [{id: a, en: a}, {id: b, en: b}]\n"
                             "    answer: 1\n"
                             "  - question: {id: \"Lima?\", en: \"Five?\"}\n"
                             "    options: [{id: a, en: a}, {id: b, en: b}]\n"
                             "    answer: 1\n"
                             "---\n## Penjelasan");
  auto lib = ParseOne(text);
  ASSERT_TRUE(lib.ok()) << lib.status().ToString();
  auto four = (*lib)->CheckQuiz("kata-anda", {1, 2, 0, 1, 0});
  ASSERT_TRUE(four.ok());
  EXPECT_EQ(four->percent, 80);
  EXPECT_TRUE(four->passed);
  auto three = (*lib)->CheckQuiz("kata-anda", {1, 2, 0, 0, 0});
  ASSERT_TRUE(three.ok());
  EXPECT_EQ(three->percent, 60);
  EXPECT_FALSE(three->passed);
}

TEST(Quiz, ForgedFormsAreRefused) {
  auto lib = ParseOne(Lesson());
  ASSERT_TRUE(lib.ok());
  EXPECT_EQ((*lib)->CheckQuiz("kata-anda", {1, 2}).status().code(), Status::Code::kInvalidArgument);
  auto out_of_range = (*lib)->CheckQuiz("kata-anda", {1, 3, 0});
  EXPECT_EQ(out_of_range.status().message(),
            "answer 3 to question 2 is out of range (options 0 to 2, or -1 for none)");
  EXPECT_EQ((*lib)->CheckQuiz("kata-anda", {-2, 0, 0}).status().code(),
            Status::Code::kInvalidArgument);
  EXPECT_EQ((*lib)->CheckQuiz("tidak-ada", {1, 2, 0}).status().code(), Status::Code::kNotFound);
}

TEST(LessonLibrary, OrderLookupAndCoverage) {
  std::string second = Replace(Replace(Lesson("kedua"), "order: 5", "order: 1"),
                               "rules: [ID.Anda, ID.TidakBaku]", "rules: [NADA.Salam, ID.Anda]");
  auto lib = LessonLibrary::Parse({{"a.md", Lesson()}, {"b.md", second}}, kKnown);
  ASSERT_TRUE(lib.ok()) << lib.status().ToString();
  ASSERT_EQ((*lib)->all().size(), 2u);
  EXPECT_EQ((*lib)->all()[0].id, "kedua");  // order 1 before order 5
  EXPECT_EQ((*lib)->Find("kata-anda")->order, 5);
  EXPECT_EQ((*lib)->Find("nope"), nullptr);
  auto anda = (*lib)->ForRule("ID.Anda");
  ASSERT_EQ(anda.size(), 2u);
  EXPECT_EQ(anda[0]->id, "kedua");
  EXPECT_EQ((*lib)->ForRule("NADA.Salam").size(), 1u);
  EXPECT_TRUE((*lib)->ForRule("ID.Pasif").empty());
  EXPECT_EQ((*lib)->Uncovered({"ID.Anda", "ID.Pasif", "NADA.Salam"}),
            std::vector<std::string>{"ID.Pasif"});
}

TEST(LessonLibrary, LoadReadsOnlyMarkdownFiles) {
  testing::TempDir dir;
  testing::WriteFile(dir.File("a.md"), Lesson());
  testing::WriteFile(dir.File("catatan.txt"), "not a lesson");
  auto lib = LessonLibrary::Load(dir.path(), kKnown);
  ASSERT_TRUE(lib.ok()) << lib.status().ToString();
  EXPECT_EQ((*lib)->all().size(), 1u);
  EXPECT_EQ((*lib)->all()[0].file, dir.File("a.md"));
  EXPECT_EQ(LessonLibrary::Load(dir.File("missing"), kKnown).status().code(),
            Status::Code::kNotFound);
}

// --- The shipped lessons -------------------------------------------------

struct Packs {
  std::shared_ptr<const scorer::RulePack> clarity, tone;
  std::vector<std::string> ids;
};

const Packs& LoadPacks() {
  static const Packs packs = [] {
    Packs p;
    auto c = scorer::RulePack::Load(kRoot + "/rules/id-pemerintah");
    auto t = scorer::RulePack::Load(kRoot + "/rules/id-pemerintah/nada-balasan");
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    if (c.ok()) p.clarity = *c;
    if (t.ok()) p.tone = *t;
    for (const auto* pack : {p.clarity.get(), p.tone.get()})
      if (pack)
        for (const std::string& id : RuleIds(*pack)) p.ids.push_back(id);
    return p;
  }();
  return packs;
}

std::shared_ptr<const LessonLibrary> Shipped() {
  auto lib = LessonLibrary::Load(kRoot + "/rules/id-pemerintah/pelatihan/lessons", LoadPacks().ids);
  EXPECT_TRUE(lib.ok()) << lib.status().ToString();
  return lib.ok() ? *lib : nullptr;
}

TEST(ShippedLessons, LoadAndCoverEveryRuleOfBothPacks) {
  const Packs& packs = LoadPacks();
  ASSERT_TRUE(packs.clarity && packs.tone);
  EXPECT_EQ(packs.ids.size(), 47u);  // 38 clarity + 9 tone; update with the packs
  auto lib = Shipped();
  ASSERT_TRUE(lib);
  EXPECT_GE(lib->all().size(), 10u);
  EXPECT_LE(lib->all().size(), 14u);
  EXPECT_EQ(lib->Uncovered(packs.ids), std::vector<std::string>{});
}

TEST(ShippedLessons, EveryLessonIsCompleteInBothLanguages) {
  auto lib = Shipped();
  ASSERT_TRUE(lib);
  for (const training::Lesson& l : lib->all()) {
    SCOPED_TRACE(l.file);
    EXPECT_FALSE(l.title.en.empty());
    EXPECT_FALSE(l.summary.en.empty());
    EXPECT_NE(l.explanation_html.id.find("<p>"), std::string::npos);
    EXPECT_NE(l.explanation_html.en.find("<p>"), std::string::npos);
    EXPECT_GE(l.quiz.size(), 3u);
    EXPECT_LE(l.quiz.size(), 5u);
    for (const QuizQuestion& q : l.quiz) {
      EXPECT_FALSE(q.question.en.empty());
      for (const auto& o : q.options) EXPECT_FALSE(o.en.empty()) << q.question.id;
    }
    for (const LessonExample& ex : l.examples) {
      EXPECT_FALSE(ex.note.id.empty()) << ex.before;
      EXPECT_FALSE(ex.note.en.empty()) << ex.before;
    }
    // All right answers pass, and a blank form does not: the keys exist
    // and are consistent with the question count.
    std::vector<int> blank(l.quiz.size(), -1);
    auto r = lib->CheckQuiz(l.id, blank);
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->passed);
  }
}

std::vector<std::string> LessonFindings(const training::Lesson& l, const LessonExample& ex,
                                        const std::string& text) {
  const Packs& packs = LoadPacks();
  scorer::ScoreResult r;
  switch (ex.context) {
    case LessonExample::Context::kPost:
      r = packs.clarity->Score({text, ex.platform, {}});
      break;
    case LessonExample::Context::kAltText: {
      std::vector<Media> media = {Media{"image", text, std::nullopt}};
      r = packs.clarity->Score(
          {"Jadwal posyandu bulan ini.", ex.platform.value_or(Platform::kInstagram), media});
      break;
    }
    case LessonExample::Context::kReply: {
      scorer::ScoreInput in{text, ex.platform, {}};
      if (!ex.reply_to.empty()) in.kind = ex.reply_to;
      r = packs.tone->Score(in);
      break;
    }
  }
  std::vector<std::string> out;
  for (const scorer::Finding& f : r.findings)
    if (std::find(l.rules.begin(), l.rules.end(), f.rule) != l.rules.end()) out.push_back(f.rule);
  return out;
}

std::string JoinIds(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + " ";
  return s;
}

// Each example shows one of the lesson's rules at work: "before" breaks at
// least one of them and "after" breaks none.
TEST(ShippedLessons, AfterFixesBefore) {
  auto lib = Shipped();
  ASSERT_TRUE(lib);
  for (const training::Lesson& l : lib->all()) {
    for (const LessonExample& ex : l.examples) {
      SCOPED_TRACE(l.file + ": " + ex.before);
      EXPECT_FALSE(LessonFindings(l, ex, ex.before).empty());
      auto after = LessonFindings(l, ex, ex.after);
      EXPECT_TRUE(after.empty()) << "after still breaks " << JoinIds(after) << ": " << ex.after;
    }
  }
}

}  // namespace
}  // namespace tanggap::training
