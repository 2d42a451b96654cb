// Bringing the database up to date from the platforms: collect every
// registered account, then score the new posts and analyse the threads that
// changed, so the dashboard and reports are current after every run. Shared
// by `tanggap collect` and the dashboard's "Kumpulkan sekarang" button; also
// the one validation of a new registration (`tanggap account add` and the
// admin page).
#ifndef TANGGAP_JOBS_REFRESH_H_
#define TANGGAP_JOBS_REFRESH_H_

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "collector/collector.h"
#include "jobs/responsiveness_report.h"
#include "jobs/score_posts.h"
#include "responsiveness/business_hours.h"
#include "scorer/reply_classifier.h"
#include "scorer/scorer.h"
#include "store/store.h"
#include "util/status.h"

namespace tanggap {

// What an admin types to register an account for collection.
struct RegistrationInput {
  std::string platform;  // "mastodon", ...
  std::string handle;
  std::string agency;
  std::string base_url;  // "" = the platform's default
};

// Which field a registration was refused for (the dashboard words its own
// message per field; the CLI prints the Status message).
enum class RegistrationField { kNone, kPlatform, kHandle, kAgency, kBaseUrl };

// Checks and normalises a registration: a known platform, a handle of 1-200
// bytes, an agency (only when `need_agency`, i.e. for add), a base URL
// defaulting to the platform's with trailing slashes dropped, https:// only
// unless the admin typed an http:// URL (a test server, a local instance).
// On failure *field (when not null) says which input was wrong. Pure.
Result<RegisteredAccount> ValidateRegistration(const RegistrationInput& input, bool need_agency,
                                               RegistrationField* field = nullptr);

// Everything `tanggap analyze` reads besides the database, derived from the
// clarity pack: its reply-class cue file, its holiday calendar and its tone
// pack (data entries of pack.yml), and the analysis version naming them.
struct AnalysisInputs {
  std::shared_ptr<const scorer::ReplyClassifier> classifier;
  WorkingCalendar calendar;
  std::shared_ptr<const scorer::RulePack> tone;  // null when the pack names none
  std::string version;                           // pack version [+ "/" + tone version]
};
Result<AnalysisInputs> LoadAnalysisInputs(const scorer::RulePack& pack);

struct RefreshOptions {
  collector::CollectOptions collect;
  ScorePostsOptions score;
  AnalyzeOptions analyze;
  // Set from another thread to skip what has not started yet (scoring,
  // analysis) after the current step; a collection in flight finishes.
  const std::atomic<bool>* cancel = nullptr;
};

struct RefreshResult {
  std::vector<collector::AccountRunReport> reports;  // one per account collected
  ScorePostsStats score;
  AnalyzeStats analyze;
  bool cancelled = false;
  // Accounts whose run was not "ok".
  int failures() const;
};

// Collect, then score with `pack`, then analyse with `inputs`, on `store`
// (a writable connection the caller owns for the whole run). `progress`
// gets each account's report as it finishes (may be null). Fails only when
// a step could not run at all (store errors, an unknown only_account);
// per-account collection failures are in the reports and collector_runs.
Result<RefreshResult> Refresh(
    Store* store, const collector::Secrets& secrets, const scorer::RulePack& pack,
    const AnalysisInputs& inputs, const RefreshOptions& options,
    const std::function<void(const collector::AccountRunReport&)>& progress = nullptr);

}  // namespace tanggap

#endif  // TANGGAP_JOBS_REFRESH_H_
