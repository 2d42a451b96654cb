// Mastodon adapter: the fixture scenario offline, incremental runs, real
// recorded Mastodon responses, and hostile or broken bodies.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "collector/adapter.h"
#include "scorer/text.h"
#include "tests/platform_fixtures.h"

namespace tanggap::collector {
namespace {

const std::string kBasic = std::string(TANGGAP_SOURCE_DIR) + "/tests/data/platforms/mastodon/basic";
const std::string kErrors =
    std::string(TANGGAP_SOURCE_DIR) + "/tests/data/platforms/mastodon/errors";
const std::string kReal = std::string(TANGGAP_SOURCE_DIR) + "/../shared/realdata/api/mastodon";

// Ids in the fixture (Mastodon snowflakes).
constexpr char kAgency[] = "112034991644362557";
constexpr char kRina[] = "109656303206407477";
constexpr char kP1[] = "117691593858756161";
constexpr char kP2[] = "117675904204812933";
constexpr char kP3[] = "117601232486449489";
constexpr char kP4[] = "117561301401634725";
constexpr char kP5[] = "117471235276803352";
constexpr char kR1[] = "117691755397142205";
constexpr char kAgencyReply[] = "117691891221307333";
constexpr char kR3[] = "117691908554752198";
constexpr char kR4[] = "117692311339035020";
constexpr char kR5[] = "117676308430878771";
constexpr char kR6[] = "117680046014508878";
constexpr char kR7[] = "117561599000585696";

constexpr int64_t kNow = 1795996800;     // 2026-11-30T00:00:00Z
constexpr int64_t kP1Unix = 1795831205;  // 2026-11-28T02:00:05Z
constexpr char kBase[] = "http://fake.test";

using testing::Find;
using testing::MakeResponse;
using testing::Only;
using testing::ReadDataFile;

AccountConfig Agency() {
  return testing::MakeAccountConfig(Platform::kMastodon, "@diskominfo@fake.test", kBase);
}

RunWindow FirstRun() { return testing::FirstRunAt(kNow); }

std::string Listing() {
  return std::string(kBase) + "/api/v1/accounts/" + kAgency +
         "/statuses?limit=40&exclude_reblogs=true";
}
std::string ContextUrl(const std::string& id) {
  return std::string(kBase) + "/api/v1/statuses/" + id + "/context";
}

Request Tagged(std::string tag, std::string post_id = "") {
  return testing::MakeRequest(std::string(kBase) + "/x", std::move(tag), std::move(post_id));
}

// ---- The fixture scenario --------------------------------------------------

TEST(MastodonAdapter, BasicScenarioFirstRun) {
  auto adapter = MakeAdapter(Agency(), FirstRun());
  ASSERT_NE(adapter, nullptr);
  EXPECT_EQ(adapter->Auth(), AuthStyle::kBearerHeader);
  auto run = testing::RunOffline(*adapter, testing::LoadRoutes(kBasic), kBase);

  EXPECT_TRUE(run.unmatched.empty()) << run.unmatched.front();
  EXPECT_TRUE(run.errors.empty()) << run.errors.front();
  EXPECT_TRUE(run.warnings.empty()) << run.warnings.front();
  // Breadth first: the first page plans two threads and the next page; P3
  // has no replies (no context request) and P5 is older than the backfill.
  std::vector<std::string> want_urls = {
      std::string(kBase) + "/api/v1/accounts/lookup?acct=diskominfo",
      Listing(),
      ContextUrl(kP1),
      ContextUrl(kP2),
      Listing() + "&max_id=" + kP3,
      ContextUrl(kP4),
  };
  EXPECT_EQ(run.urls, want_urls);

  EXPECT_EQ(Only<Account>(run.records).size(), 1u);
  EXPECT_EQ(Only<Post>(run.records).size(), 4u);
  EXPECT_EQ(Only<Metrics>(run.records).size(), 4u);
  EXPECT_EQ(Only<Reply>(run.records).size(), 7u);
  ASSERT_TRUE(run.newest_post_unix.has_value());
  EXPECT_EQ(*run.newest_post_unix, kP1Unix);

  Account account = Only<Account>(run.records).front();
  EXPECT_EQ(account.platform, Platform::kMastodon);
  EXPECT_EQ(account.id, kAgency);
  EXPECT_EQ(account.handle, "diskominfo");
  EXPECT_EQ(account.name, "Diskominfo Kota Pangkalpinang");
  EXPECT_EQ(account.agency, "Diskominfo");
  EXPECT_EQ(account.followers, 1842);

  // The agency's own reply in the statuses list is not a post; P5 is too old.
  EXPECT_FALSE(Find<Post>(run.records, kAgencyReply));
  EXPECT_FALSE(Find<Post>(run.records, kP5));
  EXPECT_TRUE(Find<Post>(run.records, kP3));

  auto p1 = Find<Post>(run.records, kP1);
  ASSERT_TRUE(p1);
  EXPECT_EQ(p1->account, kAgency);
  EXPECT_EQ(p1->created_at.text, "2026-11-28T02:00:05.120Z");
  EXPECT_EQ(p1->created_at.unix_seconds, kP1Unix);
  EXPECT_EQ(p1->text,
            "📢 Jadwal perekaman e-KTP keliling pekan ini!\nSenin, 1 Desember 2026 di Kantor "
            "Kelurahan Bukit Intan, pukul 08.00–12.00 WIB. Bawa fotokopi KK.\n\n#Pangkalpinang "
            "#eKTP");
  EXPECT_EQ(p1->url, "http://fake.test/@diskominfo/117691593858756161");
  EXPECT_EQ(p1->lang, "id");
  ASSERT_EQ(p1->media.size(), 1u);
  EXPECT_EQ(p1->media[0].kind, "image");
  EXPECT_EQ(p1->media[0].alt,
            "Poster jadwal perekaman e-KTP keliling: Senin 1 Desember 2026, Kantor Kelurahan "
            "Bukit Intan, pukul 08.00–12.00 WIB");
  ASSERT_TRUE(p1->media[0].url);
  EXPECT_EQ(p1->media[0].url->rfind("http://fake.test/system/media_attachments/files/", 0), 0u);

  auto p2 = Find<Post>(run.records, kP2);
  ASSERT_TRUE(p2);
  ASSERT_EQ(p2->media.size(), 1u);
  EXPECT_EQ(p2->media[0].alt, std::nullopt);  // "description": null
  EXPECT_TRUE(Find<Post>(run.records, kP3)->media.empty());

  auto m1 = Find<Metrics>(run.records, kP1);
  ASSERT_TRUE(m1);
  EXPECT_EQ(m1->platform, Platform::kMastodon);
  EXPECT_EQ(m1->at.text, "2026-11-30T00:00:00+00:00");
  EXPECT_EQ(m1->at.unix_seconds, kNow);
  EXPECT_EQ(m1->likes, 48);
  EXPECT_EQ(m1->shares, 17);
  EXPECT_EQ(m1->replies, 2);
  EXPECT_EQ(m1->quotes, 0);
  EXPECT_EQ(m1->views, std::nullopt);
  EXPECT_EQ(m1->followers, 1842);

  auto r1 = Find<Reply>(run.records, kR1);
  ASSERT_TRUE(r1);
  EXPECT_EQ(r1->post, kP1);
  EXPECT_EQ(r1->parent, std::nullopt);
  EXPECT_EQ(r1->author_id, kRina);
  EXPECT_EQ(r1->author, "rina_bangka@mastodon.social");
  EXPECT_EQ(r1->created_at.text, "2026-11-28T02:41:10.000Z");
  EXPECT_EQ(r1->text,
            "Min, kapan jadwal perekaman e-KTP keliling? Saya di Kec. Gerunggang, tidak bisa "
            "datang hari Senin.");

  auto agency_reply = Find<Reply>(run.records, kAgencyReply);
  ASSERT_TRUE(agency_reply);
  EXPECT_EQ(agency_reply->author_id, kAgency);
  EXPECT_EQ(agency_reply->author, "diskominfo");
  EXPECT_EQ(agency_reply->parent, kR1);
  EXPECT_EQ(agency_reply->post, kP1);
  EXPECT_EQ(agency_reply->text.rfind("@rina_bangka Halo Kak Rina, perekaman keliling", 0), 0u);

  auto r3 = Find<Reply>(run.records, kR3);
  ASSERT_TRUE(r3);
  EXPECT_EQ(r3->parent, kAgencyReply);  // nested: answers the agency's answer
  EXPECT_EQ(r3->text, "@diskominfo Terima kasih banyak, Min! 👍");

  // Escaped markup stays text; the content warning leads as its own paragraph.
  auto r4 = Find<Reply>(run.records, kR4);
  ASSERT_TRUE(r4);
  EXPECT_EQ(r4->text,
            "Keluhan layanan\n\nKenapa jadwalnya selalu di jam kerja? <script>alert(1)</script> "
            "Tolong buka layanan hari Sabtu juga, Min.");

  auto r6 = Find<Reply>(run.records, kR6);
  ASSERT_TRUE(r6);
  EXPECT_EQ(r6->post, kP2);
  EXPECT_EQ(r6->parent, kR5);
  EXPECT_EQ(r6->author, "andi@kolektiva.social");

  auto r7 = Find<Reply>(run.records, kR7);
  ASSERT_TRUE(r7);
  EXPECT_EQ(r7->post, kP4);
  EXPECT_EQ(r7->parent, std::nullopt);
}

TEST(MastodonAdapter, IncrementalRunStopsAtTheRefreshWindow) {
  RunWindow w = FirstRun();
  w.newest_seen = kP1Unix - 3600;
  auto adapter = MakeAdapter(Agency(), w);
  auto run = testing::RunOffline(*adapter, testing::LoadRoutes(kBasic), kBase);
  EXPECT_TRUE(run.unmatched.empty());
  EXPECT_TRUE(run.errors.empty());
  // The first page reaches P3 (2026-11-12), older than now - 14 days: no
  // second page, and P4's thread (2026-11-05) is closed.
  std::vector<std::string> want_urls = {
      std::string(kBase) + "/api/v1/accounts/lookup?acct=diskominfo",
      Listing(),
      ContextUrl(kP1),
      ContextUrl(kP2),
  };
  EXPECT_EQ(run.urls, want_urls);
  EXPECT_EQ(Only<Post>(run.records).size(), 2u);
  EXPECT_FALSE(Find<Post>(run.records, kP3));
  EXPECT_EQ(Only<Metrics>(run.records).size(), 2u);
  EXPECT_EQ(Only<Reply>(run.records).size(), 6u);
  EXPECT_FALSE(Find<Reply>(run.records, kR7));
}

TEST(MastodonAdapter, KnownPlatformIdFetchesTheAccountById) {
  AccountConfig a = Agency();
  a.platform_id = kAgency;
  auto adapter = MakeAdapter(a, FirstRun());
  auto run = testing::RunOffline(*adapter, testing::LoadRoutes(kBasic), kBase);
  EXPECT_TRUE(run.unmatched.empty());
  EXPECT_TRUE(run.errors.empty());
  ASSERT_FALSE(run.urls.empty());
  EXPECT_EQ(run.urls[0], std::string(kBase) + "/api/v1/accounts/" + kAgency);
  EXPECT_EQ(Only<Post>(run.records).size(), 4u);
  EXPECT_EQ(Only<Reply>(run.records).size(), 7u);
}

TEST(MastodonAdapter, PostPageLimitStopsPaging) {
  RunWindow w = FirstRun();
  w.max_post_pages = 1;
  auto adapter = MakeAdapter(Agency(), w);
  auto run = testing::RunOffline(*adapter, testing::LoadRoutes(kBasic), kBase);
  EXPECT_TRUE(run.errors.empty());
  EXPECT_EQ(run.urls.size(), 4u);  // lookup, page 1, two threads
  EXPECT_EQ(Only<Post>(run.records).size(), 3u);
}

TEST(MastodonAdapter, AcctFollowsTheInstance) {
  struct Case {
    std::string handle, base, want_url;
  } cases[] = {
      {"@diskominfo@fake.test", "http://fake.test",
       "http://fake.test/api/v1/accounts/lookup?acct=diskominfo"},
      {"diskominfo", "https://mastodon.example/",
       "https://mastodon.example/api/v1/accounts/lookup?acct=diskominfo"},
      {"@Diskominfo@Mastodon.Example", "https://mastodon.example:443",
       "https://mastodon.example:443/api/v1/accounts/lookup?acct=Diskominfo"},
      {"@mastodonpy_test@localhost:3000", "http://localhost:3000",
       "http://localhost:3000/api/v1/accounts/lookup?acct=mastodonpy_test"},
      {"@diskominfo@pangkalpinangkota.go.id", "https://mastodon.example",
       "https://mastodon.example/api/v1/accounts/lookup?acct=diskominfo%40pangkalpinangkota.go.id"},
  };
  for (const Case& c : cases) {
    AccountConfig a = Agency();
    a.handle = c.handle;
    a.base_url = c.base;
    auto start = MakeAdapter(a, FirstRun())->Start();
    ASSERT_EQ(start.size(), 1u);
    EXPECT_EQ(start[0].url, c.want_url) << c.handle;
    EXPECT_EQ(start[0].tag, "account");
  }
}

// ---- Paging links ------------------------------------------------------------

Parsed ParsePageWithLink(Adapter& adapter, const std::string& link) {
  // One own status, recent enough that paging goes on.
  std::string body = R"([{"id":"117691593858756161","created_at":"2026-11-28T02:00:05.120Z",
      "content":"<p>Halo</p>","account":{"id":"112034991644362557","acct":"diskominfo"},
      "replies_count":0,"reblog":null}])";
  Response resp = MakeResponse(body);
  resp.headers.emplace_back("link", link);
  Request req = Tagged("statuses");
  auto parsed = adapter.Parse(req, resp);
  EXPECT_TRUE(parsed.ok()) << parsed.status().message();
  return parsed.ok() ? *parsed : Parsed{};
}

TEST(MastodonAdapter, NextLinkIsStrippedOfCredentialsAndKeptOnTheInstance) {
  AccountConfig a = Agency();
  a.platform_id = kAgency;
  auto adapter = MakeAdapter(a, FirstRun());

  Parsed same = ParsePageWithLink(
      *adapter,
      "<http://fake.test/api/v1/accounts/1/statuses?max_id=9&access_token=SECRET>; "
      "rel=\"next\", <http://fake.test/api/v1/accounts/1/statuses?min_id=10>; rel=\"prev\"");
  ASSERT_EQ(same.follow_ups.size(), 1u);
  EXPECT_EQ(same.follow_ups[0].url, "http://fake.test/api/v1/accounts/1/statuses?max_id=9");
  EXPECT_EQ(same.follow_ups[0].tag, "statuses");
  EXPECT_EQ(same.follow_ups[0].page, 2);

  // prev only: the end of the list.
  Parsed last = ParsePageWithLink(
      *adapter, "<http://fake.test/api/v1/accounts/1/statuses?min_id=10>; rel=\"prev\"");
  EXPECT_TRUE(last.follow_ups.empty());

  // A link to another host would receive the bearer token: refused.
  Parsed elsewhere = ParsePageWithLink(
      *adapter, "<https://evil.example/api/v1/accounts/1/statuses?max_id=9>; rel=\"next\"");
  EXPECT_TRUE(elsewhere.follow_ups.empty());
  ASSERT_EQ(elsewhere.warnings.size(), 1u);
  EXPECT_NE(elsewhere.warnings[0].find("another host"), std::string::npos);
}

// ---- Real recorded responses (Mastodon.py cassettes) -----------------------------

TEST(MastodonAdapterRealData, AccountLookupThenPagedStatuses) {
  AccountConfig a = testing::MakeAccountConfig(Platform::kMastodon, "mastodonpy_test",
                                               "http://localhost:3000", "Uji");
  // 2026-08-02T00:00:00Z, a day after the recording.
  auto adapter = MakeAdapter(a, testing::FirstRunAt(1785628800));
  auto start = adapter->Start();
  ASSERT_EQ(start.size(), 1u);
  EXPECT_EQ(start[0].url, "http://localhost:3000/api/v1/accounts/lookup?acct=mastodonpy_test");

  auto account = adapter->Parse(
      start[0],
      MakeResponse(ReadDataFile(
          kReal +
          "/extracted/test_account_lookup__02__v1_accounts_lookup_acct_mastodonpy_test.json")));
  ASSERT_TRUE(account.ok()) << account.status().message();
  ASSERT_EQ(account->records.size(), 1u);
  Account acc = std::get<Account>(account->records[0]);
  EXPECT_EQ(acc.id, "117020565966271181");
  EXPECT_EQ(acc.handle, "mastodonpy_test");
  EXPECT_EQ(acc.name, "John Lennon");
  EXPECT_EQ(acc.followers, 0);
  ASSERT_EQ(account->follow_ups.size(), 1u);
  EXPECT_EQ(account->follow_ups[0].url,
            "http://localhost:3000/api/v1/accounts/117020565966271181/statuses?limit=40&"
            "exclude_reblogs=true");

  // Interaction 11 of test_fetch_next_previous, with its recorded Link header.
  Response page = MakeResponse(ReadDataFile(
      kReal +
      "/extracted/"
      "test_fetch_next_previous__11__v1_accounts_117020565966271181_statuses_limit_5.json"));
  page.headers.emplace_back(
      "link",
      "<http://localhost:3000/api/v1/accounts/117020565966271181/statuses?limit=5&max_id="
      "117020580489281910>; rel=\"next\", <http://localhost:3000/api/v1/accounts/"
      "117020565966271181/statuses?limit=5&min_id=117020580518794573>; rel=\"prev\"");
  page.headers.emplace_back("x-ratelimit-remaining", "278");
  auto statuses = adapter->Parse(account->follow_ups[0], page);
  ASSERT_TRUE(statuses.ok()) << statuses.status().message();
  auto posts = Only<Post>(statuses->records);
  ASSERT_EQ(posts.size(), 5u);
  EXPECT_EQ(posts[0].id, "117020580518794573");
  EXPECT_EQ(posts[0].text, "Toot number 9!");
  EXPECT_EQ(posts[0].created_at.text, "2026-08-01T13:52:34.108Z");
  EXPECT_EQ(posts[0].url, "http://localhost:3000/@mastodonpy_test/117020580518794573");
  EXPECT_EQ(posts[0].lang, "en");
  EXPECT_EQ(posts[4].id, "117020580489281910");
  EXPECT_EQ(posts[4].text, "Toot number 5!");
  auto metrics = Only<Metrics>(statuses->records);
  ASSERT_EQ(metrics.size(), 5u);
  EXPECT_EQ(metrics[0].likes, 0);
  EXPECT_EQ(metrics[0].followers, 0);
  EXPECT_EQ(statuses->newest_post_id, "117020580518794573");
  // No status has replies: the only follow-up is the next page.
  ASSERT_EQ(statuses->follow_ups.size(), 1u);
  EXPECT_EQ(statuses->follow_ups[0].url,
            "http://localhost:3000/api/v1/accounts/117020565966271181/statuses?limit=5&max_id="
            "117020580489281910");
  EXPECT_EQ(statuses->follow_ups[0].page, 2);

  Response page2 =
      MakeResponse(ReadDataFile(kReal + "/extracted/"
                                        "test_fetch_next_previous__12__v1_accounts_"
                                        "117020565966271181_statuses_limit_5_max_id_11702.json"));
  auto statuses2 = adapter->Parse(statuses->follow_ups[0], page2);
  ASSERT_TRUE(statuses2.ok()) << statuses2.status().message();
  auto posts2 = Only<Post>(statuses2->records);
  ASSERT_EQ(posts2.size(), 5u);
  EXPECT_EQ(posts2[4].text, "Toot number 0!");
  EXPECT_TRUE(statuses2->follow_ups.empty());  // no Link header given
}

TEST(MastodonAdapterRealData, ContextDescendantAnsweringThePost) {
  auto adapter = MakeAdapter(Agency(), FirstRun());
  Request req = Tagged("context", "110446983926957470");
  auto parsed = adapter->Parse(
      req, MakeResponse(ReadDataFile(
               kReal +
               "/extracted/test_entity_context__00__v1_statuses_110446983926957470_context.json")));
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  auto replies = Only<Reply>(parsed->records);
  ASSERT_EQ(replies.size(), 1u);  // the ancestor is not a reply under this post
  EXPECT_EQ(replies[0].id, "110446984249325790");
  EXPECT_EQ(replies[0].post, "110446983926957470");
  EXPECT_EQ(replies[0].parent, std::nullopt);
  EXPECT_EQ(replies[0].author_id, "43");
  EXPECT_EQ(replies[0].author, "halcy");
  EXPECT_EQ(replies[0].created_at.text, "2023-05-28T15:20:35.248Z");
  EXPECT_EQ(replies[0].text, "final status");
  EXPECT_TRUE(parsed->follow_ups.empty());
}

TEST(MastodonAdapterRealData, ContentWarningHtmlAndGifAltText) {
  // A remote, edited status with a content warning, a mention, a hashtag
  // and a gifv with a description, read as if that account were followed.
  AccountConfig a = Agency();
  a.platform_id = "23972";
  a.base_url = "https://mastodon.social";
  auto adapter = MakeAdapter(a, testing::FirstRunAt(1685577600));  // 2023-06-01T00:00:00Z
  std::string body =
      "[" +
      ReadDataFile(kReal +
                   "/extracted/test_entity_status__00__v1_statuses_110446223051565765.json") +
      "]";
  auto parsed = adapter->Parse(Tagged("statuses"), MakeResponse(body));
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  auto posts = Only<Post>(parsed->records);
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0].id, "110446223051565765");
  EXPECT_EQ(posts[0].text,
            "test post for mastodon.py stuff\n\n@halcy you're a doo-doo head\n\nedit: editing this "
            "to have the maximum amount of fields filled :trans_heart: #ThisIsAHashtag");
  EXPECT_EQ(posts[0].url, "https://icosahedron.website/@halcy/110446222386355655");
  EXPECT_EQ(posts[0].lang, "de");
  EXPECT_EQ(posts[0].created_at.text, "2023-05-28T12:06:50.000Z");
  ASSERT_EQ(posts[0].media.size(), 1u);
  EXPECT_EQ(posts[0].media[0].kind, "gif");
  EXPECT_EQ(posts[0].media[0].alt, "a furry cube breakdancing");
  auto metrics = Only<Metrics>(parsed->records);
  ASSERT_EQ(metrics.size(), 1u);
  EXPECT_EQ(metrics[0].likes, 1);
  EXPECT_EQ(metrics[0].shares, 0);
  EXPECT_EQ(metrics[0].replies, 0);
  EXPECT_TRUE(parsed->follow_ups.empty());  // no replies, no Link
}

TEST(MastodonAdapterRealData, RecordedNotFoundBodies) {
  auto adapter = MakeAdapter(Agency(), FirstRun());
  Response missing_status = MakeResponse(
      ReadDataFile(kReal + "/extracted/test_status_missing__00__v1_statuses_0.json"), 404);
  auto context = adapter->Parse(Tagged("context", "0"), missing_status);
  ASSERT_TRUE(context.ok()) << context.status().message();
  EXPECT_TRUE(context->records.empty());
  ASSERT_EQ(context->warnings.size(), 1u);
  EXPECT_NE(context->warnings[0].find("status 0 is gone"), std::string::npos);

  Response missing_account = MakeResponse(
      ReadDataFile(
          kReal +
          "/extracted/"
          "test_account_lookup__01__v1_accounts_lookup_acct_kljadklajsdkljlkjlkjlkjasdasd.json"),
      404);
  auto account = adapter->Parse(Tagged("account"), missing_account);
  ASSERT_FALSE(account.ok());
  EXPECT_EQ(account.status().code(), Status::Code::kNotFound);
  EXPECT_NE(account.status().message().find("Record not found"), std::string::npos);
}

// ---- Errors and hostile bodies ----------------------------------------------------

TEST(MastodonAdapter, ErrorFixtures) {
  auto routes = testing::LoadRoutes(kErrors);
  {
    auto adapter = MakeAdapter(Agency(), FirstRun());
    auto run = testing::RunOffline(*adapter, routes, kBase);
    EXPECT_TRUE(run.unmatched.empty());
    ASSERT_EQ(run.errors.size(), 1u);
    EXPECT_EQ(run.errors[0].rfind("statuses: mastodon statuses: HTTP 429: rate limit spent", 0), 0u)
        << run.errors[0];
    EXPECT_NE(run.errors[0].find("resets at 2026-11-30T00:05:00"), std::string::npos);
    EXPECT_EQ(Only<Account>(run.records).size(), 1u);
    // The lookup's X-RateLimit-Remaining: 1 (of 300) is worth a warning.
    ASSERT_EQ(run.warnings.size(), 1u);
    EXPECT_EQ(run.warnings[0],
              "mastodon account: rate limit nearly spent, 1 of 300 requests left until "
              "2026-11-30T00:05:00.000000Z");
  }
  {
    AccountConfig a = Agency();
    a.handle = "hilang";
    auto adapter = MakeAdapter(a, FirstRun());
    auto start = adapter->Start();
    Response resp = MakeResponse(ReadDataFile(kErrors + "/record_not_found.json"), 404);
    auto parsed = adapter->Parse(start[0], resp);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.status().code(), Status::Code::kNotFound);
    EXPECT_NE(parsed.status().message().find("check the handle 'hilang'"), std::string::npos);
  }
  {
    Response resp = MakeResponse(ReadDataFile(kErrors + "/invalid_token.json"), 401);
    auto parsed = MakeAdapter(Agency(), FirstRun())->Parse(Tagged("account"), resp);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.status().code(), Status::Code::kInvalidArgument);
    EXPECT_NE(parsed.status().message().find("The access token is invalid"), std::string::npos);
    EXPECT_NE(parsed.status().message().find("access token"), std::string::npos);
  }
}

TEST(MastodonAdapter, LongErrorTextIsCutOnACharacterBoundary) {
  Response resp;
  resp.status = 422;
  std::string text;
  for (int i = 0; i < 150; ++i) text += "é";  // 2 bytes each
  resp.body = "{\"error\":\"x" + text + "\"}";
  auto parsed = MakeAdapter(Agency(), FirstRun())->Parse(Tagged("statuses"), resp);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(scorer::IsValidUtf8(parsed.status().message())) << parsed.status().message();
  EXPECT_LT(parsed.status().message().size(), 300u);
}

TEST(MastodonAdapter, RateLimitIsBusy) {
  auto adapter = MakeAdapter(Agency(), FirstRun());
  Response resp = MakeResponse(R"({"error":"Too many requests"})", 429);
  for (const char* tag : {"account", "statuses", "context"}) {
    auto parsed = adapter->Parse(Tagged(tag, "1"), resp);
    ASSERT_FALSE(parsed.ok()) << tag;
    EXPECT_EQ(parsed.status().code(), Status::Code::kBusy) << tag;
  }
  // The throttle body says it even under another status.
  resp.status = 503;
  auto parsed = adapter->Parse(Tagged("statuses"), resp);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), Status::Code::kBusy);
}

Status ParseError(const std::string& tag, const std::string& body) {
  AccountConfig a = Agency();
  a.platform_id = kAgency;
  auto adapter = MakeAdapter(a, FirstRun());
  auto parsed = adapter->Parse(Tagged(tag, kP1), MakeResponse(body));
  return parsed.status();
}

TEST(MastodonAdapter, BrokenBodiesAreErrorsNamingTheProblem) {
  for (const char* tag : {"account", "statuses", "context"}) {
    Status empty = ParseError(tag, "");
    EXPECT_EQ(empty.code(), Status::Code::kCorruption) << tag;
    EXPECT_EQ(empty.message().rfind(std::string("mastodon ") + tag + ": ", 0), 0u)
        << empty.message();
    EXPECT_NE(empty.message().find("Mastodon instance"), std::string::npos);
  }

  std::string page = ReadDataFile(kBasic + "/statuses_1.json");
  for (size_t cut : {size_t{1}, size_t{200}, page.size() / 2, page.size() - 3}) {
    Status truncated = ParseError("statuses", page.substr(0, cut));
    EXPECT_FALSE(truncated.ok()) << "cut at " << cut;
  }
  std::string context = ReadDataFile(kBasic + "/context_p1.json");
  EXPECT_FALSE(ParseError("context", context.substr(0, context.size() - 4)).ok());

  Status number_id = ParseError("statuses", R"([{"id": 117691593858756161}])");
  EXPECT_EQ(number_id.code(), Status::Code::kCorruption);
  EXPECT_NE(number_id.message().find("field 'id'"), std::string::npos) << number_id.message();

  Status bad_followers =
      ParseError("account", R"({"id":"1","acct":"diskominfo","followers_count":"banyak"})");
  EXPECT_NE(bad_followers.message().find("field 'followers_count'"), std::string::npos)
      << bad_followers.message();

  Status nested =
      ParseError("context", R"({"ancestors":[],"descendants":[{"id":"5","account":{"id":7}}]})");
  EXPECT_NE(nested.message().find("field 'descendants.account.id'"), std::string::npos)
      << nested.message();

  Status alt_type = ParseError(
      "statuses", R"([{"id":"5","media_attachments":[{"type":"image","description":[1]}]}])");
  EXPECT_NE(alt_type.message().find("field 'media_attachments.description'"), std::string::npos)
      << alt_type.message();

  // An object where the list belongs, and the other way round.
  Status object_page = ParseError("statuses", R"({"error":"x"})");
  EXPECT_NE(object_page.message().find("not a complete JSON array"), std::string::npos)
      << object_page.message();
  Status array_account = ParseError("account", R"([{"id":"1"}])");
  EXPECT_NE(array_account.message().find("not a complete JSON object"), std::string::npos)
      << array_account.message();
  EXPECT_FALSE(ParseError("context", "[]").ok());
  EXPECT_FALSE(ParseError("account", "\"diskominfo\"").ok());
  EXPECT_FALSE(ParseError("account", R"({"acct":"tanpa-id"})").ok());

  auto unknown = MakeAdapter(Agency(), FirstRun())->Parse(Tagged("nope"), MakeResponse("{}"));
  EXPECT_EQ(unknown.status().code(), Status::Code::kInvalidArgument);
}

TEST(MastodonAdapter, OddButValidBodies) {
  AccountConfig a = Agency();
  a.platform_id = kAgency;
  auto adapter = MakeAdapter(a, FirstRun());
  // Nulls everywhere optional, a reblog, someone else's status, an
  // unreadable date, and deep nesting in a field nobody reads.
  std::string deep(100000, '[');
  deep += std::string(100000, ']');
  std::string body = R"([
    {"id":"9","created_at":"2026-11-29T00:00:00Z","content":null,"spoiler_text":null,
     "language":null,"url":null,"uri":null,"in_reply_to_id":null,"media_attachments":null,
     "favourites_count":null,"reblogs_count":null,"replies_count":null,
     "account":{"id":"112034991644362557","acct":"diskominfo","display_name":null},
     "filtered":)" + deep +
                     R"(},
    {"id":"8","created_at":"2026-11-29T00:00:00Z","reblog":{"id":"1"},
     "account":{"id":"112034991644362557"}},
    {"id":"7","created_at":"2026-11-29T00:00:00Z","account":{"id":"999"}},
    {"id":"6","created_at":"kemarin","account":{"id":"112034991644362557"}}
  ])";
  auto parsed = adapter->Parse(Tagged("statuses"), MakeResponse(body));
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  auto posts = Only<Post>(parsed->records);
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0].id, "9");
  EXPECT_EQ(posts[0].text, "");
  EXPECT_EQ(posts[0].url, std::nullopt);
  auto metrics = Only<Metrics>(parsed->records);
  ASSERT_EQ(metrics.size(), 1u);
  EXPECT_EQ(metrics[0].likes, std::nullopt);  // unknown, not 0
  // Unknown reply count: the thread is asked for.
  ASSERT_EQ(parsed->follow_ups.size(), 1u);
  EXPECT_EQ(parsed->follow_ups[0].tag, "context");
  EXPECT_EQ(parsed->follow_ups[0].post_id, "9");
  ASSERT_EQ(parsed->warnings.size(), 1u);
  EXPECT_NE(parsed->warnings[0].find("kemarin"), std::string::npos);

  // A context reply without in_reply_to_id is kept as top-level, warned.
  auto context =
      adapter->Parse(Tagged("context", "9"),
                     MakeResponse(R"({"descendants":[{"id":"10","created_at":"2026-11-29T01:00:00Z",
             "content":"<p>Min?</p>","account":{"id":"5","acct":"warga"}}]})"));
  ASSERT_TRUE(context.ok()) << context.status().message();
  auto replies = Only<Reply>(context->records);
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0].parent, std::nullopt);
  EXPECT_EQ(replies[0].text, "Min?");
  EXPECT_EQ(context->warnings.size(), 1u);
}

}  // namespace
}  // namespace tanggap::collector
