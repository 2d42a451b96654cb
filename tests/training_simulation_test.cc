// Simulations: scenario files are validated with the file, line and field;
// comments are released on the scenario's clock; an attempt is scored with
// exactly the documented formula (hand-built packs and scenario, so every
// number below can be checked by hand); and every shipped scenario loads
// and ranks a good model answer above a poor one.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "scorer/scorer.h"
#include "tests/test_support.h"
#include "training/simulation.h"

namespace tanggap::training {
namespace {

const std::string kRoot = TANGGAP_SOURCE_DIR;

// --- Hand-built packs: one clarity rule, one tone rule ---------------------

constexpr const char* kPackHead =
    "version: \"1\"\n"
    "language: id\n"
    "stopwords: {id: [yang, dan, di, ke, untuk, kami], en: [the, and, of, to]}\n"
    "deductions:\n"
    "  error: {each: 10, max_per_rule: 20}\n"
    "  warning: {each: 5, max_per_rule: 10}\n"
    "  suggestion: {each: 2, max_per_rule: 4}\n";

std::shared_ptr<const scorer::RulePack> ClarityPack() {
  static auto pack = scorer::RulePack::Parse(
      {{"pack.yml", std::string("name: uji\n") + kPackHead},
       {"T.Rangka.yml",
        "id: T.Rangka\ntype: existence\nlevel: warning\ntokens: [\"dalam rangka\"]\n"
        "message: {id: \"Hindari '{match}'.\", en: \"Avoid '{match}'.\"}\n"
        "suggestion: {id: \"Tulis 'untuk'.\", en: \"Write 'untuk'.\"}\n"
        "sources: [uji]\nexamples: {bad: [\"dalam rangka HUT\"], good: [\"untuk HUT\"]}\n"}});
  EXPECT_TRUE(pack.ok()) << pack.status().ToString();
  return *pack;
}

// Tone: a reply to a complaint without "maaf" loses 10 (warning each 10).
std::shared_ptr<const scorer::RulePack> TonePack() {
  static auto pack = scorer::RulePack::Parse(
      {{"pack.yml", std::string("name: nada-uji\n") + kPackHead +
                        "kinds: {pertanyaan: {name: P}, keluhan: {name: K}, "
                        "apresiasi: {name: A}}\n"},
       {"T.Maaf.yml",
        "id: T.Maaf\ntype: completeness\nlevel: error\nkinds: [keluhan]\n"
        "elements: {maaf: {tokens: [maaf]}}\n"
        "message: {id: \"Belum ada {missing}.\", en: \"No {missing}.\"}\n"
        "sources: [uji]\n"
        "examples: {bad: [{text: \"kami perbaiki\", kind: keluhan}], "
        "good: [{text: \"maaf, kami perbaiki\", kind: keluhan}]}\n"}});
  EXPECT_TRUE(pack.ok()) << pack.status().ToString();
  return *pack;
}

// Lines are numbered for the error tests.
const std::string kScenario =
    "id: uji-kerja-bakti\n"                                                      // 1
    "title: {id: \"Kerja bakti\", en: \"Clean-up\"}\n"                           // 2
    "agency: Kelurahan\n"                                                        // 3
    "platform: mastodon\n"                                                       // 4
    "brief: {id: \"Ringkas\", en: \"Brief\"}\n"                                  // 5
    "task: {id: \"Tulis\", en: \"Write\"}\n"                                     // 6
    "reply_target_seconds: 100\n"                                                // 7
    "rubric:\n"                                                                  // 8
    "  - id: waktu\n"                                                            // 9
    "    weight: 3\n"                                                            // 10
    "    name: {id: \"Jam WIB\", en: \"Time WIB\"}\n"                            // 11
    "    tip: {id: \"Tulis jam dengan WIB.\", en: \"Give the time in WIB.\"}\n"  // 12
    "    regex: ['\\d{1,2}\\.\\d{2} WIB']\n"                                     // 13
    "  - id: tempat\n"                                                           // 14
    "    weight: 1\n"                                                            // 15
    "    name: {id: \"Tempat\", en: \"Place\"}\n"                                // 16
    "    tip: {id: \"Sebut tempatnya.\", en: \"Name the place.\"}\n"             // 17
    "    phrases: [balai kota]\n"                                                // 18
    "comments:\n"                                                                // 19
    "  - at: 10\n"                                                               // 20
    "    label: question\n"                                                      // 21
    "    author: \"@a\"\n"                                                       // 22
    "    text: \"Di mana kumpulnya?\"\n"                                         // 23
    "    expect:\n"                                                              // 24
    "      name: {id: \"tempat kumpul\", en: \"the meeting place\"}\n"           // 25
    "      phrases: [balai]\n"                                                   // 26
    "  - at: 60\n"                                                               // 27
    "    label: complaint\n"                                                     // 28
    "    author: \"@b\"\n"                                                       // 29
    "    text: \"Selokan depan rumah saya mampet.\"\n"                           // 30
    "  - at: 120\n"                                                              // 31
    "    label: thanks\n"                                                        // 32
    "    author: \"@c\"\n"                                                       // 33
    "    text: \"Terima kasih, Pak Lurah.\"\n"                                   // 34
    "tips:\n"                                                                    // 35
    "  - {id: \"Satu\", en: \"One\"}\n"                                          // 36
    "  - {id: \"Dua\", en: \"Two\"}\n"                                           // 37
    "  - {id: \"Tiga\", en: \"Three\"}\n";                                       // 38

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

std::string ErrorOf(const std::string& text) {
  auto s = ParseScenarios({{"s.yml", text}});
  EXPECT_FALSE(s.ok());
  return s.ok() ? "" : s.status().message();
}

Scenario TestScenario() {
  auto s = ParseScenarios({{"s.yml", kScenario}});
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? (*s)[0] : Scenario{};
}

TEST(ScenarioParse, ReadsEveryField) {
  Scenario s = TestScenario();
  EXPECT_EQ(s.id, "uji-kerja-bakti");
  EXPECT_EQ(s.title.en, "Clean-up");
  EXPECT_EQ(s.agency, "Kelurahan");
  EXPECT_EQ(s.platform, Platform::kMastodon);
  EXPECT_EQ(s.reply_target_seconds, 100);
  ASSERT_EQ(s.rubric.size(), 2u);
  EXPECT_EQ(s.rubric[0].weight, 3);
  EXPECT_EQ(s.rubric[0].cues.regexes, std::vector<std::string>{"\\d{1,2}\\.\\d{2} WIB"});
  EXPECT_EQ(s.rubric[1].cues.phrases, std::vector<std::string>{"balai kota"});
  ASSERT_EQ(s.comments.size(), 3u);
  EXPECT_EQ(s.comments[0].label, Comment::Label::kQuestion);
  EXPECT_TRUE(s.comments[0].needs_answer);
  EXPECT_TRUE(s.comments[0].expect.has_value());
  EXPECT_EQ(s.comments[0].expect_name.en, "the meeting place");
  EXPECT_EQ(s.comments[1].label, Comment::Label::kComplaint);
  EXPECT_FALSE(s.comments[1].expect.has_value());
  EXPECT_EQ(s.comments[2].label, Comment::Label::kThanks);
  EXPECT_FALSE(s.comments[2].needs_answer);  // thanks: no answer needed by default
  EXPECT_EQ(s.tips.size(), 3u);
  EXPECT_EQ(s.file, "s.yml");
  EXPECT_EQ(s.version.size(), 16u);
  EXPECT_EQ(ToneKind(Comment::Label::kProvocation), "lainnya");
  EXPECT_EQ(LabelName(Comment::Label::kThanks), "thanks");
}

TEST(ScenarioParse, ErrorsNameFileLineAndField) {
  EXPECT_EQ(ErrorOf(Replace(kScenario, "brief: {id: \"Ringkas\", en: \"Brief\"}\n", "")),
            "s.yml:1: missing field 'brief'");
  EXPECT_EQ(ErrorOf(Replace(kScenario, "label: complaint", "label: keluhan")),
            "s.yml:28: comments[2].label 'keluhan' is unknown (question, complaint, provocation, "
            "thanks)");
  EXPECT_EQ(ErrorOf(Replace(kScenario, "at: 60", "at: 5")),
            "s.yml:27: comments[2].at 5 comes before the previous comment's 10; list comments in "
            "release order");
  std::string bad_regex = ErrorOf(Replace(kScenario, "regex: ['", "regex: ['(unclosed"));
  EXPECT_EQ(bad_regex.rfind("s.yml:13: rubric[1].regex '(unclosed", 0), 0u) << bad_regex;
  EXPECT_EQ(ErrorOf(Replace(kScenario, "platform: mastodon", "platform: tiktok")),
            "s.yml:4: platform 'tiktok' is unknown (instagram, facebook, x, youtube, mastodon, "
            "bluesky)");
  EXPECT_EQ(ErrorOf(Replace(kScenario, "    weight: 1\n", "    weight: 0\n")),
            "s.yml:15: rubric[2].weight must be a whole number from 1 to 100");
  EXPECT_EQ(ErrorOf(Replace(kScenario, "  - id: tempat", "  - id: waktu")),
            "s.yml:14: rubric[2].id 'waktu' is used twice in this scenario");
  EXPECT_EQ(ErrorOf(Replace(kScenario, "    phrases: [balai kota]\n", "")),
            "s.yml:14: rubric[2] needs 'phrases' or 'regex' (what to look for)");
  EXPECT_EQ(ErrorOf(Replace(kScenario, "  - {id: \"Tiga\", en: \"Three\"}\n", "")),
            "s.yml:36: tips must be a list of 3 to 10 tips ({id: ..., en: ...})");
  EXPECT_EQ(ErrorOf(Replace(kScenario, "agency: Kelurahan\n", "agency: Kelurahan\nlevel: 2\n")),
            "s.yml:4: scenario: unknown field 'level' (allowed: id, title, agency, platform, "
            "brief, task, reply_target_seconds, rubric, comments, tips)");
  std::string no_answer_needed = Replace(Replace(kScenario, "label: question", "label: thanks"),
                                         "label: complaint", "label: thanks");
  EXPECT_EQ(ErrorOf(no_answer_needed),
            "s.yml:20: comments: at least one comment must need an answer");
  std::string yaml = ErrorOf("id: [unclosed\n");
  EXPECT_EQ(yaml.rfind("s.yml:", 0), 0u) << yaml;
  EXPECT_NE(yaml.find("not valid YAML"), std::string::npos) << yaml;
}

// Cue regexes are RE2: what RE2 cannot match in linear time (backreferences,
// lookaround) or only with a huge program is refused at load, with the file,
// the line, what is wrong and what to do.
TEST(ScenarioParse, RefusesRegexesRe2CannotMatchInLinearTime) {
  const std::string kRegexLine = "    regex: ['\\d{1,2}\\.\\d{2} WIB']\n";  // line 13
  auto with_regex = [&](const std::string& pattern) {
    return ErrorOf(Replace(kScenario, kRegexLine, "    regex: ['" + pattern + "']\n"));
  };
  EXPECT_EQ(with_regex("(\\d{2})\\.\\1"),
            "s.yml:13: rubric[1].regex '(\\d{2})\\.\\1' does not compile: invalid escape "
            "sequence: \\1; RE2 has no backreferences or lookaround; rewrite without them (e.g. "
            "list the alternatives, or split the check into several regexes)");
  for (const char* lookaround : {"WIB(?= ini)", "WIB(?!A)", "(?<=pukul )\\d+", "(?<!jam )\\d+"}) {
    std::string e = with_regex(lookaround);
    EXPECT_EQ(
        e.rfind("s.yml:13: rubric[1].regex '" + std::string(lookaround) + "' does not compile", 0),
        0u)
        << e;
    EXPECT_NE(e.find("RE2 has no backreferences or lookaround; rewrite without them"),
              std::string::npos)
        << e;
  }
  // In an expectation, the error names that line too.
  std::string expect = ErrorOf(Replace(kScenario, "      phrases: [balai]\n",
                                       "      regex: ['(balai) kota \\1']\n"));  // line 26
  EXPECT_EQ(expect.rfind("s.yml:26: comments[1].expect.regex '(balai) kota \\1' does not compile: "
                         "invalid escape sequence: \\1; RE2 has no backreferences",
                         0),
            0u)
      << expect;
  // ECMAScript-only escapes get the RE2 spelling.
  EXPECT_NE(with_regex("caf\\u00e9").find("write a code point as \\x{00E9}"), std::string::npos);
  // Repetition beyond RE2's limit, a program over max_mem, one over the
  // cost cap: refused, saying how to shrink it.
  EXPECT_NE(with_regex("a{2000}").find("repetition counts go up to 1000"), std::string::npos);
  EXPECT_NE(with_regex("\\pL{1000}").find("too big to match quickly"), std::string::npos);
  std::string costly = with_regex("[^\\n]{0,300}WIB");
  EXPECT_EQ(costly.rfind("s.yml:13: rubric[1].regex '[^\\n]{0,300}WIB' is too costly to match", 0),
            0u)
      << costly;
  EXPECT_NE(costly.find("use smaller repetition counts"), std::string::npos) << costly;
  // The length cap still applies.
  EXPECT_EQ(with_regex(std::string(201, 'a')),
            "s.yml:13: rubric[1].regex: longer than 200 characters");
}

TEST(ScenarioParse, DuplicateIdAndOversizedFile) {
  auto dup = ParseScenarios({{"a.yml", kScenario}, {"b.yml", kScenario}});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().message(),
            "b.yml:1: id: scenario id 'uji-kerja-bakti' is already used by a.yml");
  std::string big = kScenario + "# " + std::string(kMaxScenarioFileBytes, 'x') + "\n";
  EXPECT_EQ(ErrorOf(big), "s.yml:1: file is larger than 65536 bytes");
}

TEST(ScenarioLoad, ReadsYamlFilesOfAFolder) {
  testing::TempDir dir;
  testing::WriteFile(dir.File("a.yml"), kScenario);
  testing::WriteFile(dir.File("b.yaml"), Replace(kScenario, "uji-kerja-bakti", "uji-b"));
  testing::WriteFile(dir.File("README.md"), "not a scenario");
  auto s = LoadScenarios(dir.path());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->size(), 2u);
  EXPECT_EQ((*s)[0].id, "uji-b");  // sorted by id
  EXPECT_EQ((*s)[1].file, dir.File("a.yml"));
  EXPECT_EQ(LoadScenarios(dir.File("nope")).status().code(), Status::Code::kNotFound);
}

TEST(Clock, ReleasesCommentsAtTheirOffsets) {
  Scenario s = TestScenario();
  const int64_t t0 = 1'800'000'000;
  EXPECT_EQ(Released(s, t0, t0 - 5), std::vector<int>{});  // before the post
  EXPECT_EQ(Released(s, t0, t0 + 9), std::vector<int>{});
  EXPECT_EQ(Released(s, t0, t0 + 10), std::vector<int>{0});
  EXPECT_EQ(Released(s, t0, t0 + 119), (std::vector<int>{0, 1}));
  EXPECT_EQ(Released(s, t0, t0 + 5000), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(NextRelease(s, t0, t0), 10);
  EXPECT_EQ(NextRelease(s, t0, t0 + 10), 50);
  EXPECT_EQ(NextRelease(s, t0, t0 + 120), std::nullopt);
  // Recomputed from the stored submit time: a reload or restart shows the
  // same comments.
  EXPECT_EQ(Released(s, t0, t0 + 61), Released(TestScenario(), t0, t0 + 61));
}

Attempt HandAttempt() {
  Attempt a;
  a.post_text = "Kerja bakti dalam rangka HUT kota di balai kota untuk semua warga.";
  a.post_submitted_unix = 1000;
  // Comment 0 (released 1010) answered after 50 s, comment 1 (released
  // 1060) after 250 s; the thanks is left alone.
  a.replies = {{1, "Kami perbaiki selokan besok untuk warga.", 1310},
               {0, "Halo, kumpul di balai kota ya, untuk semua warga.", 1060}};
  return a;
}

TEST(Score, HandBuiltAttemptGivesTheDocumentedNumbers) {
  Scenario s = TestScenario();
  auto d = ScoreAttempt(s, *ClarityPack(), *TonePack(), HandAttempt());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->scenario, "uji-kerja-bakti");
  EXPECT_EQ(d->scenario_version, s.version);
  // Clarity: one warning (-5).
  EXPECT_EQ(d->clarity.score, 95);
  ASSERT_EQ(d->clarity.findings.size(), 1u);
  EXPECT_EQ(d->clarity.findings[0].rule, "T.Rangka");
  EXPECT_EQ(d->clarity_points, 95);
  // Rubric: place (weight 1) met, time (weight 3) missed: 1/4 = 25.
  ASSERT_EQ(d->rubric.size(), 2u);
  EXPECT_FALSE(d->rubric[0].met);
  EXPECT_TRUE(d->rubric[1].met);
  EXPECT_EQ(d->rubric[1].matched, std::vector<std::string>{"balai kota"});
  EXPECT_EQ(d->rubric_points, 25);
  // Comments.
  ASSERT_EQ(d->comments.size(), 3u);
  const auto& c0 = d->comments[0];
  EXPECT_TRUE(c0.answered);
  EXPECT_EQ(c0.reply, 1);
  EXPECT_EQ(c0.response_seconds, 50);
  EXPECT_EQ(c0.time_points, 100);
  EXPECT_EQ(c0.tone.score, 100);  // a question: the apology rule does not apply
  EXPECT_TRUE(c0.has_expectation);
  EXPECT_TRUE(c0.expectation_met);
  const auto& c1 = d->comments[1];
  EXPECT_EQ(c1.response_seconds, 250);
  EXPECT_EQ(c1.time_points, 50);  // 150 s late of a 300 s slope
  EXPECT_EQ(c1.tone.score, 90);   // a complaint without "maaf"
  ASSERT_EQ(c1.tone.findings.size(), 1u);
  EXPECT_EQ(c1.tone.findings[0].rule, "T.Maaf");
  const auto& c2 = d->comments[2];
  EXPECT_FALSE(c2.needs_answer);
  EXPECT_FALSE(c2.answered);
  EXPECT_EQ(c2.response_seconds, -1);
  EXPECT_FALSE(c2.tone.scored);
  // Over the two comments that need an answer.
  EXPECT_EQ(d->time_points, 75);      // (100 + 50) / 2
  EXPECT_EQ(d->tone_points, 95);      // (100 + 90) / 2
  EXPECT_EQ(d->content_points, 100);  // expectation met; the other has none
  // (25*95 + 25*25 + 20*75 + 15*95 + 15*100) / 100 = 74.25
  EXPECT_EQ(d->overall, 74);
  // Tips: one per area in turn: rubric, speed, clarity.
  ASSERT_EQ(d->tips.size(), 3u);
  EXPECT_EQ(d->tips[0].id, "Tulis jam dengan WIB.");
  EXPECT_EQ(d->tips[1].id,
            "Balas dalam 2 menit. Balasan untuk @b baru terkirim setelah 5 menit; jawab singkat "
            "dulu, lengkapi kemudian.");
  EXPECT_EQ(d->tips[1].en,
            "Reply within 2 minutes. Your reply to @b took 5 minutes; answer briefly first, add "
            "detail later.");
  EXPECT_EQ(d->tips[2].id, "Hindari 'dalam rangka'. Tulis 'untuk'.");
  EXPECT_EQ(d->tips[2].en, "Avoid 'dalam rangka'. Write 'untuk'.");
}

TEST(Score, PerfectAttemptScores100AndFallsBackOnScenarioTips) {
  Scenario s = TestScenario();
  Attempt a;
  a.post_text = "Kerja bakti pukul 07.00 WIB di balai kota untuk semua warga.";
  a.post_submitted_unix = 1000;
  a.replies = {{0, "Halo, kumpul di balai kota untuk semua warga.", 1020},
               {1, "Mohon maaf, kami perbaiki selokan besok untuk warga.", 1100}};
  auto d = ScoreAttempt(s, *ClarityPack(), *TonePack(), a);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->clarity_points, 100);
  EXPECT_EQ(d->rubric_points, 100);
  EXPECT_EQ(d->time_points, 100);
  EXPECT_EQ(d->tone_points, 100);
  EXPECT_EQ(d->content_points, 100);
  EXPECT_EQ(d->overall, 100);
  ASSERT_EQ(d->tips.size(), 3u);
  EXPECT_EQ(d->tips[0].id, "Satu");
  EXPECT_EQ(d->tips[2].en, "Three");
}

TEST(Score, NoRepliesAndMissedExpectations) {
  Scenario s = TestScenario();
  Attempt a = HandAttempt();
  a.replies.clear();
  auto none = ScoreAttempt(s, *ClarityPack(), *TonePack(), a);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->time_points, 0);
  EXPECT_EQ(none->tone_points, 0);
  EXPECT_EQ(none->content_points, 0);
  EXPECT_EQ(none->overall, 30);  // (25*95 + 25*25) / 100 = 30
  ASSERT_EQ(none->tips.size(), 3u);
  EXPECT_EQ(none->tips[1].id,
            "Komentar @a (\"Di mana kumpulnya?\") belum dijawab. Setiap pertanyaan, keluhan, "
            "bahkan provokasi perlu balasan yang tenang dan jelas.");

  // An answer that misses the expected content; the reply at the deadline
  // still gets full time points, the one 4x late gets none.
  a.replies = {{0, "Halo, silakan datang untuk kerja bakti.", 1010 + 100},
               {1, "Mohon maaf, kami perbaiki untuk warga.", 1060 + 400}};
  auto missed = ScoreAttempt(s, *ClarityPack(), *TonePack(), a);
  ASSERT_TRUE(missed.ok());
  EXPECT_FALSE(missed->comments[0].expectation_met);
  EXPECT_EQ(missed->comments[0].time_points, 100);
  EXPECT_EQ(missed->comments[1].time_points, 0);
  EXPECT_EQ(missed->content_points, 50);
  EXPECT_EQ(missed->tips[1].en, "Your reply to @a does not mention the meeting place.");
}

TEST(Score, FirstReplyCountsAndScoringIsDeterministic) {
  Scenario s = TestScenario();
  Attempt a = HandAttempt();
  a.replies.push_back({1, "Mohon maaf, kami perbaiki besok untuk warga.", 1500});  // later
  auto d1 = ScoreAttempt(s, *ClarityPack(), *TonePack(), a);
  auto d2 = ScoreAttempt(s, *ClarityPack(), *TonePack(), a);
  ASSERT_TRUE(d1.ok() && d2.ok());
  EXPECT_EQ(d1->comments[1].reply, 0);
  EXPECT_EQ(d1->comments[1].tone.score, 90);  // the first answer, without "maaf"
  EXPECT_EQ(d1->overall, 74);
  EXPECT_EQ(d1->overall, d2->overall);
  EXPECT_EQ(d1->tips[0].id, d2->tips[0].id);
}

// A scenario whose first rubric item (line 13) and first comment's
// expectation (line 26) use the given regexes.
Scenario RegexScenario(const std::string& regex_list) {
  std::string text = Replace(kScenario, "    regex: ['\\d{1,2}\\.\\d{2} WIB']\n",
                             "    regex: " + regex_list + "\n");
  text = Replace(text, "      phrases: [balai]\n", "      regex: " + regex_list + "\n");
  auto s = ParseScenarios({{"s.yml", text}});
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? (*s)[0] : TestScenario();
}

// Patterns that make a backtracking engine take exponential time (std::regex
// never finished `(a*)*b` on 25 characters) are matched by RE2 in linear
// time: a post of kMaxPostBytes and a reply of kMaxReplyBytes are scored.
TEST(Score, BacktrackingPatternsScoreLongTexts) {
  Scenario s = RegexScenario("['(a*)*b', '(.|\\n)*x']");
  ASSERT_EQ(s.rubric[0].cues.regexes, (std::vector<std::string>{"(a*)*b", "(.|\\n)*x"}));
  std::string post;
  while (post.size() < kMaxPostBytes) post += post.size() % 80 == 79 ? '\n' : 'a';
  ASSERT_EQ(post.size(), 5000u);
  const std::string reply(kMaxReplyBytes, 'a');
  Attempt a;
  a.post_text = post;
  a.post_submitted_unix = 1000;
  a.replies = {{0, reply, 1020}};
  auto none = ScoreAttempt(s, *ClarityPack(), *TonePack(), a);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(none->rubric[0].met);
  EXPECT_TRUE(none->rubric[0].matched.empty());
  EXPECT_FALSE(none->comments[0].expectation_met);

  // The same texts ending in B (any case) and x: each pattern then matches.
  a.post_text.back() = 'B';
  a.replies[0].text.back() = 'x';
  auto found = ScoreAttempt(s, *ClarityPack(), *TonePack(), a);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_TRUE(found->rubric[0].met);
  EXPECT_EQ(found->rubric[0].matched, std::vector<std::string>{"(a*)*b"});
  EXPECT_TRUE(found->comments[0].expectation_met);
}

// Regexes ignore case, also for letters beyond ASCII, count characters (not
// bytes) in UTF-8 text, keep \b on ASCII word characters, and match
// anywhere in the text.
TEST(Score, RegexesAreCaseInsensitiveAndReadUtf8) {
  Scenario s = RegexScenario(
      "['pelayanan\\s+publik', 'kafé', '10\\.00[^\\n]{0,3}WIB', '\\bwib\\b', '“buka”']");
  auto matched = [&](const std::string& post) {
    Attempt a;
    a.post_text = post;
    a.post_submitted_unix = 1000;
    auto d = ScoreAttempt(s, *ClarityPack(), *TonePack(), a);
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return d.ok() ? d->rubric[0].matched : std::vector<std::string>{};
  };
  EXPECT_EQ(matched("Info PELAYANAN\nPublik Disdukcapil."),
            std::vector<std::string>{"pelayanan\\s+publik"});
  EXPECT_EQ(matched("Pelayanan publik di Kafé Sahabat"),
            (std::vector<std::string>{"pelayanan\\s+publik", "kafé"}));
  EXPECT_EQ(matched("KAFÉ DEKAT ALUN-ALUN"), std::vector<std::string>{"kafé"});
  // An en dash is one character (three bytes) between the time and WIB.
  EXPECT_EQ(matched("Mulai 10.00 – WIB"),
            (std::vector<std::string>{"10\\.00[^\\n]{0,3}WIB", "\\bwib\\b"}));
  EXPECT_EQ(matched("Demi wibawa kota"), std::vector<std::string>{});
  EXPECT_EQ(matched("Loket “BUKA” lagi"), std::vector<std::string>{"“buka”"});
}

TEST(Score, RefusesForgedOrOversizedAttempts) {
  Scenario s = TestScenario();
  auto code = [&](const Attempt& a) {
    return ScoreAttempt(s, *ClarityPack(), *TonePack(), a).status();
  };
  Attempt a = HandAttempt();
  a.post_text = "  \n";
  EXPECT_EQ(code(a).message(), "the post is empty");
  a.post_text = std::string(kMaxPostBytes + 1, 'a');
  EXPECT_EQ(code(a).message(), "the post is longer than 5000 bytes");
  a = HandAttempt();
  a.replies[0].comment_index = 3;
  EXPECT_EQ(code(a).message(), "reply 1 answers comment 3; the scenario has 3");
  a = HandAttempt();
  a.replies[1].sent_unix = 1009;  // comment 0 appears at 1010
  EXPECT_EQ(code(a).message(), "reply 2 was sent before its comment appeared");
  a = HandAttempt();
  a.replies[0].text = std::string(kMaxReplyBytes + 1, 'a');
  EXPECT_EQ(code(a).message(), "reply 1 is longer than 2000 bytes");
  a = HandAttempt();
  a.replies.assign(kMaxReplies + 1, {0, "Halo, di balai kota.", 1020});
  EXPECT_EQ(code(a).code(), Status::Code::kInvalidArgument);
}

// --- The shipped scenarios ----------------------------------------------

struct ModelAnswer {
  std::string post;
  std::map<int, std::string> replies;  // comment index -> reply
};

// Good answers written for this test: they follow the brief, the lessons and
// the rubric. A poor answer is the same for every scenario: a vague post
// with no facts, and a curt, late reply to the first comment only.
const std::map<std::string, ModelAnswer>& GoodAnswers() {
  static const std::map<std::string, ModelAnswer> answers = {
      {"banjir-bpbd",
       {"Waspada banjir, Senin, 16 November 2026. Sungai Rangkui meluap; genangan 30–60 cm di "
        "Kelurahan Rangkui, Bintang, dan Pasir Putih. Air diperkirakan naik sampai pukul 10.00 "
        "WIB.\n\nYang perlu dilakukan:\n- matikan listrik dan amankan dokumen penting\n- jauhi "
        "aliran sungai\n- mengungsi ke posko di GOR Sahabuddin, Jl. Jenderal Sudirman\n\n"
        "Darurat: Pusdalops BPBD 0812-7000-0112 (24 jam) atau 112.",
        {{0,
          "Halo Kak, terima kasih sudah bertanya. Posko pengungsian ada di GOR Sahabuddin, "
          "Jl. Jenderal Sudirman. Bila perlu dijemput, hubungi 0812-7000-0112."},
         {1,
          "Halo Bu, mohon maaf atas kesulitannya dan terima kasih masukannya. Keluhan "
          "drainase bisa dilaporkan ke Dinas PUPR lewat SP4N-LAPOR; kami juga meneruskannya."},
         {2,
          "Halo Pak, terima kasih pertanyaannya. SD dan SMP di Rangkui, Bintang, dan Pasir "
          "Putih libur hari ini sesuai keputusan Dinas Pendidikan."},
         {3,
          "Halo Kak, terima kasih perhatiannya. Tim evakuasi BPBD dengan dua perahu karet "
          "sudah di Rangkui sejak pagi. Permintaan bantuan: 0812-7000-0112."},
         {4, "Halo Pak, sama-sama. Terima kasih sudah mengabari; tetap jaga keselamatan."}}}},
      {"ktp-el-gangguan",
       {"Mohon maaf, perekaman dan pencetakan KTP-el di Kantor Disdukcapil terhenti sejak "
        "pukul 08.00 WIB hari ini, Selasa, 17 November 2026, karena gangguan jaringan pusat "
        "data. Layanan diperkirakan pulih pukul 13.00 WIB.\n\nNomor antrean hari ini tetap "
        "berlaku sampai Rabu, 18 November 2026. Layanan KK dan akta tetap buka di "
        "https://disdukcapil.pangkalpinangkota.go.id. Info: WhatsApp 0812-7000-0205.",
        {{0,
          "Halo Pak, mohon maaf atas waktu yang terbuang. Nomor antrean Bapak tetap berlaku "
          "sampai Rabu, 18 November 2026; silakan datang lagi dengan nomor yang sama."},
         {1,
          "Halo Kak, terima kasih pertanyaannya. KK tetap bisa diurus hari ini lewat "
          "https://disdukcapil.pangkalpinangkota.go.id."},
         {2,
          "Halo Kak, terima kasih masukannya. Gangguan berasal dari jaringan pusat data "
          "kependudukan; petugas kami tetap melayani KK dan akta. Info: 0812-7000-0205."},
         {3,
          "Halo Pak, terima kasih pertanyaannya. Perekaman diperkirakan bisa lagi pukul "
          "13.00 WIB; silakan pantau unggahan ini."}}}},
      {"jalan-rusak-viral",
       {"Mohon maaf atas lubang di Jl. Depati Hamzah. Rambu sudah dipasang. Penambalan Jumat, "
        "20 November 2026, pukul 20.00–24.00 WIB; arus dialihkan ke Jl. Soekarno Hatta. Lapor "
        "jalan rusak: WA 0812-7000-0404.",
        {{0,
          "Halo Kak, mohon maaf atas lamanya. Terima kasih laporannya. Penambalan dijadwalkan "
          "Jumat, 20 November 2026, pukul 20.00 WIB; rambu sudah dipasang."},
         {1,
          "Halo Kak, terima kasih pertanyaannya. Jumat malam silakan lewat Jl. Soekarno Hatta "
          "ke arah Air Itam."},
         {2,
          "Halo Kak, terima kasih masukannya. Jadwal perbaikan dan anggarannya bisa dicek di "
          "https://pupr.pangkalpinangkota.go.id; laporan lain ke WA 0812-7000-0404."},
         {3,
          "Halo Bu, terima kasih infonya. Silakan kirim foto dan titik lokasinya ke WhatsApp "
          "0812-7000-0404 agar segera kami tinjau."},
         {4, "Halo Kak, sama-sama. Terima kasih sudah mengabari."}}}},
      {"klarifikasi-hoaks",
       {"Pemerintah Kota tidak membagikan bantuan tunai lewat pesan berantai. Pesan yang "
        "meminta NIK, nomor rekening, dan kode OTP itu hoaks dan penipuan. Bantuan resmi hanya "
        "diumumkan di https://dinsos.pangkalpinangkota.go.id.\n\nJangan teruskan pesannya dan "
        "jangan klik tautannya. Sudah telanjur mengisi data? Segera hubungi bank Anda dan "
        "laporkan ke WhatsApp Diskominfo 0812-7000-0303.",
        {{0,
          "Halo Bu, terima kasih sudah bertanya. Segera hubungi bank Ibu untuk memblokir "
          "rekening, lalu laporkan ke WhatsApp 0812-7000-0303."},
         {1,
          "Halo Kak, terima kasih tanggapannya. Informasi bantuan resmi bisa dicek langsung "
          "di https://dinsos.pangkalpinangkota.go.id."},
         {2,
          "Halo Pak, terima kasih pertanyaannya. Bantuan resmi diumumkan di situs Dinsos: "
          "https://dinsos.pangkalpinangkota.go.id."},
         {3, "Halo Bu, terima kasih sudah membantu menyebarkan klarifikasinya."}}}},
      {"jadwal-posyandu",
       {"Posyandu Melati buka Sabtu, 21 November 2026, pukul 08.00–11.00 WIB di Balai Warga RT "
        "03, Kelurahan Bacang. Gratis untuk balita dan ibu hamil:\n- penimbangan balita\n- "
        "imunisasi campak-rubela\n- vitamin A\n- konsultasi gizi\n\nBawa buku KIA. Info: "
        "WhatsApp Puskesmas Gerunggang 0812-7000-0606.",
        {{0,
          "Halo Bunda, terima kasih pertanyaannya. Boleh datang untuk ditimbang, tetapi "
          "imunisasinya ditunda sampai anak sehat. Silakan tanya kader di posyandu."},
         {1,
          "Halo Pak, terima kasih sudah bertanya. Imunisasi di posyandu gratis; cukup bawa "
          "buku KIA."},
         {2,
          "Halo Bu, mohon maaf atas kejadian bulan lalu. Stok vitamin A kali ini sudah kami "
          "tambah; silakan datang mulai pukul 08.00 WIB."},
         {3, "Halo Kak, terima kasih atas semangat para kader."}}}},
      {"air-pdam-mati",
       {"Mohon maaf, aliran air ke Kelurahan Semabung Lama, Semabung Baru, dan Gedung Nasional "
        "berhenti Senin, 23 November 2026, pukul 08.00–18.00 WIB untuk perbaikan pipa bocor di "
        "Jl. Mentok.\n\nMobil tangki air gratis berkeliling mulai pukul 10.00 WIB. Minta "
        "tangki lewat call center PDAM 0812-7000-0707.",
        {{0,
          "Halo Bu, terima kasih pertanyaannya. Gedung Nasional termasuk; silakan minta mobil "
          "tangki lewat call center 0812-7000-0707."},
         {1,
          "Halo Pak, mohon maaf atas gangguannya. Tagihan hanya dihitung dari pemakaian di "
          "meter, jadi hari tanpa air tidak ditagih. Silakan hubungi 0812-7000-0707."},
         {2,
          "Halo Kak, terima kasih masukannya. Petugas sedang memperbaiki pipa dan mobil "
          "tangki sudah berkeliling; keluhan bisa disampaikan ke 0812-7000-0707."},
         {3,
          "Halo Kak, terima kasih pertanyaannya. Air diperkirakan normal pukul 18.00 WIB; "
          "silakan hubungi 0812-7000-0707 bila butuh tangki."}}}},
  };
  return answers;
}

struct ShippedPacks {
  std::shared_ptr<const scorer::RulePack> clarity, tone;
};

const ShippedPacks& Packs() {
  static const ShippedPacks packs = [] {
    ShippedPacks p;
    auto c = scorer::RulePack::Load(kRoot + "/rules/id-pemerintah");
    auto t = scorer::RulePack::Load(kRoot + "/rules/id-pemerintah/nada-balasan");
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    if (c.ok()) p.clarity = *c;
    if (t.ok()) p.tone = *t;
    return p;
  }();
  return packs;
}

std::vector<Scenario> Shipped() {
  auto s = LoadScenarios(kRoot + "/rules/id-pemerintah/pelatihan/scenarios");
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? *s : std::vector<Scenario>{};
}

TEST(ShippedScenarios, AtLeastSixLoadIncludingTheRequiredSituations) {
  std::set<std::string> ids;
  for (const Scenario& s : Shipped()) ids.insert(s.id);
  EXPECT_GE(ids.size(), 6u);
  for (const char* id : {"banjir-bpbd", "ktp-el-gangguan", "jalan-rusak-viral", "klarifikasi-hoaks",
                         "jadwal-posyandu", "air-pdam-mati"})
    EXPECT_TRUE(ids.contains(id)) << id;
}

TEST(ShippedScenarios, EveryCommentLabelAppears) {
  std::set<Comment::Label> labels;
  for (const Scenario& s : Shipped())
    for (const Comment& c : s.comments) labels.insert(c.label);
  EXPECT_EQ(labels.size(), 4u);
}

Attempt Answer(const Scenario& s, const ModelAnswer& m, int64_t delay) {
  Attempt a;
  a.post_text = m.post;
  a.post_submitted_unix = 1'800'000'000;
  for (const auto& [index, text] : m.replies)
    a.replies.push_back(
        {index, text, a.post_submitted_unix + s.comments[index].at_seconds + delay});
  return a;
}

TEST(ShippedScenarios, GoodModelAnswerBeatsAPoorOne) {
  const ShippedPacks& packs = Packs();
  ASSERT_TRUE(packs.clarity && packs.tone);
  for (const Scenario& s : Shipped()) {
    SCOPED_TRACE(s.id);
    auto it = GoodAnswers().find(s.id);
    ASSERT_NE(it, GoodAnswers().end()) << "write a model answer for " << s.id;
    auto good = ScoreAttempt(s, *packs.clarity, *packs.tone, Answer(s, it->second, 60));
    ASSERT_TRUE(good.ok()) << good.status().ToString();
    ModelAnswer poor_answer{"Ada info penting hari ini, pantau terus ya.", {{0, "ok"}}};
    auto poor = ScoreAttempt(s, *packs.clarity, *packs.tone,
                             Answer(s, poor_answer, 4LL * s.reply_target_seconds));
    ASSERT_TRUE(poor.ok()) << poor.status().ToString();
    EXPECT_GT(good->overall, poor->overall + 40);
    EXPECT_GE(good->overall, 85);
    // The model answer meets every rubric item and every expectation, so
    // the cue lists in the file find what a good writer says.
    for (const auto& r : good->rubric) EXPECT_TRUE(r.met) << "rubric " << r.id;
    for (const auto& c : good->comments) {
      EXPECT_TRUE(!c.needs_answer || c.answered) << "comment " << c.index;
      EXPECT_TRUE(!c.has_expectation || c.expectation_met) << "comment " << c.index;
      if (c.answered) {
        EXPECT_GE(c.tone.score, 80) << "comment " << c.index;
      }
    }
    EXPECT_EQ(good->time_points, 100);
    EXPECT_EQ(poor->time_points, 0);
    EXPECT_EQ(poor->tips.size(), 3u);
  }
}

}  // namespace
}  // namespace tanggap::training
