#include "jobs/refresh.h"

#include <utility>

#include "collector/adapter.h"
#include "util/file.h"

namespace tanggap {

Result<RegisteredAccount> ValidateRegistration(const RegistrationInput& in, bool need_agency,
                                               RegistrationField* field) {
  auto refuse = [field](RegistrationField f, const char* message) {
    if (field) *field = f;
    return Status::InvalidArgument(message);
  };
  if (field) *field = RegistrationField::kNone;
  auto platform = ParsePlatform(in.platform);
  if (!platform) {
    return refuse(RegistrationField::kPlatform,
                  "--platform must be one of instagram, facebook, x, youtube, mastodon, bluesky");
  }
  if (in.handle.empty() || in.handle.size() > 200) {
    return refuse(RegistrationField::kHandle, "--handle is required (at most 200 characters)");
  }
  RegisteredAccount r;
  r.platform = *platform;
  r.handle = in.handle;
  r.agency = in.agency;
  r.base_url =
      in.base_url.empty() ? std::string(collector::DefaultBaseUrl(*platform)) : in.base_url;
  while (!r.base_url.empty() && r.base_url.back() == '/') r.base_url.pop_back();
  // Plain http only when an admin typed the URL (a test server, a local
  // instance); never as a default.
  const bool https = r.base_url.rfind("https://", 0) == 0;
  const bool http = r.base_url.rfind("http://", 0) == 0;
  if (!https && !(http && !in.base_url.empty())) {
    return refuse(RegistrationField::kBaseUrl,
                  "--base-url must start with https:// (or http:// when given explicitly, e.g. "
                  "for a test server)");
  }
  if (need_agency && in.agency.empty()) {
    return refuse(RegistrationField::kAgency, "--agency is required for add");
  }
  return r;
}

Result<AnalysisInputs> LoadAnalysisInputs(const scorer::RulePack& pack) {
  AnalysisInputs in;
  const std::string cues = pack.DataPath("reply_classes");
  if (cues.empty()) {
    return Status::NotFound("the rule pack " + pack.name() +
                            " names no `data: reply_classes:` cue file in its pack.yml");
  }
  auto classifier = scorer::ReplyClassifier::Load(cues);
  if (!classifier.ok()) return classifier.status();
  in.classifier = *classifier;
  if (const std::string holidays = pack.DataPath("holidays"); !holidays.empty()) {
    auto text = ReadSmallFile(holidays, 4u << 20);
    if (!text.ok()) return text.status();
    auto days = ParseHolidays(*text, holidays);
    if (!days.ok()) return days.status();
    in.calendar.holidays = std::move(*days);
  }
  // The tone pack for agency replies lives in a folder the main pack names;
  // its version is part of the analysis version, so editing it reanalyses.
  in.version = pack.version();
  if (const std::string tone_dir = pack.DataPath("tone_pack"); !tone_dir.empty()) {
    auto tone = scorer::RulePack::Load(tone_dir);
    if (!tone.ok()) return tone.status();
    in.tone = *tone;
    in.version += "/" + in.tone->version();
  }
  return in;
}

int RefreshResult::failures() const {
  int n = 0;
  for (const auto& r : reports) n += r.status != "ok";
  return n;
}

Result<RefreshResult> Refresh(
    Store* store, const collector::Secrets& secrets, const scorer::RulePack& pack,
    const AnalysisInputs& inputs, const RefreshOptions& options,
    const std::function<void(const collector::AccountRunReport&)>& progress) {
  RefreshResult out;
  auto cancelled = [&] { return options.cancel && options.cancel->load(); };
  auto reports = collector::Collect(store, secrets, options.collect, progress);
  if (!reports.ok()) return reports.status();
  out.reports = std::move(*reports);
  if (cancelled()) {
    out.cancelled = true;
    return out;
  }
  // New posts get scored and the threads that changed reanalysed (only
  // those: both steps skip what is already current).
  auto scored = ScorePosts(store, pack, options.score, nullptr);
  if (!scored.ok()) return scored.status();
  out.score = *scored;
  if (cancelled()) {
    out.cancelled = true;
    return out;
  }
  auto analyzed = AnalyzeThreads(store, *inputs.classifier, inputs.tone.get(), inputs.calendar,
                                 inputs.version, options.analyze, nullptr);
  if (!analyzed.ok()) return analyzed.status();
  out.analyze = *analyzed;
  return out;
}

}  // namespace tanggap
