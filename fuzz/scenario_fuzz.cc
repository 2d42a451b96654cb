// Fuzz target for the simulation scenario reader (ParseScenarios over one
// YAML file). A file loads or is refused with "fuzz.yml:LINE: ..." naming a
// line of the file. A loaded scenario keeps every documented bound (id,
// 1-20 rubric items with unique ids and weights 1-100, 1-30 comments in
// release order within a day, at least one needing an answer, 3-10 tips,
// cue lists with 1 <= min <= cues and phrases stored normalised), the
// release clock agrees with the comment offsets, and the same id in a
// second file is refused.
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_checks.h"
#include "training/lessons.h"
#include "training/simulation.h"

namespace {

using tanggap::training::Comment;
using tanggap::training::Cues;
using tanggap::training::Scenario;

// Field and regex limits of simulation.cc (kMaxFieldBytes, kMaxRegexChars,
// kMaxAtSeconds), private there.
constexpr size_t kMaxFieldBytes = 4000;
constexpr size_t kMaxRegexChars = 200;
constexpr int kMaxAtSeconds = 24 * 3600;

using tanggap::fuzz::Check;
using tanggap::fuzz::CheckMessage;

bool ValidId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

void CheckText(std::string_view s) { Check(!s.empty() && s.size() <= kMaxFieldBytes); }

void CheckLocalized(const tanggap::scorer::Localized& l) {
  CheckText(l.id);
  CheckText(l.en);
}

void CheckCues(const Cues& c) {
  const int total = static_cast<int>(c.phrases.size() + c.regexes.size());
  Check(total >= 1 && c.min >= 1 && c.min <= total && c.compiled != nullptr);
  for (const std::string& p : c.phrases) {
    // Normalised: lower case, single spaces, trimmed.
    Check(!p.empty() && p.front() != ' ' && p.back() != ' ');
    Check(p.find("  ") == std::string::npos && p.find_first_of("\t\r\n") == std::string::npos);
    for (char ch : p) Check(!(ch >= 'A' && ch <= 'Z'));
  }
  for (const std::string& r : c.regexes) Check(!r.empty() && r.size() <= kMaxRegexChars);
}

void CheckScenario(const Scenario& s, const std::string& input) {
  Check(s.file == "fuzz.yml" && s.version == tanggap::training::ContentHash(input));
  Check(ValidId(s.id));
  CheckLocalized(s.title);
  CheckText(s.agency);
  CheckLocalized(s.brief);
  CheckLocalized(s.task);
  Check(s.reply_target_seconds >= 10 && s.reply_target_seconds <= 86400);

  Check(!s.rubric.empty() && s.rubric.size() <= 20);
  std::set<std::string> ids;
  for (const auto& item : s.rubric) {
    Check(ValidId(item.id) && ids.insert(item.id).second);
    Check(item.weight >= 1 && item.weight <= 100);
    CheckLocalized(item.name);
    CheckLocalized(item.tip);
    CheckCues(item.cues);
  }

  Check(!s.comments.empty() && s.comments.size() <= 30);
  bool any_needed = false;
  int previous = 0;
  for (const Comment& c : s.comments) {
    Check(c.at_seconds >= previous && c.at_seconds <= kMaxAtSeconds);
    previous = c.at_seconds;
    CheckText(c.author);
    CheckText(c.text);
    Check(!tanggap::training::LabelName(c.label).empty());
    Check(!tanggap::training::ToneKind(c.label).empty());
    if (c.expect) {
      CheckCues(*c.expect);
      CheckLocalized(c.expect_name);
    } else {
      Check(c.expect_name.id.empty() && c.expect_name.en.empty());
    }
    any_needed = any_needed || c.needs_answer;
  }
  Check(any_needed);
  Check(s.tips.size() >= 3 && s.tips.size() <= 10);
  for (const auto& t : s.tips) CheckLocalized(t);

  // The release clock: nothing before the post, everything a day after it,
  // and the next release is the first offset still ahead.
  const int64_t post = 1'700'000'000;
  Check(tanggap::training::Released(s, post, post - 1).empty());
  Check(tanggap::training::Released(s, post, post + kMaxAtSeconds).size() == s.comments.size());
  Check(!tanggap::training::NextRelease(s, post, post + kMaxAtSeconds));
  for (const Comment& c : s.comments) {
    const int64_t now = post + c.at_seconds;
    std::vector<int> out = tanggap::training::Released(s, post, now);
    Check(!out.empty() && s.comments[static_cast<size_t>(out.back())].at_seconds <= c.at_seconds);
    for (size_t i = 0; i < out.size(); ++i) Check(out[i] == static_cast<int>(i));
    std::optional<int64_t> next = tanggap::training::NextRelease(s, post, now);
    if (out.size() == s.comments.size()) {
      Check(!next);
    } else {
      Check(next && *next > 0 && *next == s.comments[out.size()].at_seconds - c.at_seconds);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  size_t lines = 1;
  for (char c : input) lines += c == '\n';
  auto scenarios = tanggap::training::ParseScenarios({{"fuzz.yml", input}});
  if (!scenarios.ok()) {
    Check(scenarios.status().code() == tanggap::Status::Code::kInvalidArgument);
    CheckMessage(scenarios.status().message(), "fuzz.yml", lines);
    return 0;
  }
  Check(scenarios->size() == 1);
  CheckScenario((*scenarios)[0], input);
  // The same scenario id in a second file is refused, naming the first.
  auto twice = tanggap::training::ParseScenarios({{"fuzz.yml", input}, {"again.yml", input}});
  Check(!twice.ok() &&
        twice.status().message().find("already used by fuzz.yml") != std::string::npos);
  return 0;
}
