// Builds the database the dashboard speed benchmark (scripts/bench serve)
// runs against: the Pangkalpinang demo city copied `--copies` times (each
// copy with its own seed and its own accounts, in the same eight agencies),
// scaled so that the whole holds about `--posts` posts and, at the demo's
// ratio, about five replies per post. Realistic text matters here: the home
// page shows clarity findings and open citizen questions, which only exist
// when the scorer and the reply classifier have something to find.
//
// Writes through Store::Upsert in large transactions (the same path as
// `tanggap import`, without the JSON). Scoring, analysis and users are left
// to the `tanggap` commands, which scripts/bench runs next.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <variant>

#include "demo/demo_data.h"
#include "store/store.h"

namespace {

using tanggap::Account;
using tanggap::DemoOptions;
using tanggap::Metrics;
using tanggap::Post;
using tanggap::Record;
using tanggap::Reply;
using tanggap::Status;
using tanggap::Store;

struct Counts {
  int64_t posts = 0, replies = 0, other = 0;
};

// Copy `copy` of a record: every platform id and handle gets the suffix, so
// copies never collide; text, times and agencies stay.
Record Relabel(Record record, const std::string& suffix) {
  if (suffix.empty()) return record;
  std::visit(
      [&](auto& r) {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, Account>) {
          r.id += suffix;
          r.handle += suffix;
        } else if constexpr (std::is_same_v<T, Post>) {
          r.id += suffix;
          r.account += suffix;
        } else if constexpr (std::is_same_v<T, Reply>) {
          r.id += suffix;
          r.post += suffix;
          if (r.parent) *r.parent += suffix;
          // Agency replies carry the account's id; citizens' ids stay shared
          // (the same citizens comment everywhere).
          r.author_id += suffix;
        } else if constexpr (std::is_same_v<T, Metrics>) {
          r.post += suffix;
        }
      },
      record);
  return record;
}

int Usage(const char* argv0) {
  std::fprintf(stderr,
               "usage: %s DB_PATH [--posts N] [--copies K] [--days D] [--end-unix T]\n"
               "  writes about N posts (default 1,000,000) and 5N replies: K copies\n"
               "  (default 8) of the demo city over D days (default 365) ending at T\n"
               "  (default: the demo's end, 2026-11-30T00:00+07:00)\n",
               argv0);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage(argv[0]);
  const std::string path = argv[1];
  int64_t posts = 1000000;
  int copies = 8;
  DemoOptions base;
  base.days = 365;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) return Usage(argv[0]);
    const char* value = argv[++i];
    if (arg == "--posts") {
      posts = std::atoll(value);
    } else if (arg == "--copies") {
      copies = std::atoi(value);
    } else if (arg == "--days") {
      base.days = std::atoi(value);
    } else if (arg == "--end-unix") {
      base.end_unix = std::atoll(value);
    } else {
      return Usage(argv[0]);
    }
  }
  if (posts < 1 || copies < 1 || copies > 1000 || base.days < 1) return Usage(argv[0]);

  // The demo's posts per unit of scale over these days, counted on one
  // dry run, sets the scale that gives the requested total.
  Counts unit;
  tanggap::GenerateDemoData(base, [&](const Record& r) {
    if (std::holds_alternative<Post>(r)) ++unit.posts;
  });
  if (unit.posts == 0) return Usage(argv[0]);
  const double scale =
      static_cast<double>(posts) / static_cast<double>(unit.posts) / static_cast<double>(copies);

  auto opened = Store::Open(path);
  if (!opened.ok()) {
    std::fprintf(stderr, "%s\n", opened.status().ToString().c_str());
    return 1;
  }
  Store& store = **opened;
  const auto start = std::chrono::steady_clock::now();
  Counts total;
  Status failed = Status::Ok();
  int64_t in_tx = 0;
  if (Status s = store.Begin(); !s.ok()) failed = s;
  for (int c = 0; c < copies && failed.ok(); ++c) {
    DemoOptions o = base;
    o.seed = base.seed + static_cast<uint64_t>(c);
    o.scale = scale;
    const std::string suffix = c == 0 ? "" : "-" + std::to_string(c);
    tanggap::GenerateDemoData(o, [&](const Record& r) {
      if (!failed.ok()) return;
      auto outcome = store.Upsert(Relabel(r, suffix));
      if (!outcome.ok()) {
        failed = outcome.status();
        return;
      }
      if (std::holds_alternative<Post>(r)) {
        ++total.posts;
      } else if (std::holds_alternative<Reply>(r)) {
        ++total.replies;
      } else {
        ++total.other;
      }
      // Big transactions: the commit (a WAL sync) is the expensive part.
      if (++in_tx == 200000) {
        in_tx = 0;
        if (Status s = store.Commit(); !s.ok()) failed = s;
        if (Status s = store.Begin(); failed.ok() && !s.ok()) failed = s;
      }
    });
    std::fprintf(stderr, "serve_bench_data: copy %d/%d done (%lld posts, %lld replies)\n", c + 1,
                 copies, static_cast<long long>(total.posts),
                 static_cast<long long>(total.replies));
  }
  if (failed.ok()) failed = store.Commit();
  if (!failed.ok()) {
    std::fprintf(stderr, "serve_bench_data: %s\n", failed.ToString().c_str());
    return 1;
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("posts %lld replies %lld other %lld seconds %.1f\n",
              static_cast<long long>(total.posts), static_cast<long long>(total.replies),
              static_cast<long long>(total.other), secs);
  return 0;
}
