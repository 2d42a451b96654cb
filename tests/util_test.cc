#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "util/json_writer.h"
#include "util/ordered_pipeline.h"
#include "util/status.h"
#include "util/time.h"

namespace tanggap {
namespace {

TEST(TimeTest, ParsesOffsetsToTheSameInstant) {
  auto wib = ParseRfc3339("2026-11-02T08:15:00+07:00");
  auto utc = ParseRfc3339("2026-11-02T01:15:00Z");
  auto graph = ParseRfc3339("2026-11-02T01:15:00.123-00:00");
  ASSERT_TRUE(wib && utc && graph);
  EXPECT_EQ(wib->unix_seconds, utc->unix_seconds);
  EXPECT_EQ(graph->unix_seconds, utc->unix_seconds);
  EXPECT_EQ(wib->offset_minutes, 420);
  EXPECT_EQ(utc->unix_seconds, 1793582100);
}

TEST(TimeTest, RejectsAmbiguousAndImpossibleTimes) {
  for (const char* bad :
       {"2026-11-02T08:15:00", "2026-11-02 08:15:00+07:00", "2026-02-30T00:00:00Z",
        "2026-11-02T24:00:00Z", "2026-11-02T08:15:60Z", "2026-11-02T08:15:00+0700",
        "1969-12-31T23:59:59Z", "2026-11-02T08:15:00.Z", "", "2026-11-02",
        "2026-11-02T08:15:00+07:00x", "+026-11-02T08:15:00Z"}) {
    EXPECT_FALSE(ParseRfc3339(bad)) << bad;
  }
  EXPECT_TRUE(ParseRfc3339("2024-02-29T00:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("2026-02-29T00:00:00Z"));
}

TEST(TimeTest, FormatRoundTrips) {
  for (int64_t t : {int64_t{86400}, int64_t{951782400}, int64_t{1793582100}, int64_t{4102444799}}) {
    for (int offset : {0, 420, 480, 540, -300}) {
      std::string text = FormatRfc3339(t, offset);
      auto back = ParseRfc3339(text);
      ASSERT_TRUE(back) << text;
      EXPECT_EQ(back->unix_seconds, t) << text;
      EXPECT_EQ(back->offset_minutes, offset) << text;
    }
  }
  EXPECT_EQ(FormatRfc3339(1793582100, 420), "2026-11-02T08:15:00+07:00");
}

TEST(TimeTest, CivilDaysAgreeBothWays) {
  for (int64_t d = -1000; d < 200000; d += 37) {
    int y;
    unsigned m, day;
    CivilFromDays(d, &y, &m, &day);
    EXPECT_EQ(DaysFromCivil(y, m, day), d);
  }
}

TEST(JsonWriterTest, EscapesEverythingJsonAndScriptsNeed) {
  std::string out;
  AppendJsonString(&out, "a\"b\\c\n\t\x01\x7f \xe2\x80\xa8 caf\xc3\xa9");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\t\\u0001\\u007f \\u2028 caf\xc3\xa9\"");
  out.clear();
  AppendJsonString(&out, std::string_view("nul\0x", 5));
  EXPECT_EQ(out, "\"nul\\u0000x\"");
  out.clear();
  AppendJsonIntOrNull(&out, std::optional<int64_t>());
  out += ",";
  AppendJsonInt(&out, int64_t{-42});
  EXPECT_EQ(out, "null,-42");
}

TEST(StatusTest, CarriesCodeAndMessage) {
  Status s = Status::NotFound("post 'x' is missing");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.ToString(), "not found: post 'x' is missing");
  Result<int> r = Status::Ok();  // misuse is turned into an error, not UB
  EXPECT_FALSE(r.ok());
  Result<int> v = 7;
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, 7);
}

}  // namespace
// Items come out in the order they went in, however long each transform
// takes, and never more than max_in_flight exist at once; with the
// producer on the consumer's thread too.
TEST(OrderedPipelineTest, ConsumesInProductionOrderWithinTheBound) {
  for (bool alone : {true, false}) {
    PipelineOptions options;
    options.workers = 3;
    options.max_in_flight = 4;
    options.produce_alone = alone;
    int next = 0;
    std::atomic<int> in_flight{0}, most{0};
    std::vector<int> seen;
    Status s = RunOrderedPipeline<int>(
        options,
        [&]() -> Result<std::optional<int>> {
          if (next == 200) return std::optional<int>();
          int now = ++in_flight;
          for (int m = most.load(); now > m && !most.compare_exchange_weak(m, now);) {
          }
          return std::optional<int>(next++);
        },
        [](int* item) {
          // Later items finish first now and then.
          if (*item % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(300));
          *item *= 2;
        },
        [&](int* item) {
          seen.push_back(*item);
          --in_flight;
          return Status::Ok();
        });
    ASSERT_TRUE(s.ok()) << s.message();
    ASSERT_EQ(seen.size(), 200u) << "produce_alone=" << alone;
    for (int i = 0; i < 200; ++i) ASSERT_EQ(seen[i], 2 * i);
    EXPECT_LE(most.load(), 4);
    EXPECT_GE(most.load(), 2);  // the stages did overlap
  }
}

TEST(OrderedPipelineTest, TheFirstErrorStopsEveryStageAndIsReturned) {
  for (bool alone : {true, false}) {
    PipelineOptions options;
    options.workers = 2;
    options.produce_alone = alone;
    int produced = 0;
    Status from_produce = RunOrderedPipeline<int>(
        options,
        [&]() -> Result<std::optional<int>> {
          if (produced == 10) return Status::IOError("disk gone");
          return std::optional<int>(produced++);
        },
        [](int*) {}, [](int*) { return Status::Ok(); });
    EXPECT_EQ(from_produce.message(), "disk gone");
    EXPECT_EQ(produced, 10);

    int made = 0, consumed = 0;
    Status from_consume = RunOrderedPipeline<int>(
        options,
        [&]() -> Result<std::optional<int>> {
          if (made == 1000) return std::optional<int>();
          return std::optional<int>(made++);
        },
        [](int*) {},
        [&](int* item) {
          if (*item == 5) return Status::IOError("full");
          ++consumed;
          return Status::Ok();
        });
    EXPECT_EQ(from_consume.message(), "full");
    EXPECT_EQ(consumed, 5);
    EXPECT_LE(made, 5 + static_cast<int>(options.max_in_flight) + 1);  // stopped early
  }
}

}  // namespace tanggap
