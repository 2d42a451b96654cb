// Simulations (simulasi): scenario files in rules/id-pemerintah/pelatihan/scenarios/
// (YAML, edited by trainers) that replay a real situation. The trainee
// reads a brief, writes the post, then simulated citizen comments appear on
// a clock and the trainee answers them; the attempt is scored with the same
// rule packs as real posts plus response time and the scenario's rubric.
// Format and score: docs/training-simulations.md.
//
// Loading reads files; everything else is pure and deterministic: no clock,
// no I/O. The caller owns time (passes "now") and persistence: an attempt is
// plain data (post text, when it was submitted, the replies with their
// times), so storing it is enough for it to survive a page reload or a
// server restart: Released() recomputes what the trainee sees from the
// stored submit time.
//
// Loaded scenarios are immutable; share them across threads freely.
#ifndef TANGGAP_TRAINING_SIMULATION_H_
#define TANGGAP_TRAINING_SIMULATION_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scorer/scorer.h"
#include "util/status.h"

namespace tanggap::training {

using ContentFile = scorer::RulePack::File;

// Input bounds: the loader refuses bigger files, ScoreAttempt bigger
// attempts (kInvalidArgument), so a forged form cannot make scoring slow.
inline constexpr size_t kMaxScenarioFileBytes = 64 * 1024;
inline constexpr size_t kMaxScenarioFiles = 200;
inline constexpr size_t kMaxPostBytes = 5000;
inline constexpr size_t kMaxReplyBytes = 2000;
inline constexpr size_t kMaxReplies = 100;

// A cue list: met when at least `min` of the listed phrases and regexes
// occur in the text. Phrases match whole words, case-insensitively
// ("wib" does not match inside "wibawa"); regexes are RE2 syntax (no
// backreferences or lookaround; linear-time matching), UTF-8,
// case-insensitive, searched anywhere.
struct Cues {
  std::vector<std::string> phrases;
  std::vector<std::string> regexes;  // sources, as written
  int min = 1;
  struct Compiled;  // the compiled regexes, private to simulation.cc
  std::shared_ptr<const Compiled> compiled;
};

struct RubricItem {
  std::string id;          // [a-z0-9-], unique in the scenario
  int weight = 1;          // 1-100; share of the rubric score = weight / sum of weights
  scorer::Localized name;  // what is checked, e.g. "Jam dengan WIB"
  scorer::Localized tip;   // how to meet it; shown when missed and used as a tip
  Cues cues;
};

// A simulated citizen comment.
struct Comment {
  enum class Label { kQuestion, kComplaint, kProvocation, kThanks };
  int at_seconds = 0;  // released this long after the post is submitted
  Label label = Label::kQuestion;
  std::string author;  // a made-up handle, e.g. "@warga_bacang"
  std::string text;
  // Whether the trainee must answer it (default: yes, except thanks).
  bool needs_answer = true;
  // What a good answer contains (optional): the cues and their description.
  std::optional<Cues> expect;
  scorer::Localized expect_name;  // e.g. "alamat posko pengungsian"
};

// "question", "complaint", "provocation", "thanks".
std::string_view LabelName(Comment::Label label);
// The tone pack's kind for a reply to this label: pertanyaan, keluhan,
// lainnya (a provocation gets only the rules for every reply), apresiasi.
std::string_view ToneKind(Comment::Label label);

struct Scenario {
  std::string id;  // [a-z0-9-], unique; used in URLs and stored attempts
  scorer::Localized title;
  std::string agency;  // e.g. "BPBD"
  Platform platform = Platform::kInstagram;
  scorer::Localized brief;  // the situation
  scorer::Localized task;   // what to write
  // In-scenario service target: a reply within this many seconds of the
  // comment's release gets full time points (docs/training-simulations.md).
  int reply_target_seconds = 300;
  std::vector<RubricItem> rubric;       // at least one
  std::vector<Comment> comments;        // by at_seconds, at least one needing an answer
  std::vector<scorer::Localized> tips;  // at least 3; fillers for the debrief
  std::string file;
  std::string version;  // hash of the file's bytes
};

// Reads every *.yml / *.yaml file in dir, one scenario each, sorted by id.
// Every error fails the load with "FILE:LINE: what is wrong" naming the
// field (missing brief, unknown label, offsets out of order, a regex that
// does not compile, a scenario id used twice, ...). kNotFound when dir
// cannot be read.
Result<std::vector<Scenario>> LoadScenarios(const std::string& dir);
// The same from in-memory files; for tests and fuzzing.
Result<std::vector<Scenario>> ParseScenarios(const std::vector<ContentFile>& files);

// Indexes (into scenario.comments) of the comments visible at `now` for a
// post submitted at post_submitted_unix: those with at_seconds <=
// now - submitted, in order. None before the post is submitted.
std::vector<int> Released(const Scenario& scenario, int64_t post_submitted_unix, int64_t now);
// Seconds until the next comment is released; nullopt when all are out.
std::optional<int64_t> NextRelease(const Scenario& scenario, int64_t post_submitted_unix,
                                   int64_t now);

struct Attempt {
  std::string post_text;
  int64_t post_submitted_unix = 0;
  struct Reply {
    int comment_index = 0;  // into scenario.comments
    std::string text;
    int64_t sent_unix = 0;
  };
  std::vector<Reply> replies;  // any order
};

struct Debrief {
  std::string scenario;          // id
  std::string scenario_version;  // Scenario::version it was scored against
  // The post, scored with the clarity pack on the scenario's platform.
  scorer::ScoreResult clarity;
  struct RubricResult {
    std::string id;
    scorer::Localized name, tip;
    int weight = 0;
    bool met = false;
    std::vector<std::string> matched;  // the phrases/regexes found, as written
  };
  std::vector<RubricResult> rubric;
  struct CommentResult {
    int index = 0;
    Comment::Label label = Comment::Label::kQuestion;
    bool needs_answer = true;
    bool answered = false;
    int reply = -1;                 // index into Attempt::replies of the first answer
    int64_t response_seconds = -1;  // first answer - release; -1 unanswered
    int time_points = 0;            // 0-100
    scorer::ScoreResult tone;       // the first answer, tone pack; unscored if none
    bool has_expectation = false;
    bool expectation_met = false;
    scorer::Localized expect_name;
  };
  std::vector<CommentResult> comments;  // one per scenario comment, in order
  // Components, each 0-100, and the overall score:
  // overall = round((25*clarity + 25*rubric + 20*time + 15*tone + 15*content) / 100)
  int clarity_points = 0, rubric_points = 0, time_points = 0, tone_points = 0, content_points = 0;
  int overall = 0;
  std::vector<scorer::Localized> tips;  // exactly 3, most useful first
};

// Scores an attempt. clarity_pack scores the post (rules/id-pemerintah),
// tone_pack the replies (rules/id-pemerintah/nada-balasan). Deterministic:
// the same inputs give the same debrief. kInvalidArgument when the post is
// empty or over kMaxPostBytes, a reply is over kMaxReplyBytes or empty,
// there are more than kMaxReplies, a reply names a comment that does not
// exist, or a reply was sent before its comment was released.
Result<Debrief> ScoreAttempt(const Scenario& scenario, const scorer::RulePack& clarity_pack,
                             const scorer::RulePack& tone_pack, const Attempt& attempt);

}  // namespace tanggap::training

#endif  // TANGGAP_TRAINING_SIMULATION_H_
