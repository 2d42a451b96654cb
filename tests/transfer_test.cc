#include "interchange/transfer.h"

#include <gtest/gtest.h>

#include "demo/demo_data.h"
#include "interchange/record_codec.h"
#include "tests/test_support.h"

namespace tanggap {
namespace {

using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

struct ImportRun {
  ImportStats stats;
  std::vector<Rejection> rejections;
};

ImportRun Import(Store* store, const std::string& path, size_t batch = 20000) {
  ImportRun run;
  auto reader = LineReader::Open(path, kMaxLineBytes);
  EXPECT_TRUE(reader.ok());
  auto stats = ImportLines(reader->get(), path, store, ImportOptions{batch},
                           [&](const Rejection& r) { run.rejections.push_back(r); });
  EXPECT_TRUE(stats.ok()) << stats.status().ToString();
  if (stats.ok()) run.stats = *stats;
  return run;
}

std::string Export(Store* store, ExportFormat format) {
  char* buf = nullptr;
  size_t len = 0;
  std::FILE* f = open_memstream(&buf, &len);
  EXPECT_TRUE(ExportRecords(store, format, f).ok());
  std::fclose(f);
  std::string out(buf, len);
  free(buf);
  return out;
}

std::string DemoJsonl(double scale) {
  std::string out;
  DemoOptions options;
  options.scale = scale;
  GenerateDemoData(options, [&](const Record& r) {
    AppendRecord(r, &out);
    out.push_back('\n');
  });
  return out;
}

constexpr char kMixed[] =
    R"({"type":"account","platform":"x","id":"1","handle":"bpbd_pgk","agency":"BPBD"})"
    "\n"
    R"({"type":"post","platform":"x","id":"10","account":"1","created_at":"2026-11-02T08:15:00+07:00","text":"Waspada banjir"})"
    "\n"
    "this is not json\n"
    "\n"
    R"({"type":"reply","platform":"x","id":"11","post":"999","author_id":"5","created_at":"2026-11-02T09:00:00+07:00","text":"?"})"
    "\n"
    R"({"type":"reply","platform":"x","id":"12","post":"10","author_id":"5","created_at":"2026-11-02T09:00:00+07:00","text":"dimana min?"})"
    "\n"
    R"({"type":"metrics","platform":"x","post":"10","at":"yesterday","likes":1})";

TEST(TransferTest, KeepsGoodLinesAndNamesEachBadOne) {
  TempDir dir;
  WriteFile(dir.File("in.jsonl"), kMixed);
  auto store = Store::Open(dir.File("t.db"));
  ASSERT_TRUE(store.ok());
  ImportRun run = Import(store->get(), dir.File("in.jsonl"), 2);
  EXPECT_EQ(run.stats.lines, 7u);
  EXPECT_EQ(run.stats.inserted, 3u);
  EXPECT_EQ(run.stats.rejected, 3u);
  ASSERT_EQ(run.rejections.size(), 3u);
  EXPECT_EQ(run.rejections[0].line, 3u);
  EXPECT_NE(run.rejections[0].reason.find("not valid JSON"), std::string::npos);
  EXPECT_EQ(run.rejections[1].line, 5u);
  EXPECT_NE(run.rejections[1].reason.find("post '999'"), std::string::npos);
  EXPECT_EQ(run.rejections[2].line, 7u);
  EXPECT_NE(run.rejections[2].reason.find("'at'"), std::string::npos);
  EXPECT_EQ(run.rejections[0].source, dir.File("in.jsonl"));

  ImportRun again = Import(store->get(), dir.File("in.jsonl"));
  EXPECT_EQ(again.stats.inserted, 0u);
  EXPECT_EQ(again.stats.unchanged, 3u);
  EXPECT_EQ(again.stats.rejected, 3u);
}

TEST(TransferTest, DemoDataRoundTripsThroughExport) {
  TempDir dir;
  std::string demo = DemoJsonl(0.05);
  WriteFile(dir.File("demo.jsonl"), demo);
  auto first = Store::Open(dir.File("a.db"));
  ASSERT_TRUE(first.ok());
  ImportRun run = Import(first->get(), dir.File("demo.jsonl"), 333);
  EXPECT_EQ(run.stats.rejected, 0u) << (run.rejections.empty() ? "" : run.rejections[0].reason);
  size_t demo_lines = std::count(demo.begin(), demo.end(), '\n');
  EXPECT_EQ(run.stats.inserted, demo_lines);

  std::string exported = Export(first->get(), ExportFormat::kJsonl);
  EXPECT_EQ(static_cast<size_t>(std::count(exported.begin(), exported.end(), '\n')), demo_lines);
  WriteFile(dir.File("export.jsonl"), exported);
  auto second = Store::Open(dir.File("b.db"));
  ASSERT_TRUE(second.ok());
  ImportRun rerun = Import(second->get(), dir.File("export.jsonl"));
  EXPECT_EQ(rerun.stats.inserted, demo_lines);
  EXPECT_EQ(rerun.stats.rejected, 0u);
  EXPECT_EQ(Export(second->get(), ExportFormat::kJsonl), exported);

  // Same records, whatever the order: sort both files' lines.
  auto sorted_lines = [](const std::string& s) {
    std::vector<std::string> lines;
    size_t start = 0;
    for (size_t nl; (nl = s.find('\n', start)) != std::string::npos; start = nl + 1) {
      lines.push_back(s.substr(start, nl - start));
    }
    std::sort(lines.begin(), lines.end());
    return lines;
  };
  EXPECT_EQ(sorted_lines(exported), sorted_lines(demo));
}

TEST(TransferTest, CsvExportQuotesAndDefusesFormulas) {
  TempDir dir;
  auto store = Store::Open(dir.File("t.db"));
  ASSERT_TRUE(store.ok());
  Store& s = **store;
  ASSERT_TRUE(s.Upsert(Account{Platform::kFacebook, "1", "h", "n", "Bapenda", 10}).ok());
  Post p;
  p.platform = Platform::kFacebook;
  p.id = "1_2";
  p.account = "1";
  p.created_at = {"2026-11-02T08:15:00+07:00", 1793582100};
  p.text = "=HYPERLINK(\"http://evil\")\nbaris dua, \"kutip\"";
  p.media = {{"image", std::nullopt, std::nullopt}};
  ASSERT_TRUE(s.Upsert(p).ok());
  std::string csv = Export(&s, ExportFormat::kCsv);
  EXPECT_EQ(csv,
            "platform,id,account,created_at,text,url,lang,media,media_without_alt\r\n"
            "facebook,1_2,1,2026-11-02T08:15:00+07:00,\"'=HYPERLINK(\"\"http://evil\"\")\n"
            "baris dua, \"\"kutip\"\"\",,,1,1\r\n");
}

}  // namespace
}  // namespace tanggap
