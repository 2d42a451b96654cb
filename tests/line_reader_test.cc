#include "interchange/line_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <vector>

namespace tanggap {
namespace {

struct Seen {
  std::string text;
  uint64_t number, length;
  bool too_long;
};

std::vector<Seen> ReadAll(const std::string& content, size_t max_line) {
  char path[] = "/tmp/tanggap_line_reader_XXXXXX";
  int fd = mkstemp(path);
  EXPECT_GE(fd, 0);
  EXPECT_EQ(write(fd, content.data(), content.size()), static_cast<ssize_t>(content.size()));
  close(fd);
  auto reader = LineReader::Open(path, max_line);
  EXPECT_TRUE(reader.ok());
  std::vector<Seen> out;
  LineReader::Line line;
  for (int guard = 0; guard < 100000; ++guard) {
    auto more = (*reader)->Next(&line);
    EXPECT_TRUE(more.ok());
    if (!more.ok() || !*more) break;
    out.push_back({std::string(line.text), line.number, line.length, line.too_long});
  }
  unlink(path);
  return out;
}

TEST(LineReaderTest, SplitsLinesAndKeepsNumbers) {
  auto lines = ReadAll("a\n\nbc\r\nlast", 100);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].text, "a");
  EXPECT_EQ(lines[1].text, "");
  EXPECT_EQ(lines[2].text, "bc\r");
  EXPECT_EQ(lines[3].text, "last");
  EXPECT_EQ(lines[3].number, 4u);
  EXPECT_TRUE(ReadAll("", 100).empty());
  EXPECT_EQ(ReadAll("x\n", 100).size(), 1u);
}

TEST(LineReaderTest, SkipsOverlongLinesInBoundedMemory) {
  // The buffer holds about two limits; a line 50x the limit must be measured
  // and skipped, and the lines around it kept.
  std::string content = "ok1\n" + std::string(50 * 1000, 'x') + "\nok2\n" + std::string(1001, 'y');
  auto lines = ReadAll(content, 1000);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].text, "ok1");
  EXPECT_TRUE(lines[1].too_long);
  EXPECT_EQ(lines[1].length, 50000u);
  EXPECT_EQ(lines[2].text, "ok2");
  EXPECT_EQ(lines[2].number, 3u);
  EXPECT_TRUE(lines[3].too_long);
  EXPECT_EQ(lines[3].length, 1001u);
}

TEST(LineReaderTest, LineExactlyAtTheLimitIsKept) {
  auto lines = ReadAll(std::string(1000, 'z') + "\n", 1000);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_FALSE(lines[0].too_long);
  EXPECT_EQ(lines[0].text.size(), 1000u);
}

TEST(LineReaderTest, MissingFileSaysSo) {
  auto reader = LineReader::Open("/nonexistent/file.jsonl", 100);
  ASSERT_FALSE(reader.ok());
  EXPECT_NE(reader.status().message().find("/nonexistent/file.jsonl"), std::string::npos);
}

}  // namespace
}  // namespace tanggap
