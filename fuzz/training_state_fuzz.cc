// Fuzz target for the stored gamification state (DecodeState, the JSON a
// trainee's points, streak, history and badge progress are kept in). Any
// text decodes or is refused with kCorruption; whatever decodes re-encodes
// to JSON that decodes again to the same state (EncodeState is a fixed point
// after one round, with the same days, points, history and badges), and
// keeps the bounds Decode enforces (no negative streak or day counters).
// The state is no bigger than its text allows: YAML anchors and aliases
// (which EncodeState never writes) must not blow a small text up into a huge
// state.
//
// Known limit, not checked: yaml-cpp refuses a mapping key longer than 1024
// characters, so a state whose object keys (rule groups, rule ids, badge
// ids) take more than that once quoted is written by EncodeState but
// refused by DecodeState. Real keys are rule and badge ids, far shorter.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz/fuzz_checks.h"
#include "training/gamification.h"
#include "util/json_writer.h"

namespace {

namespace tr = tanggap::training;

using tanggap::fuzz::Check;

void CheckState(const tr::TraineeState& s) {
  Check(s.sla_streak >= 0 && s.best_sla_streak >= 0);
  for (const tr::DaySummary& d : s.recent) {
    for (int v : {d.posts, d.clarity_n, d.questions, d.answered, d.within_sla, d.replies, d.tone_n,
                  d.lessons, d.simulations})
      Check(v >= 0);
  }
  for (const auto& [id, p] : s.badges) Check(p.times >= 0);
}

// Whether every object key of the encoded state is short enough for yaml-cpp
// (see the known limit above).
bool KeysFit(const tr::TraineeState& s) {
  auto fits = [](std::string_view key) {
    std::string quoted;
    tanggap::AppendJsonString(&quoted, key);
    return quoted.size() <= 1024;
  };
  for (const auto& [group, kinds] : s.open_groups)
    if (!fits(group)) return false;
  for (const tr::DaySummary& d : s.recent)
    for (const auto& [rule, n] : d.findings)
      if (!fits(rule)) return false;
  for (const auto& [id, p] : s.badges)
    if (!fits(id)) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto state = tr::DecodeState(input);
  if (!state.ok()) {
    Check(state.status().code() == tanggap::Status::Code::kCorruption);
    Check(state.status().message().starts_with("gamification state: "));
    return 0;
  }
  CheckState(*state);
  const std::string json = tr::EncodeState(*state);
  // An int takes a byte of the input and at most 21 of the output; the rest
  // of the output is field names, which take input bytes too.
  Check(json.size() <= 64 * (size + 256));
  if (!KeysFit(*state)) return 0;
  auto back = tr::DecodeState(json);
  Check(back.ok());
  CheckState(*back);
  Check(tr::EncodeState(*back) == json);
  Check(back->first_day == state->first_day && back->last_day == state->last_day);
  Check(back->points == state->points && back->recent.size() == state->recent.size());
  Check(back->badges.size() == state->badges.size());
  return 0;
}
