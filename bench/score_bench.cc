// Scoring throughput: the full default rule pack over ~200,000 posts of
// ~250 characters (demo post texts cut at a word boundary), on 1 and on 2
// threads. Prints one line per measurement, "name value", for scripts/bench
// to tabulate; with --write FILE also writes the texts (one JSON string per
// line) so other pipelines can be timed on exactly the same input.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "demo/demo_data.h"
#include "scorer/scorer.h"
#include "util/json_writer.h"

namespace {

std::vector<std::string> MakeTexts(size_t n) {
  std::vector<std::string> base;
  tanggap::DemoOptions options;
  tanggap::GenerateDemoData(options, [&](const tanggap::Record& r) {
    if (const auto* p = std::get_if<tanggap::Post>(&r)) {
      std::string t = p->text;
      if (t.size() > 260) {
        size_t cut = t.rfind(' ', 260);
        t.resize(cut == std::string::npos ? 260 : cut);
      }
      base.push_back(std::move(t));
    }
  });
  std::vector<std::string> texts;
  texts.reserve(n);
  for (size_t i = 0; texts.size() < n; ++i) texts.push_back(base[i % base.size()]);
  return texts;
}

double Run(const tanggap::scorer::RulePack& pack, const std::vector<std::string>& texts,
           int threads) {
  auto start = std::chrono::steady_clock::now();
  std::vector<long> sums(threads);
  auto work = [&](int t) {
    long sum = 0;
    for (size_t i = t; i < texts.size(); i += threads) {
      sum += pack.Score({texts[i], tanggap::Platform::kInstagram, {}}).score;
    }
    sums[t] = sum;
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& t : pool) t.join();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return static_cast<double>(texts.size()) / secs;
}

}  // namespace

int main(int argc, char** argv) {
  std::string rules = "rules/id-pemerintah", write;
  size_t n = 200000;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--rules") rules = argv[i + 1];
    if (flag == "--posts") n = std::strtoul(argv[i + 1], nullptr, 10);
    if (flag == "--write") write = argv[i + 1];
  }
  auto pack = tanggap::scorer::RulePack::Load(rules);
  if (!pack.ok()) {
    std::fprintf(stderr, "%s\n", pack.status().message().c_str());
    return 1;
  }
  std::vector<std::string> texts = MakeTexts(n);
  if (!write.empty()) {
    std::FILE* f = std::fopen(write.c_str(), "w");
    if (f == nullptr) return 1;
    for (const std::string& t : texts) {
      std::string line;
      tanggap::AppendJsonString(&line, t);
      line.push_back('\n');
      std::fwrite(line.data(), 1, line.size(), f);
    }
    std::fclose(f);
  }
  size_t chars = 0;
  for (const std::string& t : texts) chars += t.size();
  std::printf("posts %zu\nmean_bytes %.0f\nrules %zu\n", texts.size(),
              static_cast<double>(chars) / static_cast<double>(texts.size()),
              (*pack)->Rules().size());
  std::printf("posts_per_s_1_thread %.0f\n", Run(**pack, texts, 1));
  std::printf("posts_per_s_2_threads %.0f\n", Run(**pack, texts, 2));
  return 0;
}
