// tanggap: the command-line entry point. It only wires things together:
// parses flags, opens the store, calls the libraries and reports.
//
// Exit codes (docs/cli.md): 0 success; 1 failure (database, I/O);
// 2 usage error; 3 import finished but rejected some lines.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "demo/demo_data.h"
#include "interchange/line_reader.h"
#include "interchange/record_codec.h"
#include "interchange/transfer.h"
#include "store/store.h"

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
  if (auto l = spdlog::get(name)) return l;
  auto l = spdlog::stderr_color_mt(name);
  l->set_level(spdlog::get_level());
  return l;
}

int Fail(const Status& s) {
  std::fprintf(stderr, "tanggap: %s\n", s.message().c_str());
  return kExitFailure;
}

Result<std::unique_ptr<Store>> OpenStore(const GlobalOptions& g, bool read_only = false) {
  std::filesystem::path parent = std::filesystem::path(g.db).parent_path();
  std::error_code ec;
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
  auto store = OpenStore(g);
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
  auto store = OpenStore(g);
  if (!store.ok()) return Fail(store.status());
  auto rows = (*store)->SummarizeAgencies();
  if (!rows.ok()) return Fail(rows.status());
  auto counts = (*store)->CountRows();
  if (!counts.ok()) return Fail(counts.status());
  std::printf("%-12s %8s %7s %9s %8s %9s %9s  %s\n", "Agency", "Accounts", "Posts", "Citizen",
              "Agency", "Answered", "No alt", "Period");
  std::printf("%-12s %8s %7s %9s %8s %9s %9s  %s\n", "", "", "", "replies", "replies", "directly",
              "text", "");
  for (const AgencySummary& a : *rows) {
    std::string period = a.first_post.empty()
                             ? "-"
                             : a.first_post.substr(0, 10) + " .. " + a.last_post.substr(0, 10);
    std::printf("%-12s %8lld %7lld %9lld %8lld %9s %9lld  %s\n", a.agency.c_str(),
                static_cast<long long>(a.accounts), static_cast<long long>(a.posts),
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
  load->add_option("-o,--output", output, "write to this file instead of standard output");

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
    return WriteRecords(output,
                        [&](auto sink) { GenerateLoadData(load_records, load_seed, sink); });
  }
  if (summary->parsed()) return RunSummary(g);
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
