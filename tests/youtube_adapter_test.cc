#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "collector/adapter.h"
#include "collector/url.h"
#include "tests/platform_fixtures.h"

namespace tanggap::collector {
namespace {

constexpr int64_t kNow = 1795996800;  // 2026-11-30T00:00:00Z
constexpr int64_t kDay = 86400;
const std::string kChannel = "UCpgkDiskominfoKota2026A";
const std::string kFixtures = std::string(TANGGAP_SOURCE_DIR) + "/tests/data/platforms/youtube/";
const std::string kReal = std::string(TANGGAP_SOURCE_DIR) + "/../shared/realdata/api/youtube/";

using testing::AnyContains;
using testing::Find;
using testing::MakeResponse;
using testing::Only;
using testing::ParseBody;
using testing::ReadDataFile;

AccountConfig Config() {
  return testing::MakeAccountConfig(Platform::kYouTube, "@diskominfopgk", "http://fake.test");
}

RunWindow FirstRun() { return testing::FirstRunAt(kNow); }

TEST(YouTubeAdapter, BasicScenarioOffline) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  ASSERT_NE(adapter, nullptr);
  EXPECT_EQ(adapter->Auth(), AuthStyle::kKeyParameter);
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
  ASSERT_EQ(replies.size(), 9u);
  ASSERT_EQ(metrics.size(), 4u);

  EXPECT_EQ(accounts[0].platform, Platform::kYouTube);
  EXPECT_EQ(accounts[0].id, kChannel);
  EXPECT_EQ(accounts[0].handle, "@diskominfopgk");
  EXPECT_EQ(accounts[0].name, "Diskominfo Kota Pangkalpinang");
  EXPECT_EQ(accounts[0].agency, "Diskominfo");
  EXPECT_EQ(accounts[0].followers, 3100);

  const Post* v1 = Find(posts, "pGkEktp2911");
  ASSERT_NE(v1, nullptr);
  EXPECT_EQ(v1->account, kChannel);
  EXPECT_EQ(v1->created_at.text, "2026-11-29T02:00:00Z");
  EXPECT_EQ(v1->created_at.unix_seconds, 1795917600);
  EXPECT_EQ(v1->text.substr(0, v1->text.find("\n\n")),
            "Jadwal Perekaman e-KTP Keliling Desember 2026 \xF0\x9F\xAA\xAA");
  EXPECT_NE(v1->text.find("\n\nDisdukcapil Kota Pangkalpinang membuka"), std::string::npos);
  EXPECT_EQ(v1->url, "https://www.youtube.com/watch?v=pGkEktp2911");
  EXPECT_EQ(v1->lang, "id");
  ASSERT_EQ(v1->media.size(), 1u);
  EXPECT_EQ(v1->media[0].kind, "video");
  EXPECT_EQ(v1->media[0].alt, std::nullopt);
  EXPECT_EQ(v1->media[0].url, "https://i.ytimg.com/vi/pGkEktp2911/maxresdefault.jpg");

  const Post* v2 = Find(posts, "pGkBanjir26");
  ASSERT_NE(v2, nullptr);
  EXPECT_EQ(v2->text, "Siaga Banjir: Titik Pengungsian di Pangkalpinang");  // empty description
  EXPECT_EQ(v2->lang, "id");  // defaultLanguage, no defaultAudioLanguage
  EXPECT_EQ(v2->media[0].url, "https://i.ytimg.com/vi/pGkBanjir26/hqdefault.jpg");
  const Post* v3 = Find(posts, "pGkJalan121");
  ASSERT_NE(v3, nullptr);
  EXPECT_EQ(v3->lang, std::nullopt);
  EXPECT_NE(Find(posts, "pGkPajak045"), nullptr);
  EXPECT_EQ(Find(posts, "pGkHut10200"), nullptr);  // older than the backfill

  const Metrics* m1 = Find(metrics, "pGkEktp2911");
  ASSERT_NE(m1, nullptr);
  EXPECT_EQ(m1->platform, Platform::kYouTube);
  EXPECT_EQ(m1->at.unix_seconds, kNow);
  EXPECT_EQ(m1->at.text, "2026-11-30T00:00:00+00:00");
  EXPECT_EQ(m1->likes, 87);
  EXPECT_EQ(m1->views, 1520);
  EXPECT_EQ(m1->replies, 6);
  EXPECT_EQ(m1->shares, std::nullopt);
  EXPECT_EQ(m1->quotes, std::nullopt);
  EXPECT_EQ(m1->followers, 3100);
  const Metrics* m2 = Find(metrics, "pGkBanjir26");
  ASSERT_NE(m2, nullptr);
  EXPECT_EQ(m2->likes, std::nullopt);  // likes hidden: no likeCount
  EXPECT_EQ(m2->replies, std::nullopt);
  EXPECT_EQ(m2->views, 930);

  const Reply* question = Find(replies, "UgxPgk1EktpTanya0001AaABAg");
  ASSERT_NE(question, nullptr);
  EXPECT_EQ(question->post, "pGkEktp2911");
  EXPECT_EQ(question->parent, std::nullopt);
  EXPECT_EQ(question->author_id, "UCwargaGerunggang01xYz9A");
  EXPECT_EQ(question->author, "@warga.gerunggang");
  EXPECT_EQ(question->text, "Min, kapan jadwal perekaman e-KTP keliling di Kecamatan Gerunggang?");
  EXPECT_EQ(question->created_at.unix_seconds, 1795922100);

  const Reply* answer = Find(replies, "UgxPgk1EktpTanya0001AaABAg.AGkPgkJawab01aXjP0wY");
  ASSERT_NE(answer, nullptr);
  EXPECT_EQ(answer->parent, "UgxPgk1EktpTanya0001AaABAg");
  EXPECT_EQ(answer->author_id, accounts[0].id);  // the agency answered
  EXPECT_EQ(answer->post, "pGkEktp2911");

  // Thread T2 has 3 replies but only 2 inlined: comments.list (2 pages)
  // supplies all three, each once.
  const std::string t2 = "UgzPgk2KeluhanAntr02AaABAg";
  const Reply* complaint = Find(replies, t2);
  ASSERT_NE(complaint, nullptr);
  EXPECT_NE(complaint->text.find("<script>alert(1)</script>"), std::string::npos);
  for (const char* id :
       {".AGkPgkBalasan02bYkQ1xZ", ".AGkPgkSamaJuga03cZmR2yA", ".AGkPgkSemoga04dAnS3zB"}) {
    const std::string full = t2 + id;
    EXPECT_EQ(
        std::count_if(replies.begin(), replies.end(), [&](const Reply& r) { return r.id == full; }),
        1)
        << full;
    EXPECT_EQ(Find(replies, full)->parent, t2);
  }
  EXPECT_EQ(Find(replies, t2 + ".AGkPgkBalasan02bYkQ1xZ")->author_id, kChannel);
  // Second page of threads.
  ASSERT_NE(Find(replies, "UgyPgk3TerimaKasih03AaABAg"), nullptr);
  EXPECT_NE(Find(replies, "UgyPgk3TerimaKasih03AaABAg")->text.find("\xF0\x9F\x98\x8A \xE2\x80\x94"),
            std::string::npos);
  // Video 3 (18 days old) still gets its replies on a first run.
  const Reply* pupr = Find(replies, "UgwPgk4JalanRusak004AaABAg.AGkPgkPupr05eBoT4aC");
  ASSERT_NE(pupr, nullptr);
  EXPECT_EQ(pupr->post, "pGkJalan121");
  EXPECT_EQ(pupr->author_id, kChannel);

  EXPECT_TRUE(AnyContains(run.warnings, "comments are disabled on video pGkBanjir26"));
  EXPECT_EQ(run.newest_post_unix, 1795917600);

  // Paging: both uploads pages, not the third the second one offers; the old
  // video is never asked for.
  EXPECT_TRUE(AnyContains(run.urls, "pageToken=EAAaBlBUOkNBTQ"));
  EXPECT_FALSE(AnyContains(run.urls, "EAAaBlBUOkNBWQ"));
  EXPECT_FALSE(AnyContains(run.urls, "pGkHut10200"));
  EXPECT_TRUE(AnyContains(run.urls, "/videos?part=snippet%2Cstatistics&id=pGkPajak045"));
  EXPECT_TRUE(AnyContains(run.urls, "/commentThreads?part=snippet%2Creplies&videoId=pGkPajak045"));
  EXPECT_FALSE(AnyContains(run.urls, "key="));
  EXPECT_EQ(run.urls.size(), 12u);
}

TEST(YouTubeAdapter, IncrementalRunStopsAtRefreshWindow) {
  RunWindow w = FirstRun();
  w.newest_seen = 1795917600 - 3600;  // just before the newest video
  auto adapter = MakeAdapter(Config(), w);
  auto run =
      testing::RunOffline(*adapter, testing::LoadRoutes(kFixtures + "basic"), "http://fake.test");
  EXPECT_TRUE(run.unmatched.empty()) << run.unmatched.front();
  EXPECT_TRUE(run.errors.empty()) << run.errors.front();
  EXPECT_FALSE(AnyContains(run.urls, "pageToken=EAAaBlBUOkNBTQ"));  // no second uploads page
  EXPECT_TRUE(AnyContains(run.urls, "id=pGkEktp2911%2CpGkBanjir26"));
  EXPECT_FALSE(AnyContains(run.urls, "pGkJalan121"));  // 18 days old: outside the refresh window
  EXPECT_FALSE(AnyContains(run.urls, "pGkPajak045"));
  EXPECT_EQ(Only<Post>(run.records).size(), 2u);
  EXPECT_EQ(Only<Metrics>(run.records).size(), 2u);
  EXPECT_EQ(Only<Reply>(run.records).size(), 7u);
  EXPECT_EQ(run.urls.size(), 8u);
}

TEST(YouTubeAdapter, KnownChannelIdIsLookedUpById) {
  AccountConfig a = Config();
  a.platform_id = kChannel;
  auto adapter = MakeAdapter(a, FirstRun());
  auto start = adapter->Start();
  ASSERT_EQ(start.size(), 1u);
  EXPECT_EQ(start[0].tag, "channel");
  EXPECT_EQ(QueryParameter(start[0].url, "id"), kChannel);
  EXPECT_EQ(QueryParameter(start[0].url, "forHandle"), std::nullopt);

  a = Config();
  a.handle = "diskominfopgk";  // written without '@'
  auto by_handle = MakeAdapter(a, FirstRun())->Start();
  EXPECT_EQ(QueryParameter(by_handle[0].url, "forHandle"), "@diskominfopgk");
  a.handle = kChannel;  // a channel id given as the handle
  auto by_id = MakeAdapter(a, FirstRun())->Start();
  EXPECT_EQ(QueryParameter(by_id[0].url, "id"), kChannel);
}

TEST(YouTubeAdapter, RealChannels) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  auto parsed = ParseBody(*adapter, "channel", ReadDataFile(kReal + "channels/info_multiple.json"));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto accounts = Only<Account>(parsed->records);
  ASSERT_EQ(accounts.size(), 1u);
  EXPECT_EQ(accounts[0].id, "UCK8sQmJBp8GCxrOtXWBpyEA");
  EXPECT_EQ(accounts[0].handle, "@google");
  EXPECT_EQ(accounts[0].name, "Google");
  EXPECT_EQ(accounts[0].followers, 10700000);
  ASSERT_EQ(parsed->follow_ups.size(), 1u);
  EXPECT_EQ(parsed->follow_ups[0].tag, "uploads");
  EXPECT_EQ(QueryParameter(parsed->follow_ups[0].url, "playlistId"), "UUK8sQmJBp8GCxrOtXWBpyEA");
  EXPECT_EQ(QueryParameter(parsed->follow_ups[0].url, "part"), "contentDetails");

  // part=snippet only: no statistics, no uploads playlist.
  auto bare = ParseBody(*MakeAdapter(Config(), FirstRun()), "channel",
                        ReadDataFile(kReal + "channels/info.json"));
  ASSERT_TRUE(bare.ok()) << bare.status().ToString();
  auto bare_accounts = Only<Account>(bare->records);
  ASSERT_EQ(bare_accounts.size(), 1u);
  EXPECT_EQ(bare_accounts[0].id, "UC_x5XG1OV2P6uZZ5FSM9Ttw");
  EXPECT_EQ(bare_accounts[0].handle, "@googledevelopers");
  EXPECT_EQ(bare_accounts[0].followers, std::nullopt);
  EXPECT_TRUE(bare->follow_ups.empty());
  ASSERT_EQ(bare->warnings.size(), 1u);
  EXPECT_NE(bare->warnings[0].find("no uploads playlist"), std::string::npos);
}

TEST(YouTubeAdapter, RealPlaylistItems) {
  RunWindow w = testing::FirstRunAt(1574553600);  // 2019-11-24
  auto adapter = MakeAdapter(Config(), w);
  const std::string url =
      "http://fake.test/"
      "playlistItems?part=contentDetails&playlistId=PLOU2XLYxmsIKpaV8h0AGE05so0fAwwfTw"
      "&maxResults=50";
  auto parsed =
      ParseBody(*adapter, "uploads",
                ReadDataFile(kReal + "playlist_items/playlist_items_paged_1.json"), 200, "", url);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_TRUE(parsed->records.empty());
  ASSERT_EQ(parsed->follow_ups.size(), 2u);
  EXPECT_EQ(parsed->follow_ups[0].tag, "videos");
  EXPECT_EQ(QueryParameter(parsed->follow_ups[0].url, "id"),
            "CvTApw9X8aA,Yh4EKaUY3gg,S-MbpQiwfls,BBjVl1EETb0,h8CnO-oqqSs,2cHddIA4EvY,kTJUt9CmTXg,"
            "o7_oJYZw2Hg,vN6uK5Qm23c,o5LP2xzKkpg");
  EXPECT_EQ(parsed->follow_ups[1].tag, "uploads");
  EXPECT_EQ(parsed->follow_ups[1].page, 2);
  EXPECT_EQ(QueryParameter(parsed->follow_ups[1].url, "pageToken"), "CAoQAA");
  EXPECT_EQ(QueryParameter(parsed->follow_ups[1].url, "playlistId"),
            "PLOU2XLYxmsIKpaV8h0AGE05so0fAwwfTw");

  // A cutoff of 2019-11-23T00:00Z leaves out the 2019-11-21 item and stops paging.
  w.now = 1574467200;
  w.backfill_s = 0;
  auto narrow =
      ParseBody(*MakeAdapter(Config(), w), "uploads",
                ReadDataFile(kReal + "playlist_items/playlist_items_paged_1.json"), 200, "", url);
  ASSERT_TRUE(narrow.ok());
  ASSERT_EQ(narrow->follow_ups.size(), 1u);
  EXPECT_EQ(narrow->follow_ups[0].tag, "videos");
  EXPECT_EQ(QueryParameter(narrow->follow_ups[0].url, "id")->find("CvTApw9X8aA"),
            std::string::npos);
  EXPECT_EQ(QueryParameter(narrow->follow_ups[0].url, "id")->substr(0, 11), "Yh4EKaUY3gg");

  // The last page has no nextPageToken.
  auto last =
      MakeAdapter(Config(), FirstRun())
          ->Parse(testing::MakeRequest(url, "uploads", "", 2),
                  MakeResponse(ReadDataFile(kReal + "playlist_items/playlist_items_paged_2.json")));
  ASSERT_TRUE(last.ok());
  EXPECT_TRUE(std::none_of(last->follow_ups.begin(), last->follow_ups.end(),
                           [](const Request& r) { return r.tag == "uploads"; }));
}

TEST(YouTubeAdapter, RealVideoWithStatistics) {
  RunWindow w;
  w.now = 1553200669 + 3 * kDay;
  auto adapter = MakeAdapter(Config(), w);
  auto parsed = ParseBody(*adapter, "videos",
                          ReadDataFile(kReal + "videos/video_api_response_with_statistics.json"));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto posts = Only<Post>(parsed->records);
  auto metrics = Only<Metrics>(parsed->records);
  ASSERT_EQ(posts.size(), 1u);
  ASSERT_EQ(metrics.size(), 1u);
  EXPECT_EQ(posts[0].id, "D-lhorsDlUQ");
  EXPECT_EQ(posts[0].account, "UC_x5XG1OV2P6uZZ5FSM9Ttw");  // from snippet.channelId
  EXPECT_EQ(posts[0].created_at.text, "2019-03-21T20:37:49.000Z");
  EXPECT_EQ(posts[0].created_at.unix_seconds, 1553200669);
  EXPECT_EQ(posts[0].text.rfind(
                "What are Actions on Google (Assistant on Air)\n\nIn the first episode", 0),
            0u);
  EXPECT_EQ(posts[0].lang, "en");
  EXPECT_EQ(posts[0].media[0].url, "https://i.ytimg.com/vi/D-lhorsDlUQ/maxresdefault.jpg");
  EXPECT_EQ(metrics[0].views, 7920);
  EXPECT_EQ(metrics[0].likes, 190);
  EXPECT_EQ(metrics[0].replies, 32);
  EXPECT_EQ(metrics[0].at.unix_seconds, w.now);
  EXPECT_EQ(parsed->newest_post_unix, 1553200669);
  EXPECT_EQ(parsed->newest_post_id, "D-lhorsDlUQ");
  ASSERT_EQ(parsed->follow_ups.size(), 1u);
  EXPECT_EQ(parsed->follow_ups[0].tag, "threads");
  EXPECT_EQ(parsed->follow_ups[0].post_id, "D-lhorsDlUQ");
  EXPECT_EQ(QueryParameter(parsed->follow_ups[0].url, "videoId"), "D-lhorsDlUQ");
  EXPECT_EQ(QueryParameter(parsed->follow_ups[0].url, "textFormat"), "plainText");

  // videos.list part=snippet,player: no statistics at all -> counts unknown.
  auto multi = ParseBody(*MakeAdapter(Config(), w), "videos",
                         ReadDataFile(kReal + "videos/videos_info_multi.json"));
  ASSERT_TRUE(multi.ok()) << multi.status().ToString();
  auto multi_metrics = Only<Metrics>(multi->records);
  ASSERT_EQ(multi_metrics.size(), 2u);
  EXPECT_EQ(multi_metrics[1].post, "ovdbrdCIP7U");
  EXPECT_EQ(multi_metrics[1].views, std::nullopt);
  EXPECT_EQ(multi_metrics[1].likes, std::nullopt);
}

TEST(YouTubeAdapter, RealCommentThreads) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  const std::string url =
      "http://fake.test/commentThreads?part=snippet%2Creplies&videoId=F1UP7wRCPH8&maxResults=100";
  auto parsed =
      ParseBody(*adapter, "threads",
                ReadDataFile(kReal + "comment_threads/comment_threads_by_video_paged_1.json"), 200,
                "F1UP7wRCPH8", url);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto replies = Only<Reply>(parsed->records);
  ASSERT_EQ(replies.size(), 5u);
  EXPECT_EQ(replies[0].id, "UgyZ1jqkHKYvi1-ruOZ4AaABAg");
  EXPECT_EQ(replies[0].post, "F1UP7wRCPH8");
  EXPECT_EQ(replies[0].parent, std::nullopt);
  EXPECT_EQ(replies[0].author, "himani agarwal");
  EXPECT_EQ(replies[0].author_id, "UCzj-CjKYmGlZ7vTL-vOe57A");
  EXPECT_EQ(replies[0].text, "Google.com");  // textOriginal, not the HTML textDisplay
  EXPECT_EQ(replies[0].created_at.unix_seconds, 1574783504);
  EXPECT_EQ(replies[4].id, "UgwI_ylXVnzPS8Q-oAV4AaABAg");
  // That thread has totalReplyCount 2 and none inlined: its replies are
  // fetched; and the listing has a next page.
  ASSERT_EQ(parsed->follow_ups.size(), 2u);
  EXPECT_EQ(parsed->follow_ups[0].tag, "replies");
  EXPECT_EQ(parsed->follow_ups[0].post_id, "F1UP7wRCPH8");
  EXPECT_EQ(QueryParameter(parsed->follow_ups[0].url, "parentId"), "UgwI_ylXVnzPS8Q-oAV4AaABAg");
  EXPECT_EQ(parsed->follow_ups[1].tag, "threads");
  EXPECT_EQ(parsed->follow_ups[1].page, 2);
  EXPECT_EQ(QueryParameter(parsed->follow_ups[1].url, "pageToken")->substr(0, 12), "QURTSl9pMzdZ");
  EXPECT_EQ(QueryParameter(parsed->follow_ups[1].url, "videoId"), "F1UP7wRCPH8");

  // One thread resource with its replies inlined, as commentThreads.list
  // part=snippet,replies returns it.
  std::string body = "{\"items\":[" +
                     ReadDataFile(kReal + "comment_threads/comment_thread_item_with_replies.json") +
                     "]}";
  auto inlined = ParseBody(*adapter, "threads", body, 200, "D-lhorsDlUQ", url);
  ASSERT_TRUE(inlined.ok()) << inlined.status().ToString();
  auto thread = Only<Reply>(inlined->records);
  ASSERT_EQ(thread.size(), 2u);
  EXPECT_EQ(thread[0].id, "UgydxWWoeA7F1OdqypJ4AaABAg");
  EXPECT_EQ(thread[0].text, "Actions.ai");
  EXPECT_EQ(thread[1].id, "UgydxWWoeA7F1OdqypJ4AaABAg.8wWQ3tdHcFx8xcDheui-qb");
  EXPECT_EQ(thread[1].parent, "UgydxWWoeA7F1OdqypJ4AaABAg");
  EXPECT_EQ(thread[1].author, "Dian Anggraeni");
  EXPECT_EQ(thread[1].author_id, "UCsl2A_QzcSnFD2hpCyVwXxA");
  EXPECT_EQ(thread[1].post, "D-lhorsDlUQ");
  EXPECT_TRUE(inlined->follow_ups.empty());  // totalReplyCount 1, 1 inlined
}

TEST(YouTubeAdapter, RealCommentsByParent) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  const std::string url =
      "http://fake.test/comments?part=snippet&parentId=Ugw5zYU6n9pmIgAZWvN4AaABAg&maxResults=100";
  auto p1 = ParseBody(*adapter, "replies",
                      ReadDataFile(kReal + "comments/comments_by_parent_paged_1.json"), 200,
                      "vid12345678", url);
  ASSERT_TRUE(p1.ok()) << p1.status().ToString();
  auto replies = Only<Reply>(p1->records);
  ASSERT_EQ(replies.size(), 2u);
  EXPECT_EQ(replies[0].id, "Ugw5zYU6n9pmIgAZWvN4AaABAg.91zT3cYb5B291za6voUoRh");
  EXPECT_EQ(replies[0].parent, "Ugw5zYU6n9pmIgAZWvN4AaABAg");
  EXPECT_EQ(replies[0].post, "vid12345678");
  EXPECT_EQ(replies[0].text, "this is the third reply!");
  EXPECT_EQ(replies[1].created_at.text, "2019-12-01T04:46:20.000Z");
  ASSERT_EQ(p1->follow_ups.size(), 1u);
  EXPECT_EQ(p1->follow_ups[0].tag, "replies");
  EXPECT_EQ(p1->follow_ups[0].page, 2);
  EXPECT_EQ(p1->follow_ups[0].post_id, "vid12345678");
  EXPECT_EQ(QueryParameter(p1->follow_ups[0].url, "parentId"), "Ugw5zYU6n9pmIgAZWvN4AaABAg");
  EXPECT_EQ(QueryParameter(p1->follow_ups[0].url, "pageToken")->substr(0, 16), "R0FJeVZnbzBJTl9z");

  auto p2 = adapter->Parse(
      p1->follow_ups[0],
      MakeResponse(ReadDataFile(kReal + "comments/comments_by_parent_paged_2.json")));
  ASSERT_TRUE(p2.ok());
  ASSERT_EQ(Only<Reply>(p2->records).size(), 1u);
  EXPECT_EQ(Only<Reply>(p2->records)[0].text, "hey, this is the replay");
  EXPECT_TRUE(p2->follow_ups.empty());
}

TEST(YouTubeAdapter, RealErrorEnvelopes) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  auto invalid = ParseBody(*adapter, "channel", ReadDataFile(kReal + "error_response.json"), 400);
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(invalid.status().message().find("keyInvalid"), std::string::npos);
  EXPECT_NE(invalid.status().message().find("API key"), std::string::npos);

  auto denied =
      ParseBody(*adapter, "videos", ReadDataFile(kReal + "error_permission_resp.json"), 403);
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(denied.status().message().find("SERVICE_UNAVAILABLE"), std::string::npos);
  EXPECT_NE(denied.status().message().find("The caller does not have permission"),
            std::string::npos);
}

TEST(YouTubeAdapter, QuotaIsBusy) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  const std::string quota = ReadDataFile(kFixtures + "errors/quota_exceeded.json");
  for (const char* tag : {"channel", "uploads", "videos", "threads", "replies"}) {
    auto parsed = ParseBody(*adapter, tag, quota, 403, "pGkEktp2911");
    ASSERT_FALSE(parsed.ok()) << tag;
    EXPECT_EQ(parsed.status().code(), Status::Code::kBusy) << tag;
    EXPECT_NE(parsed.status().message().find("quotaExceeded"), std::string::npos);
  }
  const std::string rate =
      R"({"error":{"code":403,"message":"slow down","errors":[{"reason":"rateLimitExceeded"}]}})";
  EXPECT_EQ(ParseBody(*adapter, "threads", rate, 403).status().code(), Status::Code::kBusy);
  // A 429 is a rate limit whatever the body says.
  EXPECT_EQ(ParseBody(*adapter, "videos", "<html>busy</html>", 429).status().code(),
            Status::Code::kBusy);

  // The errors scenario: the first request already hits the quota.
  auto run = testing::RunOffline(*MakeAdapter(Config(), FirstRun()),
                                 testing::LoadRoutes(kFixtures + "errors"), "http://fake.test");
  EXPECT_TRUE(run.unmatched.empty());
  ASSERT_EQ(run.errors.size(), 1u);
  EXPECT_EQ(run.errors[0].rfind("channel: youtube channel: HTTP 403 quotaExceeded", 0), 0u)
      << run.errors[0];
  EXPECT_TRUE(run.records.empty());
}

TEST(YouTubeAdapter, UnderstoodClientErrorsAreWarnings) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  auto gone =
      ParseBody(*adapter, "threads", ReadDataFile(kFixtures + "errors/video_not_found.json"), 404,
                "pGkHilang01");
  ASSERT_TRUE(gone.ok()) << gone.status().ToString();
  EXPECT_TRUE(gone->records.empty());
  ASSERT_EQ(gone->warnings.size(), 1u);
  EXPECT_NE(gone->warnings[0].find("pGkHilang01"), std::string::npos);
  EXPECT_NE(gone->warnings[0].find("videoNotFound"), std::string::npos);

  auto disabled =
      ParseBody(*adapter, "threads", ReadDataFile(kFixtures + "basic/comments_disabled.json"), 403,
                "pGkBanjir26");
  ASSERT_TRUE(disabled.ok());
  EXPECT_TRUE(disabled->records.empty());
  EXPECT_TRUE(disabled->follow_ups.empty());
  ASSERT_EQ(disabled->warnings.size(), 1u);

  // The same commentsDisabled on a videos request is not understood there.
  auto wrong_place =
      ParseBody(*adapter, "videos", ReadDataFile(kFixtures + "basic/comments_disabled.json"), 403);
  EXPECT_EQ(wrong_place.status().code(), Status::Code::kInvalidArgument);

  auto missing = ParseBody(*adapter, "channel", R"({"error":{"code":404,"message":"nope"}})", 404);
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  auto unreadable = ParseBody(*adapter, "videos", "Bad Gateway", 502);
  EXPECT_EQ(unreadable.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(unreadable.status().message().find("HTTP 502"), std::string::npos);
}

TEST(YouTubeAdapter, ChannelNotFoundAndHiddenSubscribers) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  auto none = ParseBody(*adapter, "channel", ReadDataFile(kFixtures + "errors/channel_none.json"));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), Status::Code::kNotFound);
  EXPECT_NE(none.status().message().find("@diskominfopgk"), std::string::npos);
  auto empty = ParseBody(*adapter, "channel", R"({"items":[]})");
  EXPECT_EQ(empty.status().code(), Status::Code::kNotFound);

  auto hidden = ParseBody(*adapter, "channel",
                          R"({"items":[{"id":"UCx","statistics":{"subscriberCount":"0",)"
                          R"("hiddenSubscriberCount":true},"contentDetails":{"relatedPlaylists":)"
                          R"({"uploads":"UUx"}}}]})");
  ASSERT_TRUE(hidden.ok()) << hidden.status().ToString();
  EXPECT_EQ(Only<Account>(hidden->records)[0].followers, std::nullopt);
  EXPECT_EQ(Only<Account>(hidden->records)[0].handle, "@diskominfopgk");  // no customUrl
}

TEST(YouTubeAdapter, BadBodies) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  struct Case {
    const char* tag;
    std::string body;
    const char* expect;
  } cases[] = {
      {"videos", "", "the body is empty"},
      {"channel", "   ", "the body is empty"},
      {"videos", R"({"items":[{"id":"abc","snippet":{"title":"x)", "not valid JSON"},
      {"threads", R"({"items":[{"id":"T1","snippet":{"topLevelComment":{)", "not valid JSON"},
      {"uploads", R"([{"items":[]}])", "the body is not a JSON object"},
      {"videos", R"({"items":{"id":"abc"}})", "field 'items' is not an array"},
      {"videos", R"({"items":[{"id":7}]})", "field 'id' is not a string"},
      {"videos", R"({"items":[{"id":"a","statistics":{"likeCount":"banyak"}}]})",
       "field 'statistics.likeCount' is not a count"},
      {"videos", R"({"items":[{"id":"a","statistics":{"viewCount":"-5"}}]})",
       "field 'statistics.viewCount' is negative"},
      {"videos", R"({"items":[{"id":"a","snippet":[]}]})", "field 'snippet' is not an object"},
      {"uploads", R"({"nextPageToken":5,"items":[]})", "field 'nextPageToken' is not a string"},
      {"threads", R"({"items":[{"snippet":{"totalReplyCount":"x"}}]})",
       "field 'totalReplyCount' is not a count"},
      {"replies", R"({"items":[{"id":"c","snippet":{"authorChannelId":{"value":[]}}}]})",
       "field 'authorChannelId.value' is not a string"},
      {"channel", R"({"items":[{"statistics":{"hiddenSubscriberCount":"no"}}]})",
       "field 'statistics.hiddenSubscriberCount' is not true/false"},
  };
  for (const Case& c : cases) {
    auto parsed = ParseBody(*adapter, c.tag, c.body);
    ASSERT_FALSE(parsed.ok()) << c.tag << " " << c.body;
    EXPECT_EQ(parsed.status().code(), Status::Code::kInvalidArgument);
    const std::string msg = parsed.status().message();
    EXPECT_EQ(msg.rfind(std::string("youtube ") + c.tag + ": ", 0), 0u) << msg;
    EXPECT_NE(msg.find(c.expect), std::string::npos) << msg;
    EXPECT_NE(msg.find("YouTube Data API v3"), std::string::npos) << msg;
  }
  auto unknown = ParseBody(*adapter, "nonsense", "{}");
  EXPECT_EQ(unknown.status().code(), Status::Code::kInvalidArgument);
}

TEST(YouTubeAdapter, IncompleteItemsAreSkippedOrKeptWithWarnings) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  auto videos =
      ParseBody(*adapter, "videos",
                R"({"items":[{"id":"noTime"},{"snippet":{"publishedAt":"2026-11-29T00:00:00Z"}},)"
                R"({"id":"badTime","snippet":{"publishedAt":"kemarin"}}]})");
  ASSERT_TRUE(videos.ok());
  EXPECT_TRUE(videos->records.empty());
  EXPECT_EQ(videos->warnings.size(), 3u);
  EXPECT_EQ(videos->newest_post_unix, std::nullopt);

  auto comments = ParseBody(*adapter, "replies",
                            R"({"items":[{"id":"c1","snippet":{"textOriginal":"tanpa penulis",)"
                            R"("publishedAt":"2026-11-29T00:00:00Z"}},{"id":"c2","snippet":{)"
                            R"("authorChannelId":{"value":"UCw"},"textDisplay":"hanya display",)"
                            R"("publishedAt":"2026-11-29T00:00:00Z","parentId":"T"}}]})",
                            200, "vid");
  ASSERT_TRUE(comments.ok());
  auto replies = Only<Reply>(comments->records);
  ASSERT_EQ(replies.size(), 2u);
  EXPECT_EQ(replies[0].id, "c1");
  EXPECT_EQ(replies[0].author_id, "unknown:c1");  // kept, but never the agency
  EXPECT_EQ(replies[0].text, "tanpa penulis");
  EXPECT_EQ(replies[0].parent, std::nullopt);  // no parentId and none in the URL
  EXPECT_EQ(replies[1].id, "c2");
  EXPECT_EQ(replies[1].author_id, "UCw");
  EXPECT_EQ(replies[1].text, "hanya display");
  EXPECT_EQ(replies[1].parent, "T");
  EXPECT_EQ(replies[1].author, std::nullopt);
  ASSERT_EQ(comments->warnings.size(), 1u);
  EXPECT_NE(comments->warnings[0].find("1 comment(s) on video vid without authorChannelId"),
            std::string::npos);
}

TEST(YouTubeAdapter, PageBoundsStopPaging) {
  RunWindow w = FirstRun();
  w.max_reply_pages = 2;
  w.max_post_pages = 3;
  auto adapter = MakeAdapter(Config(), w);
  const std::string threads = R"({"nextPageToken":"more","items":[]})";
  auto second = adapter->Parse(
      Request{"http://fake.test/commentThreads?videoId=v&pageToken=a", "threads", "v", 1},
      Response{200, threads, {}});
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->follow_ups.size(), 1u);
  EXPECT_EQ(second->follow_ups[0].url, "http://fake.test/commentThreads?videoId=v&pageToken=more");
  auto last =
      adapter->Parse(Request{"http://fake.test/commentThreads?videoId=v", "threads", "v", 2},
                     Response{200, threads, {}});
  ASSERT_TRUE(last.ok());
  EXPECT_TRUE(last->follow_ups.empty());
  auto uploads = adapter->Parse(
      Request{"http://fake.test/playlistItems?playlistId=UU", "uploads", "", 3},
      Response{200,
               R"({"nextPageToken":"more","items":[{"contentDetails":{"videoId":"v",)"
               R"("videoPublishedAt":"2026-11-29T00:00:00Z"}}]})",
               {}});
  ASSERT_TRUE(uploads.ok());
  ASSERT_EQ(uploads->follow_ups.size(), 1u);
  EXPECT_EQ(uploads->follow_ups[0].tag, "videos");
}

TEST(YouTubeAdapter, DeepNestingDoesNotCrash) {
  auto adapter = MakeAdapter(Config(), FirstRun());
  const size_t depth = 100000;
  std::string deep = R"({"items":)" + std::string(depth, '[') + std::string(depth, ']') + "}";
  auto parsed = ParseBody(*adapter, "threads", deep);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), Status::Code::kInvalidArgument);

  // Deep nesting inside a field the adapter skips is stepped over without
  // recursion.
  std::string skipped =
      R"({"etag":)" + std::string(depth, '[') + std::string(depth, ']') + R"(,"items":[]})";
  auto quiet = ParseBody(*adapter, "threads", skipped);
  ASSERT_TRUE(quiet.ok()) << quiet.status().ToString();
  EXPECT_TRUE(quiet->records.empty());
}

}  // namespace
}  // namespace tanggap::collector
