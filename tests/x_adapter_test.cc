#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "collector/adapter.h"
#include "collector/url.h"
#include "tests/platform_fixtures.h"

namespace tanggap::collector {
namespace {

constexpr int64_t kNow = 1795996800;  // 2026-11-30T00:00:00Z
const std::string kAccount = "1465302911380701184";
const std::string kP1 = "1994582200011010001";  // 2026-11-29, photo with alt text
const std::string kP2 = "1993497700022020002";  // 2026-11-26, quote post, lang und
const std::string kP3 = "1988420000033030003";  // 2026-11-12, photo without alt text
const std::string kP4 = "1985520000044040004";  // 2026-11-04
const std::string kP5 = "1980120000055050005";  // 2026-10-20, older than the backfill
const std::string kFixtures = std::string(TANGGAP_SOURCE_DIR) + "/tests/data/platforms/x/";
const std::string kReal = std::string(TANGGAP_SOURCE_DIR) + "/../shared/realdata/api/x/";

using testing::AnyContains;
using testing::Find;
using testing::Only;
using testing::ReadDataFile;

// Line `n` (0-based) of a JSON Lines file.
std::string ReadLine(const std::string& path, int n) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  for (int i = 0; i <= n; ++i) std::getline(in, line);
  return line;
}

AccountConfig Config() {
  return testing::MakeAccountConfig(Platform::kX, "diskominfo_pgk", "http://fake.test");
}

RunWindow FirstRun() { return testing::FirstRunAt(kNow); }

// Bodies answer a timeline request unless a test names another URL.
Result<Parsed> ParseWith(Adapter& adapter, const std::string& tag, const std::string& body,
                         long status = 200, const std::string& post_id = "",
                         const std::string& url = "http://fake.test/2/users/42/tweets") {
  return testing::ParseBody(adapter, tag, body, status, post_id, url);
}

TEST(XAdapter, BasicScenarioOffline) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  ASSERT_NE(adapter, nullptr);
  EXPECT_EQ(adapter->Auth(), AuthStyle::kBearerHeader);
  auto run =
      testing::RunOffline(*adapter, testing::LoadRoutes(kFixtures + "basic"), "http://fake.test");
  EXPECT_TRUE(run.unmatched.empty()) << run.unmatched.front();
  EXPECT_TRUE(run.errors.empty()) << run.errors.front();

  auto accounts = Only<Account>(run.records);
  auto posts = Only<Post>(run.records);
  auto replies = Only<Reply>(run.records);
  auto metrics = Only<Metrics>(run.records);
  ASSERT_EQ(accounts.size(), 1u);
  ASSERT_EQ(posts.size(), 4u);
  ASSERT_EQ(replies.size(), 5u);
  ASSERT_EQ(metrics.size(), 4u);

  EXPECT_EQ(accounts[0].platform, Platform::kX);
  EXPECT_EQ(accounts[0].id, kAccount);
  EXPECT_EQ(accounts[0].handle, "diskominfo_pgk");
  EXPECT_EQ(accounts[0].name, "Diskominfo Kota Pangkalpinang");
  EXPECT_EQ(accounts[0].agency, "Diskominfo");
  EXPECT_EQ(accounts[0].followers, 6200);

  const Post* p1 = Find(posts, kP1);
  ASSERT_NE(p1, nullptr);
  EXPECT_EQ(p1->account, kAccount);
  EXPECT_EQ(p1->created_at.text, "2026-11-29T02:00:00.000Z");
  EXPECT_EQ(p1->created_at.unix_seconds, 1795917600);
  EXPECT_EQ(p1->url, "https://x.com/diskominfo_pgk/status/" + kP1);
  EXPECT_EQ(p1->lang, "id");  // X writes "in"
  // "&amp;" in the API text is "&" in the post.
  EXPECT_NE(p1->text.find("Bawa fotokopi KK & surat pengantar RT."), std::string::npos);
  EXPECT_NE(p1->text.find("1\xE2\x80\x93"
                          "5 Desember 2026"),
            std::string::npos);
  ASSERT_EQ(p1->media.size(), 1u);
  EXPECT_EQ(p1->media[0].kind, "image");
  EXPECT_EQ(p1->media[0].url, "https://pbs.twimg.com/media/GdPgkEktpA1xQ.jpg");
  EXPECT_EQ(p1->media[0].alt,
            "Poster jadwal perekaman e-KTP keliling: tujuh kecamatan, 1\xE2\x80\x93"
            "5 Desember 2026, pukul 09.00\xE2\x80\x93"
            "14.00 WIB.");

  const Post* p2 = Find(posts, kP2);
  ASSERT_NE(p2, nullptr);             // a quote post is the account's own
  EXPECT_EQ(p2->lang, std::nullopt);  // "und"
  EXPECT_TRUE(p2->media.empty());
  const Post* p3 = Find(posts, kP3);
  ASSERT_NE(p3, nullptr);
  ASSERT_EQ(p3->media.size(), 1u);
  EXPECT_EQ(p3->media[0].alt, std::nullopt);
  const Post* p4 = Find(posts, kP4);
  ASSERT_NE(p4, nullptr);
  // A long post: the full text comes from note_tweet, not the cut `text`.
  EXPECT_TRUE(p4->text.ends_with(
      "datang ke kantor Bapenda, Jl. Merdeka No. 4, Senin\xE2\x80\x93Jumat pukul 08.00\xE2\x80\x93"
      "15.00 WIB."))
      << p4->text;
  EXPECT_EQ(p4->text.find("https://t.co/Pgk4NoteAb"), std::string::npos);
  EXPECT_EQ(Find(posts, kP5), nullptr);

  const Metrics* m1 = Find(metrics, kP1);
  ASSERT_NE(m1, nullptr);
  EXPECT_EQ(m1->platform, Platform::kX);
  EXPECT_EQ(m1->at.unix_seconds, kNow);
  EXPECT_EQ(m1->at.text, "2026-11-30T00:00:00+00:00");
  EXPECT_EQ(m1->likes, 52);
  EXPECT_EQ(m1->shares, 14);
  EXPECT_EQ(m1->replies, 3);
  EXPECT_EQ(m1->quotes, 2);
  EXPECT_EQ(m1->views, 4810);
  EXPECT_EQ(m1->followers, 6200);

  const Reply* question = Find(replies, "1994600000000000101");
  ASSERT_NE(question, nullptr);
  EXPECT_EQ(question->post, kP1);
  EXPECT_EQ(question->parent, std::nullopt);  // answers the post itself
  EXPECT_EQ(question->author_id, "1302200000000000011");
  EXPECT_EQ(question->author, "warga_gerunggang");
  EXPECT_EQ(question->created_at.unix_seconds, 1795921800);
  EXPECT_EQ(question->text,
            "@diskominfo_pgk Min, kapan jadwal perekaman e-KTP keliling di Gerunggang?");

  const Reply* answer = Find(replies, "1994610000000000102");
  ASSERT_NE(answer, nullptr);
  EXPECT_EQ(answer->parent, "1994600000000000101");
  EXPECT_EQ(answer->author_id, accounts[0].id);  // the agency answered
  EXPECT_EQ(answer->author, "diskominfo_pgk");

  const Reply* thanks = Find(replies, "1994620000000000103");
  ASSERT_NE(thanks, nullptr);
  EXPECT_EQ(thanks->parent, "1994610000000000102");  // a reply to the agency's reply
  EXPECT_EQ(thanks->text, "@diskominfo_pgk Siap, terima kasih Min \xF0\x9F\x99\x8F");

  // Second page of replies: escaped markup comes back as the literal text,
  // and an author X could not expand keeps its id but no handle.
  const Reply* complaint = Find(replies, "1994630000000000104");
  ASSERT_NE(complaint, nullptr);
  EXPECT_NE(complaint->text.find("3 jam <script>alert(1)</script> \xE2\x80\x94 tolong"),
            std::string::npos);
  EXPECT_EQ(complaint->author, "rina_tamansari");
  const Reply* orphan = Find(replies, "1994640000000000105");
  ASSERT_NE(orphan, nullptr);
  EXPECT_EQ(orphan->author_id, "1700000000000000555");
  EXPECT_EQ(orphan->author, std::nullopt);
  EXPECT_TRUE(AnyContains(run.warnings, "Not Found Error: Could not find user with author_id"));

  // Replies are searched only for posts of the last 7 days; P3 and P4 are in
  // the reply window but too old for search/recent: one warning says so.
  EXPECT_TRUE(AnyContains(run.urls, "conversation_id%3A" + kP1));
  EXPECT_TRUE(AnyContains(run.urls, "conversation_id%3A" + kP2));
  EXPECT_FALSE(AnyContains(run.urls, "conversation_id%3A" + kP3));
  EXPECT_FALSE(AnyContains(run.urls, "conversation_id%3A" + kP4));
  EXPECT_EQ(std::count_if(run.warnings.begin(), run.warnings.end(),
                          [](const std::string& w) {
                            return w.find("older than 7 days") != std::string::npos;
                          }),
            1);
  EXPECT_TRUE(AnyContains(run.warnings, "first: " + kP3));

  // Two timeline pages; the second one's next_token is not followed because
  // it reaches past the cutoff.
  EXPECT_TRUE(
      AnyContains(run.urls, "pagination_token=7140dibdnow9c7btw4b0lgxvvt0k5d3rjmsu3p3ol2ss0"));
  EXPECT_FALSE(AnyContains(run.urls, "7140dibdnow9c7btw4b0lh0a5kzdohb5xwu33mwbgk8gq"));
  EXPECT_TRUE(AnyContains(run.urls, "next_token=b26v89c19zqg8o3fpe17hodcqnm4zlsrqdvdcayh0dlml"));
  EXPECT_TRUE(AnyContains(run.urls, "exclude=retweets%2Creplies"));
  EXPECT_EQ(run.urls.size(), 6u);
  EXPECT_EQ(run.newest_post_unix, 1795917600);
}

TEST(XAdapter, IncrementalRunStopsAtRefreshWindow) {
  RunWindow w = FirstRun();
  w.newest_seen = 1795917600 - 3600;
  auto adapter = MakeAdapter(Config(), w);
  auto run =
      testing::RunOffline(*adapter, testing::LoadRoutes(kFixtures + "basic"), "http://fake.test");
  EXPECT_TRUE(run.unmatched.empty()) << run.unmatched.front();
  EXPECT_TRUE(run.errors.empty()) << run.errors.front();
  EXPECT_FALSE(AnyContains(run.urls, "pagination_token="));  // P3 on page 1 is past the cutoff
  auto posts = Only<Post>(run.records);
  ASSERT_EQ(posts.size(), 2u);
  EXPECT_EQ(posts[0].id, kP1);
  EXPECT_EQ(posts[1].id, kP2);
  EXPECT_EQ(Only<Reply>(run.records).size(), 5u);
  // P3 is outside the refresh window, so no 7-day warning either.
  EXPECT_FALSE(AnyContains(run.warnings, "older than 7 days"));
  EXPECT_EQ(run.urls.size(), 5u);
}

TEST(XAdapter, KnownIdIsLookedUpById) {
  AccountConfig a = Config();
  a.platform_id = kAccount;
  auto adapter = MakeAdapter(a, FirstRun());
  auto start = adapter->Start();
  ASSERT_EQ(start.size(), 1u);
  EXPECT_EQ(testing::UrlPath(start[0].url), "/2/users/" + kAccount);
  auto run =
      testing::RunOffline(*adapter, testing::LoadRoutes(kFixtures + "basic"), "http://fake.test");
  EXPECT_TRUE(run.unmatched.empty());
  EXPECT_EQ(Only<Post>(run.records).size(), 4u);

  a = Config();
  a.handle = "@diskominfo_pgk";
  EXPECT_EQ(testing::UrlPath(MakeAdapter(a, FirstRun())->Start()[0].url),
            "/2/users/by/username/diskominfo_pgk");
}

TEST(XAdapter, RealUserLookup) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  auto parsed =
      ParseWith(*adapter, "user", ReadDataFile(kReal + "python-twitter/user/user_resp.json"));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto accounts = Only<Account>(parsed->records);
  ASSERT_EQ(accounts.size(), 1u);
  EXPECT_EQ(accounts[0].id, "2244994945");
  EXPECT_EQ(accounts[0].handle, "TwitterDev");
  EXPECT_EQ(accounts[0].name, "Twitter Dev");
  EXPECT_EQ(accounts[0].followers, 514020);
  ASSERT_EQ(parsed->follow_ups.size(), 1u);
  EXPECT_EQ(parsed->follow_ups[0].tag, "tweets");
  EXPECT_EQ(testing::UrlPath(parsed->follow_ups[0].url), "/2/users/2244994945/tweets");
  EXPECT_EQ(QueryParameter(parsed->follow_ups[0].url, "exclude"), "retweets,replies");
  EXPECT_EQ(QueryParameter(parsed->follow_ups[0].url, "expansions"), "attachments.media_keys");

  // A list lookup is not a single user.
  auto list =
      ParseWith(*adapter, "user", ReadDataFile(kReal + "python-twitter/user/users_resp.json"));
  ASSERT_FALSE(list.ok());
  EXPECT_NE(list.status().message().find("field 'data' is not an object"), std::string::npos);
}

TEST(XAdapter, RealTimelineWithMetrics) {
  auto adapter = MakeAdapter(Config(), testing::FirstRunAt(1614124800));  // 2021-02-24T00:00:00Z
  auto parsed = ParseWith(*adapter, "tweets",
                          ReadDataFile(kReal + "python-twitter/timeline/timeline_tweets.json"), 200,
                          "", "http://fake.test/2/users/2244994945/tweets?max_results=100");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto posts = Only<Post>(parsed->records);
  auto metrics = Only<Metrics>(parsed->records);
  ASSERT_EQ(posts.size(), 5u);
  ASSERT_EQ(metrics.size(), 5u);
  EXPECT_EQ(posts[0].id, "1364275610764201984");
  EXPECT_EQ(posts[0].account, "2244994945");  // from the request path
  EXPECT_EQ(posts[0].created_at.text, "2021-02-23T18:07:07.000Z");
  EXPECT_EQ(posts[0].lang, std::nullopt);
  EXPECT_EQ(posts[0].text.rfind("If you're newly approved for the Academic Research", 0), 0u);
  EXPECT_EQ(metrics[0].likes, 37);
  EXPECT_EQ(metrics[0].shares, 10);
  EXPECT_EQ(metrics[0].replies, 2);
  EXPECT_EQ(metrics[0].quotes, 1);
  EXPECT_EQ(metrics[0].views, std::nullopt);  // no impression_count in 2021
  EXPECT_EQ(metrics[4].post, "1362439336910675970");
  EXPECT_EQ(metrics[4].likes, 74);
  EXPECT_EQ(parsed->newest_post_id, "1364275610764201984");

  int searches = 0;
  const Request* next = nullptr;
  for (const Request& r : parsed->follow_ups) {
    if (r.tag == "replies") ++searches;
    if (r.tag == "tweets") next = &r;
  }
  EXPECT_EQ(searches, 5);  // all within 7 days of now
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(next->page, 2);
  EXPECT_EQ(QueryParameter(next->url, "pagination_token"),
            "7140dibdnow9c7btw3w3itbygz8uu5pbs45oy6erjc2ls");
  EXPECT_EQ(QueryParameter(next->url, "max_results"), "100");
}

TEST(XAdapter, RealTimelineSkipsRetweetsAndRepliesAndWarnsOnErrors) {
  auto adapter = MakeAdapter(Config(), testing::FirstRunAt(1588723200));  // 2020-05-06T00:00:00Z
  auto parsed =
      ParseWith(*adapter, "tweets", ReadDataFile(kReal + "twarc-csv/users_id_tweets_page.json"),
                200, "", "http://fake.test/2/users/2351222345/tweets?max_results=100");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto posts = Only<Post>(parsed->records);
  // 100 entries: 34 retweets, 41 replies, 25 posts of its own.
  ASSERT_EQ(posts.size(), 25u);
  EXPECT_EQ(Find(posts, "1257786232978968578"), nullptr);  // "RT @frankgore: ..."
  EXPECT_EQ(Find(posts, "1252617764315041794"), nullptr);  // a reply (lang "in")
  EXPECT_EQ(posts[0].id, "1257712468362694663");
  EXPECT_EQ(parsed->newest_post_id, "1257712468362694663");
  const Post* photo = Find(posts, "1256945149231484928");
  ASSERT_NE(photo, nullptr);
  ASSERT_EQ(photo->media.size(), 1u);
  EXPECT_EQ(photo->media[0].kind, "image");
  EXPECT_EQ(photo->media[0].url, "https://pbs.twimg.com/media/EXGQ8XgXkAA5YQF.jpg");
  EXPECT_EQ(photo->media[0].alt, std::nullopt);
  EXPECT_EQ(photo->lang, "en");
  auto metrics = Only<Metrics>(parsed->records);
  EXPECT_EQ(Find(metrics, "1256945149231484928")->likes, 4);

  ASSERT_EQ(parsed->warnings.size(), 2u);
  EXPECT_EQ(parsed->warnings[0],
            "x tweets: Not Found Error: Could not find tweet with referenced_tweets.id: "
            "[1252320537600299008].");
  EXPECT_NE(parsed->warnings[1].find("older than 7 days"), std::string::npos);
  int searches = 0;
  bool next = false;
  for (const Request& r : parsed->follow_ups) {
    searches += r.tag == "replies";
    next = next || (r.tag == "tweets" && QueryParameter(r.url, "pagination_token") ==
                                             "7140dibdnow9c7btw3t3bne6afapt2a6nif3ncl044raq");
  }
  EXPECT_EQ(searches, 10);
  EXPECT_TRUE(next);
}

TEST(XAdapter, RealConversationSearch) {
  AccountConfig a = Config();
  a.platform_id = "17200003";
  auto adapter = MakeAdapter(a, FirstRun());
  const std::string post = "1275653067283759104";
  auto parsed = ParseWith(
      *adapter, "replies", ReadDataFile(kReal + "python-twitter/searches/search_tweets_query.json"),
      200, post, "http://fake.test/2/tweets/search/recent?query=conversation_id%3A" + post);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto replies = Only<Reply>(parsed->records);
  ASSERT_EQ(replies.size(), 3u);  // the post itself is among the results and skipped
  EXPECT_EQ(replies[0].id, "1276035977375477760");
  EXPECT_EQ(replies[0].post, post);
  EXPECT_EQ(replies[0].parent, std::nullopt);
  EXPECT_EQ(replies[0].author_id, "63046977");
  EXPECT_EQ(replies[0].author, "happycamper");
  EXPECT_EQ(replies[0].created_at.unix_seconds, 1593065659);
  EXPECT_EQ(replies[1].id, "1275882613572583424");
  EXPECT_EQ(replies[1].parent, "1273733248749690880");
  EXPECT_EQ(replies[1].author_id, "17200003");  // the account's own reply
  EXPECT_EQ(replies[1].author, "snowman");
  EXPECT_EQ(replies[1].text.find("has been \xF0\x9F\x94\xA5\xF0\x9F\x91\x8D. A simple"), 47u);
  EXPECT_EQ(replies[2].author, "jellybeanjones");
  EXPECT_EQ(replies[2].parent, std::nullopt);
  EXPECT_TRUE(parsed->follow_ups.empty());  // meta has no next_token
  EXPECT_TRUE(parsed->warnings.empty());
}

TEST(XAdapter, RealSearchPageFromOtherConversations) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  // A #brexit search: every result has its own conversation, none is a
  // reply in this post's thread.
  auto parsed = ParseWith(*adapter, "replies", ReadLine(kReal + "twarc-csv/brexit.jsonl", 0), 200,
                          "1440716895355764743",
                          "http://fake.test/2/tweets/search/recent?query=x&max_results=100");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  for (const Reply& r : Only<Reply>(parsed->records)) {
    EXPECT_EQ(r.post, "1440716895355764743");
    EXPECT_NE(r.id, "1440716895355764743");
  }
  EXPECT_TRUE(AnyContains(parsed->warnings, "from another conversation"));
  ASSERT_EQ(parsed->follow_ups.size(), 1u);
  EXPECT_EQ(QueryParameter(parsed->follow_ups[0].url, "next_token"),
            "b26v89c19zqg8o3fpds60ssjif02fq74br3502of8hmrh");
  EXPECT_EQ(QueryParameter(parsed->follow_ups[0].url, "query"), "x");
}

TEST(XAdapter, RateLimitIsBusy) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  const std::string body = ReadDataFile(kFixtures + "errors/too_many_requests.json");
  for (const char* tag : {"user", "tweets", "replies"}) {
    auto parsed = ParseWith(*adapter, tag, body, 429);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.status().code(), Status::Code::kBusy) << tag;
    EXPECT_NE(parsed.status().message().find("Too Many Requests"), std::string::npos);
  }
  EXPECT_EQ(ParseWith(*adapter, "tweets", "", 429).status().code(), Status::Code::kBusy);
  const std::string capped =
      R"({"title":"UsageCapExceeded","detail":"Usage cap exceeded: Monthly product cap",)"
      R"("type":"https://api.twitter.com/2/problems/usage-capped","period":"Monthly","scope":"Product"})";
  EXPECT_EQ(ParseWith(*adapter, "tweets", capped, 403).status().code(), Status::Code::kBusy);

  // The errors scenario: the timeline request is rate-limited.
  AccountConfig a = Config();
  a.platform_id = kAccount;
  // The profile comes from the basic scenario, the rest from errors/.
  std::vector<testing::Route> routes;
  for (const testing::Route& r : testing::LoadRoutes(kFixtures + "basic")) {
    if (r.path == "/2/users/" + kAccount) routes.push_back(r);
  }
  ASSERT_EQ(routes.size(), 1u);
  auto errors = testing::LoadRoutes(kFixtures + "errors");
  routes.insert(routes.end(), errors.begin(), errors.end());
  auto run = testing::RunOffline(*MakeAdapter(a, FirstRun()), routes, "http://fake.test");
  EXPECT_TRUE(run.unmatched.empty());
  ASSERT_EQ(run.errors.size(), 1u);
  EXPECT_EQ(run.errors[0].rfind("tweets: x tweets: HTTP 429 Too Many Requests", 0), 0u)
      << run.errors[0];
  EXPECT_NE(run.errors[0].find("1795997700"), std::string::npos);  // x-rate-limit-reset
}

TEST(XAdapter, ErrorBodies) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  auto missing =
      ParseWith(*adapter, "user", ReadDataFile(kFixtures + "errors/user_not_found.json"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_NE(missing.status().message().find("Could not find user with username: [akun_tidak_ada]"),
            std::string::npos);

  auto refused =
      ParseWith(*adapter, "user", ReadDataFile(kFixtures + "errors/unauthorized.json"), 401);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("bearer token"), std::string::npos);

  auto forbidden = ParseWith(
      *adapter, "replies",
      R"({"client_id":"1","reason":"client-not-enrolled","title":"Client Forbidden",)"
      R"("detail":"This request must be made using an approved developer account.",)"
      R"("type":"https://api.twitter.com/2/problems/client-forbidden","required_enrollment":"Appropriate Level of API Access"})",
      403);
  EXPECT_EQ(forbidden.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(forbidden.status().message().find("Client Forbidden"), std::string::npos);

  auto gone = ParseWith(*adapter, "tweets", R"({"title":"Not Found"})", 404);
  EXPECT_EQ(gone.status().code(), Status::Code::kNotFound);

  auto invalid = ParseWith(
      *adapter, "tweets",
      R"({"errors":[{"parameters":{"pagination_token":["zzz"]},"message":"bad token"}],)"
      R"("title":"Invalid Request","detail":"One or more parameters to your request was invalid.",)"
      R"("type":"https://api.twitter.com/2/problems/invalid-request"})",
      400);
  EXPECT_EQ(invalid.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(invalid.status().message().find("Invalid Request"), std::string::npos);

  // Only errors[] on a 200, and they are not "not found".
  auto odd = ParseWith(*adapter, "tweets",
                       R"({"errors":[{"title":"Authorization Error","detail":"protected"}]})");
  EXPECT_EQ(odd.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(odd.status().message().find("Authorization Error: protected"), std::string::npos);

  // An empty page is fine.
  auto empty = ParseWith(*adapter, "tweets", R"({"meta":{"result_count":0}})");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->records.empty());
  EXPECT_TRUE(empty->follow_ups.empty());
  EXPECT_EQ(empty->newest_post_unix, std::nullopt);
}

TEST(XAdapter, BadBodies) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  struct Case {
    const char* tag;
    std::string body;
    const char* expect;
  } cases[] = {
      {"tweets", "", "the body is empty"},
      {"user", R"({"data":{"id":"1","name":"x)", "not valid JSON"},
      {"replies", R"({"data":[{"id":"1","text":"a"},)", "not valid JSON"},
      {"tweets", R"([{"id":"1"}])", "the body is not a JSON object"},
      {"tweets", R"({"data":{"id":"1"}})", "field 'data' is not an array"},
      {"tweets", R"({"data":[{"id":1}]})", "field 'id' is not a string"},
      {"tweets", R"({"data":[{"id":"1","public_metrics":{"like_count":"12"}}]})",
       "field 'public_metrics.like_count' is not a count"},
      {"tweets", R"({"data":[{"id":"1","public_metrics":{"like_count":-1}}]})",
       "field 'public_metrics.like_count' is not a count"},
      {"tweets", R"({"data":[{"id":"1","public_metrics":{"like_count":1.5}}]})",
       "field 'public_metrics.like_count' is not a count"},
      {"tweets", R"({"data":[{"id":"1","referenced_tweets":{"type":"quoted"}}]})",
       "field 'referenced_tweets' is not an array"},
      {"tweets", R"({"data":[],"includes":{"media":[{"alt_text":5}]}})",
       "field 'alt_text' is not a string"},
      {"replies", R"({"data":[],"includes":{"users":"none"}})",
       "field 'includes.users' is not an array"},
      {"replies", R"({"data":[],"meta":{"next_token":true}})",
       "field 'meta.next_token' is not a string"},
      {"user", R"({"data":{"public_metrics":{"followers_count":"6200"}}})",
       "field 'public_metrics.followers_count' is not a count"},
      {"user", R"({"data":{"name":"tanpa id"}})", "the user has no 'data.id'"},
  };
  for (const Case& c : cases) {
    auto parsed = ParseWith(*adapter, c.tag, c.body);
    ASSERT_FALSE(parsed.ok()) << c.tag << " " << c.body;
    EXPECT_EQ(parsed.status().code(), Status::Code::kInvalidArgument);
    const std::string msg = parsed.status().message();
    EXPECT_EQ(msg.rfind(std::string("x ") + c.tag + ": ", 0), 0u) << msg;
    EXPECT_NE(msg.find(c.expect), std::string::npos) << msg;
    EXPECT_NE(msg.find("X API v2"), std::string::npos) << msg;
  }
  auto unknown = ParseWith(*adapter, "timeline", "{}");
  EXPECT_EQ(unknown.status().code(), Status::Code::kInvalidArgument);
}

TEST(XAdapter, LanguageCodesAndEscapes) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  auto parsed = ParseWith(
      *adapter, "tweets",
      R"({"data":[)"
      R"({"id":"5","created_at":"2026-11-29T05:00:00.000Z","lang":"in","text":"a &amp;lt; b &lt;i&gt; &amp;amp"},)"
      R"({"id":"4","created_at":"2026-11-29T04:00:00.000Z","lang":"qme","text":"x"},)"
      R"({"id":"3","created_at":"2026-11-29T03:00:00.000Z","lang":"zxx","text":"x"},)"
      R"({"id":"2","created_at":"2026-11-29T02:00:00.000Z","lang":"en-gb","text":"&unknown;"},)"
      R"({"id":"1","created_at":"2026-11-29T01:00:00.000Z","text":"tanpa lang"}]})");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto posts = Only<Post>(parsed->records);
  ASSERT_EQ(posts.size(), 5u);
  EXPECT_EQ(posts[0].lang, "id");
  EXPECT_EQ(posts[0].text, "a &lt; b <i> &amp");
  EXPECT_EQ(posts[1].lang, std::nullopt);
  EXPECT_EQ(posts[2].lang, std::nullopt);
  EXPECT_EQ(posts[3].lang, "en-gb");
  EXPECT_EQ(posts[3].text, "&unknown;");
  EXPECT_EQ(posts[4].lang, std::nullopt);
  EXPECT_EQ(posts[0].url, "https://x.com/diskominfo_pgk/status/5");
  EXPECT_EQ(posts[0].account, "42");  // from the request path: no profile parsed yet
}

TEST(XAdapter, IncompleteEntriesAreSkippedOrKeptWithWarnings) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  auto parsed = ParseWith(
      *adapter, "replies",
      R"({"data":[{"id":"9","text":"tanpa waktu","author_id":"7"},)"
      R"({"id":"8","created_at":"2026-11-29T01:00:00.000Z","text":"tanpa penulis"},)"
      R"({"id":"6","created_at":"2026-11-29T01:00:00.000Z","author_id":"7",)"
      R"("conversation_id":"100","text":"RT @x: y",)"
      R"("referenced_tweets":[{"type":"retweeted","id":"3"}]},)"
      R"({"id":"5","created_at":"2026-11-29T01:00:00.000Z","author_id":"7",)"
      R"("conversation_id":"100","text":"ok",)"
      R"("referenced_tweets":[{"type":"quoted","id":"3"},{"type":"replied_to","id":"4"}]}]})",
      200, "100");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto replies = Only<Reply>(parsed->records);
  ASSERT_EQ(replies.size(), 2u);  // 9 has no time, 6 is a retweet
  EXPECT_EQ(replies[0].id, "8");
  EXPECT_EQ(replies[0].author_id, "unknown:8");  // kept, but never the agency
  EXPECT_EQ(replies[0].author, std::nullopt);
  EXPECT_EQ(replies[0].parent, std::nullopt);
  EXPECT_EQ(replies[1].id, "5");
  EXPECT_EQ(replies[1].author_id, "7");
  EXPECT_EQ(replies[1].parent, "4");
  EXPECT_EQ(replies[1].post, "100");
  ASSERT_EQ(parsed->warnings.size(), 2u);
  EXPECT_NE(parsed->warnings[0].find("(9); skipped"), std::string::npos);
  EXPECT_NE(parsed->warnings[1].find("1 reply(ies) without author_id"), std::string::npos);
}

TEST(XAdapter, RateLimitHeaderWarnsAndPageBoundsStopPaging) {
  RunWindow w = FirstRun();
  w.max_reply_pages = 2;
  w.max_post_pages = 1;
  auto adapter = MakeAdapter(Config(), w);
  Response resp{200,
                R"({"meta":{"result_count":0,"next_token":"abc"}})",
                {{"x-rate-limit-remaining", "0"}, {"x-rate-limit-reset", "1795997700"}}};
  auto first = adapter->Parse(
      Request{"http://fake.test/2/tweets/search/recent?query=conversation_id%3A1&next_token=old",
              "replies", "1", 1},
      resp);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->follow_ups.size(), 1u);
  EXPECT_EQ(first->follow_ups[0].url,
            "http://fake.test/2/tweets/search/recent?query=conversation_id%3A1&next_token=abc");
  EXPECT_EQ(first->follow_ups[0].post_id, "1");
  ASSERT_EQ(first->warnings.size(), 1u);
  EXPECT_NE(first->warnings[0].find("1795997700"), std::string::npos);

  auto last =
      adapter->Parse(Request{"http://fake.test/2/tweets/search/recent?q", "replies", "1", 2}, resp);
  ASSERT_TRUE(last.ok());
  EXPECT_TRUE(last->follow_ups.empty());
  auto posts = adapter->Parse(Request{"http://fake.test/2/users/1/tweets", "tweets", "", 1}, resp);
  ASSERT_TRUE(posts.ok());
  EXPECT_TRUE(posts->follow_ups.empty());  // max_post_pages = 1
}

TEST(XAdapter, DeepNestingDoesNotCrash) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  const size_t depth = 100000;
  std::string deep = R"({"data":)" + std::string(depth, '[') + std::string(depth, ']') + "}";
  auto parsed = ParseWith(*adapter, "tweets", deep);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), Status::Code::kInvalidArgument);
  std::string objects;
  for (size_t i = 0; i < depth; ++i) objects += R"({"a":)";
  objects += "1" + std::string(depth, '}');
  auto skipped = ParseWith(*adapter, "replies", R"({"meta":)" + objects + R"(,"data":[]})");
  ASSERT_TRUE(skipped.ok()) << skipped.status().ToString();
  EXPECT_TRUE(skipped->records.empty());
}

}  // namespace
}  // namespace tanggap::collector
