// The Facebook Pages adapter: the basic fixture scenario offline, an
// incremental run, real recorded Graph API answers, and bad input.
#include <gtest/gtest.h>

#include "collector/adapter.h"
#include "tests/platform_fixtures.h"

namespace tanggap {
namespace {

using collector::AccountConfig;
using collector::Adapter;
using collector::MakeAdapter;
using collector::Parsed;
using collector::Request;
using collector::Response;
using collector::RunWindow;

constexpr int64_t kNow = 1795996800;  // 2026-11-30T00:00:00Z
constexpr int64_t kDay = 86400;
const std::string kPage = "104233741234567";
const std::string kFixtures = std::string(TANGGAP_SOURCE_DIR) + "/tests/data/platforms/facebook/";
const std::string kReal = std::string(TANGGAP_SOURCE_DIR) + "/../shared/realdata/api/facebook/";

using testing::AnyContains;
using testing::Find;
using testing::Only;
using testing::ReadDataFile;
using testing::Unix;

AccountConfig Config(std::string base_url = "http://fake.test/v19.0") {
  return testing::MakeAccountConfig(Platform::kFacebook, kPage, std::move(base_url));
}

RunWindow FirstRun() { return testing::FirstRunAt(kNow); }

// The last record of type T with this id (posts are emitted again when their
// photos' alt text arrives).
template <typename T>
std::optional<T> Last(const std::vector<Record>& records, const std::string& id) {
  std::optional<T> found;
  for (const T& t : Only<T>(records)) {
    if (t.id == id) found = t;
  }
  return found;
}

// Bodies answer a request under the Graph API root unless a test names another URL.
Result<Parsed> ParseBody(Adapter& adapter, const std::string& tag, std::string body,
                         long status = 200, std::string post_id = "",
                         std::string url = "http://fake.test/v19.0/x") {
  return testing::ParseBody(adapter, tag, std::move(body), status, std::move(post_id),
                            std::move(url));
}

std::string PostId(int n) { return kPage + "_81234567890100" + std::to_string(n); }
std::string CommentId(int post, const std::string& n) {
  return "81234567890100" + std::to_string(post) + "_" + n;
}

TEST(FacebookAdapter, BasicScenarioOffline) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  ASSERT_NE(adapter, nullptr);
  EXPECT_EQ(adapter->Auth(), collector::AuthStyle::kAccessTokenParameter);
  auto run =
      testing::RunOffline(*adapter, testing::LoadRoutes(kFixtures + "basic"), "http://fake.test");
  EXPECT_TRUE(run.unmatched.empty()) << run.unmatched.front();
  EXPECT_TRUE(run.errors.empty()) << run.errors.front();
  // profile, posts p1, photo_alt, comments x3, posts p2, comments p1 page 2, comments p4.
  ASSERT_EQ(run.urls.size(), 9u);
  for (const std::string& url : run.urls)
    EXPECT_EQ(url.find("access_token"), std::string::npos) << url;
  EXPECT_EQ(run.urls[0],
            "http://fake.test/v19.0/104233741234567?fields=id%2Cname%2Cusername%2Cfollowers_count%"
            "2Cfan_count");
  EXPECT_EQ(collector::QueryParameter(run.urls[1], "limit"), "25");
  EXPECT_TRUE(AnyContains(run.urls, "after=QVFIUmZAGcGxTNEtQbHVfc2Vjb25kX3BhZ2UZD"));
  EXPECT_FALSE(AnyContains(run.urls, "QVFIUmZAGcGxTNEtQbHVfdGhpcmQZD"));  // stopped at the old post
  EXPECT_FALSE(AnyContains(run.urls, PostId(5)));

  auto accounts = Only<Account>(run.records);
  ASSERT_EQ(accounts.size(), 1u);
  EXPECT_EQ(accounts[0].platform, Platform::kFacebook);
  EXPECT_EQ(accounts[0].id, kPage);
  EXPECT_EQ(accounts[0].handle, "diskominfopgk");
  EXPECT_EQ(accounts[0].name, "Diskominfo Kota Pangkalpinang");
  EXPECT_EQ(accounts[0].agency, "Diskominfo");
  EXPECT_EQ(accounts[0].followers, 15230);  // followers_count preferred over fan_count

  // Four posts in the window, the first emitted again with its alt text.
  EXPECT_EQ(Only<Post>(run.records).size(), 5u);
  EXPECT_EQ(Only<Metrics>(run.records).size(), 4u);
  EXPECT_EQ(Only<Reply>(run.records).size(), 9u);
  EXPECT_EQ(run.newest_post_unix, Unix("2026-11-28T02:00:00Z"));

  auto p1 = Last<Post>(run.records, PostId(1));
  ASSERT_TRUE(p1);
  EXPECT_EQ(p1->account, kPage);
  EXPECT_EQ(p1->created_at.text, "2026-11-28T02:00:00+00:00");
  EXPECT_EQ(p1->created_at.unix_seconds, Unix("2026-11-28T02:00:00Z"));
  EXPECT_EQ(p1->url, "https://www.facebook.com/104233741234567/posts/812345678901001/");
  EXPECT_EQ(p1->text.rfind("📢 Jadwal perekaman e-KTP keliling", 0), 0u);
  ASSERT_EQ(p1->media.size(), 2u);  // the album's two photos
  EXPECT_EQ(p1->media[0].kind, "image");
  EXPECT_EQ(p1->media[0].alt,
            "Petugas Disdukcapil merekam sidik jari seorang warga lansia di Kantor Kelurahan "
            "Bukit Intan");
  EXPECT_EQ(p1->media[1].alt, std::nullopt);
  EXPECT_EQ(p1->media[0].url->rfind("https://scontent.xx.fbcdn.net/", 0), 0u);
  // The first emission, before the lookup, did not know the alt text.
  EXPECT_EQ(Only<Post>(run.records)[0].media[0].alt, std::nullopt);

  auto p2 = Last<Post>(run.records, PostId(2));
  ASSERT_TRUE(p2);
  ASSERT_EQ(p2->media.size(), 1u);
  EXPECT_EQ(p2->media[0].alt, std::nullopt);  // alt_text_custom "" is no alt text
  EXPECT_NE(p2->text.find("Semabung Lama–Bukit Intan"), std::string::npos);
  auto p3 = Last<Post>(run.records, PostId(3));
  ASSERT_TRUE(p3);
  EXPECT_TRUE(p3->media.empty());
  auto p4 = Last<Post>(run.records, PostId(4));
  ASSERT_TRUE(p4);
  ASSERT_EQ(p4->media.size(), 1u);
  EXPECT_EQ(p4->media[0].kind, "video");
  EXPECT_NE(p4->media[0].url->find("812345678900600_n.mp4"), std::string::npos);
  EXPECT_FALSE(Last<Post>(run.records, PostId(5)));  // older than the backfill

  auto m1 = Find<Metrics>(run.records, PostId(1));
  ASSERT_TRUE(m1);
  EXPECT_EQ(m1->at.text, "2026-11-30T00:00:00+00:00");
  EXPECT_EQ(m1->at.unix_seconds, kNow);
  EXPECT_EQ(m1->likes, 152);
  EXPECT_EQ(m1->shares, 12);
  EXPECT_EQ(m1->replies, 6);
  EXPECT_EQ(m1->followers, 15230);
  EXPECT_EQ(m1->views, std::nullopt);
  EXPECT_EQ(m1->quotes, std::nullopt);
  auto m2 = Find<Metrics>(run.records, PostId(2));
  ASSERT_TRUE(m2);
  EXPECT_EQ(m2->shares, 0);  // `shares` is left out when nobody shared
  EXPECT_EQ(m2->likes, 87);

  auto question = Last<Reply>(run.records, CommentId(1, "1100000000000001"));
  ASSERT_TRUE(question);
  EXPECT_EQ(question->post, PostId(1));
  EXPECT_EQ(question->parent, std::nullopt);
  EXPECT_EQ(question->author_id, "100087654321001");
  EXPECT_EQ(question->author, "Rina Marlina");
  EXPECT_EQ(question->created_at.text, "2026-11-28T02:40:11+00:00");
  EXPECT_EQ(question->text, "Min, kapan jadwal perekaman e-KTP keliling di Kecamatan Gerunggang?");

  auto complaint = Last<Reply>(run.records, CommentId(1, "1100000000000002"));
  ASSERT_TRUE(complaint);
  // Escaped as \ud83d\ude24 in the body; kept as text, never interpreted.
  EXPECT_EQ(complaint->text,
            "Pelayanan di kantor kelurahan lambat sekali, antre dari pagi belum dipanggil 😤 "
            "<script>alert(1)</script>");

  auto answer = Last<Reply>(run.records, CommentId(1, "1100000000000003"));
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->author_id, kPage);  // the agency's own reply
  EXPECT_EQ(answer->parent, CommentId(1, "1100000000000001"));
  EXPECT_NE(answer->text.find("08.00–12.00 WIB"), std::string::npos);

  auto follow_up = Last<Reply>(run.records, CommentId(1, "1100000000000004"));
  ASSERT_TRUE(follow_up);
  EXPECT_EQ(follow_up->parent, CommentId(1, "1100000000000003"));  // a reply to a reply
  auto second_answer = Last<Reply>(run.records, CommentId(1, "1100000000000006"));
  ASSERT_TRUE(second_answer);
  EXPECT_EQ(second_answer->author_id, kPage);
  EXPECT_EQ(second_answer->parent, CommentId(1, "1100000000000004"));

  auto hidden = Last<Reply>(run.records, CommentId(1, "1100000000000005"));
  ASSERT_TRUE(hidden);
  EXPECT_EQ(hidden->author_id, "unknown:" + CommentId(1, "1100000000000005"));
  EXPECT_EQ(hidden->author, std::nullopt);
  EXPECT_EQ(hidden->text, "Terima kasih Diskominfo — infonya “sangat membantu” ✨");
  EXPECT_TRUE(
      AnyContains(run.warnings, "1 comment(s) on post " + PostId(1) + " came without 'from'"));

  auto old_question = Last<Reply>(run.records, CommentId(4, "1400000000000001"));
  ASSERT_TRUE(old_question);
  EXPECT_EQ(old_question->post, PostId(4));
}

TEST(FacebookAdapter, IncrementalRunStopsAtTheRefreshWindow) {
  RunWindow w = FirstRun();
  w.newest_seen = Unix("2026-11-28T02:00:00Z") - 3600;
  auto adapter = MakeAdapter(Config(), w);
  auto run =
      testing::RunOffline(*adapter, testing::LoadRoutes(kFixtures + "basic"), "http://fake.test");
  EXPECT_TRUE(run.unmatched.empty());
  EXPECT_TRUE(run.errors.empty());
  // profile, posts p1, photo_alt, comments of the two recent posts (one over two pages).
  EXPECT_EQ(run.urls.size(), 6u);
  EXPECT_FALSE(AnyContains(run.urls, "after=QVFIUmZAGcGxTNEtQbHVfc2Vjb25kX3BhZ2UZD"));
  EXPECT_FALSE(AnyContains(run.urls, PostId(3) + "/comments"));
  EXPECT_FALSE(AnyContains(run.urls, PostId(4) + "/comments"));
  EXPECT_TRUE(AnyContains(run.urls, PostId(2) + "/comments"));
  EXPECT_EQ(Only<Metrics>(run.records).size(), 2u);
  EXPECT_FALSE(Last<Post>(run.records, PostId(3)));  // beyond the refresh window
  EXPECT_EQ(Only<Reply>(run.records).size(), 8u);
}

TEST(FacebookAdapter, PageBoundsHold) {
  RunWindow w = FirstRun();
  w.max_post_pages = 1;
  w.max_reply_pages = 1;
  auto adapter = MakeAdapter(Config(), w);
  auto run =
      testing::RunOffline(*adapter, testing::LoadRoutes(kFixtures + "basic"), "http://fake.test");
  EXPECT_TRUE(run.errors.empty());
  EXPECT_FALSE(AnyContains(run.urls, "after="));
  EXPECT_EQ(Only<Metrics>(run.records).size(), 3u);
  EXPECT_EQ(Only<Reply>(run.records).size(), 5u);  // 3 of the first post's, 2 of the second's
}

TEST(FacebookAdapter, KnownPlatformIdStillFetchesTheProfile) {
  AccountConfig a = Config();
  a.handle = "diskominfopgk";
  a.platform_id = kPage;
  auto adapter = MakeAdapter(a, FirstRun());
  auto start = adapter->Start();
  ASSERT_EQ(start.size(), 1u);
  EXPECT_EQ(start[0].tag, "profile");
  EXPECT_EQ(testing::UrlPath(start[0].url), "/v19.0/" + kPage);
}

TEST(FacebookAdapter, EmptyHandlePlansNothing) {
  AccountConfig a = Config();
  a.handle.clear();
  EXPECT_TRUE(MakeAdapter(a, FirstRun())->Start().empty());
}

// --- Real recorded Graph API answers (sns-sdks/python-facebook) ---

TEST(FacebookAdapterRealData, PageProfileFallsBackToFanCount) {
  auto adapter = MakeAdapter(Config("https://graph.facebook.com/v19.0"), FirstRun());
  auto parsed =
      ParseBody(*adapter, "profile", ReadDataFile(kReal + "pages/single_default_page.json"));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto accounts = Only<Account>(parsed->records);
  ASSERT_EQ(accounts.size(), 1u);
  EXPECT_EQ(accounts[0].id, "20531316728");
  EXPECT_EQ(accounts[0].handle, "facebookapp");
  EXPECT_EQ(accounts[0].name, "Facebook");
  EXPECT_EQ(accounts[0].followers, 214507731);  // no followers_count: fan_count
  ASSERT_EQ(parsed->follow_ups.size(), 1u);
  EXPECT_EQ(parsed->follow_ups[0].tag, "posts");
  EXPECT_EQ(testing::UrlPath(parsed->follow_ups[0].url), "/v19.0/20531316728/published_posts");
}

TEST(FacebookAdapterRealData, FeedWithAttachmentsAndCounts) {
  RunWindow w = testing::FirstRunAt(Unix("2021-07-12T00:00:00Z"), 90 * kDay);
  auto adapter = MakeAdapter(Config("https://graph.facebook.com/v19.0"), w);
  auto parsed =
      ParseBody(*adapter, "posts", ReadDataFile(kReal + "posts/feeds_default_fields_p1.json"));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto posts = Only<Post>(parsed->records);
  ASSERT_EQ(posts.size(), 5u);
  EXPECT_EQ(posts[0].id, "19292868552_10158349356748553");
  EXPECT_EQ(posts[0].created_at.text, "2021-07-09T19:09:52+00:00");
  EXPECT_EQ(posts[0].url, "https://www.facebook.com/19292868552/posts/10158349356748553/");
  EXPECT_EQ(posts[0].text.rfind("Singaporean logistics company Ninja Van", 0), 0u);
  ASSERT_EQ(posts[0].media.size(), 1u);
  EXPECT_EQ(posts[0].media[0].kind, "image");
  EXPECT_EQ(posts[0].media[0].alt, std::nullopt);
  EXPECT_TRUE(posts[1].media.empty());  // a link share is not the page's media
  EXPECT_NE(posts[1].text.find("everyone’s internet use"), std::string::npos);  // \u2019
  ASSERT_EQ(posts[4].media.size(), 1u);
  EXPECT_EQ(posts[4].media[0].kind, "video");
  auto m = Find<Metrics>(parsed->records, "19292868552_10158349356748553");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->likes, 125);
  EXPECT_EQ(m->shares, 10);
  EXPECT_EQ(m->replies, 13);
  EXPECT_EQ(parsed->newest_post_unix, Unix("2021-07-09T19:09:52Z"));
  EXPECT_EQ(parsed->newest_post_id, "19292868552_10158349356748553");

  // photo ids for alt text, comments of all five, and the next page.
  ASSERT_EQ(parsed->follow_ups.size(), 7u);
  EXPECT_EQ(parsed->follow_ups[0].tag, "photo_alt");
  EXPECT_EQ(collector::QueryParameter(parsed->follow_ups[0].url, "ids"),
            "10158349355013553,10158345714153553,10158343840368553");
  EXPECT_EQ(parsed->follow_ups[1].tag, "comments");
  EXPECT_EQ(parsed->follow_ups[1].post_id, "19292868552_10158349356748553");
  EXPECT_EQ(collector::QueryParameter(parsed->follow_ups[1].url, "filter"), "stream");
  EXPECT_EQ(collector::QueryParameter(parsed->follow_ups[1].url, "order"), "chronological");
  const Request& next = parsed->follow_ups[6];
  EXPECT_EQ(next.tag, "posts");
  EXPECT_EQ(next.page, 2);
  EXPECT_EQ(next.url.find("access_token"), std::string::npos);
  EXPECT_EQ(next.url.rfind("https://graph.facebook.com/v10.0/19292868552/feed?", 0), 0u);
  EXPECT_EQ(collector::QueryParameter(next.url, "after"), "after");

  auto last =
      ParseBody(*adapter, "posts", ReadDataFile(kReal + "posts/feeds_default_fields_p2.json"));
  ASSERT_TRUE(last.ok()) << last.status().ToString();
  EXPECT_EQ(Only<Post>(last->records).size(), 5u);
  for (const Request& r : last->follow_ups) EXPECT_NE(r.tag, "posts");  // no paging.next
  auto m2 = Find<Metrics>(last->records, "19292868552_10158316421783553");
  ASSERT_TRUE(m2);
  EXPECT_EQ(m2->likes, 26959);
  EXPECT_EQ(m2->shares, 183);
  EXPECT_EQ(m2->replies, 82);
}

TEST(FacebookAdapterRealData, TimeBasedPagingIsFollowedWithoutTheToken) {
  RunWindow w = testing::FirstRunAt(Unix("2021-07-05T00:00:00Z"));
  auto adapter = MakeAdapter(Config("https://graph.facebook.com/v19.0"), w);
  auto parsed = ParseBody(*adapter, "posts", ReadDataFile(kReal + "posts/feed_fields_p1.json"));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto posts = Only<Post>(parsed->records);
  ASSERT_EQ(posts.size(), 5u);
  EXPECT_EQ(posts[0].id, "4_10113477241177441");
  EXPECT_EQ(posts[0].text, "Happy July 4th! 🇺🇸");
  EXPECT_EQ(posts[0].url, std::nullopt);
  auto m = Find<Metrics>(parsed->records, "4_10113477241177441");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->likes, std::nullopt);  // not asked for in that recording
  EXPECT_EQ(m->replies, std::nullopt);
  const Request& next = parsed->follow_ups.back();
  EXPECT_EQ(next.tag, "posts");
  EXPECT_EQ(collector::QueryParameter(next.url, "until"), "1624385168");
  EXPECT_EQ(collector::QueryParameter(next.url, "__paging_token"), "__paging_token");
  EXPECT_EQ(next.url.find("access_token"), std::string::npos);
}

TEST(FacebookAdapterRealData, FlattenedCommentsGetIdsAndParentsFromPermalinks) {
  auto adapter = MakeAdapter(Config("https://graph.facebook.com/v19.0"), FirstRun());
  const std::string post = "19292868552_10158407654328553";
  auto parsed =
      ParseBody(*adapter, "comments", ReadDataFile(kReal + "comments/comments_p1.json"), 200, post);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto replies = Only<Reply>(parsed->records);
  ASSERT_EQ(replies.size(), 10u);
  EXPECT_EQ(replies[0].id, "10158407654328553_10158407835073553");
  EXPECT_EQ(replies[0].post, post);
  EXPECT_EQ(replies[0].parent, std::nullopt);
  EXPECT_EQ(replies[0].created_at.text, "2021-08-10T18:45:03+00:00");
  EXPECT_EQ(replies[0].author_id, "unknown:10158407654328553_10158407835073553");
  // "Hi, please access the Instagram Help Center..." answers the second comment.
  EXPECT_EQ(replies[5].id, "10158407654328553_10158409983033553");
  EXPECT_EQ(replies[5].parent, "10158407654328553_10158407903973553");
  EXPECT_EQ(replies[5].text.rfind("Hi, please access the Instagram Help Center", 0), 0u);
  EXPECT_EQ(replies[7].parent, "10158407654328553_10158407835073553");
  EXPECT_TRUE(replies[1].text.ends_with("livelihood 😕 Facebook for Developers"));
  EXPECT_TRUE(AnyContains(parsed->warnings, "10 comment(s)"));
  ASSERT_EQ(parsed->follow_ups.size(), 1u);
  EXPECT_EQ(parsed->follow_ups[0].tag, "comments");
  EXPECT_EQ(parsed->follow_ups[0].post_id, post);
  EXPECT_EQ(parsed->follow_ups[0].page, 2);
  EXPECT_EQ(parsed->follow_ups[0].url.find("access_token"), std::string::npos);
  EXPECT_EQ(collector::QueryParameter(parsed->follow_ups[0].url, "after"), "after");

  auto last =
      ParseBody(*adapter, "comments", ReadDataFile(kReal + "comments/comments_p2.json"), 200, post);
  ASSERT_TRUE(last.ok()) << last.status().ToString();
  auto more = Only<Reply>(last->records);
  ASSERT_EQ(more.size(), 5u);
  EXPECT_EQ(more[1].parent, "10158407654328553_10158412899928553");
  EXPECT_EQ(more[4].text, "Mantap halo....");
  EXPECT_TRUE(last->follow_ups.empty());  // only paging.previous
}

TEST(FacebookAdapterRealData, MultiIdLookupIsAnObjectKeyedById) {
  auto adapter = MakeAdapter(Config("https://graph.facebook.com/v19.0"), FirstRun());
  // Keyed by post id, with nested comments and reactions to skip: nothing of
  // it is a photo this run asked about.
  auto parsed =
      ParseBody(*adapter, "photo_alt", ReadDataFile(kReal + "posts/multi_posts_data.json"), 200, "",
                "https://graph.facebook.com/v19.0/?ids=19292868552_10158347294088553");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_TRUE(parsed->records.empty());
  EXPECT_TRUE(parsed->warnings.empty());
}

TEST(FacebookAdapterRealData, ErrorEnvelopes) {
  auto adapter = MakeAdapter(Config("https://graph.facebook.com/v19.0"), FirstRun());
  auto permission = ParseBody(*adapter, "posts", ReadDataFile(kReal + "error.json"), 400);
  ASSERT_FALSE(permission.ok());
  EXPECT_EQ(permission.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(permission.status().message().find("code 100"), std::string::npos);
  EXPECT_NE(permission.status().message().find("Pages Public Content Access"), std::string::npos);

  auto missing = ParseBody(*adapter, "profile", ReadDataFile(kReal + "error_data.json"), 400);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_NE(missing.status().message().find("facebook profile: page '104233741234567'"),
            std::string::npos);
}

// --- Bad input ---

TEST(FacebookAdapterBadInput, UnreadableBodies) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  auto empty = ParseBody(*adapter, "posts", "");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(empty.status().message().find("facebook posts: the body is empty"), std::string::npos);

  auto truncated = ParseBody(*adapter, "posts", R"({"data":[{"id":"1_2","message":"hal)");
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.status().code(), Status::Code::kInvalidArgument);

  auto array = ParseBody(*adapter, "profile", R"([{"id":"1"}])");
  ASSERT_FALSE(array.ok());
  EXPECT_NE(array.status().message().find("not a JSON object"), std::string::npos);

  auto trailing = ParseBody(*adapter, "comments", R"({"data":[]} {"data":[]})", 200, "1_2");
  ASSERT_FALSE(trailing.ok());
  EXPECT_NE(trailing.status().message().find("after the JSON object"), std::string::npos);

  auto tag = ParseBody(*adapter, "videos", R"({"data":[]})");
  ASSERT_FALSE(tag.ok());
  EXPECT_NE(tag.status().message().find("unknown request tag"), std::string::npos);
}

TEST(FacebookAdapterBadInput, WrongTypes) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  auto data_object = ParseBody(*adapter, "posts", R"({"data":{"id":"1_2"}})");
  ASSERT_FALSE(data_object.ok());
  EXPECT_NE(data_object.status().message().find("'data' has the wrong JSON type"),
            std::string::npos);

  auto numeric_id = ParseBody(*adapter, "posts", R"({"data":[{"id":12}]})");
  ASSERT_FALSE(numeric_id.ok());
  EXPECT_NE(numeric_id.status().message().find("data[].id"), std::string::npos);

  auto bad_count = ParseBody(
      *adapter, "posts",
      R"({"data":[{"id":"1_2","created_time":"2026-11-20T00:00:00+0000","shares":{"count":"many"}}]})");
  ASSERT_FALSE(bad_count.ok());
  EXPECT_NE(bad_count.status().message().find("data[].shares"), std::string::npos);

  auto negative = ParseBody(
      *adapter, "posts",
      R"({"data":[{"id":"1_2","created_time":"2026-11-20T00:00:00+0000","shares":{"count":-3}}]})");
  ASSERT_FALSE(negative.ok());
  EXPECT_NE(negative.status().message().find("negative"), std::string::npos);

  auto from_string = ParseBody(
      *adapter, "comments",
      R"({"data":[{"id":"2_3","created_time":"2026-11-20T00:00:00+0000","from":"Rina"}]})", 200,
      "1_2");
  ASSERT_FALSE(from_string.ok());
  EXPECT_NE(from_string.status().message().find("data[].from"), std::string::npos);

  auto no_id = ParseBody(*adapter, "profile", R"({"name":"Diskominfo"})");
  ASSERT_FALSE(no_id.ok());
  EXPECT_NE(no_id.status().message().find("no usable 'id'"), std::string::npos);
}

TEST(FacebookAdapterBadInput, RecordsWithoutIdOrTimeAreSkippedWithAWarning) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  auto parsed =
      ParseBody(*adapter, "posts",
                R"({"data":[{"id":"1_2","created_time":"yesterday"},)"
                R"({"message":"no id","created_time":"2026-11-20T00:00:00+0000"},)"
                R"({"id":"1_3","created_time":"2026-11-20T00:00:00+0000","message":null}]})");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto posts = Only<Post>(parsed->records);
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0].id, "1_3");
  EXPECT_EQ(posts[0].text, "");
  EXPECT_EQ(parsed->warnings.size(), 2u);
}

TEST(FacebookAdapterBadInput, RateLimitsAreBusy) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  for (const char* file : {"rate_limit.json", "buc_rate_limit.json"}) {
    auto parsed =
        ParseBody(*adapter, "comments", ReadDataFile(kFixtures + "errors/" + file), 400, "1_2");
    ASSERT_FALSE(parsed.ok()) << file;
    EXPECT_EQ(parsed.status().code(), Status::Code::kBusy) << file;
    EXPECT_NE(parsed.status().message().find("rate limit"), std::string::npos);
  }
  // An error object in a 200 body counts the same.
  auto in_200 = ParseBody(*adapter, "posts",
                          R"({"error":{"message":"(#4) Application request limit reached",)"
                          R"("type":"OAuthException","code":4,"fbtrace_id":"x"}})");
  ASSERT_FALSE(in_200.ok());
  EXPECT_EQ(in_200.status().code(), Status::Code::kBusy);
  auto subcode = ParseBody(*adapter, "posts",
                           R"({"error":{"message":"User request limit reached","code":17,)"
                           R"("error_subcode":2446079}})",
                           400);
  EXPECT_EQ(subcode.status().code(), Status::Code::kBusy);
  auto code613 = ParseBody(*adapter, "profile", R"({"error":{"code":613}})", 400);
  EXPECT_EQ(code613.status().code(), Status::Code::kBusy);
  auto plain_429 = ParseBody(*adapter, "posts", "Too Many Requests", 429);
  EXPECT_EQ(plain_429.status().code(), Status::Code::kBusy);
}

TEST(FacebookAdapterBadInput, RateLimitedScenarioEndsWithOneError) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  auto run =
      testing::RunOffline(*adapter, testing::LoadRoutes(kFixtures + "errors"), "http://fake.test");
  EXPECT_TRUE(run.unmatched.empty());
  ASSERT_EQ(run.errors.size(), 1u);
  EXPECT_EQ(run.errors[0].rfind("posts: facebook posts: the Graph API rate limit is spent", 0), 0u)
      << run.errors[0];
  EXPECT_EQ(Only<Account>(run.records).size(), 1u);
  EXPECT_TRUE(Only<Post>(run.records).empty());
}

TEST(FacebookAdapterBadInput, DeletedPostAndOtherFailures) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  auto gone = ParseBody(*adapter, "comments", ReadDataFile(kFixtures + "errors/post_gone.json"),
                        400, "104233741234567_812345678901009");
  ASSERT_TRUE(gone.ok()) << gone.status().ToString();
  EXPECT_TRUE(gone->records.empty());
  ASSERT_EQ(gone->warnings.size(), 1u);
  EXPECT_NE(gone->warnings[0].find("is gone or hidden"), std::string::npos);

  auto not_found =
      ParseBody(*adapter, "comments", R"({"error":{"message":"Not Found"}})", 404, "1_2");
  ASSERT_TRUE(not_found.ok());
  EXPECT_TRUE(not_found->records.empty());

  auto token =
      ParseBody(*adapter, "posts", ReadDataFile(kFixtures + "errors/token_expired.json"), 400);
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(token.status().message().find("renew the token"), std::string::npos);

  auto html = ParseBody(*adapter, "posts", "<html><body>502 Bad Gateway</body></html>", 502);
  ASSERT_FALSE(html.ok());
  EXPECT_NE(html.status().message().find("not a Graph API error"), std::string::npos);

  // Secrets a message might echo are not repeated.
  auto secret =
      ParseBody(*adapter, "posts",
                R"({"error":{"message":"bad url ?access_token=EAAsecret123","code":1}})", 400);
  ASSERT_FALSE(secret.ok());
  EXPECT_EQ(secret.status().message().find("EAAsecret123"), std::string::npos);
  EXPECT_NE(secret.status().message().find("access_token=REDACTED"), std::string::npos);

  // A failed alt-text lookup only costs the alt text.
  auto alt =
      ParseBody(*adapter, "photo_alt", R"({"error":{"message":"(#10) denied","code":10}})", 400);
  ASSERT_TRUE(alt.ok());
  EXPECT_TRUE(alt->records.empty());
  ASSERT_EQ(alt->warnings.size(), 1u);
  EXPECT_NE(alt->warnings[0].find("alt text stays unknown"), std::string::npos);
  auto alt_array = ParseBody(*adapter, "photo_alt", "[]");
  ASSERT_TRUE(alt_array.ok());
  EXPECT_EQ(alt_array->warnings.size(), 1u);
  auto alt_busy = ParseBody(*adapter, "photo_alt", R"({"error":{"code":32}})", 400);
  EXPECT_EQ(alt_busy.status().code(), Status::Code::kBusy);
}

TEST(FacebookAdapterBadInput, ForeignPagingHostIsNotFollowed) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  auto parsed = ParseBody(
      *adapter, "comments",
      R"({"data":[{"id":"2_3","created_time":"2026-11-20T00:00:00+0000","message":"hai"}],)"
      R"("paging":{"next":"https://evil.example/v19.0/1_2/comments?access_token=T&after=x"}})",
      200, "1_2");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_TRUE(parsed->follow_ups.empty());
  EXPECT_TRUE(AnyContains(parsed->warnings, "not followed"));
  EXPECT_EQ(Only<Reply>(parsed->records).size(), 1u);
}

TEST(FacebookAdapterBadInput, DeepNestingDoesNotRecurse) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  const size_t depth = 100000;
  std::string deep = std::string(depth, '[') + std::string(depth, ']');
  // Deep inside a field nobody reads: skipped.
  auto skipped = ParseBody(
      *adapter, "posts",
      R"({"data":[{"id":"1_2","created_time":"2026-11-20T00:00:00+0000","extra":)" + deep + "}]}");
  ASSERT_TRUE(skipped.ok()) << skipped.status().ToString();
  EXPECT_EQ(Only<Post>(skipped->records).size(), 1u);
  // Deep where an object is expected: a type error.
  auto rejected =
      ParseBody(*adapter, "posts", R"({"data":[{"id":"1_2","attachments":)" + deep + "}]}");
  ASSERT_FALSE(rejected.ok());
  EXPECT_NE(rejected.status().message().find("attachments"), std::string::npos);
  auto data_deep = ParseBody(*adapter, "comments", R"({"data":)" + deep + "}", 200, "1_2");
  ASSERT_FALSE(data_deep.ok());
}

TEST(FacebookAdapterBadInput, UsageHeadersNearTheLimitWarn) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  Request req{"http://fake.test/v19.0/1_2/comments", "comments", "1_2", 1};
  Response resp = testing::MakeResponse(R"({"data":[]})");
  resp.headers = {{"x-business-use-case-usage",
                   R"({"104233741234567":[{"type":"pages","call_count":95,"total_cputime":10,)"
                   R"("total_time":12,"estimated_time_to_regain_access":0}]})"}};
  auto parsed = adapter->Parse(req, resp);
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed->warnings.size(), 1u);
  EXPECT_NE(parsed->warnings[0].find("usage at 95%"), std::string::npos);
  resp.headers = {{"x-page-usage", R"({"call_count":1e300,"total_time":-5})"}};
  parsed = adapter->Parse(req, resp);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->warnings.size(), 1u);  // absurd numbers are clamped, not undefined
  resp.headers = {{"x-app-usage", R"({"call_count":12,"total_time":3,"total_cputime":2})"},
                  {"x-page-usage", "not json"}};
  parsed = adapter->Parse(req, resp);
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->warnings.empty());
}

}  // namespace
}  // namespace tanggap
