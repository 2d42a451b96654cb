// Bluesky adapter: the fixture scenario offline, incremental runs, real
// recorded AppView responses, and hostile or broken bodies.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "collector/adapter.h"
#include "tests/platform_fixtures.h"

namespace tanggap::collector {
namespace {

const std::string kBasic = std::string(TANGGAP_SOURCE_DIR) + "/tests/data/platforms/bluesky/basic";
const std::string kErrors =
    std::string(TANGGAP_SOURCE_DIR) + "/tests/data/platforms/bluesky/errors";
const std::string kReal =
    std::string(TANGGAP_SOURCE_DIR) + "/../shared/realdata/api/bluesky/atproto.dart";

constexpr char kBase[] = "http://fake.test";
constexpr char kHandle[] = "diskominfo.pangkalpinangkota.go.id";
constexpr char kAgency[] = "did:plc:ekc5eoviaov7zgmkmauig5dw";
constexpr char kRina[] = "did:plc:ya3lxcapvr6k4vdxqr4bw3df";
constexpr char kB1[] = "at://did:plc:ekc5eoviaov7zgmkmauig5dw/app.bsky.feed.post/3n3azztyxk2x2";
constexpr char kB2[] = "at://did:plc:ekc5eoviaov7zgmkmauig5dw/app.bsky.feed.post/3n2zxpv5i22zv";
constexpr char kB3[] = "at://did:plc:ekc5eoviaov7zgmkmauig5dw/app.bsky.feed.post/3mzwdrtru22qm";
constexpr char kB4[] = "at://did:plc:ekc5eoviaov7zgmkmauig5dw/app.bsky.feed.post/3mzmimqfg22jl";
constexpr char kB5[] = "at://did:plc:ekc5eoviaov7zgmkmauig5dw/app.bsky.feed.post/3myo7ofn5226p";
constexpr char kC1[] = "at://did:plc:ya3lxcapvr6k4vdxqr4bw3df/app.bsky.feed.post/3n3b3ytk2rc3p";
constexpr char kA1[] = "at://did:plc:ekc5eoviaov7zgmkmauig5dw/app.bsky.feed.post/3n3b7rgnhesmk";
constexpr char kC1b[] = "at://did:plc:ya3lxcapvr6k4vdxqr4bw3df/app.bsky.feed.post/3n3baa6z5jktt";
constexpr char kC2[] = "at://did:plc:z3h6dtsampsm5rzjcd5ncf2j/app.bsky.feed.post/3n3bf3xoie2el";
constexpr char kC5[] = "at://did:plc:z3h6dtsampsm5rzjcd5ncf2j/app.bsky.feed.post/3mzmxbk7u5saf";
constexpr char kRepostedBpbd[] =
    "at://did:plc:encnhswgy5i6k52j43crq4os/app.bsky.feed.post/3n3dcogm2k2fm";
constexpr char kCursor1[] =
    "1794276000000::bafyrei64oaty6v4ljlpbirrssizb7yezwk4evlvndogpk4wih4eew7w72l";

constexpr int64_t kNow = 1795996800;     // 2026-11-30T00:00:00Z
constexpr int64_t kB1Unix = 1795743000;  // 2026-11-27T01:30:00Z

using testing::Find;
using testing::MakeResponse;
using testing::Only;
using testing::ReadDataFile;

AccountConfig Agency() { return testing::MakeAccountConfig(Platform::kBluesky, kHandle, kBase); }

RunWindow FirstRun() { return testing::FirstRunAt(kNow); }

std::string Enc(std::string s) { return PercentEncode(s); }

std::string FeedUrl(const std::string& cursor = "") {
  std::string url = std::string(kBase) + "/xrpc/app.bsky.feed.getAuthorFeed?actor=" + Enc(kAgency) +
                    "&limit=100&filter=posts_no_replies";
  if (!cursor.empty()) url += "&cursor=" + Enc(cursor);
  return url;
}

std::string ThreadUrl(const std::string& uri) {
  return std::string(kBase) + "/xrpc/app.bsky.feed.getPostThread?uri=" + Enc(uri) +
         "&depth=10&parentHeight=0";
}

Request Tagged(std::string tag, std::string post_id = "", int page = 1) {
  return testing::MakeRequest(std::string(kBase) + "/xrpc/x", std::move(tag), std::move(post_id),
                              page);
}

// An adapter that already knows the agency's DID (as after getProfile).
std::unique_ptr<Adapter> Resolved(RunWindow w = FirstRun()) {
  AccountConfig a = Agency();
  a.platform_id = kAgency;
  return MakeAdapter(a, w);
}

// ---- The fixture scenario --------------------------------------------------

TEST(BlueskyAdapter, BasicScenarioFirstRun) {
  auto adapter = MakeAdapter(Agency(), FirstRun());
  ASSERT_NE(adapter, nullptr);
  EXPECT_EQ(adapter->Auth(), AuthStyle::kNone);
  auto run = testing::RunOffline(*adapter, testing::LoadRoutes(kBasic), kBase);

  EXPECT_TRUE(run.unmatched.empty()) << run.unmatched.front();
  EXPECT_TRUE(run.errors.empty()) << run.errors.front();
  // B3 has no replies (no thread request); B5 is older than the backfill.
  std::vector<std::string> want_urls = {
      std::string(kBase) + "/xrpc/app.bsky.actor.getProfile?actor=" + kHandle,
      FeedUrl(),
      ThreadUrl(kB1),
      ThreadUrl(kB2),
      FeedUrl(kCursor1),
      ThreadUrl(kB4),
  };
  EXPECT_EQ(run.urls, want_urls);

  EXPECT_EQ(Only<Account>(run.records).size(), 1u);
  EXPECT_EQ(Only<Post>(run.records).size(), 4u);
  EXPECT_EQ(Only<Metrics>(run.records).size(), 4u);
  EXPECT_EQ(Only<Reply>(run.records).size(), 6u);
  ASSERT_TRUE(run.newest_post_unix.has_value());
  EXPECT_EQ(*run.newest_post_unix, kB1Unix);
  // The deleted and the blocked reply under B1.
  ASSERT_EQ(run.warnings.size(), 2u);
  EXPECT_NE(run.warnings[0].find("not found"), std::string::npos) << run.warnings[0];
  EXPECT_NE(run.warnings[1].find("hidden by a block"), std::string::npos) << run.warnings[1];

  Account account = Only<Account>(run.records).front();
  EXPECT_EQ(account.platform, Platform::kBluesky);
  EXPECT_EQ(account.id, kAgency);
  EXPECT_EQ(account.handle, kHandle);
  EXPECT_EQ(account.name, "Diskominfo Kota Pangkalpinang");
  EXPECT_EQ(account.agency, "Diskominfo");
  EXPECT_EQ(account.followers, 3120);

  EXPECT_FALSE(Find<Post>(run.records, kRepostedBpbd));  // a repost
  EXPECT_FALSE(Find<Post>(run.records, kB5));            // beyond the backfill
  EXPECT_TRUE(Find<Post>(run.records, kB3));

  auto b1 = Find<Post>(run.records, kB1);
  ASSERT_TRUE(b1);
  EXPECT_EQ(b1->account, kAgency);
  EXPECT_EQ(b1->created_at.text, "2026-11-27T01:30:00.000Z");
  EXPECT_EQ(b1->created_at.unix_seconds, kB1Unix);
  EXPECT_EQ(b1->text,
            "📢 Jadwal perekaman e-KTP keliling Kota Pangkalpinang, 1–5 Desember 2026. Cek lokasi "
            "kelurahan Anda di poster. #eKTP #Pangkalpinang");
  EXPECT_EQ(b1->url, std::string("https://bsky.app/profile/") + kHandle + "/post/3n3azztyxk2x2");
  EXPECT_EQ(b1->lang, "id");
  ASSERT_EQ(b1->media.size(), 1u);
  EXPECT_EQ(b1->media[0].kind, "image");
  EXPECT_EQ(b1->media[0].alt,
            "Poster jadwal perekaman e-KTP keliling Kota Pangkalpinang, 1–5 Desember 2026, pukul "
            "08.00–12.00 WIB");
  ASSERT_TRUE(b1->media[0].url);
  EXPECT_EQ(b1->media[0].url->rfind("https://cdn.bsky.app/img/feed_fullsize/plain/", 0), 0u);

  auto b2 = Find<Post>(run.records, kB2);
  ASSERT_TRUE(b2);
  ASSERT_EQ(b2->media.size(), 1u);
  EXPECT_EQ(b2->media[0].alt, std::nullopt);  // "alt": ""
  EXPECT_TRUE(Find<Post>(run.records, kB3)->media.empty());
  // recordWithMedia: the post's own image, not the quoted post's.
  auto b4 = Find<Post>(run.records, kB4);
  ASSERT_TRUE(b4);
  ASSERT_EQ(b4->media.size(), 1u);
  EXPECT_EQ(b4->media[0].alt, "Foto peserta sosialisasi keamanan siber di Aula Kantor Wali Kota");

  auto m1 = Find<Metrics>(run.records, kB1);
  ASSERT_TRUE(m1);
  EXPECT_EQ(m1->platform, Platform::kBluesky);
  EXPECT_EQ(m1->at.text, "2026-11-30T00:00:00+00:00");
  EXPECT_EQ(m1->at.unix_seconds, kNow);
  EXPECT_EQ(m1->likes, 57);
  EXPECT_EQ(m1->shares, 12);
  EXPECT_EQ(m1->replies, 4);
  EXPECT_EQ(m1->quotes, 1);
  EXPECT_EQ(m1->views, std::nullopt);
  EXPECT_EQ(m1->followers, 3120);

  auto c1 = Find<Reply>(run.records, kC1);
  ASSERT_TRUE(c1);
  EXPECT_EQ(c1->post, kB1);
  EXPECT_EQ(c1->parent, std::nullopt);
  EXPECT_EQ(c1->author_id, kRina);
  EXPECT_EQ(c1->author, "rina-bangka.bsky.social");
  EXPECT_EQ(c1->created_at.text, "2026-11-27T02:05:13.441Z");
  EXPECT_EQ(c1->text, "Min, kapan jadwal perekaman e-KTP keliling? Saya di Kec. Gerunggang 🙏");

  auto a1 = Find<Reply>(run.records, kA1);
  ASSERT_TRUE(a1);
  EXPECT_EQ(a1->author_id, kAgency);
  EXPECT_EQ(a1->author, kHandle);
  EXPECT_EQ(a1->parent, kC1);
  EXPECT_EQ(a1->post, kB1);

  auto c1b = Find<Reply>(run.records, kC1b);
  ASSERT_TRUE(c1b);
  EXPECT_EQ(c1b->parent, kA1);  // nested two levels down
  EXPECT_EQ(c1b->text, "Siap, terima kasih Min! 🙏");

  auto c2 = Find<Reply>(run.records, kC2);
  ASSERT_TRUE(c2);
  EXPECT_EQ(c2->parent, std::nullopt);
  EXPECT_EQ(c2->text,
            "Kemarin datang ke lokasi tapi petugasnya tidak ada. <script>alert(1)</script> Tolong "
            "koordinasinya diperbaiki.");

  auto c5 = Find<Reply>(run.records, kC5);
  ASSERT_TRUE(c5);
  EXPECT_EQ(c5->post, kB4);

  // Replies come parent first (the store can resolve parent links in order).
  auto replies = Only<Reply>(run.records);
  ASSERT_GE(replies.size(), 3u);
  EXPECT_EQ(replies[0].id, kC1);
  EXPECT_EQ(replies[1].id, kA1);
  EXPECT_EQ(replies[2].id, kC1b);
}

TEST(BlueskyAdapter, IncrementalRunStopsAtTheRefreshWindow) {
  RunWindow w = FirstRun();
  w.newest_seen = kB1Unix - 3600;
  auto adapter = MakeAdapter(Agency(), w);
  auto run = testing::RunOffline(*adapter, testing::LoadRoutes(kBasic), kBase);
  EXPECT_TRUE(run.unmatched.empty());
  EXPECT_TRUE(run.errors.empty());
  // The first page reaches B3 (2026-11-10), older than now - 14 days: no
  // second page, and B4's thread (2026-11-06) is not asked for.
  std::vector<std::string> want_urls = {
      std::string(kBase) + "/xrpc/app.bsky.actor.getProfile?actor=" + kHandle,
      FeedUrl(),
      ThreadUrl(kB1),
      ThreadUrl(kB2),
  };
  EXPECT_EQ(run.urls, want_urls);
  EXPECT_EQ(Only<Post>(run.records).size(), 2u);
  EXPECT_FALSE(Find<Post>(run.records, kB3));
  EXPECT_EQ(Only<Metrics>(run.records).size(), 2u);
  EXPECT_EQ(Only<Reply>(run.records).size(), 5u);
  EXPECT_FALSE(Find<Reply>(run.records, kC5));
}

TEST(BlueskyAdapter, KnownDidIsTheActor) {
  AccountConfig a = Agency();
  a.platform_id = kAgency;
  auto adapter = MakeAdapter(a, FirstRun());
  auto run = testing::RunOffline(*adapter, testing::LoadRoutes(kBasic), kBase);
  EXPECT_TRUE(run.unmatched.empty());
  ASSERT_FALSE(run.urls.empty());
  EXPECT_EQ(run.urls[0],
            std::string(kBase) + "/xrpc/app.bsky.actor.getProfile?actor=" + Enc(kAgency));
  EXPECT_EQ(Only<Post>(run.records).size(), 4u);

  AccountConfig at = Agency();
  at.handle = "@diskominfo.pangkalpinangkota.go.id";
  at.base_url = "https://public.api.bsky.app/";
  auto start = MakeAdapter(at, FirstRun())->Start();
  ASSERT_EQ(start.size(), 1u);
  EXPECT_EQ(start[0].url,
            "https://public.api.bsky.app/xrpc/app.bsky.actor.getProfile?actor="
            "diskominfo.pangkalpinangkota.go.id");
}

TEST(BlueskyAdapter, PostPageLimitStopsPaging) {
  RunWindow w = FirstRun();
  w.max_post_pages = 1;
  auto adapter = MakeAdapter(Agency(), w);
  auto run = testing::RunOffline(*adapter, testing::LoadRoutes(kBasic), kBase);
  EXPECT_TRUE(run.errors.empty());
  EXPECT_EQ(run.urls.size(), 4u);  // profile, page 1, two threads
  EXPECT_EQ(Only<Post>(run.records).size(), 3u);
}

// ---- Threads deeper than one request ----------------------------------------------

// A chain of `levels` replies under `root`, each answering the one above;
// the last one says it has `last_reply_count` replies but carries none.
std::string Chain(const std::string& root, int levels, int last_reply_count) {
  std::string open;
  std::string parent = root;
  for (int i = 1; i <= levels; ++i) {
    std::string uri = "at://did:plc:warga/app.bsky.feed.post/r" + std::to_string(i);
    bool last = i == levels;
    open +=
        R"({"$type":"app.bsky.feed.defs#threadViewPost","post":{"uri":")" + uri +
        R"(","author":{"did":"did:plc:warga","handle":"warga.bsky.social"},"record":{"text":"balasan )" +
        std::to_string(i) +
        R"(","createdAt":"2026-11-28T00:00:00.000Z","reply":{"parent":{"uri":")" + parent +
        R"("},"root":{"uri":")" + root + R"("}}},"replyCount":)" +
        std::to_string(last ? last_reply_count : 1) + "}";
    if (last) {
      open += "}";
    } else {
      open += R"(,"replies":[)";
    }
    parent = uri;
  }
  for (int i = 1; i < levels; ++i) open += "]}";
  return open;
}

std::string ThreadBody(const std::string& root, const std::string& replies) {
  return R"({"thread":{"$type":"app.bsky.feed.defs#threadViewPost","post":{"uri":")" + root +
         R"(","author":{"did":"did:plc:ekc5eoviaov7zgmkmauig5dw","handle":"x"},"record":{"text":"","createdAt":"2026-11-27T00:00:00.000Z"},"replyCount":1},"replies":[)" +
         replies + "]}}";
}

TEST(BlueskyAdapter, DeepThreadContinuesFromTheDeepestReply) {
  auto adapter = Resolved();
  auto first =
      adapter->Parse(Tagged("thread", kB1), MakeResponse(ThreadBody(kB1, Chain(kB1, 10, 2))));
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(Only<Reply>(first->records).size(), 10u);
  ASSERT_EQ(first->follow_ups.size(), 1u);
  const Request& next = first->follow_ups[0];
  EXPECT_EQ(next.tag, "thread");
  EXPECT_EQ(next.post_id, kB1);
  EXPECT_EQ(next.page, 2);
  EXPECT_EQ(next.url, ThreadUrl("at://did:plc:warga/app.bsky.feed.post/r10"));

  // The answer starts at reply 10 (read already): only what is below it is new.
  std::string r10 = "at://did:plc:warga/app.bsky.feed.post/r10";
  std::string below =
      R"({"$type":"app.bsky.feed.defs#threadViewPost","post":{"uri":"at://did:plc:ekc5eoviaov7zgmkmauig5dw/app.bsky.feed.post/a11","author":{"did":"did:plc:ekc5eoviaov7zgmkmauig5dw","handle":"diskominfo.pangkalpinangkota.go.id"},"record":{"text":"Baik, kami teruskan ke Disdukcapil.","createdAt":"2026-11-28T01:00:00.000Z","reply":{"parent":{"uri":")" +
      r10 + R"("},"root":{"uri":")" + std::string(kB1) + R"("}}},"replyCount":0},"replies":[]})";
  std::string second_body =
      R"({"thread":{"$type":"app.bsky.feed.defs#threadViewPost","post":{"uri":")" + r10 +
      R"(","author":{"did":"did:plc:warga","handle":"warga.bsky.social"},"record":{"text":"balasan 10","createdAt":"2026-11-28T00:00:00.000Z"},"replyCount":1},"replies":[)" +
      below + "]}}";
  auto second = adapter->Parse(next, MakeResponse(second_body));
  ASSERT_TRUE(second.ok()) << second.status().message();
  auto replies = Only<Reply>(second->records);
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0].post, kB1);
  EXPECT_EQ(replies[0].parent, r10);
  EXPECT_EQ(replies[0].author_id, kAgency);
  EXPECT_TRUE(second->follow_ups.empty());

  // At the reply page limit the cut is reported instead of followed.
  RunWindow w = FirstRun();
  w.max_reply_pages = 1;
  auto bounded =
      Resolved(w)->Parse(Tagged("thread", kB1), MakeResponse(ThreadBody(kB1, Chain(kB1, 10, 2))));
  ASSERT_TRUE(bounded.ok());
  EXPECT_TRUE(bounded->follow_ups.empty());
  ASSERT_EQ(bounded->warnings.size(), 1u);
  EXPECT_NE(bounded->warnings[0].find("reply page limit"), std::string::npos);
}

TEST(BlueskyAdapter, HostileNestingIsWalkedWithoutRecursion) {
  auto adapter = Resolved();
  // 100000 replies, each under the previous one: the walk reads the first
  // 100 levels, then skips the rest without recursing. (Below level 150 the
  // nodes are bare, which keeps the body small; they are never read.)
  std::string replies = Chain(kB1, 150, 0);
  std::string bare;
  for (int i = 150; i < 100000; ++i) bare += R"({"replies":[)";
  for (int i = 150; i < 100000; ++i) bare += "]}";
  // Level 150 ends `"replyCount":0}}`: its replies go before the node's brace.
  const std::string last = R"("replyCount":0})";
  replies.insert(replies.find(last) + last.size(), R"(,"replies":[)" + bare + "]");
  auto deep = adapter->Parse(Tagged("thread", kB1), MakeResponse(ThreadBody(kB1, replies)));
  ASSERT_TRUE(deep.ok()) << deep.status().message();
  EXPECT_EQ(Only<Reply>(deep->records).size(), 100u);
  ASSERT_EQ(deep->warnings.size(), 1u);
  EXPECT_NE(deep->warnings[0].find("deeper than 100 levels"), std::string::npos);

  // A 100000-level parent chain above the post (as a hellthread's, which the
  // recording shows 54 deep) is skipped unread.
  std::string parents;
  for (int i = 0; i < 100000; ++i) parents += R"({"post":{"uri":"at://p"},"parent":)";
  parents += R"({"$type":"app.bsky.feed.defs#blockedPost","uri":"at://x","blocked":true})";
  for (int i = 0; i < 100000; ++i) parents += "}";
  std::string body = ThreadBody(kB1, Chain(kB1, 2, 0));
  body.insert(body.find(R"(,"replies")"), R"(,"parent":)" + parents);
  auto chain = adapter->Parse(Tagged("thread", kB1), MakeResponse(body));
  ASSERT_TRUE(chain.ok()) << chain.status().message();
  EXPECT_EQ(Only<Reply>(chain->records).size(), 2u);
  EXPECT_TRUE(chain->warnings.empty());

  // The same parent chain where a profile is expected: skipped, no crash.
  auto profile = adapter->Parse(
      Tagged("profile"),
      MakeResponse(R"({"did":"did:plc:ekc5eoviaov7zgmkmauig5dw","x":)" + parents + "}"));
  ASSERT_TRUE(profile.ok()) << profile.status().message();

  // Unbalanced: ten thousand opening brackets and nothing else.
  auto unbalanced = adapter->Parse(Tagged("thread", kB1),
                                   MakeResponse(R"({"thread":)" + std::string(10000, '[')));
  EXPECT_FALSE(unbalanced.ok());
}

// ---- Real recorded responses (atproto.dart fixtures, bsky.social 2023) ------------

TEST(BlueskyAdapterRealData, ProfileThenAuthorFeed) {
  AccountConfig a = testing::MakeAccountConfig(Platform::kBluesky, "shinyakato.dev",
                                               "https://public.api.bsky.app", "Uji");
  auto adapter = MakeAdapter(a, testing::FirstRunAt(1682899200));  // 2023-05-01T00:00:00Z
  auto start = adapter->Start();
  ASSERT_EQ(start.size(), 1u);
  auto profile = adapter->Parse(start[0], MakeResponse(ReadDataFile(kReal + "/getProfile.json")));
  ASSERT_TRUE(profile.ok()) << profile.status().message();
  ASSERT_EQ(profile->records.size(), 1u);
  Account acc = std::get<Account>(profile->records[0]);
  EXPECT_EQ(acc.id, "did:plc:iijrtk7ocored6zuziwmqq3c");
  EXPECT_EQ(acc.handle, "shinyakato.dev");
  EXPECT_EQ(acc.name, "Shinya Kato 🤯");
  EXPECT_EQ(acc.followers, 4945);
  ASSERT_EQ(profile->follow_ups.size(), 1u);
  EXPECT_EQ(profile->follow_ups[0].url,
            "https://public.api.bsky.app/xrpc/app.bsky.feed.getAuthorFeed?actor=did%3Aplc%"
            "3Aiijrtk7ocored6zuziwmqq3c&limit=100&filter=posts_no_replies");

  auto feed = adapter->Parse(profile->follow_ups[0],
                             MakeResponse(ReadDataFile(kReal + "/getAuthorFeed.json")));
  ASSERT_TRUE(feed.ok()) << feed.status().message();
  // 25 items: 2 reposts of others and 20 replies are not posts.
  auto posts = Only<Post>(feed->records);
  ASSERT_EQ(posts.size(), 3u);
  const std::string trove =
      "at://did:plc:iijrtk7ocored6zuziwmqq3c/app.bsky.feed.post/3jukoxegkhw2s";
  EXPECT_EQ(posts[0].id, trove);
  EXPECT_EQ(posts[0].text, "A treasure trove! 🐩");
  EXPECT_EQ(posts[0].created_at.text, "2023-04-30T03:23:25.000Z");
  EXPECT_EQ(posts[0].url, "https://bsky.app/profile/shinyakato.dev/post/3jukoxegkhw2s");
  EXPECT_EQ(posts[0].lang, std::nullopt);  // no langs in 2023 records
  ASSERT_EQ(posts[0].media.size(), 2u);
  EXPECT_EQ(posts[0].media[0].alt, std::nullopt);
  EXPECT_EQ(
      posts[0].media[1].url,
      "https://cdn.bsky.social/imgproxy/PbDh2TKwTO2rOHrFFV7XutAT9LYVjMtP2iUHOrhf_R0/"
      "rs:fit:2000:2000:1:0/plain/bafkreihysawciaeg5f5ubyvwq3yhnnuixtdknkg74sfcdteaffvftvxllq@"
      "jpeg");
  EXPECT_EQ(posts[1].id, "at://did:plc:iijrtk7ocored6zuziwmqq3c/app.bsky.feed.post/3jukdwsblqu2l");
  EXPECT_TRUE(posts[1].media.empty());  // an external link card is not media
  EXPECT_EQ(posts[2].id, "at://did:plc:iijrtk7ocored6zuziwmqq3c/app.bsky.feed.post/3jukamqbf2c2q");

  auto m = Find<Metrics>(feed->records, trove);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->likes, 44);
  EXPECT_EQ(m->shares, 2);
  EXPECT_EQ(m->replies, 3);
  EXPECT_EQ(m->quotes, std::nullopt);  // not reported in 2023
  EXPECT_EQ(m->followers, 4945);
  EXPECT_EQ(feed->newest_post_id, trove);

  // Threads of the two posts with replies, then the next page by cursor.
  ASSERT_EQ(feed->follow_ups.size(), 3u);
  EXPECT_EQ(feed->follow_ups[0].post_id, trove);
  EXPECT_EQ(feed->follow_ups[0].url,
            "https://public.api.bsky.app/xrpc/app.bsky.feed.getPostThread?uri=" + Enc(trove) +
                "&depth=10&parentHeight=0");
  EXPECT_EQ(feed->follow_ups[1].post_id, posts[2].id);
  EXPECT_EQ(feed->follow_ups[2].tag, "feed");
  EXPECT_EQ(feed->follow_ups[2].page, 2);
  EXPECT_EQ(QueryParameter(feed->follow_ups[2].url, "cursor"),
            "1682809172466::bafyreihdpdn7uiqmshzb2y4o67gzy2aeairq6phuk476k2oidhy2p5dbwu");
}

TEST(BlueskyAdapterRealData, HellthreadSkipsTheParentChain) {
  const std::string root = "at://did:plc:iuk433sj23ncu2oo2pfnw7fw/app.bsky.feed.post/3jujgsslyxt2h";
  auto parsed = Resolved()->Parse(Tagged("thread", root),
                                  MakeResponse(ReadDataFile(kReal + "/getPostThread.json")));
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_TRUE(parsed->warnings.empty());  // the #blockedPost is 54 parents up, not a reply
  auto replies = Only<Reply>(parsed->records);
  ASSERT_EQ(replies.size(), 4u);
  for (const Reply& r : replies) {
    EXPECT_EQ(r.post, root);
    EXPECT_EQ(r.parent, std::nullopt) << r.id;
  }
  EXPECT_EQ(replies[2].id,
            "at://did:plc:hs4oii2q3tnkf4jp6bj77afj/app.bsky.feed.post/3jujgwywl432g");
  EXPECT_EQ(replies[2].author_id, "did:plc:hs4oii2q3tnkf4jp6bj77afj");
  EXPECT_EQ(replies[2].author, "gloriapaulsen.bsky.social");
  EXPECT_EQ(replies[2].created_at.text, "2023-04-29T15:27:23.306Z");
  EXPECT_EQ(replies[2].text, "It’s click your heals three times…nope not it!");
  EXPECT_EQ(replies[0].text, "Skeetlejuice skeetlejuiCE SKEETLEJUICE");
  EXPECT_TRUE(parsed->follow_ups.empty());
}

TEST(BlueskyAdapterRealData, NestedRepliesWithBlockedAndNotFoundNodes) {
  const std::string root = "at://did:plc:by3jhwdqgbtrcc7q4tkkv3cf/app.bsky.feed.post/3jtvi2jrijx2y";
  auto parsed = Resolved()->Parse(
      Tagged("thread", root), MakeResponse(ReadDataFile(kReal + "/find_post_thread_2023.json")));
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  auto replies = Only<Reply>(parsed->records);
  ASSERT_EQ(replies.size(), 3u);
  EXPECT_EQ(replies[0].id,
            "at://did:plc:xbxpdv7nstw5ybmlneupnuaa/app.bsky.feed.post/3jtvjdinqcm2a");
  EXPECT_EQ(replies[0].text, "🔥");
  EXPECT_EQ(replies[0].parent, std::nullopt);
  EXPECT_EQ(replies[1].id,
            "at://did:plc:o3muczkqodgc563d4rip3rpn/app.bsky.feed.post/3jtviwrkkbn2e");
  EXPECT_EQ(replies[2].id,
            "at://did:plc:kef63ihhci7f5xhriu4asjhb/app.bsky.feed.post/3jtvu6gnhmk2r");
  EXPECT_EQ(replies[2].parent, replies[1].id);
  EXPECT_EQ(replies[2].text, "");  // an image-only reply
  EXPECT_EQ(replies[2].created_at.text, "2023-04-21T20:30:55.432Z");
  // Two #blockedPost and two #notFoundPost nodes, one pair at each level.
  ASSERT_EQ(parsed->warnings.size(), 4u);
  EXPECT_NE(parsed->warnings[0].find("hidden by a block"), std::string::npos);
  EXPECT_NE(parsed->warnings[1].find("was not found"), std::string::npos);
  EXPECT_NE(parsed->warnings[1].find("3julb75nxkc2y"), std::string::npos);
}

TEST(BlueskyAdapterRealData, RecordWithMediaInTheThreadRoot) {
  // The thread root of find_post_thread_2023 is a recordWithMedia whose media
  // is a link card; the four images belong to the quoted post.
  AccountConfig a = Agency();
  a.platform_id = "did:plc:by3jhwdqgbtrcc7q4tkkv3cf";
  auto adapter = MakeAdapter(a, testing::FirstRunAt(1682899200));
  // Reuse the root's post view as a one-item feed.
  std::string thread = ReadDataFile(kReal + "/find_post_thread_2023.json");
  size_t post = thread.find("\"post\"");
  size_t replies = thread.find("\"replies\"");
  ASSERT_NE(post, std::string::npos);
  ASSERT_NE(replies, std::string::npos);
  std::string view = thread.substr(post, replies - post);
  view.erase(view.find_last_of(','));  // the comma before "replies"
  auto parsed = adapter->Parse(Tagged("feed"), MakeResponse("{\"feed\":[{" + view + "}]}"));
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  auto posts = Only<Post>(parsed->records);
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_TRUE(posts[0].media.empty());
  EXPECT_EQ(posts[0].url,
            "https://bsky.app/profile/aliceisjustplaying.bsky.social/post/3jtvi2jrijx2y");
  EXPECT_EQ(posts[0].text.rfind("now available for everyone to try in your browser!", 0), 0u);
}

// ---- Errors and hostile bodies ----------------------------------------------------

TEST(BlueskyAdapter, ErrorFixtures) {
  auto routes = testing::LoadRoutes(kErrors);
  {
    auto adapter = MakeAdapter(Agency(), FirstRun());
    auto run = testing::RunOffline(*adapter, routes, kBase);
    EXPECT_TRUE(run.unmatched.empty());
    ASSERT_EQ(run.errors.size(), 1u);
    EXPECT_EQ(run.errors[0].rfind("feed: bluesky feed: HTTP 429: rate limit spent", 0), 0u)
        << run.errors[0];
    EXPECT_NE(run.errors[0].find("resets at 1795997100"), std::string::npos);
    ASSERT_EQ(run.warnings.size(), 1u);  // RateLimit-Remaining: 1 on the profile
    EXPECT_EQ(run.warnings[0],
              "bluesky profile: rate limit nearly spent, 1 of 3000 requests left until 1795997100");
  }
  {
    AccountConfig a = Agency();
    a.handle = "hilang.bsky.social";
    auto adapter = MakeAdapter(a, FirstRun());
    Response resp = MakeResponse(ReadDataFile(kErrors + "/profile_not_found.json"), 400);
    auto parsed = adapter->Parse(adapter->Start()[0], resp);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.status().code(), Status::Code::kNotFound);
    EXPECT_NE(parsed.status().message().find("Profile not found"), std::string::npos);
    EXPECT_NE(parsed.status().message().find("hilang.bsky.social"), std::string::npos);
  }
  {
    Response resp = MakeResponse(ReadDataFile(kErrors + "/post_not_found.json"), 400);
    auto parsed = Resolved()->Parse(Tagged("thread", kB1), resp);
    ASSERT_TRUE(parsed.ok()) << parsed.status().message();
    EXPECT_TRUE(parsed->records.empty());
    ASSERT_EQ(parsed->warnings.size(), 1u);
    EXPECT_NE(parsed->warnings[0].find("is gone"), std::string::npos);
  }
}

TEST(BlueskyAdapter, RateLimitIsBusy) {
  auto adapter = Resolved();
  Response resp =
      MakeResponse(R"({"error":"RateLimitExceeded","message":"Rate Limit Exceeded"})", 429);
  for (const char* tag : {"profile", "feed", "thread"}) {
    auto parsed = adapter->Parse(Tagged(tag, kB1), resp);
    ASSERT_FALSE(parsed.ok()) << tag;
    EXPECT_EQ(parsed.status().code(), Status::Code::kBusy) << tag;
  }
  resp.status = 400;  // the error name alone says it
  EXPECT_EQ(adapter->Parse(Tagged("feed"), resp).status().code(), Status::Code::kBusy);
  resp.body = "<html>Too Many Requests</html>";
  resp.status = 429;
  EXPECT_EQ(adapter->Parse(Tagged("feed"), resp).status().code(), Status::Code::kBusy);
}

Status ParseError(const std::string& tag, const std::string& body) {
  auto parsed = Resolved()->Parse(Tagged(tag, kB1), MakeResponse(body));
  return parsed.status();
}

TEST(BlueskyAdapter, BrokenBodiesAreErrorsNamingTheProblem) {
  for (const char* tag : {"profile", "feed", "thread"}) {
    Status empty = ParseError(tag, "");
    EXPECT_EQ(empty.code(), Status::Code::kCorruption) << tag;
    EXPECT_EQ(empty.message().rfind(std::string("bluesky ") + tag + ": ", 0), 0u)
        << empty.message();
    EXPECT_NE(empty.message().find("AppView"), std::string::npos);
    // A JSON array where an object belongs.
    Status array = ParseError(tag, "[]");
    EXPECT_NE(array.message().find("not a complete JSON object"), std::string::npos)
        << array.message();
  }
  for (const char* file : {"/feed_1.json", "/thread_b1.json", "/profile.json"}) {
    std::string body = ReadDataFile(kBasic + file);
    std::string tag = file[1] == 'f' ? "feed" : file[1] == 't' ? "thread" : "profile";
    for (size_t cut : {size_t{1}, size_t{100}, body.size() / 2, body.size() - 3}) {
      EXPECT_FALSE(ParseError(tag, body.substr(0, cut)).ok()) << file << " cut at " << cut;
    }
  }

  Status count = ParseError(
      "feed",
      R"({"feed":[{"post":{"uri":"at://a","author":{"did":"did:plc:ekc5eoviaov7zgmkmauig5dw"},"likeCount":"57"}}]})");
  EXPECT_NE(count.message().find("field 'feed.post.likeCount'"), std::string::npos)
      << count.message();
  Status created = ParseError("thread",
                              R"({"thread":{"post":{"uri":"at://r"},"replies":[
      {"post":{"uri":"at://a","record":{"text":"x","createdAt":20261127}}}]}})");
  EXPECT_NE(created.message().find("field 'thread.post.record.createdAt'"), std::string::npos)
      << created.message();
  Status alt = ParseError(
      "feed",
      R"({"feed":[{"post":{"uri":"at://a","embed":{"media":{"images":[{"alt":{"x":1}}]}}}}]})");
  EXPECT_NE(alt.message().find("field 'feed.post.embed.media.images.alt'"), std::string::npos)
      << alt.message();
  Status replies_object = ParseError("thread", R"({"thread":{"replies":{"a":1}}})");
  EXPECT_NE(replies_object.message().find("thread.replies"), std::string::npos)
      << replies_object.message();
  Status no_thread = ParseError("thread", R"({"threadgate":null})");
  EXPECT_NE(no_thread.message().find("field 'thread'"), std::string::npos) << no_thread.message();
  Status no_did = ParseError("profile", R"({"handle":"x.bsky.social"})");
  EXPECT_NE(no_did.message().find("field 'did'"), std::string::npos) << no_did.message();
  EXPECT_FALSE(ParseError("profile", "null").ok());

  auto unknown = Resolved()->Parse(Tagged("nope"), MakeResponse("{}"));
  EXPECT_EQ(unknown.status().code(), Status::Code::kInvalidArgument);
}

TEST(BlueskyAdapter, OddButValidFeedItems) {
  auto adapter = Resolved();
  std::string body = R"({"feed":[
    {"post":{"uri":"at://did:plc:ekc5eoviaov7zgmkmauig5dw/app.bsky.feed.post/v1",
      "author":{"did":"did:plc:ekc5eoviaov7zgmkmauig5dw","handle":"handle.invalid"},
      "record":{"text":"Video sosialisasi","createdAt":"2026-11-29T00:00:00Z","langs":["id","en"]},
      "embed":{"$type":"app.bsky.embed.video#view","cid":"c","playlist":"https://video.example/p.m3u8",
               "alt":"Wali Kota membuka acara"},
      "likeCount":null,"replyCount":0}},
    {"post":{"uri":"at://did:plc:ekc5eoviaov7zgmkmauig5dw/app.bsky.feed.post/r1",
      "author":{"did":"did:plc:ekc5eoviaov7zgmkmauig5dw"},
      "record":{"text":"balasan","createdAt":"2026-11-28T00:00:00Z",
                "reply":{"parent":{"uri":"at://x"},"root":{"uri":"at://x"}}}}},
    {"post":{"uri":"at://did:plc:lain/app.bsky.feed.post/o1","author":{"did":"did:plc:lain"},
      "record":{"text":"bukan milik kita","createdAt":"2026-11-28T00:00:00Z"}}},
    {"post":{"uri":"at://did:plc:ekc5eoviaov7zgmkmauig5dw/app.bsky.feed.post/t1",
      "author":{"did":"did:plc:ekc5eoviaov7zgmkmauig5dw"},"record":{"text":"x","createdAt":"kemarin"}}}
  ],"cursor":""})";
  auto parsed = adapter->Parse(Tagged("feed"), MakeResponse(body));
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  auto posts = Only<Post>(parsed->records);
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0].lang, "id");
  EXPECT_EQ(posts[0].url,
            "https://bsky.app/profile/did:plc:ekc5eoviaov7zgmkmauig5dw/post/v1");  // DID link
  ASSERT_EQ(posts[0].media.size(), 1u);
  EXPECT_EQ(posts[0].media[0].kind, "video");
  EXPECT_EQ(posts[0].media[0].alt, "Wali Kota membuka acara");
  EXPECT_EQ(posts[0].media[0].url, "https://video.example/p.m3u8");
  auto metrics = Only<Metrics>(parsed->records);
  ASSERT_EQ(metrics.size(), 1u);
  EXPECT_EQ(metrics[0].likes, std::nullopt);
  EXPECT_EQ(metrics[0].replies, 0);
  EXPECT_TRUE(parsed->follow_ups.empty());  // no replies, empty cursor
  ASSERT_EQ(parsed->warnings.size(), 1u);
  EXPECT_NE(parsed->warnings[0].find("createdAt"), std::string::npos);

  // Record-form embed when the view is missing (a bare test server).
  auto bare = adapter->Parse(Tagged("feed"), MakeResponse(R"({"feed":[{"post":{
      "uri":"at://did:plc:ekc5eoviaov7zgmkmauig5dw/app.bsky.feed.post/i1",
      "author":{"did":"did:plc:ekc5eoviaov7zgmkmauig5dw","handle":"d.example"},
      "record":{"text":"x","createdAt":"2026-11-29T00:00:00Z","embed":{
        "images":[{"image":{"$type":"blob"},"alt":"Peta lokasi"}],"$type":"app.bsky.embed.images"}},
      "replyCount":0}}]})"));
  ASSERT_TRUE(bare.ok()) << bare.status().message();
  auto bare_posts = Only<Post>(bare->records);
  ASSERT_EQ(bare_posts.size(), 1u);
  ASSERT_EQ(bare_posts[0].media.size(), 1u);
  EXPECT_EQ(bare_posts[0].media[0].alt, "Peta lokasi");
  EXPECT_EQ(bare_posts[0].media[0].url, std::nullopt);
}

TEST(BlueskyAdapter, ThreadNodesOfUnknownTypeAreWarnings) {
  auto parsed = Resolved()->Parse(
      Tagged("thread", kB1),
      MakeResponse(
          R"({"thread":{"$type":"app.bsky.feed.defs#threadViewPost","post":{"uri":"at://r"},
             "replies":[{"$type":"app.bsky.feed.defs#somethingNew","uri":"at://n"},
                        {"$type":"app.bsky.feed.defs#threadViewPost","post":{"uri":"at://q",
                         "author":{"did":"did:plc:w"},"record":{"text":"tanpa induk",
                         "createdAt":"2026-11-28T00:00:00Z"}}}]}})"));
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  ASSERT_EQ(parsed->warnings.size(), 2u);
  EXPECT_NE(parsed->warnings[0].find("unknown type"), std::string::npos);
  EXPECT_NE(parsed->warnings[1].find("names no parent"), std::string::npos);
  auto replies = Only<Reply>(parsed->records);
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0].parent, std::nullopt);

  // The thread's own post deleted.
  auto gone = Resolved()->Parse(
      Tagged("thread", kB1),
      MakeResponse(
          R"({"thread":{"$type":"app.bsky.feed.defs#notFoundPost","uri":"at://g","notFound":true}})"));
  ASSERT_TRUE(gone.ok());
  ASSERT_EQ(gone->warnings.size(), 1u);
  EXPECT_NE(gone->warnings[0].find("the post"), std::string::npos);
}

}  // namespace
}  // namespace tanggap::collector
