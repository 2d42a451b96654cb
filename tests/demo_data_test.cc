// Tests for GenerateDemoData: sizes, determinism, referential order, time
// sanity, platform-shaped ids, and the presence of the flaws the demo plants.
#include "demo/demo_data.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/records.h"
#include "util/time.h"

namespace tanggap {
namespace {

std::vector<Record> Generate(const DemoOptions& options) {
  std::vector<Record> out;
  GenerateDemoData(options, [&out](const Record& r) { out.push_back(r); });
  return out;
}

// The default dataset is generated once and shared by the tests below.
const std::vector<Record>& Default() {
  static const std::vector<Record>* const kRecords = new std::vector<Record>(Generate({}));
  return *kRecords;
}

template <typename T>
std::vector<const T*> All(const std::vector<Record>& records) {
  std::vector<const T*> out;
  for (const Record& r : records) {
    if (const T* x = std::get_if<T>(&r)) out.push_back(x);
  }
  return out;
}

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len;
    if (c < 0x80) {
      len = 1;
    } else if ((c & 0xE0) == 0xC0 && c >= 0xC2) {
      len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
    } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
      len = 4;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

size_t CountWordsLongestSentence(std::string_view text) {
  size_t best = 0;
  size_t words = 0;
  bool in_word = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' && (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n')) {
      best = std::max(best, words + (in_word ? 1 : 0));
      words = 0;
      in_word = false;
    } else if (c == ' ' || c == '\n') {
      if (in_word) ++words;
      in_word = false;
    } else {
      in_word = true;
    }
  }
  return std::max(best, words + (in_word ? 1 : 0));
}

// A line with at least 15 ASCII letters and not one lower-case letter.
bool HasAllCapsLine(std::string_view text) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    int upper = 0;
    int lower = 0;
    for (char c : line) {
      if (c >= 'A' && c <= 'Z') ++upper;
      if (c >= 'a' && c <= 'z') ++lower;
    }
    if (upper >= 15 && lower == 0) return true;
    start = end + 1;
  }
  return false;
}

TEST(DemoDataTest, CountsAtScaleOne) {
  const auto& records = Default();
  const size_t accounts = All<Account>(records).size();
  const size_t posts = All<Post>(records).size();
  const size_t replies = All<Reply>(records).size();
  const size_t metrics = All<Metrics>(records).size();
  EXPECT_GE(accounts, 14u);
  EXPECT_LE(accounts, 16u);
  EXPECT_GE(posts, 2700u);
  EXPECT_LE(posts, 3300u);
  EXPECT_GE(replies, 13000u);
  EXPECT_LE(replies, 17000u);
  EXPECT_GE(metrics, posts);
  EXPECT_LE(metrics, 3 * posts);
}

TEST(DemoDataTest, ScaleShrinksTheDataset) {
  DemoOptions options;
  options.scale = 0.1;
  const auto records = Generate(options);
  const size_t posts = All<Post>(records).size();
  const size_t replies = All<Reply>(records).size();
  EXPECT_GE(All<Account>(records).size(), 14u);
  EXPECT_GE(posts, 250u);
  EXPECT_LE(posts, 350u);
  EXPECT_GE(replies, 900u);
  EXPECT_LE(replies, 2400u);
}

TEST(DemoDataTest, NonPositiveScaleOrDaysGivesNothing) {
  DemoOptions options;
  options.scale = 0;
  EXPECT_TRUE(Generate(options).empty());
  options.scale = 1;
  options.days = 0;
  EXPECT_TRUE(Generate(options).empty());
}

TEST(DemoDataTest, AllPlatformsAndAgenciesPresent) {
  std::set<Platform> platforms;
  std::set<std::string> agencies;
  for (const Account* a : All<Account>(Default())) {
    platforms.insert(a->platform);
    agencies.insert(a->agency);
    EXPECT_FALSE(a->handle.empty());
    EXPECT_EQ(a->handle.find('@'), std::string::npos) << a->handle;
    EXPECT_NE(a->name.find("Pangkalpinang"), std::string::npos) << a->name;
    ASSERT_TRUE(a->followers.has_value());
    EXPECT_GE(*a->followers, 500);
    EXPECT_LE(*a->followers, 40000);
  }
  EXPECT_EQ(platforms.size(), 6u);
  const std::set<std::string> expected = {"Diskominfo", "Dinkes",    "Disdukcapil", "Dinas PUPR",
                                          "BPBD",       "Dispendik", "Bapenda",     "Satpol PP"};
  EXPECT_EQ(agencies, expected);
}

TEST(DemoDataTest, Deterministic) {
  EXPECT_EQ(Generate({}), Default());
  DemoOptions other;
  other.seed = 63;
  const auto different = Generate(other);
  EXPECT_NE(different, Default());
  // A different seed changes the content, not just one field somewhere.
  const auto a = All<Post>(Default());
  const auto b = All<Post>(different);
  ASSERT_FALSE(a.empty());
  ASSERT_FALSE(b.empty());
  EXPECT_NE(a.front()->id, b.front()->id);
}

TEST(DemoDataTest, OrderAndReferences) {
  const auto& records = Default();
  std::map<Platform, std::set<std::string>> accounts, posts, replies, all_ids;
  std::map<std::string, std::string> reply_post;  // reply id -> post id
  bool seen_non_account = false;
  int64_t last_post_time = 0;
  std::string current_post;
  for (const Record& r : records) {
    if (const Account* a = std::get_if<Account>(&r)) {
      EXPECT_FALSE(seen_non_account) << "account after other records: " << a->id;
      EXPECT_TRUE(accounts[a->platform].insert(a->id).second) << a->id;
      EXPECT_TRUE(all_ids[a->platform].insert(a->id).second) << a->id;
      continue;
    }
    seen_non_account = true;
    if (const Post* p = std::get_if<Post>(&r)) {
      EXPECT_TRUE(accounts[p->platform].count(p->account)) << p->id;
      EXPECT_TRUE(posts[p->platform].insert(p->id).second) << p->id;
      EXPECT_TRUE(all_ids[p->platform].insert(p->id).second) << p->id;
      EXPECT_GE(p->created_at.unix_seconds, last_post_time) << "posts out of order: " << p->id;
      last_post_time = p->created_at.unix_seconds;
      current_post = p->id;
    } else if (const Reply* rep = std::get_if<Reply>(&r)) {
      EXPECT_EQ(rep->post, current_post) << "reply not under the latest post: " << rep->id;
      EXPECT_TRUE(posts[rep->platform].count(rep->post)) << rep->id;
      if (rep->parent) {
        EXPECT_TRUE(replies[rep->platform].count(*rep->parent)) << rep->id;
        EXPECT_EQ(reply_post[*rep->parent], rep->post) << rep->id;
      }
      EXPECT_TRUE(replies[rep->platform].insert(rep->id).second) << rep->id;
      EXPECT_TRUE(all_ids[rep->platform].insert(rep->id).second) << rep->id;
      reply_post[rep->id] = rep->post;
    } else if (const Metrics* m = std::get_if<Metrics>(&r)) {
      EXPECT_EQ(m->post, current_post);
      EXPECT_TRUE(posts[m->platform].count(m->post));
    }
  }
}

TEST(DemoDataTest, TimesAreConsistent) {
  const DemoOptions options;
  const int64_t start = options.end_unix - int64_t{options.days} * 86400;
  std::map<std::string, int64_t> post_time, reply_time;
  int checked = 0;
  for (const Record& r : Default()) {
    const Timestamp* ts = nullptr;
    if (const Post* p = std::get_if<Post>(&r)) {
      ts = &p->created_at;
      EXPECT_GE(p->created_at.unix_seconds, start);
      EXPECT_LT(p->created_at.unix_seconds, options.end_unix);
      post_time[p->id] = p->created_at.unix_seconds;
    } else if (const Reply* rep = std::get_if<Reply>(&r)) {
      ts = &rep->created_at;
      const int64_t t = rep->created_at.unix_seconds;
      EXPECT_GT(t, post_time[rep->post]) << rep->id;
      if (rep->parent) {
        EXPECT_GT(t, reply_time[*rep->parent]) << rep->id;
      }
      EXPECT_LT(t, options.end_unix) << rep->id;
      reply_time[rep->id] = t;
    } else if (const Metrics* m = std::get_if<Metrics>(&r)) {
      ts = &m->at;
      EXPECT_GT(m->at.unix_seconds, post_time[m->post]);
      EXPECT_LE(m->at.unix_seconds, options.end_unix);
    }
    if (ts == nullptr) continue;
    const auto parsed = ParseRfc3339(ts->text);
    ASSERT_TRUE(parsed.has_value()) << ts->text;
    EXPECT_EQ(parsed->unix_seconds, ts->unix_seconds) << ts->text;
    EXPECT_EQ(parsed->offset_minutes, 420) << ts->text;
    ++checked;
  }
  EXPECT_GT(checked, 10000);
}

TEST(DemoDataTest, PostsAreMostlyInWorkingHoursAndOnWeekdays) {
  int working = 0;
  int weekend = 0;
  const auto posts = All<Post>(Default());
  for (const Post* p : posts) {
    const int64_t local = p->created_at.unix_seconds + 7 * 3600;
    const int64_t day = local / 86400;
    const int64_t sec = local % 86400;
    const int weekday = static_cast<int>((day + 4) % 7);  // 0 = Sunday
    if (weekday == 0 || weekday == 6) ++weekend;
    if (sec >= 7 * 3600 && sec < 17 * 3600) ++working;
  }
  EXPECT_GT(working, static_cast<int>(posts.size() * 6 / 10));
  // Two days of seven would be 28%; offices post less on weekends.
  EXPECT_LT(weekend, static_cast<int>(posts.size() * 2 / 10));
}

TEST(DemoDataTest, PlatformShapedIds) {
  std::map<std::string, const Account*> by_id;
  for (const Account* a : All<Account>(Default())) {
    by_id[a->id] = a;
    switch (a->platform) {
      case Platform::kInstagram:
        EXPECT_EQ(a->id.rfind("17841400", 0), 0u) << a->id;
        break;
      case Platform::kYouTube:
        EXPECT_EQ(a->id.size(), 24u);
        EXPECT_EQ(a->id.rfind("UC", 0), 0u) << a->id;
        break;
      case Platform::kBluesky:
        EXPECT_EQ(a->id.size(), 8u + 24u);
        EXPECT_EQ(a->id.rfind("did:plc:", 0), 0u) << a->id;
        break;
      default:
        EXPECT_TRUE(std::all_of(a->id.begin(), a->id.end(), ::isdigit)) << a->id;
    }
  }
  for (const Post* p : All<Post>(Default())) {
    const Account* a = by_id[p->account];
    ASSERT_NE(a, nullptr);
    ASSERT_TRUE(p->url.has_value());
    EXPECT_EQ(p->lang, "id");
    switch (p->platform) {
      case Platform::kFacebook:
        EXPECT_EQ(p->id.rfind(a->id + "_", 0), 0u) << p->id;
        break;
      case Platform::kYouTube:
        EXPECT_EQ(p->id.size(), 11u) << p->id;
        EXPECT_NE(p->url->find(p->id), std::string::npos);
        break;
      case Platform::kBluesky: {
        const std::string prefix = "at://" + a->id + "/app.bsky.feed.post/";
        EXPECT_EQ(p->id.rfind(prefix, 0), 0u) << p->id;
        EXPECT_EQ(p->id.size(), prefix.size() + 13) << p->id;
        break;
      }
      default:
        EXPECT_TRUE(std::all_of(p->id.begin(), p->id.end(), ::isdigit)) << p->id;
    }
  }
  for (const Reply* r : All<Reply>(Default())) {
    if (r->platform == Platform::kYouTube) {
      if (r->parent) {
        EXPECT_EQ(r->id.rfind(*r->parent + ".", 0), 0u) << r->id;
      } else {
        EXPECT_EQ(r->id.rfind("Ug", 0), 0u) << r->id;
      }
    }
    if (r->platform == Platform::kBluesky) {
      EXPECT_EQ(r->id.rfind("at://did:plc:", 0), 0u) << r->id;
    }
  }
}

TEST(DemoDataTest, AgencyRepliesComeFromTheAccount) {
  std::map<std::string, const Account*> account_of_post;
  std::map<std::string, const Account*> by_id;
  for (const Account* a : All<Account>(Default())) by_id[a->id] = a;
  int agency_replies = 0;
  std::set<std::string> answering_accounts;
  for (const Record& r : Default()) {
    if (const Post* p = std::get_if<Post>(&r)) account_of_post[p->id] = by_id[p->account];
    const Reply* rep = std::get_if<Reply>(&r);
    if (rep == nullptr) continue;
    const Account* a = account_of_post[rep->post];
    ASSERT_NE(a, nullptr);
    if (rep->author_id == a->id) {
      ++agency_replies;
      answering_accounts.insert(a->id);
      EXPECT_EQ(rep->author, a->handle);
      EXPECT_TRUE(rep->parent.has_value()) << "agency replies answer someone: " << rep->id;
      EXPECT_EQ(rep->text.find("pinjol"), std::string::npos) << rep->text;
      EXPECT_EQ(rep->text.find("follow back"), std::string::npos) << rep->text;
    } else {
      EXPECT_NE(rep->author, a->handle) << rep->id;
    }
  }
  EXPECT_GT(agency_replies, 1000);
  EXPECT_EQ(answering_accounts.size(), by_id.size());
}

TEST(DemoDataTest, SomeQuestionsStayUnanswered) {
  // Citizen top-level comments with a question mark, answered when the
  // account replied directly to them.
  std::map<std::string, std::string> account_of_post;
  std::map<std::string, bool> answered;  // question id -> answered
  for (const Record& r : Default()) {
    if (const Post* p = std::get_if<Post>(&r)) account_of_post[p->id] = p->account;
    const Reply* rep = std::get_if<Reply>(&r);
    if (rep == nullptr) continue;
    const std::string& account = account_of_post[rep->post];
    if (rep->author_id != account && !rep->parent && rep->text.find('?') != std::string::npos) {
      answered[rep->id] = false;
    }
    if (rep->author_id == account && rep->parent && answered.count(*rep->parent)) {
      answered[*rep->parent] = true;
    }
  }
  ASSERT_GT(answered.size(), 1000u);
  size_t open = 0;
  for (const auto& [id, yes] : answered) open += yes ? 0 : 1;
  const double share = static_cast<double>(open) / static_cast<double>(answered.size());
  EXPECT_GT(share, 0.15);
  EXPECT_LT(share, 0.45);
}

TEST(DemoDataTest, ReplyCountsAreSkewed) {
  std::map<std::string, int> per_post;
  for (const Post* p : All<Post>(Default())) per_post[p->id] = 0;
  for (const Reply* r : All<Reply>(Default())) ++per_post[r->post];
  int quiet = 0;
  int busy = 0;
  for (const auto& [id, n] : per_post) {
    if (n <= 2) ++quiet;
    if (n >= 20) ++busy;
  }
  EXPECT_GT(quiet, static_cast<int>(per_post.size() / 4));
  EXPECT_GT(busy, 30);
}

TEST(DemoDataTest, PlantsTheFlawsAndTheGoodExamples) {
  int media_without_alt = 0, media_with_alt = 0, time_without_zone = 0, time_with_zone = 0;
  int caps = 0, long_sentence = 0, hashtag_wall = 0, slang = 0, jargon = 0, expanded = 0;
  for (const Post* p : All<Post>(Default())) {
    for (const Media& m : p->media) {
      if (m.alt) {
        ++media_with_alt;
      } else {
        ++media_without_alt;
      }
    }
    const std::string& t = p->text;
    if (t.find("pukul") != std::string::npos) {
      if (t.find("WIB") == std::string::npos) {
        ++time_without_zone;
      } else {
        ++time_with_zone;
      }
    }
    if (HasAllCapsLine(t)) ++caps;
    if (CountWordsLongestSentence(t) >= 40) ++long_sentence;
    if (std::count(t.begin(), t.end(), '#') >= 10) ++hashtag_wall;
    if (t.find(" gak ") != std::string::npos || t.find(" aja") != std::string::npos ||
        t.find("bgt") != std::string::npos || t.find("udah") != std::string::npos) {
      ++slang;
    }
    if (t.find("bersama ini disampaikan") != std::string::npos) ++jargon;
    if (t.find("(Disdukcapil)") != std::string::npos || t.find("(PBB)") != std::string::npos ||
        t.find("(BPBD)") != std::string::npos) {
      ++expanded;
    }
  }
  EXPECT_GT(media_without_alt, 100);
  EXPECT_GT(media_with_alt, 100);
  EXPECT_GT(time_without_zone, 50);
  EXPECT_GT(time_with_zone, 50);
  EXPECT_GT(caps, 50);
  EXPECT_GT(long_sentence, 100);
  EXPECT_GT(hashtag_wall, 100);
  EXPECT_GT(slang, 50);
  EXPECT_GT(jargon, 100);
  EXPECT_GT(expanded, 50);
}

TEST(DemoDataTest, AccountsDifferInSkill) {
  // Share of posts without a time zone, per account: the weakest account
  // must look clearly worse than the strongest.
  std::map<std::string, std::pair<int, int>> per_account;  // (flawed, with time)
  for (const Post* p : All<Post>(Default())) {
    if (p->text.find("pukul") == std::string::npos) continue;
    auto& [flawed, total] = per_account[p->account];
    ++total;
    if (p->text.find("WIB") == std::string::npos) ++flawed;
  }
  double best = 1, worst = 0;
  for (const auto& [id, c] : per_account) {
    if (c.second < 10) continue;
    const double share = static_cast<double>(c.first) / c.second;
    best = std::min(best, share);
    worst = std::max(worst, share);
  }
  EXPECT_GT(worst - best, 0.25);
}

TEST(DemoDataTest, MetricsFollowPlatformRules) {
  std::map<std::string, int64_t> last_likes;
  std::map<std::string, int64_t> replies_of_post;
  for (const Record& r : Default()) {
    if (const Reply* rep = std::get_if<Reply>(&r)) ++replies_of_post[rep->post];
    const Metrics* m = std::get_if<Metrics>(&r);
    if (m == nullptr) continue;
    ASSERT_TRUE(m->likes.has_value());
    ASSERT_TRUE(m->replies.has_value());
    ASSERT_TRUE(m->followers.has_value());
    EXPECT_GE(*m->likes, last_likes[m->post]);
    last_likes[m->post] = *m->likes;
    EXPECT_LE(*m->replies, replies_of_post[m->post]);
    switch (m->platform) {
      case Platform::kInstagram:
        EXPECT_FALSE(m->shares.has_value());
        EXPECT_FALSE(m->quotes.has_value());
        break;
      case Platform::kYouTube:
        EXPECT_FALSE(m->shares.has_value());
        EXPECT_TRUE(m->views.has_value());
        break;
      case Platform::kFacebook:
        EXPECT_TRUE(m->shares.has_value());
        EXPECT_FALSE(m->quotes.has_value());
        EXPECT_FALSE(m->views.has_value());
        break;
      case Platform::kX:
        EXPECT_TRUE(m->quotes.has_value());
        EXPECT_TRUE(m->views.has_value());
        break;
      case Platform::kBluesky:
        EXPECT_TRUE(m->quotes.has_value());
        EXPECT_FALSE(m->views.has_value());
        break;
      case Platform::kMastodon:
        EXPECT_TRUE(m->shares.has_value());
        EXPECT_FALSE(m->quotes.has_value());
        break;
    }
  }
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

TEST(DemoDataTest, PostsFitThePlatformLimits) {
  for (const Post* p : All<Post>(Default())) {
    const size_t n = CodePoints(p->text);
    switch (p->platform) {
      case Platform::kX:
        EXPECT_LE(n, 280u) << p->text;
        break;
      case Platform::kBluesky:
        EXPECT_LE(n, 300u) << p->text;
        break;
      case Platform::kMastodon:
        EXPECT_LE(n, 500u) << p->text;
        break;
      case Platform::kInstagram:
        EXPECT_LE(n, 2200u) << p->text;
        break;
      default:
        break;
    }
  }
}

TEST(DemoDataTest, TextsAreWellFormed) {
  for (const Record& r : Default()) {
    if (const Post* p = std::get_if<Post>(&r)) {
      EXPECT_TRUE(ValidUtf8(p->text)) << p->id;
      EXPECT_EQ(p->text.find('{'), std::string::npos) << "unfilled slot: " << p->text;
      EXPECT_FALSE(p->text.empty());
      if (p->platform == Platform::kX) {
        EXPECT_LE(p->text.size(), 600u) << p->text;
      }
      for (const Media& m : p->media) {
        if (!m.alt) continue;
        EXPECT_TRUE(ValidUtf8(*m.alt));
        EXPECT_EQ(m.alt->find('{'), std::string::npos) << *m.alt;
      }
    } else if (const Reply* rep = std::get_if<Reply>(&r)) {
      EXPECT_TRUE(ValidUtf8(rep->text)) << rep->id;
      EXPECT_EQ(rep->text.find('{'), std::string::npos) << "unfilled slot: " << rep->text;
      EXPECT_FALSE(rep->text.empty());
    }
  }
}

}  // namespace
}  // namespace tanggap

namespace tanggap {
namespace {

// The cohort (docs/demo-data.md): Diskominfo's admins were trained on
// 2026-10-01; the 60 days after must look better than the 60 days before on
// what the cohort view measures: clearer posts (fewer times without a zone,
// shorter longest sentences), more citizen comments answered, and sooner.
TEST(DemoDataTest, CohortImprovesAfterTraining) {
  constexpr int64_t kTraining = 1790787600;  // 2026-10-01T00:00:00+07:00
  constexpr int64_t kWindow = 60 * 86400;
  std::set<std::string> cohort;  // account ids of Diskominfo
  for (const Account* a : All<Account>(Default())) {
    if (a->agency == "Diskominfo") cohort.insert(a->id);
  }
  ASSERT_EQ(cohort.size(), 4u);
  struct Window {
    int posts = 0, timed = 0, no_zone = 0;
    size_t longest_sum = 0;
    int comments = 0, answered = 0;
    std::vector<int64_t> delays;
  } before, after;
  auto window_of = [&](int64_t t) -> Window* {
    if (t >= kTraining - kWindow && t < kTraining) return &before;
    if (t >= kTraining && t < kTraining + kWindow) return &after;
    return nullptr;
  };
  std::map<std::string, std::string> post_account;
  std::map<std::string, int64_t> post_time;
  for (const Post* p : All<Post>(Default())) {
    if (!cohort.count(p->account)) continue;
    post_account[p->id] = p->account;
    post_time[p->id] = p->created_at.unix_seconds;
    Window* w = window_of(p->created_at.unix_seconds);
    if (!w) continue;
    ++w->posts;
    w->longest_sum += CountWordsLongestSentence(p->text);
    if (p->text.find("pukul") != std::string::npos) {
      ++w->timed;
      if (p->text.find("WIB") == std::string::npos) ++w->no_zone;
    }
  }
  // Citizen top-level comments and the first agency reply under each.
  std::map<std::string, std::pair<int64_t, std::optional<int64_t>>> comments;
  for (const Reply* r : All<Reply>(Default())) {
    auto it = post_account.find(r->post);
    if (it == post_account.end()) continue;
    const bool agency = r->author_id == it->second;
    if (!agency && !r->parent) {
      comments[r->id] = {r->created_at.unix_seconds, std::nullopt};
    } else if (agency && r->parent) {
      auto c = comments.find(*r->parent);
      if (c != comments.end() && !c->second.second) c->second.second = r->created_at.unix_seconds;
    }
  }
  for (const auto& [id, c] : comments) {
    Window* w = window_of(c.first);
    if (!w) continue;
    ++w->comments;
    if (c.second) {
      ++w->answered;
      w->delays.push_back(*c.second - c.first);
    }
  }
  ASSERT_GT(before.posts, 50);
  ASSERT_GT(after.posts, 50);
  ASSERT_GT(before.comments, 100);
  ASSERT_GT(after.comments, 100);
  auto share = [](int part, int whole) { return static_cast<double>(part) / whole; };
  EXPECT_LT(share(after.no_zone, after.timed), share(before.no_zone, before.timed));
  EXPECT_LT(share(static_cast<int>(after.longest_sum), after.posts),
            share(static_cast<int>(before.longest_sum), before.posts));
  EXPECT_GT(share(after.answered, after.comments), share(before.answered, before.comments) + 0.03);
  auto median = [](std::vector<int64_t> v) {
    std::sort(v.begin(), v.end());
    return v[(v.size() - 1) / 2];
  };
  ASSERT_FALSE(before.delays.empty());
  ASSERT_FALSE(after.delays.empty());
  EXPECT_LT(median(after.delays) * 2, median(before.delays));
}

}  // namespace
}  // namespace tanggap
