// The post detail page and the home trend: span highlighting as a pure
// function (overlaps, emoji, spans at the end, hostile text), thread
// ordering, the trend figures, and the server over loopback: access (404
// for other agencies' posts, the same as a missing one), marks, labels,
// answer times, tone and bounds.
#include <gtest/gtest.h>
#include <httplib.h>

#include <random>
#include <thread>

#include "dashboard/auth.h"
#include "dashboard/highlight.h"
#include "dashboard/html.h"
#include "dashboard/server.h"
#include "store/post_queries.h"
#include "store/store.h"
#include "tests/dashboard_harness.h"
#include "tests/test_support.h"

namespace tanggap::dashboard {
namespace {

using testing::TempDir;

Highlight H(size_t start, size_t end, std::string level, int n) {
  return Highlight{start, end, std::move(level), n, "kata", "f" + std::to_string(n)};
}

// Reads HighlightHtml's output back: the text with markers and tags
// removed, the text each finding's pieces cover (in order), and whether
// the <mark> tags balance. Fails the test on anything unexpected.
struct Parsed {
  std::string plain;
  std::map<int, std::string> covered;
  std::map<int, int> pieces;
  std::vector<int> markers;  // numbers of the <sup> markers, in order
  bool balanced = true;
};

Parsed Parse(const std::string& html) {
  Parsed p;
  std::vector<int> open;
  for (size_t i = 0; i < html.size();) {
    if (html.compare(i, 20, "<sup class=\"marker\">") == 0) {
      size_t end = html.find("</sup>", i);
      EXPECT_NE(end, std::string::npos);
      const std::string sup = html.substr(i, end - i);
      size_t a = sup.find("\">", sup.find("<a href"));
      p.markers.push_back(std::stoi(sup.substr(a + 2)));
      i = end + 6;
    } else if (html.compare(i, 6, "<mark ") == 0) {
      size_t n = html.find("data-finding=\"", i) + 14;
      open.push_back(std::stoi(html.substr(n)));
      ++p.pieces[open.back()];
      i = html.find('>', i) + 1;
    } else if (html.compare(i, 7, "</mark>") == 0) {
      if (open.empty()) p.balanced = false;
      if (!open.empty()) open.pop_back();
      i += 7;
    } else {
      EXPECT_NE(html[i], '<') << "unexpected markup at " << i << ": " << html.substr(i, 40);
      p.plain.push_back(html[i]);
      for (int f : open) p.covered[f].push_back(html[i]);
      ++i;
    }
  }
  if (!open.empty()) p.balanced = false;
  return p;
}

TEST(HighlightTest, WrapsASpanAndFollowsItWithANumberedMarker) {
  const std::string text = "Dalam rangka HUT Kota";
  std::string html = HighlightHtml(text, {{0, 12, "warning", 1, "Peringatan", "f1"}});
  EXPECT_EQ(html,
            "<mark class=\"level-warning\" data-finding=\"1\">Dalam rangka</mark>"
            "<sup class=\"marker\"><a href=\"#f1\">1</a><span class=\"visually-hidden\"> "
            "Peringatan</span></sup> HUT Kota");
  // Unknown levels fall back to suggestion; no target means no link.
  EXPECT_EQ(HighlightHtml("ab", {{0, 1, "fatal\"", 2, "", ""}}),
            "<mark class=\"level-suggestion\" data-finding=\"2\">a</mark>"
            "<sup class=\"marker\">2</sup>b");
}

TEST(HighlightTest, NestedSpansNestAndCrossingSpansSplitIntoBalancedPieces) {
  const std::string text = "abcdefghijklmnopqrst";
  // 2 inside 1; 3 starts inside 1 and ends after it.
  Parsed p = Parse(HighlightHtml(
      text, {H(0, 10, "error", 1), H(2, 5, "warning", 2), H(7, 15, "suggestion", 3)}));
  EXPECT_TRUE(p.balanced);
  EXPECT_EQ(p.plain, text);
  EXPECT_EQ(p.covered[1], "abcdefghij");
  EXPECT_EQ(p.covered[2], "cde");
  EXPECT_EQ(p.covered[3], "hijklmno");
  EXPECT_EQ(p.pieces[1], 1);
  EXPECT_EQ(p.pieces[2], 1);
  EXPECT_EQ(p.pieces[3], 2);  // split at the end of 1
  EXPECT_EQ(p.markers, (std::vector<int>{2, 1, 3}));
  // Identical spans nest by number; the same input gives the same output.
  const std::vector<Highlight> same = {H(3, 6, "error", 2), H(3, 6, "warning", 1)};
  const std::string a = HighlightHtml(text, same);
  EXPECT_EQ(a, HighlightHtml(text, {same[1], same[0]}));
  const std::string outer = "abc<mark class=\"level-warning\" data-finding=\"1\">";
  EXPECT_EQ(a.substr(0, outer.size()), outer);  // 1 is the outer one
  Parsed q = Parse(a);
  EXPECT_EQ(q.covered[1], "def");
  EXPECT_EQ(q.covered[2], "def");
}

TEST(HighlightTest, EmojiAndMultibyteSpansAreNeverCut) {
  const std::string text = "Halo 👋 kak, terima kasih 🙏";  // 👋 is bytes 5..8
  // A span starting and ending inside the emoji widens to the whole emoji.
  Parsed p = Parse(HighlightHtml(text, {H(6, 7, "warning", 1)}));
  EXPECT_EQ(p.covered[1], "👋");
  EXPECT_EQ(p.plain, text);
  // A span over the final emoji, and one past the end, end at the text's end.
  const size_t last = text.size() - 4;
  Parsed q = Parse(HighlightHtml(
      text, {H(last, text.size(), "error", 1), H(last + 1, text.size() + 50, "warning", 2)}));
  EXPECT_EQ(q.covered[1], "🙏");
  EXPECT_EQ(q.covered[2], "🙏");
  EXPECT_EQ(q.plain, text);
  EXPECT_TRUE(q.balanced);
}

TEST(HighlightTest, SpansAtTheEndAndEmptyOrInvertedSpans) {
  const std::string text = "Info WIB";
  Parsed p = Parse(HighlightHtml(text, {H(5, 8, "warning", 1)}));
  EXPECT_EQ(p.covered[1], "WIB");
  EXPECT_EQ(p.markers, (std::vector<int>{1}));
  // Empty, inverted and out-of-text spans mark nothing.
  EXPECT_EQ(HighlightHtml(text, {H(3, 3, "error", 1), H(6, 2, "error", 2), H(90, 99, "error", 3)}),
            "Info WIB");
  EXPECT_EQ(HighlightHtml("", {H(0, 5, "error", 1)}), "");
}

TEST(HighlightTest, HostileTextStaysEscapedWhereverTheSpansCut) {
  const std::string text =
      "UJI <script>alert(1)</script> \"><img src=x onerror=a> \xE2\x80\xAE"
      "abc \xff end";
  std::vector<Highlight> spans = {H(5, 9, "error", 1), H(8, 25, "warning", 2),
                                  H(32, 40, "suggestion", 3), H(56, 58, "error", 4),
                                  H(60, 63, "warning", 5)};
  const std::string html = HighlightHtml(text, spans);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("\xE2\x80\xAE"), std::string::npos);  // bidi override neutralised
  Parsed p = Parse(html);
  EXPECT_TRUE(p.balanced);
  EXPECT_EQ(p.plain, Escape(text));
  EXPECT_EQ(p.covered[2], Escape(text.substr(8, 17)));
  // The label words and link targets are escaped too.
  const std::string evil = HighlightHtml("abc", {{0, 1, "error", 1, "<b>x</b>", "\"><script>"}});
  EXPECT_EQ(evil.find("<b>"), std::string::npos);
  EXPECT_EQ(evil.find("<script>"), std::string::npos);
}

TEST(HighlightTest, RandomSpansOverHostileTextAlwaysGiveBalancedEscapedOutput) {
  const std::vector<std::string> parts = {
      "Dalam ",       "rangka ", "👋",        "🙏🏽", "é",    "<b>",  "&amp;",
      "\xE2\x80\xAE", "\xff",    "\x80\x80", "\n",       "\"'`", "漢字", " WIB"};
  std::mt19937 rng(62);
  for (int round = 0; round < 500; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) text += parts[rng() % parts.size()];
    std::vector<Highlight> spans;
    const int k = static_cast<int>(rng() % 6);
    for (int i = 0; i < k; ++i) {
      size_t a = rng() % (text.size() + 3), b = rng() % (text.size() + 3);
      if (rng() % 4 && a > b) std::swap(a, b);
      const char* levels[] = {"error", "warning", "suggestion"};
      spans.push_back(H(a, b, levels[rng() % 3], i + 1));
    }
    const std::string html = HighlightHtml(text, spans);
    Parsed p = Parse(html);
    ASSERT_TRUE(p.balanced) << html;
    ASSERT_EQ(p.plain, Escape(text)) << html;
    for (const Highlight& h : spans) {
      const size_t s = Utf8Floor(text, h.start), e = Utf8Ceil(text, h.end);
      if (s >= e) {
        EXPECT_EQ(p.covered.count(h.number), 0u);
        continue;
      }
      EXPECT_EQ(p.covered[h.number], Escape(text.substr(s, e - s))) << html;
      EXPECT_EQ(std::count(p.markers.begin(), p.markers.end(), h.number), 1);
    }
  }
}

TEST(HighlightTest, CapsTheNumberOfMarks) {
  std::vector<Highlight> spans;
  for (int i = 0; i < 20; ++i) spans.push_back(H(0, 3, "error", 20 - i));
  Parsed p = Parse(HighlightHtml("abcdef", spans, 5));
  EXPECT_EQ(p.markers.size(), 5u);
  EXPECT_EQ(p.covered.count(5), 1u);  // the first five by number
  EXPECT_EQ(p.covered.count(6), 0u);
}

ReplyDetail R(std::string id, std::optional<std::string> parent) {
  ReplyDetail r;
  r.platform_id = std::move(id);
  r.parent = std::move(parent);
  return r;
}

TEST(ThreadOrderTest, ChildrenFollowTheirParentDepthFirstAndCyclesEnd) {
  std::vector<ReplyDetail> replies = {R("a", std::nullopt), R("b", std::nullopt), R("c", "a"),
                                      R("d", "c"),          R("e", "a"),          R("f", "gone"),
                                      R("x", "y"),          R("y", "x"),          R("s", "s")};
  ThreadOrder(&replies);
  std::string order, depths;
  for (const ReplyDetail& r : replies) {
    order += r.platform_id;
    depths += std::to_string(r.depth);
  }
  EXPECT_EQ(order, "acdebfsxy");
  EXPECT_EQ(depths, "012100001");
}

// ---- Server over loopback --------------------------------------------

constexpr int64_t kNov2 = 1793588400;  // 2026-11-02T10:00:00+07:00
constexpr int64_t kOct3 = 1790996400;  // 2026-10-03T10:00:00+07:00

Timestamp At(int64_t unix) {
  static const char* kFmt = "%Y-%m-%dT%H:%M:%S+07:00";
  time_t t = static_cast<time_t>(unix + 7 * 3600);
  char buf[40];
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(buf, sizeof buf, kFmt, &tm);
  return Timestamp{buf, unix};
}

class PostServerTest : public ::testing::Test {
 protected:
  static constexpr char kText[] =
      "Dalam rangka HUT Kota <script>window.__x=1</script> layanan tutup 👋 jam 8";

  void SetUp() override {
    db_ = dir_.File("t.db");
    auto opened = Store::Open(db_);
    ASSERT_TRUE(opened.ok());
    Store& s = **opened;
    ASSERT_TRUE(
        s.Upsert(Account{Platform::kMastodon, "1", "kominfo", "Kominfo", "Diskominfo", 10}).ok());
    ASSERT_TRUE(s.Upsert(Account{Platform::kMastodon, "2", "dinkes", "Dinkes", "Dinkes", 10}).ok());
    ASSERT_TRUE(s.Upsert(Post{Platform::kMastodon,
                              "p1",
                              "1",
                              At(kNov2),
                              kText,
                              "https://example.org/p1",
                              {},
                              "id"})
                    .ok());
    ASSERT_TRUE(s.Upsert(Post{Platform::kMastodon,
                              "p2",
                              "2",
                              At(kNov2 + 60),
                              "Rahasia Dinkes",
                              std::nullopt,
                              {},
                              "id"})
                    .ok());
    ASSERT_TRUE(
        s
            .Upsert(Post{
                Platform::kMastodon, "p0", "1", At(kOct3), "Info Oktober", std::nullopt, {}, "id"})
            .ok());
    // A question answered 90 minutes later by the agency, a complaint never
    // answered, and praise.
    ASSERT_TRUE(s.Upsert(Reply{Platform::kMastodon, "q1", "p1", std::nullopt, "c1", "warga1",
                               At(kNov2 + 600), "Min, jam berapa buka?"})
                    .ok());
    ASSERT_TRUE(s.Upsert(Reply{Platform::kMastodon, "a1", "p1", "q1", "1", "kominfo",
                               At(kNov2 + 600 + 5400), "Buka jam 08.00 WIB, Kak. Terima kasih."})
                    .ok());
    ASSERT_TRUE(s.Upsert(Reply{Platform::kMastodon, "k1", "p1", std::nullopt, "c2",
                               "warga\"><svg onload=x>", At(kNov2 + 700),
                               "Antrian lama sekali <img src=x onerror=alert(1)>"})
                    .ok());
    ASSERT_TRUE(s.Upsert(Metrics{Platform::kMastodon, "p1", At(kNov2 + 3600), 3, 1, 2, 0,
                                 std::nullopt, std::nullopt})
                    .ok());
    ASSERT_TRUE(s.Upsert(Metrics{Platform::kMastodon, "p1", At(kNov2 + 86400), 10, 4, 3, 1,
                                 std::nullopt, std::nullopt})
                    .ok());
    auto pack = s.RegisterRulePack("id-pemerintah", "test");
    ASSERT_TRUE(pack.ok());
    post_id_ = RowOf(s, "p1");
    other_id_ = RowOf(s, "p2");
    StoredScore score;
    score.post_row_id = post_id_;
    score.scored = true;
    score.score = 80;
    score.language = "id";
    score.kind = "layanan";
    score.details_json =
        R"({"stats":{"words":12,"sentences":1,"platform_length":80},"breakdown":[)"
        R"({"rule":"ID.BahasaBirokrasi","level":"warning","findings":1,"points":5},)"
        R"({"rule":"ID.WaktuTanpaZona","level":"error","findings":1,"points":15}]})";
    auto finding = [](std::string rule, std::string level, int64_t start, int64_t end) {
      StoredFinding f;
      f.rule = std::move(rule);
      f.level = std::move(level);
      f.start_byte = start;
      f.end_byte = end;
      f.text = std::string(kText).substr(start, end - start);
      f.message_id = "Pesan " + f.rule;
      f.message_en = "Message " + f.rule;
      f.suggestion_id = "Saran " + f.rule;
      f.suggestion_en = "Hint " + f.rule;
      return f;
    };
    const std::string text = kText;
    const int64_t jam = static_cast<int64_t>(text.find("jam 8"));
    score.findings = {finding("ID.BahasaBirokrasi", "warning", 0, 12),
                      finding("ID.Kalimat", "suggestion", 0, static_cast<int64_t>(text.size())),
                      finding("ID.WaktuTanpaZona", "error", jam, jam + 5)};
    ASSERT_TRUE(s.SaveScore(*pack, score).ok());
    StoredScore old = score;
    old.post_row_id = RowOf(s, "p0");
    old.score = 60;
    old.findings.clear();
    ASSERT_TRUE(s.SaveScore(*pack, old).ok());

    auto thread = s.LoadThread(post_id_);
    ASSERT_TRUE(thread.ok());
    ASSERT_EQ(thread->replies.size(), 3u);
    std::map<std::string, int64_t> row;
    for (const auto& r : thread->replies) row[r.id] = r.row_id;
    ThreadResult result;
    result.labels = {{row["q1"], "pertanyaan", true, "[]"}, {row["k1"], "keluhan", true, "[]"}};
    result.outcomes = {{row["q1"], kNov2 + 600, row["a1"], "direct", 5400, 3600},
                       {row["k1"], kNov2 + 700, std::nullopt, "", std::nullopt, std::nullopt}};
    StoredTone tone;
    tone.reply_row_id = row["a1"];
    tone.created_unix = kNov2 + 6000;
    tone.answers_label = "pertanyaan";
    tone.score = 90;
    tone.findings_json =
        R"([{"rule":"NADA.Sapaan","level":"suggestion","start":0,"end":4,"text":"Buka"}])";
    tone.text_hash = 7;
    result.tones = {tone};
    ASSERT_TRUE(s.SaveThread(*thread, "v", result).ok());
    answer_row_ = row["a1"];
    // October's post, analysed too: no replies, its score in the rollups.
    auto october = s.LoadThread(RowOf(s, "p0"));
    ASSERT_TRUE(october.ok());
    ASSERT_TRUE(s.SaveThread(*october, "v", ThreadResult{}).ok());
    ASSERT_TRUE(s.Begin().ok());
    ASSERT_TRUE(s.RebuildRollups({{thread->account_row_id, WibDay(kNov2)},
                                  {october->account_row_id, WibDay(october->post_created_unix)}})
                    .ok());
    ASSERT_TRUE(s.Commit().ok());
    for (auto [name, role, agency] :
         {std::tuple{"admin", "admin", ""}, std::tuple{"budi", "supervisor", "Diskominfo"},
          std::tuple{"sari", "trainee", ""}}) {
      User u;
      u.username = name;
      u.role = role;
      u.password_hash = *HashPassword("kata-sandi-" + std::string(name));
      if (*agency) u.agencies = {agency};
      ASSERT_TRUE(s.AddUser(u).ok());
    }
    ASSERT_TRUE(s.AssignTrainee("mastodon:kominfo", "sari").ok());
    opened->reset();

    ServerOptions o = DashboardHarness::Options(db_);
    ASSERT_NO_FATAL_FAILURE(harness_.Start(o));
  }
  void TearDown() override { harness_.Stop(); }

  static int64_t RowOf(Store& s, const std::string& post) {
    auto latest = s.LatestPosts({1, 2}, 100);
    EXPECT_TRUE(latest.ok());
    for (const PostRow& p : *latest) {
      if (p.text == (post == "p1"   ? std::string(kText)
                     : post == "p2" ? std::string("Rahasia Dinkes")
                                    : std::string("Info Oktober"))) {
        return p.row_id;
      }
    }
    ADD_FAILURE() << "no post " << post;
    return 0;
  }

  std::string Login(const std::string& user) { return harness_.Login(user, "kata-sandi-" + user); }
  httplib::Result Get(const std::string& path, const std::string& cookie) {
    return harness_.Get(path, cookie);
  }

  TempDir dir_;
  std::string db_;
  int64_t post_id_ = 0, other_id_ = 0, answer_row_ = 0;
  DashboardHarness harness_;
};

TEST_F(PostServerTest, ATraineeGets404ForAnotherAgencysPostLikeAMissingOne) {
  const std::string sari = Login("sari");
  ASSERT_FALSE(sari.empty());
  auto other = Get("/pos/" + std::to_string(other_id_), sari);
  auto missing = Get("/pos/999999", sari);
  ASSERT_TRUE(other && missing);
  EXPECT_EQ(other->status, 404);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(other->body, missing->body);  // nothing tells the two apart
  EXPECT_EQ(other->body.find("Rahasia"), std::string::npos);
  auto api = Get("/api/v1/posts/" + std::to_string(other_id_), sari);
  auto api_missing = Get("/api/v1/posts/999999", sari);
  ASSERT_TRUE(api && api_missing);
  EXPECT_EQ(api->status, 404);
  EXPECT_EQ(api->body, api_missing->body);
  EXPECT_EQ(api->body.find("Rahasia"), std::string::npos);
  // Ids that are not numbers, or overflow, are just as missing.
  auto huge = Get("/pos/99999999999999999999", sari);
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 404);
  EXPECT_EQ(huge->body, missing->body);
  // Logged out: the page asks for a login, the API says 401.
  auto anon = Get("/pos/" + std::to_string(post_id_), "");
  ASSERT_TRUE(anon);
  EXPECT_EQ(anon->status, 302);
  auto anon_api = Get("/api/v1/posts/" + std::to_string(post_id_), "");
  ASSERT_TRUE(anon_api);
  EXPECT_EQ(anon_api->status, 401);
  // The admin sees it.
  auto admin = Get("/pos/" + std::to_string(other_id_), Login("admin"));
  ASSERT_TRUE(admin);
  EXPECT_EQ(admin->status, 200);
  EXPECT_NE(admin->body.find("Rahasia Dinkes"), std::string::npos);
}

TEST_F(PostServerTest, ATraineeSeesHerPostWithMarksFindingsAndScore) {
  const std::string sari = Login("sari");
  auto page = Get("/pos/" + std::to_string(post_id_), sari);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  const std::string& b = page->body;
  // Findings are numbered in text order, longer first: the whole-text
  // suggestion (1) is outermost and the warning (2) nests in it.
  EXPECT_NE(b.find("<mark class=\"level-suggestion\" data-finding=\"1\">"
                   "<mark class=\"level-warning\" data-finding=\"2\">Dalam rangka</mark>"
                   "<sup class=\"marker\"><a href=\"#f2\">2</a>"),
            std::string::npos);
  EXPECT_NE(b.find("<mark class=\"level-error\" data-finding=\"3\">jam 8</mark>"),
            std::string::npos);
  EXPECT_NE(b.find("<span class=\"visually-hidden\"> Kesalahan</span>"), std::string::npos);
  // Hostile text inside a mark stays text.
  EXPECT_EQ(b.find("<script>window"), std::string::npos);
  EXPECT_NE(b.find("&lt;script&gt;window.__x=1&lt;/script&gt;"), std::string::npos);
  // The list: numbered, with level words, messages and suggestions in Indonesian.
  EXPECT_NE(b.find("<li id=\"f3\" class=\"level-error\" data-finding=\"3\">"), std::string::npos);
  EXPECT_NE(b.find("Pesan ID.WaktuTanpaZona"), std::string::npos);
  EXPECT_NE(b.find("Saran ID.WaktuTanpaZona"), std::string::npos);
  EXPECT_EQ(b.find("Message ID.WaktuTanpaZona"), std::string::npos);
  EXPECT_NE(b.find("data-testid=\"finding-text\">jam 8</bdi>"), std::string::npos);
  // Score and points per rule.
  EXPECT_NE(b.find("data-testid=\"clarity\"><strong>80</strong>"), std::string::npos);
  EXPECT_NE(b.find("<code>ID.WaktuTanpaZona</code></td><td>Kesalahan</td><td>1</td><td>−15"),
            std::string::npos);
  // The chart is SVG drawn on the server, without style attributes.
  EXPECT_NE(b.find("<svg class=\"chart\""), std::string::npos);
  EXPECT_NE(b.find("<polyline class=\"s-interactions\""), std::string::npos);
  EXPECT_EQ(b.find("style="), std::string::npos);
  // In English the messages switch language.
  auto en = Get("/pos/" + std::to_string(post_id_) + "?lang=en", sari);
  ASSERT_TRUE(en);
  EXPECT_NE(en->body.find("Message ID.WaktuTanpaZona"), std::string::npos);
  EXPECT_NE(en->body.find("Hint ID.WaktuTanpaZona"), std::string::npos);
  EXPECT_NE(en->body.find(">question</span>"), std::string::npos);
}

TEST_F(PostServerTest, RepliesShowLabelsWhoAnsweredAndHowFast) {
  const std::string budi = Login("budi");
  auto page = Get("/pos/" + std::to_string(post_id_), budi);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  const std::string& b = page->body;
  EXPECT_NE(b.find("data-testid=\"reply-label\">pertanyaan</span>"), std::string::npos);
  EXPECT_NE(b.find("data-testid=\"reply-label\">keluhan</span>"), std::string::npos);
  // Thread order: the answer follows its question, indented.
  const size_t q = b.find("Min, jam berapa buka?"), a = b.find("Buka</mark>"),
               k = b.find("Antrian lama sekali");
  ASSERT_NE(q, std::string::npos);
  ASSERT_NE(a, std::string::npos);
  ASSERT_NE(k, std::string::npos);
  EXPECT_LT(q, a);
  EXPECT_LT(a, k);
  EXPECT_NE(b.find("class=\"reply depth-1 agency\""), std::string::npos);
  // Who answered (a link to the reply) and how fast, wall clock and working hours.
  EXPECT_NE(b.find("Dijawab oleh <a href=\"#r" + std::to_string(answer_row_) + "\">"),
            std::string::npos);
  EXPECT_NE(b.find("<strong>1.5 jam</strong> (jam kerja: 1.0 jam)"), std::string::npos);
  EXPECT_NE(b.find("data-testid=\"outcome\">Belum dijawab."), std::string::npos);
  // Tone of the agency reply, with its finding marked in the reply.
  EXPECT_NE(b.find("Nada balasan: <strong>90 / 100</strong>"), std::string::npos);
  EXPECT_NE(b.find("<code>NADA.Sapaan</code>"), std::string::npos);
  // The hostile author and text are text.
  EXPECT_EQ(b.find("<svg onload"), std::string::npos);
  EXPECT_EQ(b.find("<img src=x"), std::string::npos);

  auto api = Get("/api/v1/posts/" + std::to_string(post_id_), budi);
  ASSERT_TRUE(api);
  ASSERT_EQ(api->status, 200);
  const std::string& j = api->body;
  EXPECT_NE(
      j.find("\"label\":\"pertanyaan\",\"question\":{\"answer_id\":" + std::to_string(answer_row_) +
             ",\"how\":\"direct\",\"response_s\":5400,\"business_response_s\":3600}"),
      std::string::npos);
  EXPECT_NE(j.find("\"tone\":{\"score\":90"), std::string::npos);
  EXPECT_NE(j.find("\"clarity\":{\"scored\":true,\"score\":80"), std::string::npos);
  EXPECT_NE(j.find("{\"rule\":\"ID.WaktuTanpaZona\",\"level\":\"error\",\"findings\":1,"
                   "\"points\":15}"),
            std::string::npos);
  EXPECT_NE(j.find("\"replies_total\":3"), std::string::npos);
  EXPECT_NE(j.find("\"metrics_total\":2"), std::string::npos);
}

TEST_F(PostServerTest, HomeLinksEachPostAndShowsTheMonthTrend) {
  const std::string sari = Login("sari");
  auto home = Get("/beranda?month=2026-11", sari);
  ASSERT_TRUE(home);
  ASSERT_EQ(home->status, 200);
  const std::string& b = home->body;
  EXPECT_NE(b.find("<a href=\"/pos/" + std::to_string(post_id_) + "\"><bdi>"), std::string::npos);
  EXPECT_EQ(b.find("/pos/" + std::to_string(other_id_) + "\""), std::string::npos);
  EXPECT_NE(b.find("data-testid=\"trend\""), std::string::npos);
  EXPECT_NE(b.find("November 2026 dibanding Oktober 2026"), std::string::npos);
  // November: one post scored 80, two questions of which one answered in
  // 90 minutes; October: one post scored 60, no questions.
  EXPECT_NE(b.find("<td><span class=\"value\">80.0</span><span class=\"trend better\">▲ "
                   "membaik</span></td><td>60.0</td>"),
            std::string::npos);
  EXPECT_NE(b.find("<td><span class=\"value\">1.5 jam</span></td><td>–</td>"), std::string::npos);
  EXPECT_NE(b.find("<td><span class=\"value\">50%</span></td><td>–</td>"), std::string::npos);
  // A bad month parameter falls back to the current month, no error.
  auto bad = Get("/beranda?month=2026-13", sari);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 200);
  // The posts API carries the row id the detail page takes.
  auto api = Get("/api/v1/posts", sari);
  ASSERT_TRUE(api);
  EXPECT_NE(api->body.find("{\"id\":" + std::to_string(post_id_) + ",\"account\""),
            std::string::npos);
}

TEST(PostQueriesTest, PeriodFiguresComeFromTheRollupsOfTheGivenAccountsOnly) {
  TempDir dir;
  auto opened = Store::Open(dir.File("f.db"));
  ASSERT_TRUE(opened.ok());
  Store& s = **opened;
  ASSERT_TRUE(s.Upsert(Account{Platform::kX, "1", "a", "A", "Diskominfo", 5}).ok());
  ASSERT_TRUE(s.Upsert(Account{Platform::kX, "2", "b", "B", "Dinkes", 5}).ok());
  auto pack = s.RegisterRulePack("p", "1");
  ASSERT_TRUE(pack.ok());
  int i = 0;
  for (auto [account, score] : {std::pair{"1", 70}, std::pair{"1", 90}, std::pair{"2", 10}}) {
    const std::string id = "p" + std::to_string(++i);
    ASSERT_TRUE(
        s.Upsert(Post{Platform::kX, id, account, At(kNov2 + i), "t", std::nullopt, {}, "id"}).ok());
  }
  auto posts = s.LatestPosts({1, 2}, 10);
  ASSERT_TRUE(posts.ok());
  for (const PostRow& p : *posts) {
    StoredScore sc;
    sc.post_row_id = p.row_id;
    sc.scored = true;
    sc.score = p.account == "x:b" ? 10 : (p.created_at == At(kNov2 + 1).text ? 70 : 90);
    ASSERT_TRUE(s.SaveScore(*pack, sc).ok());
  }
  // A newer pack's score replaces the older one for that post.
  auto pack2 = s.RegisterRulePack("p", "2");
  ASSERT_TRUE(pack2.ok());
  for (const PostRow& p : *posts) {
    if (p.created_at != At(kNov2 + 2).text) continue;
    StoredScore sc;
    sc.post_row_id = p.row_id;
    sc.scored = true;
    sc.score = 100;
    ASSERT_TRUE(s.SaveScore(*pack2, sc).ok());
  }
  // Before an analysis there are no rollups, so no figures yet.
  const int64_t day = WibDay(kNov2);
  auto early = AccountPeriodFigures(s, {1, 2}, day - 1, day + 1);
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(early->scored_posts, 0);
  // What `tanggap analyze` does for these threads: each keeps its post's
  // newest score, and the rollups of their days sum them.
  auto ids = s.ThreadsToAnalyze("v", true, 0, 100);
  ASSERT_TRUE(ids.ok());
  auto threads = s.LoadThreads(*ids);
  ASSERT_TRUE(threads.ok());
  std::vector<std::pair<int64_t, int64_t>> days;
  ASSERT_TRUE(s.Begin().ok());
  for (const StoredThread& t : *threads) {
    ASSERT_TRUE(s.SaveThread(t, "v", ThreadResult{}).ok());
    days.emplace_back(t.account_row_id, WibDay(t.post_created_unix));
  }
  ASSERT_TRUE(s.RebuildRollups(days).ok());
  ASSERT_TRUE(s.Commit().ok());
  auto f = AccountPeriodFigures(s, {1}, day - 1, day + 1);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->scored_posts, 2);
  ASSERT_TRUE(f->clarity_avg);
  EXPECT_DOUBLE_EQ(*f->clarity_avg, 85);  // (70 + 100) / 2
  EXPECT_FALSE(f->response_rate);         // no questions
  EXPECT_FALSE(f->median_first_response);
  auto none = AccountPeriodFigures(s, {1}, day + 1, day + 30);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->scored_posts, 0);
  EXPECT_FALSE(none->clarity_avg);
  auto both = AccountPeriodFigures(s, {1, 2}, day, day);
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->scored_posts, 3);
  EXPECT_NEAR(*both->clarity_avg, 60, 1e-9);  // (70 + 100 + 10) / 3
  // max_accounts reads only the first accounts.
  auto capped = AccountPeriodFigures(s, {2, 1}, day, day, 1);
  ASSERT_TRUE(capped.ok());
  EXPECT_EQ(capped->scored_posts, 1);
}

TEST_F(PostServerTest, RepliesAreBoundedAndTheRestCounted) {
  {
    auto opened = Store::Open(db_);
    ASSERT_TRUE(opened.ok());
    Store& s = **opened;
    ASSERT_TRUE(s.Begin().ok());
    for (int i = 0; i < 520; ++i) {
      const std::string n = std::to_string(i);
      ASSERT_TRUE(s.Upsert(Reply{Platform::kMastodon, std::string("bulk").append(n), "p1",
                                 std::nullopt, std::string("c").append(n), std::nullopt,
                                 At(kNov2 + 10000 + i), std::string("komentar ").append(n)})
                      .ok());
    }
    ASSERT_TRUE(s.Commit().ok());
  }
  auto page = Get("/pos/" + std::to_string(post_id_), Login("sari"));
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  size_t shown = 0;
  for (size_t at = page->body.find("data-testid=\"reply\""); at != std::string::npos;
       at = page->body.find("data-testid=\"reply\"", at + 1)) {
    ++shown;
  }
  EXPECT_EQ(shown, 500u);
  EXPECT_NE(page->body.find("Balasan (523)"), std::string::npos);
  EXPECT_NE(page->body.find("data-testid=\"more-replies\">Balasan lain yang tidak ditampilkan: 23"),
            std::string::npos);
}

}  // namespace
}  // namespace tanggap::dashboard
