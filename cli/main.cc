// tanggap: the command-line entry point. It only wires things together:
// parses flags, opens the store, calls the libraries and reports.
//
// Exit codes (docs/cli.md): 0 success; 1 failure (database, I/O);
// 2 usage error; 3 import finished but rejected some lines.
#include <pthread.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "collector/collector.h"
#include "dashboard/auth.h"
#include "dashboard/server.h"
#include "dashboard/training_content.h"
#include "demo/demo_data.h"
#include "interchange/line_reader.h"
#include "interchange/record_codec.h"
#include "interchange/transfer.h"
#include "jobs/refresh.h"
#include "jobs/responsiveness_report.h"
#include "jobs/score_posts.h"
#include "jobs/training_progress.h"
#include "responsiveness/business_hours.h"
#include "scorer/reply_classifier.h"
#include "scorer/scorer.h"
#include "store/progress_queries.h"
#include "store/store.h"
#include "util/file.h"
#include "util/time.h"

namespace tanggap {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;
constexpr int kExitRejected = 3;

struct GlobalOptions {
  std::string db = "var/tanggap.db";
  std::string log_level = "warn";
};

std::shared_ptr<spdlog::logger> Logger(const std::string& name) {
  static std::mutex mu;  // components create their loggers from other threads too
  std::lock_guard lock(mu);
  if (auto l = spdlog::get(name)) return l;
  try {
    auto l = spdlog::stderr_color_mt(name);
    l->set_level(spdlog::get_level());
    return l;
  } catch (const spdlog::spdlog_ex&) {  // a component registered it meanwhile
    return spdlog::get(name);
  }
}

int Fail(const Status& s) {
  std::fprintf(stderr, "tanggap: %s\n", s.message().c_str());
  return kExitFailure;
}

// Commands that only read (summary, export, report, queue) open read-only:
// they never create a database or upgrade one behind the user's back.
Result<std::unique_ptr<Store>> OpenStore(const GlobalOptions& g, bool read_only = false) {
  std::filesystem::path parent = std::filesystem::path(g.db).parent_path();
  std::error_code ec;
  if (read_only && !std::filesystem::exists(g.db, ec)) {
    return Status::NotFound(
        "no database at " + g.db +
        "; create one with ./scripts/demo or `tanggap import FILE`, or pass --db");
  }
  if (!read_only && !parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) {
    return Status::IOError("cannot create folder " + parent.string() +
                           " for the database: " + ec.message());
  }
  auto store = Store::Open(g.db, StoreOptions{read_only, 5000});
  if (store.ok()) {
    Logger("store")->info("opened {} (schema v{})", g.db, (*store)->SchemaVersion());
  }
  return store;
}

// Writes to a temporary file beside `path` and renames it into place at the
// end, so a crash never leaves half a file under the real name. "-" or ""
// means standard output.
class OutputFile {
 public:
  Status Open(const std::string& path) {
    path_ = path;
    if (path.empty() || path == "-") {
      file_ = stdout;
      return Status::Ok();
    }
    tmp_ = path + ".tmp." + std::to_string(::getpid());
    file_ = std::fopen(tmp_.c_str(), "wb");
    if (file_ == nullptr) {
      return Status::IOError("cannot write " + path + ": " + std::strerror(errno));
    }
    return Status::Ok();
  }
  std::FILE* get() { return file_; }
  Status Close() {
    if (file_ == stdout)
      return std::fflush(stdout) == 0 ? Status::Ok()
                                      : Status::IOError("cannot write to standard output");
    bool ok = std::fflush(file_) == 0 && ::fsync(fileno(file_)) == 0;
    ok = std::fclose(file_) == 0 && ok;
    file_ = nullptr;
    if (!ok || std::rename(tmp_.c_str(), path_.c_str()) != 0) {
      std::remove(tmp_.c_str());
      return Status::IOError("cannot write " + path_ + ": " + std::strerror(errno));
    }
    return Status::Ok();
  }
  ~OutputFile() {
    if (file_ != nullptr && file_ != stdout) {
      std::fclose(file_);
      std::remove(tmp_.c_str());
    }
  }

 private:
  std::string path_, tmp_;
  std::FILE* file_ = nullptr;
};

int RunImport(const GlobalOptions& g, const std::vector<std::string>& files, size_t batch_size,
              size_t max_errors) {
  auto store = OpenStore(g);
  if (!store.ok()) return Fail(store.status());
  auto log = Logger("import");
  ImportStats total;
  uint64_t shown = 0;
  auto on_reject = [&](const Rejection& r) {
    if (shown++ < max_errors) {
      std::fprintf(stderr, "%s:%llu: %s\n", r.source.c_str(),
                   static_cast<unsigned long long>(r.line), r.reason.c_str());
    }
  };
  for (const std::string& file : files) {
    auto reader = LineReader::Open(file, kMaxLineBytes);
    if (!reader.ok()) return Fail(reader.status());
    auto stats =
        ImportLines(reader->get(), file, store->get(), ImportOptions{batch_size}, on_reject);
    if (!stats.ok()) {
      return Fail(Status::IOError(file + ": import stopped: " + stats.status().message() +
                                  "; batches already committed are kept, run the same import "
                                  "again to finish"));
    }
    log->info("{}: {} lines, inserted={} updated={} unchanged={} rejected={}", file, stats->lines,
              stats->inserted, stats->updated, stats->unchanged, stats->rejected);
    total += *stats;
  }
  if (shown > max_errors) {
    std::fprintf(stderr, "... and %llu more rejected lines (raise --max-errors to see them)\n",
                 static_cast<unsigned long long>(shown - max_errors));
  }
  std::printf("inserted=%llu updated=%llu unchanged=%llu rejected=%llu\n",
              static_cast<unsigned long long>(total.inserted),
              static_cast<unsigned long long>(total.updated),
              static_cast<unsigned long long>(total.unchanged),
              static_cast<unsigned long long>(total.rejected));
  return total.rejected ? kExitRejected : kExitOk;
}

int RunExport(const GlobalOptions& g, const std::string& format, const std::string& output) {
  auto store = OpenStore(g, /*read_only=*/true);
  if (!store.ok()) return Fail(store.status());
  OutputFile out;
  if (Status s = out.Open(output); !s.ok()) return Fail(s);
  Status s = ExportRecords(store->get(),
                           format == "csv" ? ExportFormat::kCsv : ExportFormat::kJsonl, out.get());
  if (!s.ok()) return Fail(s);
  if (Status c = out.Close(); !c.ok()) return Fail(c);
  return kExitOk;
}

template <typename Generate>
int WriteRecords(const std::string& output, Generate generate) {
  OutputFile out;
  if (Status s = out.Open(output); !s.ok()) return Fail(s);
  std::string buf;
  bool write_failed = false;
  generate([&](const Record& r) {
    AppendRecord(r, &buf);
    buf.push_back('\n');
    if (buf.size() >= (1 << 16)) {
      write_failed |= std::fwrite(buf.data(), 1, buf.size(), out.get()) != buf.size();
      buf.clear();
    }
  });
  write_failed |= std::fwrite(buf.data(), 1, buf.size(), out.get()) != buf.size();
  if (write_failed) return Fail(Status::IOError("cannot write " + output + ": disk full?"));
  if (Status c = out.Close(); !c.ok()) return Fail(c);
  return kExitOk;
}

std::string Percent(int64_t part, int64_t whole) {
  if (whole == 0) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%",
                100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

int RunSummary(const GlobalOptions& g) {
  auto store = OpenStore(g, /*read_only=*/true);
  if (!store.ok()) return Fail(store.status());
  auto rows = (*store)->SummarizeAgencies();
  if (!rows.ok()) return Fail(rows.status());
  auto counts = (*store)->CountRows();
  if (!counts.ok()) return Fail(counts.status());
  std::printf("%-12s %8s %7s %8s %9s %8s %9s %9s  %s\n", "Agency", "Accounts", "Posts", "Clarity",
              "Citizen", "Agency", "Answered", "No alt", "Period");
  std::printf("%-12s %8s %7s %8s %9s %8s %9s %9s  %s\n", "", "", "", "(avg)", "replies", "replies",
              "directly", "text", "");
  for (const AgencySummary& a : *rows) {
    std::string period = a.first_post.empty()
                             ? "-"
                             : a.first_post.substr(0, 10) + " .. " + a.last_post.substr(0, 10);
    char clarity[16] = "-";
    if (a.avg_clarity >= 0) std::snprintf(clarity, sizeof clarity, "%.1f", a.avg_clarity);
    std::printf("%-12s %8lld %7lld %8s %9lld %8lld %9s %9lld  %s\n", a.agency.c_str(),
                static_cast<long long>(a.accounts), static_cast<long long>(a.posts), clarity,
                static_cast<long long>(a.citizen_replies), static_cast<long long>(a.agency_replies),
                Percent(a.citizen_replies_answered, a.citizen_replies).c_str(),
                static_cast<long long>(a.posts_with_media_missing_alt), period.c_str());
  }
  std::printf(
      "\n%lld agencies, %lld accounts, %lld posts, %lld replies, %lld metric snapshots in %s\n",
      static_cast<long long>(counts->agencies), static_cast<long long>(counts->accounts),
      static_cast<long long>(counts->posts), static_cast<long long>(counts->replies),
      static_cast<long long>(counts->metric_snapshots), g.db.c_str());
  return kExitOk;
}

Result<std::shared_ptr<const scorer::RulePack>> LoadRules(const std::string& dir) {
  auto pack = scorer::RulePack::Load(dir);
  if (pack.ok()) {
    Logger("scorer")->info("rule pack {} version {} from {}", (*pack)->name(), (*pack)->version(),
                           dir);
  }
  return pack;
}

// Terminal output of user text: control characters would let a post move
// the cursor or recolour the terminal.
std::string Printable(std::string_view s) {
  std::string out;
  for (char c : s) out.push_back(static_cast<unsigned char>(c) < 0x20 && c != '\t' ? ' ' : c);
  return out;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

void PrintFindingInContext(const std::string& text, const scorer::Finding& f,
                           std::string_view lang) {
  std::printf("%-10s %s  %s\n", std::string(scorer::LevelName(f.level)).c_str(), f.rule.c_str(),
              f.message.In(lang).c_str());
  if (f.end > f.start && f.end <= text.size()) {
    size_t line_start = text.rfind('\n', f.start == 0 ? 0 : f.start - 1);
    line_start = (line_start == std::string::npos || f.start == 0) ? 0 : line_start + 1;
    if (text[line_start] == '\n') ++line_start;
    size_t line_end = text.find('\n', f.start);
    if (line_end == std::string::npos) line_end = text.size();
    std::string_view line(text.data() + line_start, line_end - line_start);
    size_t lead = CodePoints(std::string_view(text.data() + line_start, f.start - line_start));
    size_t width = CodePoints(
        std::string_view(text.data() + f.start, std::min<size_t>(f.end, line_end) - f.start));
    std::printf("           | %s\n           | %s%s\n", Printable(line).c_str(),
                std::string(lead, ' ').c_str(),
                std::string(std::max<size_t>(width, 1), '^').c_str());
  }
  if (!f.suggestion.id.empty()) std::printf("           = %s\n", f.suggestion.In(lang).c_str());
}

int RunCheck(const std::string& rules, const std::vector<std::string>& words,
             const std::string& file, const std::string& platform, const std::string& format,
             const std::string& lang) {
  std::string text;
  if (!file.empty() || (words.size() == 1 && words[0] == "-")) {
    std::string path = file.empty() ? "-" : file;
    std::FILE* in = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
    if (in == nullptr)
      return Fail(Status::IOError("cannot open " + path + ": " + std::strerror(errno)));
    char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, in)) > 0) {
      text.append(buf, n);
      if (text.size() > (8u << 20)) {
        if (in != stdin) std::fclose(in);
        return Fail(Status::InvalidArgument(path + " is over 8 MiB; a post is far shorter"));
      }
    }
    if (in != stdin) std::fclose(in);
  } else {
    for (size_t i = 0; i < words.size(); ++i) text += (i ? " " : "") + words[i];
  }
  auto pack = LoadRules(rules);
  if (!pack.ok()) return Fail(pack.status());
  scorer::ScoreInput input{text, std::nullopt, {}};
  if (!platform.empty()) input.platform = ParsePlatform(platform);
  scorer::ScoreResult result = (*pack)->Score(input);
  if (format == "json") {
    std::printf("%s\n", ScoreResultJson(result, lang).c_str());
    return kExitOk;
  }
  if (!result.scored) {
    std::printf("Tidak dinilai / not scored: %s\n", result.not_scored_reason.c_str());
    return kExitOk;
  }
  std::printf(
      "Skor kejelasan / clarity score: %d/100  (%zu temuan / findings; jenis / kind: %s)\n\n",
      result.score, result.findings.size(), result.kind.c_str());
  for (const scorer::Finding& f : result.findings) PrintFindingInContext(text, f, lang);
  if (!result.breakdown.empty()) {
    std::printf("\nPengurangan / deductions:\n");
    for (const scorer::Deduction& d : result.breakdown) {
      std::printf("  -%-3d %s (%d)\n", d.points, d.rule.c_str(), d.findings);
    }
  }
  const scorer::TextStats& st = result.stats;
  std::printf("\n%d kata, %d kalimat, %.1f kata/kalimat, %.0f%% kata panjang", st.words,
              st.sentences, st.words_per_sentence, st.long_word_share * 100);
  if (st.platform_length >= 0)
    std::printf(", panjang %s: %d", platform.c_str(), st.platform_length);
  std::printf("\n");
  return kExitOk;
}

int RunScore(const GlobalOptions& g, const std::string& rules, bool all, int threads) {
  auto pack = LoadRules(rules);
  if (!pack.ok()) return Fail(pack.status());
  auto store = OpenStore(g);
  if (!store.ok()) return Fail(store.status());
  bool tty = ::isatty(STDERR_FILENO);
  auto progress = [&](int64_t done, int64_t total) {
    if (!tty || total == 0) return;
    int width = 30;
    int filled = static_cast<int>(width * done / total);
    std::fprintf(stderr, "\rscoring [%s%s] %lld/%lld", std::string(filled, '#').c_str(),
                 std::string(width - filled, ' ').c_str(), static_cast<long long>(done),
                 static_cast<long long>(total));
    if (done == total) std::fprintf(stderr, "\n");
  };
  auto stats = ScorePosts(store->get(), **pack, ScorePostsOptions{all, threads, 2000}, progress);
  if (!stats.ok()) return Fail(stats.status());
  std::printf("scored=%lld not_scored=%lld mean_clarity=%.1f pack=%s version=%s\n",
              static_cast<long long>(stats->scored), static_cast<long long>(stats->not_scored),
              stats->mean_score, (*pack)->name().c_str(), (*pack)->version().c_str());
  return kExitOk;
}

int RunRules(const std::string& rules, const std::string& action, const std::string& id) {
  auto pack = LoadRules(rules);
  if (!pack.ok()) return Fail(pack.status());
  std::vector<scorer::RuleInfo> infos = (*pack)->Rules();
  if (action == "list") {
    std::printf("%s %s (%zu rules)\n\n", (*pack)->name().c_str(), (*pack)->version().c_str(),
                infos.size());
    for (const auto& r : infos) {
      std::printf("%-28s %-15s %-10s %s\n", r.id.c_str(), r.type.c_str(), r.level.c_str(),
                  r.message.id.c_str());
    }
    return kExitOk;
  }
  if (action == "show") {
    for (const auto& r : infos) {
      if (r.id != id) continue;
      std::printf("%s\n  type: %s\n  level: %s\n  scope: %s\n  file: %s\n  message: %s\n",
                  r.id.c_str(), r.type.c_str(), r.level.c_str(), r.scope.c_str(), r.file.c_str(),
                  r.message.id.c_str());
      if (!r.message.en.empty()) std::printf("  message (en): %s\n", r.message.en.c_str());
      for (const auto& s : r.sources) std::printf("  source: %s\n", s.c_str());
      for (const auto& p : r.platforms) std::printf("  platform: %s\n", p.c_str());
      for (const auto& k : r.kinds) std::printf("  kind: %s\n", k.c_str());
      for (const auto& e : r.bad_examples) std::printf("  bad:  %s\n", Printable(e).c_str());
      for (const auto& e : r.good_examples) std::printf("  good: %s\n", Printable(e).c_str());
      return kExitOk;
    }
    return Fail(
        Status::NotFound("no rule '" + id + "' in " + rules + "; `tanggap rules list` shows them"));
  }
  std::vector<scorer::ExampleFailure> failures = (*pack)->TestExamples();
  size_t examples = 0;
  for (const auto& r : infos) examples += r.bad_examples.size() + r.good_examples.size();
  for (const auto& f : failures) {
    std::printf("%s:%d: %s %s example: %s\n    %s\n", f.file.c_str(), f.line, f.rule.c_str(),
                f.bad ? "bad" : "good", f.detail.c_str(), Printable(f.text).c_str());
  }
  std::printf("%zu rules, %zu examples: %zu passed, %zu failed\n", infos.size(), examples,
              examples - failures.size(), failures.size());
  return failures.empty() ? kExitOk : kExitFailure;
}

// The working calendar of the pack: default hours, the pack's holidays.
Result<WorkingCalendar> LoadCalendar(const scorer::RulePack& pack) {
  WorkingCalendar calendar;
  std::string path = pack.DataPath("holidays");
  if (path.empty()) return calendar;
  auto text = ReadSmallFile(path, 4u << 20);
  if (!text.ok()) return text.status();
  auto days = ParseHolidays(*text, path);
  if (!days.ok()) return days.status();
  calendar.holidays = std::move(*days);
  return calendar;
}

int RunAnalyze(const GlobalOptions& g, const std::string& rules, bool all) {
  auto pack = LoadRules(rules);
  if (!pack.ok()) return Fail(pack.status());
  std::string cues = (*pack)->DataPath("reply_classes");
  if (cues.empty()) {
    return Fail(Status::NotFound(rules + "/pack.yml names no `data: reply_classes:` cue file"));
  }
  auto classifier = scorer::ReplyClassifier::Load(cues);
  if (!classifier.ok()) return Fail(classifier.status());
  auto calendar = LoadCalendar(**pack);
  if (!calendar.ok()) return Fail(calendar.status());
  // The tone pack for agency replies lives in a folder the main pack names.
  std::shared_ptr<const scorer::RulePack> tone;
  std::string version = (*pack)->version();
  if (std::string tone_dir = (*pack)->DataPath("tone_pack"); !tone_dir.empty()) {
    auto loaded = LoadRules(tone_dir);
    if (!loaded.ok()) return Fail(loaded.status());
    tone = *loaded;
    version += "/" + tone->version();
  }
  auto store = OpenStore(g);
  if (!store.ok()) return Fail(store.status());
  bool tty = ::isatty(STDERR_FILENO);
  auto stats = AnalyzeThreads(store->get(), **classifier, tone.get(), *calendar, version,
                              AnalyzeOptions{all, 1000, 0, {}}, [&](int64_t threads) {
                                if (tty)
                                  std::fprintf(stderr, "\ranalysing threads: %lld",
                                               static_cast<long long>(threads));
                              });
  if (tty) std::fprintf(stderr, "\n");
  if (!stats.ok()) return Fail(stats.status());
  Logger("jobs")->debug(
      "analyze stages, wall s: load {:.2f}, compute {:.2f}, save {:.2f}, indexes {:.2f}, "
      "rollups {:.2f}",
      stats->load_s, stats->compute_s, stats->save_s, stats->indexes_s, stats->rollups_s);
  std::printf("threads=%lld replies=%lld questions=%lld answered=%lld anomalies=%lld\n",
              static_cast<long long>(stats->threads), static_cast<long long>(stats->replies),
              static_cast<long long>(stats->questions), static_cast<long long>(stats->answered),
              static_cast<long long>(stats->anomalies));
  return kExitOk;
}

// "YYYY-MM-DD" as the start of that day in WIB.
std::optional<int64_t> ParseDay(const std::string& day) {
  auto t = ParseRfc3339(day + "T00:00:00+07:00");
  if (!t) return std::nullopt;
  return t->unix_seconds;
}

// "layanan=0.6,edukasi=0.3,seremonial=0.1" -> shares that sum to 1.
Result<std::map<std::string, double>> ParseMixTarget(const std::string& text) {
  std::map<std::string, double> out;
  double sum = 0;
  size_t start = 0;
  while (start <= text.size() && out.size() < 32) {
    size_t comma = text.find(',', start);
    std::string item =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    size_t eq = item.find('=');
    char* end = nullptr;
    double v = eq == std::string::npos ? -1 : std::strtod(item.c_str() + eq + 1, &end);
    if (eq == 0 || eq == std::string::npos || !end || *end != '\0' || !(v >= 0 && v <= 1)) {
      return Status::InvalidArgument("--mix-target item '" + item +
                                     "' is not KIND=SHARE with SHARE in 0..1, e.g. layanan=0.6");
    }
    out[item.substr(0, eq)] = v;
    sum += v;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (std::abs(sum - 1.0) > 0.011) {
    return Status::InvalidArgument("--mix-target shares add up to " + std::to_string(sum) +
                                   ", not 1; e.g. layanan=0.6,edukasi=0.3,seremonial=0.1");
  }
  return out;
}

int RunReport(const GlobalOptions& g, const std::string& from_day, const std::string& to_day,
              const std::string& by, const std::string& period, const std::string& mix_target,
              const std::string& format) {
  int64_t from = 0, to = 253402300799;  // 9999-12-31
  if (!from_day.empty()) {
    auto t = ParseDay(from_day);
    if (!t) return Fail(Status::InvalidArgument("--from must be a date like 2026-11-01"));
    from = *t;
  }
  if (!to_day.empty()) {
    auto t = ParseDay(to_day);
    if (!t) return Fail(Status::InvalidArgument("--to must be a date like 2026-11-30"));
    to = *t + 86400;  // the whole last day
  }
  auto store = OpenStore(g, /*read_only=*/true);
  if (!store.ok()) return Fail(store.status());
  int64_t now = static_cast<int64_t>(std::time(nullptr));
  ReportOptions options;
  options.first_day = WibDay(from);
  options.last_day = WibDay(to - 1);
  options.as_of = std::min(to, now);
  options.by = by == "account"   ? GroupBy::kAccount
               : by == "trainee" ? GroupBy::kTrainee
                                 : GroupBy::kAgency;
  options.period = period == "day"     ? Period::kDay
                   : period == "week"  ? Period::kWeek
                   : period == "month" ? Period::kMonth
                                       : Period::kAll;
  if (!mix_target.empty()) {
    auto target = ParseMixTarget(mix_target);
    if (!target.ok()) return Fail(target.status());
    options.content_mix_target = std::move(*target);
  }
  const auto started = std::chrono::steady_clock::now();
  auto rows = BuildReport(store->get(), options);
  if (!rows.ok()) return Fail(rows.status());
  // The query alone, without process start-up (scripts/bench reads it).
  Logger("report")->info(
      "report query: {:.1f} ms, {} rows",
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count(),
      rows->size());
  std::string out = format == "json"  ? ReportJson(*rows) + "\n"
                    : format == "csv" ? ReportCsv(*rows)
                                      : ReportText(*rows);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

int RunQueue(const GlobalOptions& g, const std::string& account, int limit) {
  auto store = OpenStore(g, /*read_only=*/true);
  if (!store.ok()) return Fail(store.status());
  auto items = (*store)->Unanswered(account, limit);
  if (!items.ok()) return Fail(items.status());
  if (items->empty()) {
    std::printf(
        "Tidak ada pertanyaan terbuka untuk %s (atau akun tidak dikenal; jalankan `tanggap "
        "analyze`).\n",
        Printable(account).c_str());
    return kExitOk;
  }
  for (const QueueItem& q : *items) {
    std::printf("%s  %-10s @%s: %s\n    %s\n", q.asked_at.c_str(), q.label.c_str(),
                Printable(q.asker).c_str(), Printable(q.text.substr(0, 200)).c_str(),
                Printable(q.post_url.empty() ? q.post_id : q.post_url).c_str());
  }
  return kExitOk;
}

// "15m", "2h", "90s", "1d" -> seconds; nullopt for anything else.
std::optional<int64_t> ParseInterval(const std::string& text) {
  if (text.size() < 2 || text.size() > 12) return std::nullopt;
  int64_t n = 0;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    n = n * 10 + (text[i] - '0');
  }
  switch (text.back()) {
    case 's':
      break;
    case 'm':
      n *= 60;
      break;
    case 'h':
      n *= 3600;
      break;
    case 'd':
      n *= 86400;
      break;
    default:
      return std::nullopt;
  }
  if (n <= 0) return std::nullopt;
  return n;
}

struct AccountArgs {
  std::string platform, handle, agency, base_url, secrets;
  bool allow_http = false;
};

int RunAccount(const GlobalOptions& g, const std::string& action, const AccountArgs& a) {
  auto secrets = collector::Secrets::Load(a.secrets);
  if (!secrets.ok()) return Fail(secrets.status());
  if (action == "list") {
    auto store = OpenStore(g, /*read_only=*/true);
    if (!store.ok()) return Fail(store.status());
    auto accounts = (*store)->RegisteredAccounts();
    if (!accounts.ok()) return Fail(accounts.status());
    if (accounts->empty()) {
      std::printf(
          "Belum ada akun terdaftar. Tambahkan: tanggap account add --platform ... "
          "--handle ... --agency ...\n");
    }
    for (const RegisteredAccount& r : *accounts) {
      std::string last = r.last_status ? *r.last_status : "belum pernah";
      if (r.last_run_unix) last += " " + FormatRfc3339(*r.last_run_unix, 420);
      std::printf("%-10s %-30s %-14s token:%-7s %s  %s\n",
                  std::string(PlatformName(r.platform)).c_str(), Printable(r.handle).c_str(),
                  Printable(r.agency).c_str(), secrets->Source(r.platform, r.handle).c_str(),
                  Printable(r.base_url).c_str(), Printable(last).c_str());
      if (r.last_error) std::printf("           error: %s\n", Printable(*r.last_error).c_str());
    }
    return kExitOk;
  }
  // The same checks as the dashboard's admin page (jobs/refresh.h).
  auto validated = ValidateRegistration({a.platform, a.handle, a.agency, a.base_url},
                                        /*need_agency=*/action == "add");
  if (!validated.ok()) return Fail(validated.status());
  RegisteredAccount r = std::move(*validated);
  const std::optional<Platform> platform = r.platform;
  if (action == "remove") {
    auto store = OpenStore(g);
    if (!store.ok()) return Fail(store.status());
    auto removed = (*store)->RemoveRegisteredAccount(*platform, a.handle);
    if (!removed.ok()) return Fail(removed.status());
    if (!*removed) {
      return Fail(Status::NotFound(a.platform + " account '" + a.handle +
                                   "' is not registered; see `tanggap account list`"));
    }
    std::printf("removed %s:%s (its collected posts stay in the database)\n", a.platform.c_str(),
                Printable(a.handle).c_str());
    return kExitOk;
  }
  if (action == "add") {
    auto store = OpenStore(g);
    if (!store.ok()) return Fail(store.status());
    r.created_unix = static_cast<int64_t>(std::time(nullptr));
    auto id = (*store)->AddRegisteredAccount(r);
    if (!id.ok()) return Fail(id.status());
    std::printf("registered %s:%s for %s at %s (token: %s, %s)\n", a.platform.c_str(),
                Printable(r.handle).c_str(), Printable(r.agency).c_str(),
                Printable(r.base_url).c_str(), secrets->Source(*platform, r.handle).c_str(),
                collector::Secrets::EnvName(*platform, r.handle).c_str());
    return kExitOk;
  }
  // test: the registered base URL unless one is given.
  if (a.base_url.empty()) {
    auto store = OpenStore(g, /*read_only=*/true);
    if (!store.ok()) return Fail(store.status());
    auto accounts = (*store)->RegisteredAccounts();
    if (!accounts.ok()) return Fail(accounts.status());
    for (const RegisteredAccount& known : *accounts) {
      if (known.platform == r.platform && known.handle == r.handle) r = known;
    }
  }
  auto account = collector::TestAccount(r, *secrets, collector::HttpOptions{});
  if (!account.ok()) return Fail(account.status());
  std::printf("ok: %s (%s) id %s, followers %s\n", Printable(account->name).c_str(),
              Printable(account->handle).c_str(), Printable(account->id).c_str(),
              account->followers ? std::to_string(*account->followers).c_str() : "unknown");
  return kExitOk;
}

int RunCollect(const GlobalOptions& g, const std::string& rules, const std::string& secrets_path,
               const std::string& only, bool once, const std::string& every) {
  std::optional<int64_t> interval;
  if (!once && !every.empty()) {
    interval = ParseInterval(every);
    if (!interval || *interval < 60) {
      return Fail(Status::InvalidArgument("--every must be like 15m, 2h or 1d (at least 60s)"));
    }
  }
  auto secrets = collector::Secrets::Load(secrets_path);
  if (!secrets.ok()) return Fail(secrets.status());
  const bool tty = ::isatty(STDERR_FILENO);
  for (int round = 0;; ++round) {
    // Rules are read every round: a trainer's edit applies from the next one.
    auto pack = LoadRules(rules);
    if (!pack.ok()) return Fail(pack.status());
    auto inputs = LoadAnalysisInputs(**pack);
    if (!inputs.ok()) return Fail(inputs.status());
    auto store = OpenStore(g);
    if (!store.ok()) return Fail(store.status());
    // Collect, then score the new posts and reanalyse the threads that
    // changed (jobs/refresh.h, shared with the dashboard's "collect now").
    RefreshOptions options;
    options.collect.only_account = only;
    auto result = Refresh(
        store->get(), *secrets, **pack, *inputs, options,
        [&](const collector::AccountRunReport& r) {
          if (tty) std::fprintf(stderr, "\r\033[K");
          std::printf("%-40s %-12s %4lld req %4lld post baru %5lld balasan baru %6lld ms%s\n",
                      Printable(r.account).c_str(), r.status.c_str(),
                      static_cast<long long>(r.requests), static_cast<long long>(r.posts_new),
                      static_cast<long long>(r.replies_new), static_cast<long long>(r.duration_ms),
                      r.error.empty() ? "" : ("  " + Printable(r.error)).c_str());
          std::fflush(stdout);
        });
    if (!result.ok()) return Fail(result.status());
    std::printf("scored=%lld not_scored=%lld mean_clarity=%.1f pack=%s version=%s\n",
                static_cast<long long>(result->score.scored),
                static_cast<long long>(result->score.not_scored), result->score.mean_score,
                (*pack)->name().c_str(), (*pack)->version().c_str());
    const AnalyzeStats& a = result->analyze;
    std::printf("threads=%lld replies=%lld questions=%lld answered=%lld anomalies=%lld\n",
                static_cast<long long>(a.threads), static_cast<long long>(a.replies),
                static_cast<long long>(a.questions), static_cast<long long>(a.answered),
                static_cast<long long>(a.anomalies));
    std::fflush(stdout);
    if (!interval) return result->failures() == 0 ? kExitOk : kExitFailure;
    store->reset();  // not held while sleeping
    std::this_thread::sleep_for(std::chrono::seconds(*interval));
  }
}

// One line from stdin (--password-stdin), or a prompt without echo on a
// terminal, typed twice when `confirm`.
Result<std::string> ReadPassword(bool from_stdin, bool confirm) {
  auto read_line = [](std::string* out) {
    out->clear();
    int c;
    while ((c = std::getchar()) != EOF && c != '\n') {
      if (out->size() > 1024) return false;
      out->push_back(static_cast<char>(c));
    }
    if (!out->empty() && out->back() == '\r') out->pop_back();
    return true;
  };
  std::string first;
  if (from_stdin) {
    if (!read_line(&first)) return Status::InvalidArgument("password longer than 1,024 bytes");
    return first;
  }
  if (!::isatty(STDIN_FILENO)) {
    return Status::InvalidArgument(
        "no terminal to ask for the password; pipe it with --password-stdin");
  }
  termios old_mode{};
  ::tcgetattr(STDIN_FILENO, &old_mode);
  termios quiet = old_mode;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::fprintf(stderr, "Kata sandi / password: ");
  bool ok = read_line(&first);
  std::string second = first;
  if (ok && confirm) {
    std::fprintf(stderr, "\nUlangi / again: ");
    ok = read_line(&second);
  }
  ::tcsetattr(STDIN_FILENO, TCSANOW, &old_mode);
  std::fprintf(stderr, "\n");
  if (!ok) return Status::InvalidArgument("password longer than 1,024 bytes");
  if (first != second) return Status::InvalidArgument("the two passwords differ; try again");
  return first;
}

struct UserArgs {
  std::string username, role, display_name, lang = "id", account;
  std::vector<std::string> agencies;
  bool password_stdin = false;
};

int RunUser(const GlobalOptions& g, const std::string& action, const UserArgs& a) {
  if (a.username.empty() || a.username.size() > 100) {
    return Fail(Status::InvalidArgument("--username is required (at most 100 characters)"));
  }
  auto store = OpenStore(g);
  if (!store.ok()) return Fail(store.status());
  if (action == "assign") {
    if (Status s = (*store)->AssignTrainee(a.account, a.username); !s.ok()) return Fail(s);
    std::printf("%s now runs %s\n", Printable(a.username).c_str(), Printable(a.account).c_str());
    return kExitOk;
  }
  auto password = ReadPassword(a.password_stdin, /*confirm=*/true);
  if (!password.ok()) return Fail(password.status());
  auto hash = dashboard::HashPassword(*password);
  if (!hash.ok()) return Fail(hash.status());
  if (action == "passwd") {
    if (Status s = (*store)->SetPassword(a.username, *hash); !s.ok()) return Fail(s);
    std::printf("password of %s changed; their sessions were ended\n",
                Printable(a.username).c_str());
    return kExitOk;
  }
  if (a.role == "supervisor" && a.agencies.empty()) {
    return Fail(Status::InvalidArgument("a supervisor needs --agency (one or more)"));
  }
  User user;
  user.username = a.username;
  user.display_name = a.display_name.empty() ? a.username : a.display_name;
  user.role = a.role;
  user.lang = a.lang;
  user.password_hash = *hash;
  user.agencies = a.agencies;
  auto id = (*store)->AddUser(user);
  if (!id.ok()) return Fail(id.status());
  std::printf("added %s (%s)\n", Printable(a.username).c_str(), a.role.c_str());
  return kExitOk;
}

int RunServe(const GlobalOptions& g, const std::string& rules, const std::string& listen,
             int threads, bool secure_cookies, const std::string& secrets_path) {
  dashboard::ServerOptions options;
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Fail(Status::InvalidArgument("--listen must be HOST:PORT, e.g. 127.0.0.1:8080"));
  }
  options.host = listen.substr(0, colon);
  options.port = std::atoi(listen.c_str() + colon + 1);
  if (options.port < 0 || options.port > 65535) {
    return Fail(Status::InvalidArgument("--listen port must be 0..65535"));
  }
  options.threads = threads;
  options.db_path = g.db;
  options.rules_dir = rules;
  options.secure_cookies = secure_cookies;
  options.secrets_path = secrets_path;  // "collect now" and the admin's token column
  // Signals go to one waiting thread, which stops the server cleanly.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto server = dashboard::Dashboard::Create(options);
  if (!server.ok()) return Fail(server.status());
  auto port = (*server)->Bind();
  if (!port.ok()) return Fail(port.status());
  std::printf("Tanggap dashboard: http://%s:%d/\n", options.host.c_str(), *port);
  std::fflush(stdout);
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    Logger("dashboard")->info("signal {}: stopping", sig);
    (*server)->Stop();
  });
  (*server)->Serve();
  // Serve returned without a signal (listen failed): wake the waiter.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  return kExitOk;
}

// tanggap training evaluate: the incremental gamification run
// (docs/training-loop.md). --as-of DATE judges as at the end of that WIB
// day; the default is now.
int RunTrainingEvaluate(const GlobalOptions& g, const std::string& rules,
                        const std::string& as_of_day) {
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  int64_t as_of = now;
  if (!as_of_day.empty()) {
    auto start = ParseDay(as_of_day);
    if (!start) return Fail(Status::InvalidArgument("--as-of must be YYYY-MM-DD"));
    as_of = *start + 86400;
  }
  auto pack = LoadRules(rules);
  if (!pack.ok()) return Fail(pack.status());
  auto content = dashboard::TrainingContent::Load(**pack);
  if (!content.ok()) return Fail(content.status());
  auto calendar = LoadCalendar(**pack);
  if (!calendar.ok()) return Fail(calendar.status());
  GamificationRules game;
  game.badges = &(*content)->badges;
  game.points = &(*content)->points;
  for (int d = 0; d < 7; ++d) {
    const auto& [open, close] = calendar->hours[d];
    game.week.working[d] = open != close;
  }
  game.week.holidays = calendar->holidays;
  auto store = OpenStore(g);
  if (!store.ok()) return Fail(store.status());
  auto stats = EvaluateTraining(**store, game, as_of, now);
  if (!stats.ok()) return Fail(stats.status());
  std::printf("trainees=%d days=%lld points=%lld badges=%lld skipped=%d\n", stats->trainees,
              static_cast<long long>(stats->days), static_cast<long long>(stats->points),
              static_cast<long long>(stats->awards), stats->conflicts);
  return kExitOk;
}

// tanggap user set-training-date: the day the cohort view splits at.
int RunSetTrainingDate(const GlobalOptions& g, const std::string& username,
                       const std::string& date) {
  std::optional<int64_t> day;
  if (date != "none") {
    auto start = ParseDay(date);
    if (!start) return Fail(Status::InvalidArgument("--date must be YYYY-MM-DD (or none)"));
    day = WibDay(*start);
  }
  auto store = OpenStore(g);
  if (!store.ok()) return Fail(store.status());
  auto done = SetTrainingDay(**store, username, day);
  if (!done.ok()) return Fail(done.status());
  if (!*done) return Fail(Status::NotFound("no user '" + username + "'"));
  std::printf("training date of %s: %s\n", Printable(username).c_str(), date.c_str());
  return kExitOk;
}

// tanggap account set-leader: marks a leader's own account ("Pimpinan").
int RunSetLeader(const GlobalOptions& g, const std::string& account, bool off) {
  const size_t colon = account.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == account.size()) {
    return Fail(Status::InvalidArgument("--account must be platform:handle"));
  }
  auto store = OpenStore(g);
  if (!store.ok()) return Fail(store.status());
  auto done = SetLeaderAccount(**store, account.substr(0, colon), account.substr(colon + 1), !off);
  if (!done.ok()) return Fail(done.status());
  if (!*done) return Fail(Status::NotFound("no collected account '" + account + "'"));
  std::printf("%s %s a leader's account\n", Printable(account).c_str(),
              off ? "is no longer" : "is");
  return kExitOk;
}

int Main(int argc, char** argv) {
  CLI::App app{
      "Tanggap: feedback on how clearly Pangkalpinang's official accounts post and how fast "
      "they answer citizens.",
      "tanggap"};
  app.set_version_flag("--version", std::string("tanggap 0.1.0"));
  app.require_subcommand(1);
  GlobalOptions g;
  app.add_option("--db", g.db, "SQLite database file")
      ->envname("TANGGAP_DB")
      ->capture_default_str();
  app.add_option("--log-level", g.log_level, "trace, debug, info, warn, error or off")
      ->envname("TANGGAP_LOG_LEVEL")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
      ->capture_default_str();

  auto* import = app.add_subcommand(
      "import", "Upsert JSONL records (account, post, reply, metrics) into the database");
  std::vector<std::string> files;
  size_t batch_size = 20000;
  size_t max_errors = 100;
  import->add_option("files", files, "JSONL files to import; - reads standard input")->required();
  import->add_option("--batch-size", batch_size, "records per transaction")
      ->check(CLI::Range(size_t{1}, size_t{10000000}))
      ->capture_default_str();
  import->add_option("--max-errors", max_errors, "rejected lines to print before going quiet")
      ->capture_default_str();
  import->footer(
      "Re-importing the same file changes nothing. Bad lines are listed as FILE:LINE: reason and\n"
      "skipped; the rest is imported. Exit status 3 means some lines were rejected.");

  auto* exp = app.add_subcommand("export", "Write the database's records to standard output");
  std::string format = "jsonl", output;
  exp->add_option("--format", format, "jsonl (every record) or csv (posts)")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->capture_default_str();
  exp->add_option("-o,--output", output, "write to this file instead of standard output");

  auto* demo = app.add_subcommand("demo-data",
                                  "Write the deterministic Pangkalpinang demo dataset as JSONL");
  DemoOptions demo_options;
  demo->add_option("--seed", demo_options.seed, "random seed")->capture_default_str();
  demo->add_option("--days", demo_options.days, "days of history")
      ->check(CLI::Range(1, 3650))
      ->capture_default_str();
  demo->add_option("--scale", demo_options.scale, "multiplies the number of posts")
      ->check(CLI::Range(0.01, 100.0))
      ->capture_default_str();
  demo->add_option("-o,--output", output, "write to this file instead of standard output");

  auto* load = app.add_subcommand(
      "load-data", "Write synthetic bulk records (for benchmarks and crash tests) as JSONL");
  uint64_t load_records = 1000000, load_seed = 1;
  load->add_option("--records", load_records, "how many records")
      ->check(CLI::Range(uint64_t{1}, uint64_t{100000000}))
      ->capture_default_str();
  load->add_option("--seed", load_seed, "random seed")->capture_default_str();
  int load_replies = 5;
  load->add_option("--replies-per-post", load_replies,
                   "replies under each post (the last is the agency's)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  load->add_option("-o,--output", output, "write to this file instead of standard output");

  std::string rules = "rules/id-pemerintah";
  auto add_rules_option = [&](CLI::App* sub) {
    sub->add_option("--rules", rules, "rule pack folder")
        ->envname("TANGGAP_RULES")
        ->capture_default_str();
  };

  auto* check = app.add_subcommand("check", "Score a draft post and explain every finding");
  std::vector<std::string> check_words;
  std::string check_file, check_platform, check_format = "text", check_lang = "id";
  check->add_option("text", check_words, "the draft; - reads standard input");
  check->add_option("-f,--file", check_file, "read the draft from a file");
  check
      ->add_option("--platform", check_platform,
                   "platform the draft is for (enables length and platform rules)")
      ->check(CLI::IsMember({"instagram", "facebook", "x", "youtube", "mastodon", "bluesky"}));
  check->add_option("--format", check_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  check->add_option("--lang", check_lang, "language of messages: id or en")
      ->check(CLI::IsMember({"id", "en"}))
      ->capture_default_str();
  add_rules_option(check);
  check->footer("JSON output is documented in docs/check-json.md.");

  auto* score = app.add_subcommand(
      "score", "Score every post in the database that has no score from the current rules");
  bool score_all = false;
  int score_threads = 0;
  score->add_flag("--all", score_all, "rescore every post");
  score->add_option("--threads", score_threads, "worker threads (0 = one per core)")
      ->check(CLI::Range(0, 256))
      ->capture_default_str();
  add_rules_option(score);

  auto* rules_cmd = app.add_subcommand("rules", "List, show or test the rules of a rule pack");
  std::string rules_action, rule_id;
  rules_cmd->add_option("action", rules_action, "list, show or test")
      ->required()
      ->check(CLI::IsMember({"list", "show", "test"}));
  rules_cmd->add_option("id", rule_id, "rule id (for show)");
  add_rules_option(rules_cmd);

  auto* analyze = app.add_subcommand(
      "analyze", "Label citizen replies and attribute agency answers, for threads that changed");
  bool analyze_all = false;
  analyze->add_flag("--all", analyze_all, "reanalyse every thread");
  add_rules_option(analyze);

  auto* report =
      app.add_subcommand("report", "Responsiveness and engagement per agency or account");
  std::string report_from, report_to, report_by = "agency", report_format = "text";
  report->add_option("--from", report_from, "first day, YYYY-MM-DD (WIB); default: all");
  report->add_option("--to", report_to, "last day, YYYY-MM-DD (WIB), inclusive; default: all");
  std::string report_period = "all", report_mix;
  report->add_option("--by", report_by, "agency, account or trainee")
      ->check(CLI::IsMember({"agency", "account", "trainee"}))
      ->capture_default_str();
  report->add_option("--period", report_period, "one row per group (all) or per day, week, month")
      ->check(CLI::IsMember({"all", "day", "week", "month"}))
      ->capture_default_str();
  report->add_option("--mix-target", report_mix,
                     "content-mix target, default layanan=0.6,edukasi=0.3,seremonial=0.1");
  report->add_option("--format", report_format, "text, csv or json")
      ->check(CLI::IsMember({"text", "csv", "json"}))
      ->capture_default_str();
  report->footer("Fields are defined in docs/responsiveness.md. Run `tanggap analyze` first.");

  auto* queue = app.add_subcommand("queue", "Open citizen questions of one account, oldest first");
  std::string queue_account;
  int queue_limit = 50;
  queue->add_option("--account", queue_account, "account handle or platform id")->required();
  queue->add_option("--limit", queue_limit, "at most this many")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();

  auto* account =
      app.add_subcommand("account", "Register, list, remove or test collected accounts");
  std::string account_action;
  AccountArgs account_args;
  account->add_option("action", account_action, "add, list, remove or test")
      ->required()
      ->check(CLI::IsMember({"add", "list", "remove", "test", "set-leader"}));
  account->add_option("--platform", account_args.platform,
                      "instagram, facebook, x, youtube, mastodon or bluesky");
  account->add_option("--handle", account_args.handle,
                      "the account as the platform names it (see docs/collector.md)");
  account->add_option("--agency", account_args.agency, "agency (OPD) short name, e.g. Dinkes");
  account->add_option("--base-url", account_args.base_url,
                      "API base URL: a Mastodon instance, a Bluesky AppView, a test server");
  account->add_option("--secrets", account_args.secrets, "secrets file (YAML, mode 0600)")
      ->envname("TANGGAP_SECRETS")
      ->capture_default_str();
  std::string leader_account;
  bool leader_off = false;
  account->add_option("--account", leader_account, "platform:handle (set-leader)");
  account->add_flag("--off", leader_off, "set-leader: unmark the account");
  account->footer(
      "Tokens: env TANGGAP_TOKEN_<PLATFORM>_<HANDLE> (non-alphanumerics as _) or the secrets "
      "file's `tokens: {\"platform:handle\": \"...\"}`. Never stored in the database.");

  auto* collect = app.add_subcommand(
      "collect",
      "Collect posts and citizen replies of registered accounts, then score and analyse");
  std::string collect_account, collect_every, collect_secrets;
  bool collect_once = false;
  collect->add_option("--account", collect_account,
                      "only this account (handle or platform:handle)");
  collect->add_flag("--once", collect_once, "one round, then exit (the default)");
  collect->add_option("--every", collect_every, "repeat every interval, e.g. 15m");
  collect->add_option("--secrets", collect_secrets, "secrets file (YAML, mode 0600)")
      ->envname("TANGGAP_SECRETS");
  add_rules_option(collect);

  auto* serve = app.add_subcommand("serve", "Serve the dashboard");
  std::string serve_listen = "127.0.0.1:8080";
  int serve_threads = 32;
  bool serve_secure = false;
  serve->add_option("--listen", serve_listen, "HOST:PORT")->capture_default_str();
  serve->add_option("--threads", serve_threads, "worker threads (>= keep-alive connections)")
      ->check(CLI::Range(4, 1024))
      ->capture_default_str();
  serve->add_flag("--secure-cookies", serve_secure, "mark cookies Secure (behind TLS)");
  std::string serve_secrets;
  serve
      ->add_option("--secrets", serve_secrets,
                   "secrets file (YAML, mode 0600) for the admin's \"collect now\"")
      ->envname("TANGGAP_SECRETS");
  add_rules_option(serve);

  auto* user = app.add_subcommand("user", "Add dashboard users, change passwords, assign accounts");
  std::string user_action;
  UserArgs user_args;
  user->add_option("action", user_action, "add, passwd or assign")
      ->required()
      ->check(CLI::IsMember({"add", "passwd", "assign", "set-training-date"}));
  user->add_option("--username", user_args.username, "login name")->required();
  user->add_option("--role", user_args.role, "admin, supervisor or trainee (add)")
      ->check(CLI::IsMember({"admin", "supervisor", "trainee"}));
  user->add_option("--agency", user_args.agencies, "agency a supervisor oversees (repeatable)");
  user->add_option("--display-name", user_args.display_name, "shown name (add)");
  user->add_option("--lang", user_args.lang, "id or en (add)")
      ->check(CLI::IsMember({"id", "en"}))
      ->capture_default_str();
  user->add_option("--account", user_args.account,
                   "platform:handle of an account the trainee runs (assign)");
  user->add_flag("--password-stdin", user_args.password_stdin, "read the password from stdin");
  std::string training_date;
  user->add_option("--date", training_date,
                   "YYYY-MM-DD (WIB) of the trainee's training, or none (set-training-date)");

  auto* training = app.add_subcommand(
      "training", "Gamification: award points and badges for the days judged since the last run");
  std::string training_action, training_as_of;
  training->add_option("action", training_action, "evaluate")
      ->required()
      ->check(CLI::IsMember({"evaluate"}));
  training->add_option("--as-of", training_as_of,
                       "judge as at the end of this WIB day, YYYY-MM-DD; default: now");
  add_rules_option(training);

  auto* summary = app.add_subcommand("summary", "Print a per-agency summary of the database");

  auto* migrate =
      app.add_subcommand("migrate", "Create the database or upgrade its schema to this version's");

  app.footer(
      "Environment: TANGGAP_DB, TANGGAP_LOG_LEVEL stand in for --db and --log-level.\n"
      "Exit status: 0 ok, 1 failure, 2 usage error, 3 import rejected some lines.\n"
      "Run `tanggap COMMAND --help` for a command's options.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  spdlog::set_level(spdlog::level::from_str(g.log_level));
  // Commands run after parsing, once the log level is set.
  if (import->parsed()) return RunImport(g, files, batch_size, max_errors);
  if (exp->parsed()) return RunExport(g, format, output);
  if (demo->parsed()) {
    return WriteRecords(output, [&](auto sink) { GenerateDemoData(demo_options, sink); });
  }
  if (load->parsed()) {
    return WriteRecords(
        output, [&](auto sink) { GenerateLoadData(load_records, load_seed, sink, load_replies); });
  }
  if (summary->parsed()) return RunSummary(g);
  if (check->parsed()) {
    if (check_words.empty() && check_file.empty()) {
      std::fprintf(stderr,
                   "tanggap check: give the draft as text, - for standard input, or --file F\n");
      return kExitUsage;
    }
    return RunCheck(rules, check_words, check_file, check_platform, check_format, check_lang);
  }
  if (score->parsed()) return RunScore(g, rules, score_all, score_threads);
  if (analyze->parsed()) return RunAnalyze(g, rules, analyze_all);
  if (report->parsed()) {
    return RunReport(g, report_from, report_to, report_by, report_period, report_mix,
                     report_format);
  }
  if (queue->parsed()) return RunQueue(g, queue_account, queue_limit);
  if (account->parsed() && account_action == "set-leader") {
    return RunSetLeader(g, leader_account, leader_off);
  }
  if (account->parsed()) return RunAccount(g, account_action, account_args);
  if (training->parsed()) return RunTrainingEvaluate(g, rules, training_as_of);
  if (serve->parsed()) {
    return RunServe(g, rules, serve_listen, serve_threads, serve_secure, serve_secrets);
  }
  if (user->parsed()) {
    if (user_action == "add" && user_args.role.empty()) {
      return Fail(Status::InvalidArgument("user add needs --role admin|supervisor|trainee"));
    }
    if (user_action == "assign" && user_args.account.empty()) {
      return Fail(Status::InvalidArgument("user assign needs --account platform:handle"));
    }
    if (user_action == "set-training-date") {
      if (training_date.empty()) {
        return Fail(Status::InvalidArgument("user set-training-date needs --date YYYY-MM-DD"));
      }
      return RunSetTrainingDate(g, user_args.username, training_date);
    }
    return RunUser(g, user_action, user_args);
  }
  if (collect->parsed()) {
    return RunCollect(g, rules, collect_secrets, collect_account, collect_once, collect_every);
  }
  if (rules_cmd->parsed()) {
    if (rules_action == "show" && rule_id.empty()) {
      std::fprintf(stderr, "tanggap rules show: name a rule id (see `tanggap rules list`)\n");
      return kExitUsage;
    }
    return RunRules(rules, rules_action, rule_id);
  }
  if (migrate->parsed()) {
    auto store = OpenStore(g);
    if (!store.ok()) return Fail(store.status());
    std::printf("%s: schema version %d\n", g.db.c_str(), (*store)->SchemaVersion());
    return kExitOk;
  }
  return kExitUsage;
}

}  // namespace
}  // namespace tanggap

int main(int argc, char** argv) { return tanggap::Main(argc, argv); }
