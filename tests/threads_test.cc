// Threads built by hand in each platform's shape, with exact expected
// attribution and figures.
#include "responsiveness/threads.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "util/time.h"

namespace tanggap {
namespace {

int64_t T(const char* rfc3339) { return ParseRfc3339(rfc3339)->unix_seconds; }

ThreadReply Citizen(std::string id, std::optional<std::string> parent, const char* at,
                    std::string handle = "warga", bool question = true) {
  ThreadReply r;
  r.id = std::move(id);
  r.parent = std::move(parent);
  r.author_id = "c-" + handle;
  r.author = handle;
  r.created_unix = T(at);
  r.text = "kapan buka min?";
  r.needs_answer = question;
  return r;
}

ThreadReply Agency(std::string id, std::optional<std::string> parent, const char* at,
                   std::string text = "Halo Kak, buka pukul 08.00 WIB.") {
  ThreadReply r;
  r.id = std::move(id);
  r.parent = std::move(parent);
  r.author_id = "agency";
  r.author = "dinkes.pgk";
  r.is_agency = true;
  r.created_unix = T(at);
  r.text = std::move(text);
  return r;
}

const WorkingCalendar kWib;  // Mon-Thu 07:30-16:00, Fri 07:30-16:30 WIB
const AttributionOptions kDefaults;

// 2026-12-03 is a Thursday.
TEST(ThreadsTest, NestedDirectReplyMastodonBlueskyShape) {
  std::vector<ThreadReply> replies = {
      Citizen("q1", std::nullopt, "2026-12-03T09:00:00+07:00"),
      Agency("a1", "q1", "2026-12-03T09:45:00+07:00"),
      Citizen("q2", std::nullopt, "2026-12-03T10:00:00+07:00", "budi"),
      Citizen("thanks", "a1", "2026-12-03T10:05:00+07:00", "warga", false),
  };
  ThreadAnalysis a = AnalyzeThread(T("2026-12-03T08:00:00+07:00"), replies, kDefaults, kWib);
  ASSERT_EQ(a.questions.size(), 2u);
  EXPECT_EQ(a.questions[0].answer, 1u);
  EXPECT_EQ(a.questions[0].how, "direct");
  EXPECT_EQ(a.questions[0].response_s, 45 * 60);
  EXPECT_EQ(a.questions[0].business_response_s, 45 * 60);
  EXPECT_FALSE(a.questions[1].answer);
  EXPECT_EQ(a.questions[1].response_s, -1);
  EXPECT_TRUE(a.anomalies.empty());
}

TEST(ThreadsTest, AnswerToAFollowUpCountsYouTubeInstagramShape) {
  // Two-level platforms: everything hangs off the top-level comment.
  std::vector<ThreadReply> replies = {
      Citizen("top", std::nullopt, "2026-12-03T09:00:00+07:00"),
      Citizen("more", "top", "2026-12-03T09:10:00+07:00", "warga", false),
      Agency("a", "more", "2026-12-03T11:00:00+07:00"),
  };
  ThreadAnalysis a = AnalyzeThread(T("2026-12-03T08:00:00+07:00"), replies, kDefaults, kWib);
  ASSERT_EQ(a.questions.size(), 1u);
  EXPECT_EQ(a.questions[0].how, "thread");
  EXPECT_EQ(a.questions[0].response_s, 2 * 3600);
}

TEST(ThreadsTest, FlatThreadMentionFacebookStreamShape) {
  std::vector<ThreadReply> replies = {
      Citizen("1", std::nullopt, "2026-12-03T09:00:00+07:00", "rina.pgk"),
      Citizen("2", std::nullopt, "2026-12-03T09:05:00+07:00", "budi"),
      Agency("3", std::nullopt, "2026-12-03T09:30:00+07:00",
             "@rina.pgk silakan datang pukul 08.00 WIB"),
      Agency("4", std::nullopt, "2026-12-03T09:40:00+07:00", "@budiman bukan untuk Anda"),
  };
  ThreadAnalysis a = AnalyzeThread(T("2026-12-03T08:00:00+07:00"), replies, kDefaults, kWib);
  ASSERT_EQ(a.questions.size(), 2u);
  EXPECT_EQ(a.questions[0].answer, 2u);
  EXPECT_EQ(a.questions[0].how, "mention");
  EXPECT_EQ(a.questions[0].response_s, 30 * 60);
  EXPECT_FALSE(a.questions[1].answer) << "@budiman must not count as mentioning @budi";
}

TEST(ThreadsTest, BusinessClockSkipsTheNightAndAHoliday) {
  // Thursday 22:10 -> Friday 07:45: 15 working minutes.
  std::vector<ThreadReply> replies = {
      Citizen("q", std::nullopt, "2026-12-03T22:10:00+07:00"),
      Agency("a", "q", "2026-12-04T07:45:00+07:00"),
  };
  ThreadAnalysis a = AnalyzeThread(T("2026-12-03T08:00:00+07:00"), replies, kDefaults, kWib);
  ASSERT_EQ(a.questions.size(), 1u);
  EXPECT_EQ(a.questions[0].response_s, 9 * 3600 + 35 * 60);
  EXPECT_EQ(a.questions[0].business_response_s, 15 * 60);
  // The same with Friday a national holiday, answered Monday 07:45.
  WorkingCalendar holiday = kWib;
  holiday.holidays = {DaysFromCivil(2026, 12, 4)};
  replies[1] = Agency("a", "q", "2026-12-07T07:45:00+07:00");
  a = AnalyzeThread(T("2026-12-03T08:00:00+07:00"), replies, kDefaults, holiday);
  EXPECT_EQ(a.questions[0].business_response_s, 15 * 60);
  EXPECT_EQ(a.questions[0].response_s, 3 * 86400 + 9 * 3600 + 35 * 60);
}

TEST(ThreadsTest, BadInputIsHandledAndReported) {
  std::vector<ThreadReply> replies = {
      Citizen("orphan", "deleted", "2026-12-03T09:00:00+07:00"),
      Citizen("loop1", "loop2", "2026-12-03T09:00:00+07:00", "x"),
      Citizen("loop2", "loop1", "2026-12-03T09:01:00+07:00", "y"),
      Citizen("early", std::nullopt, "2026-12-01T09:00:00+07:00", "z"),
      Agency("skew", "early", "2026-12-03T07:55:00+07:00"),   // 5 min before the post's time
      Agency("late", "orphan", "2026-12-11T09:00:00+07:00"),  // outside the 7-day window
  };
  ThreadAnalysis a = AnalyzeThread(T("2026-12-03T08:00:00+07:00"), replies, kDefaults, kWib);
  ASSERT_EQ(a.questions.size(), 4u);
  EXPECT_FALSE(a.questions[0].answer);  // the only answer came after the window
  EXPECT_EQ(a.questions[3].asked_unix, T("2026-12-03T08:00:00+07:00"));
  EXPECT_EQ(a.questions[3].answer, 4u);  // within the allowed clock skew
  EXPECT_EQ(a.questions[3].response_s, 0);
  std::string all;
  for (const auto& s : a.anomalies) all += s + "\n";
  EXPECT_NE(all.find("reply orphan: parent deleted not found"), std::string::npos) << all;
  EXPECT_NE(all.find("loop"), std::string::npos) << all;
  EXPECT_NE(all.find("reply early: dated before its post"), std::string::npos) << all;
  // Deterministic: the same input gives the same anomalies.
  EXPECT_EQ(AnalyzeThread(T("2026-12-03T08:00:00+07:00"), replies, kDefaults, kWib).anomalies,
            a.anomalies);
}

TEST(ThreadsTest, SummaryFiguresAndBuckets) {
  const int64_t now = T("2026-12-31T00:00:00+07:00");
  auto q = [&](int64_t asked, int64_t response, int64_t business) {
    QuestionOutcome o;
    o.asked_unix = asked;
    o.response_s = response;
    o.business_response_s = business;
    return o;
  };
  const int64_t day = T("2026-12-01T09:00:00+07:00");
  std::vector<QuestionOutcome> outcomes = {
      q(day, 600, 600), q(day, 3 * 3600, 3600), q(day, 10 * 3600, 7200), q(day, 30 * 3600, 8000),
      q(day, -1, -1),   q(now - 3600, -1, -1),  // an hour old: not yet judged
  };
  ResponseStats s = SummarizeResponses(outcomes, now, 24 * 3600);
  EXPECT_EQ(s.questions, 6);
  EXPECT_EQ(s.answered, 4);
  EXPECT_EQ(s.unanswered, 2);
  ASSERT_TRUE(s.response_rate);
  EXPECT_DOUBLE_EQ(*s.response_rate, 4.0 / 5.0);
  EXPECT_DOUBLE_EQ(*s.within_sla_rate, 3.0 / 5.0);
  EXPECT_EQ(*s.median_s, 3 * 3600);  // nearest rank: 2nd of 4
  EXPECT_EQ(*s.p90_s, 30 * 3600);
  EXPECT_EQ(*s.mean_s, (600 + 3 * 3600 + 10 * 3600 + 30 * 3600) / 4);
  EXPECT_EQ(*s.business_median_s, 3600);
  EXPECT_EQ(s.bucket_0_2h, 1);
  EXPECT_EQ(s.bucket_2_8h, 1);
  EXPECT_EQ(s.bucket_8_24h, 1);
  EXPECT_EQ(s.bucket_over_24h, 1);
  ResponseStats none = SummarizeResponses({}, now, 86400);
  EXPECT_FALSE(none.response_rate);  // no NaN: absent
  EXPECT_FALSE(none.median_s);
}

// A rollup day added whole must give what its questions one by one give,
// including response times right on the bucket and SLA edges.
TEST(ThreadsTest, AccumulatedRollupDaysEqualTheSameQuestionsOneByOne) {
  const int64_t now = T("2026-12-31T00:00:00+07:00");
  const int64_t sla = 24 * 3600;
  std::mt19937_64 rng(7);
  const int64_t edges[] = {0, 2 * 3600, 2 * 3600 + 1, 8 * 3600, 8 * 3600 + 1, sla, sla + 1};
  for (int round = 0; round < 50; ++round) {
    std::vector<QuestionOutcome> one_by_one;
    ResponseAccumulator acc;
    for (int day = 0; day < 3; ++day) {
      std::vector<int64_t> wall, business;
      const int answered = static_cast<int>(rng() % 20), open = static_cast<int>(rng() % 5);
      for (int k = 0; k < answered; ++k) {
        wall.push_back(rng() % 3 ? static_cast<int64_t>(rng() % (3 * sla)) : edges[rng() % 7]);
        business.push_back(rng() % 4 ? static_cast<int64_t>(rng() % sla) : -1);
      }
      std::sort(wall.begin(), wall.end());
      std::sort(business.begin(), business.end());
      acc.AddJudged(answered + open, wall, business, sla);
      for (int k = 0; k < answered + open; ++k) {
        QuestionOutcome o;
        o.asked_unix = T("2026-12-01T00:00:00+07:00") + day * 86400;
        o.response_s = k < answered ? wall[static_cast<size_t>(k)] : -1;
        o.business_response_s = k < answered ? business[static_cast<size_t>(k)] : -1;
        one_by_one.push_back(o);
      }
    }
    const ResponseStats a = acc.Finish();
    const ResponseStats b = SummarizeResponses(one_by_one, now, sla);
    EXPECT_EQ(a.questions, b.questions);
    EXPECT_EQ(a.answered, b.answered);
    EXPECT_EQ(a.unanswered, b.unanswered);
    EXPECT_EQ(a.response_rate, b.response_rate);
    EXPECT_EQ(a.within_sla_rate, b.within_sla_rate);
    EXPECT_EQ(a.median_s, b.median_s);
    EXPECT_EQ(a.mean_s, b.mean_s);
    EXPECT_EQ(a.p90_s, b.p90_s);
    EXPECT_EQ(a.business_median_s, b.business_median_s);
    EXPECT_EQ(a.business_p90_s, b.business_p90_s);
    EXPECT_EQ(a.bucket_0_2h, b.bucket_0_2h);
    EXPECT_EQ(a.bucket_2_8h, b.bucket_2_8h);
    EXPECT_EQ(a.bucket_8_24h, b.bucket_8_24h);
    EXPECT_EQ(a.bucket_over_24h, b.bucket_over_24h);
  }
  // Finish leaves it empty.
  EXPECT_EQ(ResponseAccumulator().Finish().questions, 0);
}

}  // namespace
}  // namespace tanggap
