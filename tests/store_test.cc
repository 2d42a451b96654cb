#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/store_access.h"
#include "tests/test_support.h"

namespace tanggap {
namespace {

using testing::TempDir;

Account MakeAccount(std::string id = "acc1") {
  return Account{Platform::kInstagram, id,   "diskominfo.pgk", "Diskominfo Kota Pangkalpinang",
                 "Diskominfo",         12000};
}

Post MakePost(std::string id = "p1", std::string account = "acc1") {
  Post p;
  p.platform = Platform::kInstagram;
  p.id = id;
  p.account = account;
  p.created_at = {"2026-11-02T08:15:00+07:00", 1793582100};
  p.text = "Layanan KTP-el keliling hari Senin pukul 08.00 WIB.";
  p.media = {{"image", std::nullopt, std::nullopt}, {"image", "Warga antre", std::nullopt}};
  p.lang = "id";
  return p;
}

Reply MakeReply(std::string id, std::string author_id, std::optional<std::string> parent = {}) {
  Reply r;
  r.platform = Platform::kInstagram;
  r.id = id;
  r.post = "p1";
  r.parent = parent;
  r.author_id = author_id;
  r.author = "warga";
  r.created_at = {"2026-11-02T09:00:00+07:00", 1793584800};
  r.text = "Syaratnya apa saja min?";
  return r;
}

// Reads one integer with the raw C API, independent of the Store.
int64_t QueryRaw(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  int64_t v = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    v = sqlite3_column_int64(stmt, 0);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return v;
}

std::string SchemaSql(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  std::string out;
  sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name",
                     -1, &stmt, nullptr);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    out += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1));
    out += ";\n";
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

TEST(StoreTest, CreatesLatestSchemaInWalMode) {
  TempDir dir;
  auto store = Store::Open(dir.File("t.db"));
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->SchemaVersion(), Store::LatestSchemaVersion());
  EXPECT_EQ(QueryRaw(dir.File("t.db"), "PRAGMA user_version"), Store::LatestSchemaVersion());
  sqlite3* db = nullptr;
  sqlite3_open(dir.File("t.db").c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST(StoreTest, UpsertInsertsUpdatesAndLeavesIdenticalRowsAlone) {
  TempDir dir;
  auto store = Store::Open(dir.File("t.db"));
  ASSERT_TRUE(store.ok());
  Store& s = **store;
  EXPECT_EQ(*s.Upsert(MakeAccount()), UpsertOutcome::kInserted);
  EXPECT_EQ(*s.Upsert(MakeAccount()), UpsertOutcome::kUnchanged);
  Account changed = MakeAccount();
  changed.followers = 12500;
  EXPECT_EQ(*s.Upsert(changed), UpsertOutcome::kUpdated);

  EXPECT_EQ(*s.Upsert(MakePost()), UpsertOutcome::kInserted);
  EXPECT_EQ(*s.Upsert(MakePost()), UpsertOutcome::kUnchanged);
  Post alt_added = MakePost();
  alt_added.media[0].alt = "Petugas Disdukcapil";
  EXPECT_EQ(*s.Upsert(alt_added), UpsertOutcome::kUpdated);
  EXPECT_EQ(*s.Upsert(alt_added), UpsertOutcome::kUnchanged);

  EXPECT_EQ(*s.Upsert(MakeReply("r1", "citizen1")), UpsertOutcome::kInserted);
  EXPECT_EQ(*s.Upsert(MakeReply("r2", "acc1", "r1")), UpsertOutcome::kInserted);
  EXPECT_EQ(*s.Upsert(MakeReply("r2", "acc1", "r1")), UpsertOutcome::kUnchanged);

  Metrics m{Platform::kInstagram,
            "p1",
            {"2026-11-03T00:00:00+07:00", 1793638800},
            10,
            std::nullopt,
            2,
            std::nullopt,
            300,
            12000};
  EXPECT_EQ(*s.Upsert(m), UpsertOutcome::kInserted);
  EXPECT_EQ(*s.Upsert(m), UpsertOutcome::kUnchanged);
  m.likes = 11;
  EXPECT_EQ(*s.Upsert(m), UpsertOutcome::kUpdated);

  auto counts = s.CountRows();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->accounts, 1);
  EXPECT_EQ(counts->posts, 1);
  EXPECT_EQ(counts->replies, 2);
  EXPECT_EQ(counts->metric_snapshots, 1);
  EXPECT_EQ(QueryRaw(dir.File("t.db"), "SELECT is_agency FROM replies WHERE platform_id = 'r2'"),
            1);
  EXPECT_EQ(QueryRaw(dir.File("t.db"), "SELECT is_agency FROM replies WHERE platform_id = 'r1'"),
            0);
  EXPECT_EQ(QueryRaw(dir.File("t.db"), "SELECT count(*) FROM post_media WHERE alt IS NULL"), 0);
}

TEST(StoreTest, ReferencesMustExistAndSayWhatToImportFirst) {
  TempDir dir;
  auto store = Store::Open(dir.File("t.db"));
  ASSERT_TRUE(store.ok());
  auto post = (*store)->Upsert(MakePost());
  ASSERT_FALSE(post.ok());
  EXPECT_EQ(post.status().code(), Status::Code::kNotFound);
  EXPECT_NE(post.status().message().find("import its account record first"), std::string::npos);
  auto reply = (*store)->Upsert(MakeReply("r1", "c"));
  ASSERT_FALSE(reply.ok());
  EXPECT_NE(reply.status().message().find("import the post before its replies"), std::string::npos);
}

TEST(StoreTest, RollbackForgetsRowsAndCachedIds) {
  TempDir dir;
  auto store = Store::Open(dir.File("t.db"));
  ASSERT_TRUE(store.ok());
  Store& s = **store;
  ASSERT_TRUE(s.Upsert(MakeAccount()).ok());
  ASSERT_TRUE(s.Begin().ok());
  ASSERT_TRUE(s.Upsert(MakePost()).ok());
  s.Rollback();
  // The post's row id was cached during the transaction; a reply must not
  // find it now.
  EXPECT_FALSE(s.Upsert(MakeReply("r1", "c")).ok());
  EXPECT_EQ(s.CountRows()->posts, 0);
  EXPECT_FALSE(s.Commit().ok());
}

TEST(StoreTest, ForEachRecordReturnsWhatWasStored) {
  TempDir dir;
  auto store = Store::Open(dir.File("t.db"));
  ASSERT_TRUE(store.ok());
  Store& s = **store;
  std::vector<Record> in = {MakeAccount(), MakePost(), MakeReply("r1", "c1"),
                            MakeReply("r2", "acc1", "r1")};
  for (const Record& r : in) ASSERT_TRUE(s.Upsert(r).ok());
  std::vector<Record> out;
  ASSERT_TRUE(s.ForEachRecord([&](const Record& r) {
                 out.push_back(r);
                 return Status::Ok();
               }).ok());
  EXPECT_EQ(out, in);
  // A callback's error stops the walk and comes back.
  int calls = 0;
  Status st = s.ForEachRecord([&](const Record&) {
    ++calls;
    return Status::IOError("disk full");
  });
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(st.message(), "disk full");
}

TEST(StoreTest, RefusesNewerSchemaAndLeavesFileUntouched) {
  TempDir dir;
  std::string path = dir.File("future.db");
  {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db, "CREATE TABLE t(x); PRAGMA user_version = 99;", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  std::string before = testing::ReadFile(path);
  auto store = Store::Open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Status::Code::kUnsupported);
  EXPECT_NE(store.status().message().find("schema version 99"), std::string::npos);
  EXPECT_EQ(testing::ReadFile(path), before);
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST(StoreTest, RefusesAFileThatIsNotADatabase) {
  TempDir dir;
  std::string path = dir.File("notes.txt");
  testing::WriteFile(path, std::string(4096, 'x'));
  auto store = Store::Open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Status::Code::kCorruption);
  EXPECT_EQ(testing::ReadFile(path), std::string(4096, 'x'));
}

// Every older version upgrades to the same schema a fresh database gets, and
// keeps its data on the way.
TEST(StoreTest, UpgradesFromEveryOlderVersion) {
  TempDir dir;
  std::string fresh = dir.File("fresh.db");
  ASSERT_TRUE(Store::Open(fresh).ok());
  std::string want = SchemaSql(fresh);
  for (int v = 0; v < Store::LatestSchemaVersion(); ++v) {
    SCOPED_TRACE("from version " + std::to_string(v));
    std::string path = dir.File("v" + std::to_string(v) + ".db");
    ASSERT_TRUE(Store::MigrateTo(path, v).ok());
    EXPECT_EQ(QueryRaw(path, "PRAGMA user_version"), v);
    if (v >= 1) {
      sqlite3* db = nullptr;
      sqlite3_open(path.c_str(), &db);
      ASSERT_EQ(sqlite3_exec(db,
                             "INSERT INTO agencies(name) VALUES ('Dinkes');"
                             "INSERT INTO accounts(platform, platform_id, handle, agency_id) "
                             "VALUES ('x', '42', 'dinkes', 1);",
                             nullptr, nullptr, nullptr),
                SQLITE_OK);
      sqlite3_close(db);
    }
    auto store = Store::Open(path);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_EQ(QueryRaw(path, "PRAGMA user_version"), Store::LatestSchemaVersion());
    EXPECT_EQ(SchemaSql(path), want);
    if (v >= 1) {
      EXPECT_EQ((*store)->CountRows()->accounts, 1);
    }
  }
  EXPECT_FALSE(Store::MigrateTo(dir.File("x.db"), Store::LatestSchemaVersion() + 1).ok());
}

TEST(StoreTest, RecomputeDropsAnalysisIndexesAndAlwaysGetsThemBack) {
  TempDir dir;
  const std::string path = dir.File("t.db");
  ASSERT_TRUE(Store::Open(path).ok());
  const std::string before = SchemaSql(path);
  const char* count_index =
      "SELECT count(*) FROM sqlite_schema WHERE name = 'question_outcomes_by_account_time'";
  StoredThread ghost;  // a post that does not exist
  ghost.post_row_id = 424242;
  ghost.account_row_id = 1;
  {
    auto store = Store::Open(path);
    ASSERT_TRUE(store.ok());
    const int64_t secure_delete = *StoreAccess::db(**store).QueryInt("PRAGMA secure_delete");
    ASSERT_TRUE((*store)->BeginRecompute().ok());
    EXPECT_EQ(*StoreAccess::db(**store).QueryInt("PRAGMA secure_delete"), 2);  // FAST
    EXPECT_EQ(QueryRaw(path, count_index), 0);
    ASSERT_TRUE((*store)->Begin().ok());
    EXPECT_FALSE((*store)->BeginRecompute().ok());  // not inside a transaction
    (*store)->Rollback();
    ASSERT_TRUE((*store)->EndRecompute().ok());
    EXPECT_EQ(SchemaSql(path), before);
    // Foreign-key checks are back: a thread of a missing post is refused.
    EXPECT_FALSE((*store)->SaveThread(ghost, "v", ThreadResult{}).ok());
    // So is the connection's secure_delete (FAST during the recompute).
    EXPECT_EQ(*StoreAccess::db(**store).QueryInt("PRAGMA secure_delete"), secure_delete);
  }
  // A recompute that dies half way leaves the indexes missing; the next
  // writable open builds them again.
  {
    auto store = Store::Open(path);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->BeginRecompute().ok());
  }
  EXPECT_EQ(QueryRaw(path, count_index), 0);
  ASSERT_TRUE(Store::Open(path).ok());
  EXPECT_EQ(SchemaSql(path), before);
}

// Batch and single loads give a thread's replies in the same order: by
// time, then platform id (bytewise), whatever the order they came in.
TEST(StoreTest, ThreadsLoadInTimeThenIdOrderOneOrManyAtATime) {
  TempDir dir;
  auto store = Store::Open(dir.File("t.db"));
  ASSERT_TRUE(store.ok());
  Store& s = **store;
  ASSERT_TRUE(
      s.Upsert(Account{Platform::kMastodon, "1", "kominfo", "Kominfo", "Diskominfo", 10}).ok());
  const Timestamp at{"2026-11-02T10:00:00+07:00", 1793595600};
  const Timestamp later{"2026-11-02T11:00:00+07:00", 1793599200};
  for (const char* post : {"p1", "p2"}) {
    ASSERT_TRUE(
        s.Upsert(Post{Platform::kMastodon, post, "1", at, "Pengumuman", std::nullopt, {}, "id"})
            .ok());
  }
  // Inserted out of order; "B" < "a" < "b" bytewise.
  for (const auto& [id, when] : std::vector<std::pair<std::string, Timestamp>>{
           {"b", at}, {"z", later}, {"a", at}, {"B", at}}) {
    for (const char* post : {"p1", "p2"}) {
      ASSERT_TRUE(s.Upsert(Reply{Platform::kMastodon, std::string(post) + id, post, std::nullopt,
                                 "9", "warga", when, "teks"})
                      .ok());
    }
  }
  auto ids = s.ThreadsToAnalyze("v", true, 0, 10);
  ASSERT_TRUE(ids.ok());
  ASSERT_EQ(ids->size(), 2u);
  auto many = s.LoadThreads(*ids);
  ASSERT_TRUE(many.ok());
  ASSERT_EQ(many->size(), 2u);
  for (const StoredThread& t : *many) {
    const std::string p = t.replies.at(0).id.substr(0, 2);
    std::vector<std::string> order;
    for (const auto& r : t.replies) order.push_back(r.id);
    EXPECT_EQ(order, (std::vector<std::string>{p + "B", p + "a", p + "b", p + "z"}));
    auto one = s.LoadThread(t.post_row_id);
    ASSERT_TRUE(one.ok());
    std::vector<std::string> single;
    for (const auto& r : one->replies) single.push_back(r.id);
    EXPECT_EQ(single, order);
  }
}

TEST(StoreTest, ReadOnlyNeverCreatesOrMigrates) {
  TempDir dir;
  EXPECT_FALSE(Store::Open(dir.File("missing.db"), StoreOptions{true, 100}).ok());
  EXPECT_FALSE(std::filesystem::exists(dir.File("missing.db")));
  ASSERT_TRUE(Store::MigrateTo(dir.File("old.db"), 1).ok());
  auto old = Store::Open(dir.File("old.db"), StoreOptions{true, 100});
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(QueryRaw(dir.File("old.db"), "PRAGMA user_version"), 1);
}

TEST(StoreTest, SummarizesPerAgency) {
  TempDir dir;
  auto store = Store::Open(dir.File("t.db"));
  ASSERT_TRUE(store.ok());
  Store& s = **store;
  for (const Record& r :
       std::vector<Record>{MakeAccount(), MakePost(), MakeReply("r1", "c1"),
                           MakeReply("r2", "acc1", "r1"), MakeReply("r3", "c2")}) {
    ASSERT_TRUE(s.Upsert(r).ok());
  }
  ASSERT_TRUE(s.Upsert(Account{Platform::kX, "x1", "bpbd", "BPBD", "BPBD", std::nullopt}).ok());
  auto rows = s.SummarizeAgencies();
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].agency, "BPBD");
  EXPECT_EQ((*rows)[0].posts, 0);
  const AgencySummary& d = (*rows)[1];
  EXPECT_EQ(d.accounts, 1);
  EXPECT_EQ(d.posts, 1);
  EXPECT_EQ(d.citizen_replies, 2);
  EXPECT_EQ(d.agency_replies, 1);
  EXPECT_EQ(d.citizen_replies_answered, 1);
  EXPECT_EQ(d.posts_with_media_missing_alt, 1);
  EXPECT_EQ(d.first_post, "2026-11-02T08:15:00+07:00");
}

}  // namespace
}  // namespace tanggap
