// The Instagram adapter: the basic fixture scenario offline, an incremental
// run, real recorded Graph API answers, and bad input.
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
const std::string kUser = "17841463512345678";
const std::string kFixtures = std::string(TANGGAP_SOURCE_DIR) + "/tests/data/platforms/instagram/";
const std::string kReal = std::string(TANGGAP_SOURCE_DIR) + "/../shared/realdata/api/instagram/";

using testing::AnyContains;
using testing::Find;
using testing::Only;
using testing::ReadDataFile;
using testing::Unix;

AccountConfig Config(std::string base_url = "http://fake.test/v19.0") {
  return testing::MakeAccountConfig(Platform::kInstagram, kUser, std::move(base_url));
}

RunWindow FirstRun() { return testing::FirstRunAt(kNow); }

// Bodies answer a request under the Graph API root unless a test names another URL.
Result<Parsed> ParseBody(Adapter& adapter, const std::string& tag, std::string body,
                         long status = 200, std::string post_id = "",
                         std::string url = "http://fake.test/v19.0/x") {
  return testing::ParseBody(adapter, tag, std::move(body), status, std::move(post_id),
                            std::move(url));
}

std::string MediaId(int n) { return "1803456789010000" + std::to_string(n); }

TEST(InstagramAdapter, BasicScenarioOffline) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  ASSERT_NE(adapter, nullptr);
  EXPECT_EQ(adapter->Auth(), collector::AuthStyle::kAccessTokenParameter);
  auto run =
      testing::RunOffline(*adapter, testing::LoadRoutes(kFixtures + "basic"), "http://fake.test");
  EXPECT_TRUE(run.unmatched.empty()) << run.unmatched.front();
  EXPECT_TRUE(run.errors.empty()) << run.errors.front();
  // profile, media p1, comments x3, media p2, replies page 2, comments page 2, comments m4.
  ASSERT_EQ(run.urls.size(), 9u);
  for (const std::string& url : run.urls)
    EXPECT_EQ(url.find("access_token"), std::string::npos) << url;
  EXPECT_EQ(run.urls[0],
            "http://fake.test/v19.0/17841463512345678?fields=id%2Cusername%2Cname%2Cfollowers_"
            "count%2Cmedia_count");
  EXPECT_EQ(collector::QueryParameter(run.urls[1], "fields"),
            "id,caption,timestamp,like_count,comments_count,permalink,media_type,alt_text,"
            "children{media_type,alt_text}");
  EXPECT_EQ(collector::QueryParameter(run.urls[2], "limit"), "50");
  EXPECT_TRUE(AnyContains(run.urls, "/v19.0/17890000000000001/replies?"));
  EXPECT_FALSE(AnyContains(run.urls, "QVFIUmlnX21lZGlhMw"));  // stopped at the old media
  EXPECT_FALSE(AnyContains(run.urls, MediaId(5)));

  auto accounts = Only<Account>(run.records);
  ASSERT_EQ(accounts.size(), 1u);
  EXPECT_EQ(accounts[0].platform, Platform::kInstagram);
  EXPECT_EQ(accounts[0].id, kUser);
  EXPECT_EQ(accounts[0].handle, "diskominfo.pgk");
  EXPECT_EQ(accounts[0].name, "Diskominfo Kota Pangkalpinang");
  EXPECT_EQ(accounts[0].agency, "Diskominfo");
  EXPECT_EQ(accounts[0].followers, 12480);

  EXPECT_EQ(Only<Post>(run.records).size(), 4u);
  EXPECT_EQ(Only<Metrics>(run.records).size(), 4u);
  EXPECT_EQ(Only<Reply>(run.records).size(), 11u);
  EXPECT_EQ(run.newest_post_unix, Unix("2026-11-28T01:30:00Z"));

  auto m1 = Find<Post>(run.records, MediaId(1));
  ASSERT_TRUE(m1);
  EXPECT_EQ(m1->account, kUser);
  EXPECT_EQ(m1->created_at.text, "2026-11-28T01:30:00+00:00");
  EXPECT_EQ(m1->url, "https://www.instagram.com/p/DCkTpgK1a2b/");
  EXPECT_EQ(m1->text.rfind("📢 Jadwal perekaman e-KTP keliling pekan ini!", 0), 0u);
  ASSERT_EQ(m1->media.size(), 1u);
  EXPECT_EQ(m1->media[0].kind, "image");
  EXPECT_EQ(m1->media[0].alt,
            "Petugas Disdukcapil melayani perekaman e-KTP warga di Kelurahan Bukit Intan");
  EXPECT_EQ(m1->media[0].url, std::nullopt);

  auto m2 = Find<Post>(run.records, MediaId(2));
  ASSERT_TRUE(m2);
  ASSERT_EQ(m2->media.size(), 2u);  // the carousel's children
  EXPECT_EQ(m2->media[0].alt, "Peta tiga rute baru bus sekolah gratis Kota Pangkalpinang");
  EXPECT_EQ(m2->media[1].kind, "video");
  EXPECT_EQ(m2->media[1].alt, std::nullopt);
  auto m3 = Find<Post>(run.records, MediaId(3));
  ASSERT_TRUE(m3);
  ASSERT_EQ(m3->media.size(), 1u);
  EXPECT_EQ(m3->media[0].alt, std::nullopt);  // no alt_text at all
  auto m4 = Find<Post>(run.records, MediaId(4));
  ASSERT_TRUE(m4);
  EXPECT_EQ(m4->media[0].kind, "video");
  EXPECT_FALSE(Find<Post>(run.records, MediaId(5)));

  auto metrics = Find<Metrics>(run.records, MediaId(1));
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->at.text, "2026-11-30T00:00:00+00:00");
  EXPECT_EQ(metrics->at.unix_seconds, kNow);
  EXPECT_EQ(metrics->likes, 214);
  EXPECT_EQ(metrics->replies, 7);
  EXPECT_EQ(metrics->shares, std::nullopt);  // Instagram does not report shares here
  EXPECT_EQ(metrics->followers, 12480);

  auto question = Find<Reply>(run.records, "17890000000000001");
  ASSERT_TRUE(question);
  EXPECT_EQ(question->post, MediaId(1));
  EXPECT_EQ(question->parent, std::nullopt);
  EXPECT_EQ(question->author_id, "17841400000000101");
  EXPECT_EQ(question->author, "warga.bukitintan");
  EXPECT_EQ(question->created_at.text, "2026-11-28T02:05:00+00:00");
  EXPECT_EQ(question->text, "Min, kapan jadwal perekaman e-KTP keliling di Kelurahan Bukit Intan?");

  auto answer = Find<Reply>(run.records, "17890000000000011");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->author_id, kUser);  // the agency, by from.id
  EXPECT_EQ(answer->parent, "17890000000000001");
  EXPECT_TRUE(answer->text.ends_with("di Kantor Lurah 🙏"));

  auto complaint = Find<Reply>(run.records, "17890000000000002");
  ASSERT_TRUE(complaint);
  EXPECT_EQ(complaint->text,
            "Antrean di Disdukcapil kemarin lama banget 😡 <script>alert(1)</script>");

  auto by_username = Find<Reply>(run.records, "17890000000000013");  // replies page 2
  ASSERT_TRUE(by_username);
  EXPECT_EQ(by_username->author_id, kUser);  // no `from`, but the account's username
  EXPECT_EQ(by_username->author, "diskominfo.pgk");
  EXPECT_EQ(by_username->parent, "17890000000000001");
  auto from_url = Find<Reply>(run.records, "17890000000000014");
  ASSERT_TRUE(from_url);
  EXPECT_EQ(from_url->parent, "17890000000000001");  // no parent_id: taken from the URL

  auto thanks = Find<Reply>(run.records, "17890000000000003");
  ASSERT_TRUE(thanks);
  EXPECT_EQ(thanks->text, "Terima kasih Diskominfo — sangat membantu ✨");
  auto anonymous = Find<Reply>(run.records, "17890000000000004");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->author_id, "unknown:17890000000000004");
  EXPECT_EQ(anonymous->author, std::nullopt);
  EXPECT_TRUE(AnyContains(run.warnings, "1 comment(s) on media " + MediaId(1)));

  auto inline_answer = Find<Reply>(run.records, "17890000000000022");
  ASSERT_TRUE(inline_answer);
  EXPECT_EQ(inline_answer->post, MediaId(2));
  EXPECT_EQ(inline_answer->author_id, kUser);
  EXPECT_EQ(inline_answer->parent, "17890000000000021");
}

TEST(InstagramAdapter, IncrementalRunStopsAtTheRefreshWindow) {
  RunWindow w = FirstRun();
  w.newest_seen = Unix("2026-11-28T01:30:00Z") - 3600;
  auto adapter = MakeAdapter(Config(), w);
  auto run =
      testing::RunOffline(*adapter, testing::LoadRoutes(kFixtures + "basic"), "http://fake.test");
  EXPECT_TRUE(run.unmatched.empty());
  EXPECT_TRUE(run.errors.empty());
  // profile, media p1, comments of the two recent media, replies page 2, comments page 2.
  EXPECT_EQ(run.urls.size(), 6u);
  EXPECT_FALSE(AnyContains(run.urls, "after=QVFIUmlnX21lZGlhMg"));
  EXPECT_FALSE(AnyContains(run.urls, MediaId(3) + "/comments"));
  EXPECT_FALSE(AnyContains(run.urls, MediaId(4) + "/comments"));
  EXPECT_EQ(Only<Post>(run.records).size(), 2u);
  EXPECT_EQ(Only<Reply>(run.records).size(), 10u);
}

TEST(InstagramAdapter, ReplyPagesAreBounded) {
  RunWindow w = FirstRun();
  w.max_reply_pages = 1;
  auto adapter = MakeAdapter(Config(), w);
  auto run =
      testing::RunOffline(*adapter, testing::LoadRoutes(kFixtures + "basic"), "http://fake.test");
  EXPECT_TRUE(run.errors.empty());
  EXPECT_FALSE(AnyContains(run.urls, "/replies"));
  EXPECT_FALSE(AnyContains(run.urls, "QVFIUmlnX2NvbW1lbnRzMg"));
  EXPECT_EQ(Only<Reply>(run.records).size(), 7u);  // 4 of the first media's, 2, 1
}

// --- Real recorded Graph API answers (sns-sdks/python-facebook) ---

TEST(InstagramAdapterRealData, UserProfile) {
  auto adapter = MakeAdapter(Config("https://graph.facebook.com/v19.0"), FirstRun());
  auto parsed = ParseBody(*adapter, "profile", ReadDataFile(kReal + "users/user_fields.json"));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto accounts = Only<Account>(parsed->records);
  ASSERT_EQ(accounts.size(), 1u);
  EXPECT_EQ(accounts[0].id, "17841407673135339");
  EXPECT_EQ(accounts[0].handle, "facebookfordevelopers");
  EXPECT_EQ(accounts[0].name, "Facebook for Developers");
  EXPECT_EQ(accounts[0].followers, 64363);
  ASSERT_EQ(parsed->follow_ups.size(), 1u);
  EXPECT_EQ(parsed->follow_ups[0].tag, "media");
  EXPECT_EQ(testing::UrlPath(parsed->follow_ups[0].url), "/v19.0/17841407673135339/media");
}

TEST(InstagramAdapterRealData, MediaPages) {
  RunWindow w = testing::FirstRunAt(Unix("2021-08-20T00:00:00Z"));
  auto adapter = MakeAdapter(Config("https://graph.facebook.com/v19.0"), w);
  auto parsed = ParseBody(*adapter, "media", ReadDataFile(kReal + "users/medias_p1.json"));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto posts = Only<Post>(parsed->records);
  ASSERT_EQ(posts.size(), 2u);
  EXPECT_EQ(posts[0].id, "17895731045244887");
  EXPECT_EQ(posts[0].text, "");  // no caption
  EXPECT_EQ(posts[0].created_at.text, "2021-08-13T08:25:28+00:00");
  EXPECT_EQ(posts[1].url, "https://www.instagram.com/p/CSgdWACBeKr/");
  ASSERT_EQ(posts[1].media.size(), 1u);
  EXPECT_EQ(posts[1].media[0].kind, "image");
  EXPECT_EQ(posts[1].media[0].alt, std::nullopt);
  auto m = Find<Metrics>(parsed->records, "17896622936197745");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->likes, 2);
  EXPECT_EQ(m->replies, 6);
  ASSERT_EQ(parsed->follow_ups.size(), 3u);  // comments of both, then the next page
  EXPECT_EQ(parsed->follow_ups[0].tag, "comments");
  EXPECT_EQ(testing::UrlPath(parsed->follow_ups[0].url), "/v19.0/17895731045244887/comments");
  const Request& next = parsed->follow_ups[2];
  EXPECT_EQ(next.tag, "media");
  EXPECT_EQ(next.page, 2);
  EXPECT_EQ(next.url.find("access_token"), std::string::npos);
  EXPECT_EQ(next.url.rfind("https://graph.facebook.com/v6.0/17841406338772941/media?", 0), 0u);
  EXPECT_EQ(collector::QueryParameter(next.url, "after"), "after");

  // Page 2: a carousel inside the window, then a post older than it.
  auto last = ParseBody(*adapter, "media", ReadDataFile(kReal + "users/medias_p2.json"));
  ASSERT_TRUE(last.ok()) << last.status().ToString();
  auto album = Only<Post>(last->records);
  ASSERT_EQ(album.size(), 1u);
  EXPECT_EQ(album[0].id, "17896129349106152");
  EXPECT_EQ(album[0].text, "ALBUM");
  ASSERT_EQ(album[0].media.size(), 3u);
  EXPECT_EQ(album[0].media[2].kind, "video");
  ASSERT_EQ(last->follow_ups.size(), 1u);
  EXPECT_EQ(last->follow_ups[0].tag, "comments");
}

TEST(InstagramAdapterRealData, CommentsAndReplies) {
  auto adapter = MakeAdapter(Config("https://graph.facebook.com/v19.0"), FirstRun());
  auto first = ParseBody(*adapter, "comments", ReadDataFile(kReal + "medias/comments_p1.json"), 200,
                         "17846368219941692");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto replies = Only<Reply>(first->records);
  ASSERT_EQ(replies.size(), 2u);
  EXPECT_EQ(replies[0].id, "17858154961981086");
  EXPECT_EQ(replies[0].post, "17846368219941692");
  EXPECT_EQ(replies[0].text, "Beautiful!");
  EXPECT_EQ(replies[0].created_at.text, "2020-06-01T10:56:52+00:00");
  EXPECT_EQ(replies[0].author_id, "unknown:17858154961981086");  // fields not requested there
  ASSERT_EQ(first->follow_ups.size(), 1u);
  EXPECT_EQ(first->follow_ups[0].tag, "comments");
  EXPECT_EQ(first->follow_ups[0].page, 2);
  EXPECT_EQ(first->follow_ups[0].url.find("access_token"), std::string::npos);
  EXPECT_EQ(collector::QueryParameter(first->follow_ups[0].url, "after"), "after");

  auto second = ParseBody(*adapter, "comments", ReadDataFile(kReal + "medias/comments_p2.json"),
                          200, "17846368219941692");
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(Only<Reply>(second->records).size(), 2u);
  EXPECT_EQ(Only<Reply>(second->records)[0].text, "@ikroskun  Hey, guys");
  EXPECT_TRUE(second->follow_ups.empty());  // the last page has no paging

  // A replies page names its comment only in the URL.
  auto more = ParseBody(*adapter, "replies", ReadDataFile(kReal + "comments/replies.json"), 200,
                        "17846368219941692",
                        "https://graph.facebook.com/v11.0/17858154961981086/replies?limit=25");
  ASSERT_TRUE(more.ok()) << more.status().ToString();
  auto reply = Only<Reply>(more->records);
  ASSERT_EQ(reply.size(), 1u);
  EXPECT_EQ(reply[0].id, "17847314687296283");
  EXPECT_EQ(reply[0].parent, "17858154961981086");
  EXPECT_EQ(reply[0].text, "@lixiangguodu123 nihao");
}

TEST(InstagramAdapterRealData, KeyedLookupIsNotAList) {
  auto adapter = MakeAdapter(Config("https://graph.facebook.com/v19.0"), FirstRun());
  // ?ids= answers an object keyed by id; the comments tag wants a 'data' list.
  auto parsed =
      ParseBody(*adapter, "comments", ReadDataFile(kReal + "comments/comments_fields.json"), 200,
                "17846368219941692");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("instagram comments: the body has no 'data' list"),
            std::string::npos);
}

// --- Bad input ---

TEST(InstagramAdapterBadInput, UnreadableBodies) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  auto empty = ParseBody(*adapter, "media", "");
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("instagram media: the body is empty"), std::string::npos);
  auto truncated =
      ParseBody(*adapter, "comments", R"({"data":[{"id":"1","text":"Min, kap)", 200, "9");
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.status().code(), Status::Code::kInvalidArgument);
  auto array = ParseBody(*adapter, "profile", "[]");
  ASSERT_FALSE(array.ok());
  EXPECT_NE(array.status().message().find("not a JSON object"), std::string::npos);
  auto tag = ParseBody(*adapter, "posts", R"({"data":[]})");
  ASSERT_FALSE(tag.ok());
  EXPECT_NE(tag.status().message().find("unknown request tag"), std::string::npos);
}

TEST(InstagramAdapterBadInput, WrongTypes) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  auto likes = ParseBody(
      *adapter, "media",
      R"({"data":[{"id":"1","timestamp":"2026-11-20T00:00:00+0000","like_count":"banyak"}]})");
  ASSERT_FALSE(likes.ok());
  EXPECT_NE(likes.status().message().find("data[].like_count"), std::string::npos);
  auto children = ParseBody(*adapter, "media", R"({"data":[{"id":"1","children":[1,2]}]})");
  ASSERT_FALSE(children.ok());
  EXPECT_NE(children.status().message().find("children"), std::string::npos);
  auto replies =
      ParseBody(*adapter, "comments", R"({"data":[{"id":"1","replies":"none"}]})", 200, "9");
  ASSERT_FALSE(replies.ok());
  EXPECT_NE(replies.status().message().find("data[].replies"), std::string::npos);
  auto followers = ParseBody(*adapter, "profile", R"({"id":"5","followers_count":1.5})");
  ASSERT_FALSE(followers.ok());
  EXPECT_NE(followers.status().message().find("followers_count"), std::string::npos);
}

TEST(InstagramAdapterBadInput, RateLimitsAreBusy) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  auto buc = ParseBody(*adapter, "media", ReadDataFile(kFixtures + "errors/rate_limit.json"), 400);
  ASSERT_FALSE(buc.ok());
  EXPECT_EQ(buc.status().code(), Status::Code::kBusy);
  EXPECT_NE(buc.status().message().find("code 80002"), std::string::npos);
  auto app =
      ParseBody(*adapter, "replies", R"({"error":{"message":"(#4) limit","code":4}})", 403, "9");
  EXPECT_EQ(app.status().code(), Status::Code::kBusy);

  auto run =
      testing::RunOffline(*adapter, testing::LoadRoutes(kFixtures + "errors"), "http://fake.test");
  EXPECT_TRUE(run.unmatched.empty());
  ASSERT_EQ(run.errors.size(), 1u);
  EXPECT_NE(run.errors[0].find("rate limit is spent"), std::string::npos);
}

TEST(InstagramAdapterBadInput, DeletedMediaAndOtherFailures) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  auto gone = ParseBody(*adapter, "comments", ReadDataFile(kFixtures + "errors/media_gone.json"),
                        400, MediaId(9));
  ASSERT_TRUE(gone.ok()) << gone.status().ToString();
  EXPECT_TRUE(gone->records.empty());
  EXPECT_TRUE(AnyContains(gone->warnings, "gone or hidden"));

  auto personal =
      ParseBody(*adapter, "profile", ReadDataFile(kFixtures + "errors/not_business.json"), 400);
  ASSERT_FALSE(personal.ok());
  EXPECT_EQ(personal.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(personal.status().message().find("nonexisting field (followers_count)"),
            std::string::npos);

  auto html = ParseBody(*adapter, "media", "<html>Bad Gateway</html>", 502);
  ASSERT_FALSE(html.ok());
  EXPECT_NE(html.status().message().find("not a Graph API error"), std::string::npos);
}

TEST(InstagramAdapterBadInput, DeepNestingDoesNotRecurse) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  const size_t depth = 100000;
  std::string deep;
  for (size_t i = 0; i < depth; ++i) deep += R"({"a":)";
  deep += "1" + std::string(depth, '}');
  auto skipped = ParseBody(
      *adapter, "comments",
      R"({"data":[{"id":"1","timestamp":"2026-11-20T00:00:00+0000","x":)" + deep + "}]}", 200, "9");
  ASSERT_TRUE(skipped.ok()) << skipped.status().ToString();
  EXPECT_EQ(Only<Reply>(skipped->records).size(), 1u);
  auto replies = ParseBody(*adapter, "comments",
                           R"({"data":[{"id":"1","replies":{"data":)" + deep + "}}]}", 200, "9");
  ASSERT_FALSE(replies.ok());
}

}  // namespace
}  // namespace tanggap
