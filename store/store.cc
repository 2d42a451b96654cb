#include "store/store.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "store/migrations.h"
#include "store/sqlite_handle.h"
#include "util/json_writer.h"

namespace tanggap {
namespace {

using sqlite::Db;
using sqlite::Stmt;

// Caches of platform id -> row id, so a reply does not look its post up
// again. Bounded: cleared when full, which only costs a few lookups.
constexpr size_t kMaxCacheEntries = 200000;

std::string CacheKey(Platform p, std::string_view id) {
  std::string key(1, static_cast<char>('0' + static_cast<int>(p)));
  key.append(id);
  return key;
}

// Engagement inputs read with a thread's head row (StoredThread): kind of
// the newest score, newest snapshot time, its likes + shares + quotes,
// followers at post time, newest views, the newest score itself (NULL when
// that scoring did not rate the post). Needs aliases p (posts), a (accounts).
// kNewestScore is also what ThreadsToAnalyze compares with thread_state.
#define kEngagementColumns                                                                 \
  ", coalesce((SELECT s.kind FROM post_scores s WHERE s.post_id = p.id "                   \
  "ORDER BY s.pack_id DESC LIMIT 1), ''), "                                                \
  "(SELECT max(m.at_unix) FROM metric_snapshots m WHERE m.post_id = p.id), "               \
  "coalesce((SELECT coalesce(m.likes, 0) + coalesce(m.shares, 0) + coalesce(m.quotes, 0) " \
  "FROM metric_snapshots m WHERE m.post_id = p.id ORDER BY m.at_unix DESC LIMIT 1), 0), "  \
  "coalesce((SELECT m.followers FROM metric_snapshots m WHERE m.post_id = p.id "           \
  "AND m.followers IS NOT NULL ORDER BY m.at_unix LIMIT 1), a.followers), "                \
  "(SELECT m.views FROM metric_snapshots m WHERE m.post_id = p.id "                        \
  "ORDER BY m.at_unix DESC LIMIT 1), " kNewestScore
#define kNewestScore                                                                      \
  "(SELECT CASE WHEN s.scored = 1 THEN s.score END FROM post_scores s WHERE s.post_id = " \
  "p.id ORDER BY s.pack_id DESC LIMIT 1) "

template <typename V>
void CachePut(std::unordered_map<std::string, V>* cache, std::string key, V value) {
  if (cache->size() >= kMaxCacheEntries) cache->clear();
  (*cache)[std::move(key)] = std::move(value);
}

Status MigrateOpenDb(Db* db, const std::string& path, int target) {
  auto version = db->QueryInt("PRAGMA user_version");
  if (!version.ok()) {
    return Status::Corruption(path + " is not a SQLite database Tanggap can read (" +
                              version.status().message() + "); pass another --db");
  }
  int latest = Store::LatestSchemaVersion();
  if (*version > latest) {
    return Status::Unsupported(path + " has schema version " + std::to_string(*version) +
                               ", newer than this Tanggap knows (" + std::to_string(latest) +
                               "); it was left untouched: upgrade Tanggap or pass another --db");
  }
  if (*version >= target) return Status::Ok();
  // WAL and foreign keys are set outside any transaction (SQLite ignores
  // them inside one).
  if (Status s = db->Exec("PRAGMA journal_mode=WAL"); !s.ok()) return s;
  for (const auto& m : store_internal::AllMigrations()) {
    if (m.version > target) break;
    sqlite::Transaction tx(db);
    if (Status s = tx.Begin(); !s.ok()) return s;
    // Re-read inside the write lock: another process may have migrated
    // while we waited for it.
    auto current = db->QueryInt("PRAGMA user_version");
    if (!current.ok()) return current.status();
    if (*current >= m.version) continue;
    if (Status s = db->Exec(m.sql); !s.ok()) {
      return Status::IOError("migration to schema v" + std::to_string(m.version) + " (" +
                             m.description + ") failed: " + s.message());
    }
    if (Status s = db->Exec("PRAGMA user_version=" + std::to_string(m.version)); !s.ok()) return s;
    if (Status s = tx.Commit(); !s.ok()) return s;
  }
  return Status::Ok();
}

Status OpenDb(Db* db, const std::string& path, const StoreOptions& options) {
  int flags = options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (Status s = db->Open(path, flags); !s.ok()) return s;
  sqlite3_busy_timeout(db->get(), options.busy_timeout_ms);
  return Status::Ok();
}

// The secondary indexes of the analysis tables, as the latest migration
// leaves them. A full recompute drops them and builds them again at the end
// (one sort each instead of a million random index inserts); a writable Open
// recreates any that a crashed recompute left missing. Keep in step with
// migrations.cc when a migration changes one of these.
// Each entry is the index name and the rest of its CREATE INDEX statement,
// spelled exactly as the migration did (SQLite keeps the text, and the test
// compares it).
constexpr const char* kAnalysisIndexes[][2] = {
    {"question_outcomes_by_account_time", " ON question_outcomes(account_id, asked_unix)"},
    {"question_outcomes_by_post", " ON question_outcomes(post_id)"},
    {"question_outcomes_open",
     " ON question_outcomes(account_id, asked_unix)\n  WHERE answer_reply_id IS NULL"},
    {"question_outcomes_by_time",
     "\n  ON question_outcomes(asked_unix, account_id, response_s, business_response_s)"},
    {"reply_tone_by_account_time", " ON reply_tone(account_id, created_unix, text_hash)"},
    {"reply_tone_by_post", " ON reply_tone(post_id)"},
    {"thread_state_by_account_time", " ON thread_state(account_id, post_created_unix)"},
};

Status EnsureAnalysisIndexes(Db& db) {
  std::string sql;
  for (const auto& [name, on] : kAnalysisIndexes) {
    sql.append("CREATE INDEX IF NOT EXISTS ").append(name).append(on).append(";");
  }
  return db.Exec(sql);
}

}  // namespace

struct Store::Impl {
  Db db;
  std::string path;
  // During a full recompute: a thread with a connection of its own that
  // copies the write-ahead log back into the file (see BeginRecompute).
  std::thread log_copier;
  std::mutex log_copier_mu;
  std::condition_variable log_copier_wake;
  bool log_copier_stop = false;
  void StopLogCopier() {
    if (!log_copier.joinable()) return;
    {
      std::lock_guard lock(log_copier_mu);
      log_copier_stop = true;
    }
    log_copier_wake.notify_all();
    log_copier.join();
  }
  ~Impl() { StopLogCopier(); }
  // The connection's secure_delete setting before BeginRecompute.
  int64_t secure_delete = 1;
  bool in_tx = false;
  bool read_only = false;
  int schema_version = 0;

  Stmt agency_get, agency_put;
  Stmt account_id, account_get, account_put, account_set;
  Stmt post_ref, post_get, post_put, post_set, media_get, media_put, media_clear;
  Stmt reply_get, reply_put, reply_set;
  Stmt metrics_get, metrics_put, metrics_set;
  Stmt score_clear, score_put, finding_put;
  Stmt thread_head, thread_replies;
  Stmt threads_heads, threads_replies, thread_clear_tones, thread_put_tone;
  Stmt thread_clear_labels, thread_clear_outcomes, thread_put_label, thread_put_outcome,
      thread_put_state;
  // The dashboard's per-request reads, prepared on first use: a read-only
  // connection prepares only what it runs, and a page pays no parsing.
  Stmt session_user, session_touch, visible_accounts, latest_post_ids, latest_post_row,
      account_ids_by_name, open_questions, data_version;

  // Prepares `stmt` unless it already is.
  Status Lazy(Stmt* stmt, const char* sql) {
    return stmt->prepared() ? Status::Ok() : stmt->Prepare(db, sql);
  }

  std::unordered_map<std::string, int64_t> agencies;
  std::unordered_map<std::string, int64_t> accounts;  // key -> accounts.id
  struct PostRef {
    int64_t id;
    std::string account_platform_id;
  };
  std::unordered_map<std::string, PostRef> posts;

  void ClearCaches() {
    agencies.clear();
    accounts.clear();
    posts.clear();
  }

  Status Prepare() {
    struct {
      Stmt* stmt;
      const char* sql;
    } const kStatements[] = {
        {&agency_get, "SELECT id FROM agencies WHERE name = ?1"},
        {&agency_put, "INSERT INTO agencies(name) VALUES (?1)"},
        {&account_id, "SELECT id FROM accounts WHERE platform = ?1 AND platform_id = ?2"},
        {&account_get,
         "SELECT id, handle, name, agency_id, followers FROM accounts "
         "WHERE platform = ?1 AND platform_id = ?2"},
        {&account_put,
         "INSERT INTO accounts(platform, platform_id, handle, name, agency_id, followers) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
        {&account_set,
         "UPDATE accounts SET handle = ?2, name = ?3, agency_id = ?4, followers = ?5 "
         "WHERE id = ?1"},
        {&post_ref,
         "SELECT p.id, a.platform_id FROM posts p JOIN accounts a ON a.id = p.account_id "
         "WHERE p.platform = ?1 AND p.platform_id = ?2"},
        {&post_get,
         "SELECT id, account_id, created_at, text, url, lang FROM posts "
         "WHERE platform = ?1 AND platform_id = ?2"},
        {&post_put,
         "INSERT INTO posts(platform, platform_id, account_id, created_at, created_unix, text, "
         "url, lang) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"},
        {&post_set,
         "UPDATE posts SET account_id = ?2, created_at = ?3, created_unix = ?4, text = ?5, "
         "url = ?6, lang = ?7 WHERE id = ?1"},
        {&media_get, "SELECT kind, alt, url FROM post_media WHERE post_id = ?1 ORDER BY position"},
        {&media_put,
         "INSERT INTO post_media(post_id, position, kind, alt, url) VALUES (?1, ?2, ?3, ?4, ?5)"},
        {&media_clear, "DELETE FROM post_media WHERE post_id = ?1"},
        {&reply_get,
         "SELECT id, post_id, parent_platform_id, author_id, author, created_at, text "
         "FROM replies WHERE platform = ?1 AND platform_id = ?2"},
        {&reply_put,
         "INSERT INTO replies(platform, platform_id, post_id, parent_platform_id, author_id, "
         "author, is_agency, created_at, created_unix, text) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"},
        {&reply_set,
         "UPDATE replies SET post_id = ?2, parent_platform_id = ?3, author_id = ?4, author = ?5, "
         "is_agency = ?6, created_at = ?7, created_unix = ?8, text = ?9 WHERE id = ?1"},
        {&metrics_get,
         "SELECT at, likes, shares, replies, quotes, views, followers FROM metric_snapshots "
         "WHERE post_id = ?1 AND at_unix = ?2"},
        {&metrics_put,
         "INSERT INTO metric_snapshots(post_id, at_unix, at, likes, shares, replies, quotes, "
         "views, followers) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
        {&score_clear, "DELETE FROM post_scores WHERE post_id = ?1 AND pack_id = ?2"},
        {&thread_head, "SELECT p.account_id, a.platform_id, p.created_unix" kEngagementColumns
                       "FROM posts p JOIN accounts a ON a.id = p.account_id WHERE p.id = ?1"},
        {&thread_replies,
         "SELECT id, platform_id, parent_platform_id, author_id, author, is_agency, "
         "created_unix, text FROM replies WHERE post_id = ?1 ORDER BY created_unix, platform_id"},
        {&threads_heads,
         "SELECT p.id, p.account_id, a.platform_id, p.created_unix" kEngagementColumns
         "FROM posts p JOIN accounts a ON a.id = p.account_id WHERE p.id BETWEEN ?1 AND ?2 "
         "ORDER BY p.id"},
        {&threads_replies,
         "SELECT post_id, id, platform_id, parent_platform_id, author_id, author, is_agency, "
         "created_unix, text FROM replies WHERE post_id BETWEEN ?1 AND ?2 "
         "ORDER BY post_id, created_unix"},
        {&thread_clear_labels,
         "DELETE FROM reply_labels WHERE reply_id IN (SELECT id FROM replies WHERE post_id = ?1)"},
        {&thread_clear_outcomes, "DELETE FROM question_outcomes WHERE post_id = ?1"},
        {&thread_put_label,
         "INSERT OR REPLACE INTO reply_labels(reply_id, label, needs_answer, cues) "
         "VALUES (?1, ?2, ?3, ?4)"},
        {&thread_put_outcome,
         "INSERT OR REPLACE INTO question_outcomes(reply_id, post_id, account_id, asked_unix, "
         "answer_reply_id, how, response_s, business_response_s) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"},
        {&thread_put_state,
         "INSERT OR REPLACE INTO thread_state(post_id, reply_count, max_reply_id, "
         "analysis_version, anomalies, account_id, post_created_unix, metrics_at, kind, "
         "interactions, followers, views, score, default_label) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"},
        {&thread_clear_tones, "DELETE FROM reply_tone WHERE post_id = ?1"},
        {&thread_put_tone,
         "INSERT OR REPLACE INTO reply_tone(reply_id, post_id, account_id, created_unix, "
         "answers_label, score, findings, text_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"},
        {&score_put,
         "INSERT INTO post_scores(post_id, pack_id, scored, score, not_scored_reason, language, "
         "kind, details, scored_unix) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, unixepoch())"},
        {&finding_put,
         "INSERT INTO findings(post_id, pack_id, rule, level, start_byte, end_byte, start_char, "
         "end_char, text, message_id, message_en, suggestion_id, suggestion_en, source, "
         "media_index) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"},
        {&metrics_set,
         "UPDATE metric_snapshots SET at = ?3, likes = ?4, shares = ?5, replies = ?6, "
         "quotes = ?7, views = ?8, followers = ?9 WHERE post_id = ?1 AND at_unix = ?2"},
    };
    for (const auto& s : kStatements) {
      if (Status st = s.stmt->Prepare(db, s.sql); !st.ok()) return st;
    }
    return Status::Ok();
  }

  Result<int64_t> AgencyId(const std::string& name) {
    if (auto it = agencies.find(name); it != agencies.end()) return it->second;
    agency_get.Bind(1, name);
    auto row = agency_get.Step();
    if (!row.ok()) return row.status();
    int64_t id;
    if (*row) {
      id = agency_get.Int(0);
      agency_get.Reset();
    } else {
      agency_get.Reset();
      agency_put.Bind(1, name);
      if (Status s = agency_put.Run(); !s.ok()) return s;
      id = sqlite3_last_insert_rowid(db.get());
    }
    CachePut(&agencies, name, id);
    return id;
  }

  Result<int64_t> AccountId(Platform p, const std::string& platform_id) {
    std::string key = CacheKey(p, platform_id);
    if (auto it = accounts.find(key); it != accounts.end()) return it->second;
    account_id.Bind(1, PlatformName(p));
    account_id.Bind(2, platform_id);
    auto row = account_id.Step();
    if (!row.ok()) return row.status();
    if (!*row) {
      account_id.Reset();
      return Status::NotFound("account '" + platform_id + "' on " + std::string(PlatformName(p)) +
                              " is not in the database; import its account record first");
    }
    int64_t id = account_id.Int(0);
    account_id.Reset();
    CachePut(&accounts, std::move(key), id);
    return id;
  }

  Result<PostRef> FindPost(Platform p, const std::string& platform_id) {
    std::string key = CacheKey(p, platform_id);
    if (auto it = posts.find(key); it != posts.end()) return it->second;
    post_ref.Bind(1, PlatformName(p));
    post_ref.Bind(2, platform_id);
    auto row = post_ref.Step();
    if (!row.ok()) return row.status();
    if (!*row) {
      post_ref.Reset();
      return Status::NotFound("post '" + platform_id + "' on " + std::string(PlatformName(p)) +
                              " is not in the database; import the post before its replies "
                              "and metrics");
    }
    PostRef ref{post_ref.Int(0), post_ref.Text(1)};
    post_ref.Reset();
    CachePut(&posts, std::move(key), ref);
    return ref;
  }

  Result<std::vector<Media>> LoadMedia(int64_t post_id) {
    std::vector<Media> media;
    media_get.Bind(1, post_id);
    for (;;) {
      auto row = media_get.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      media.push_back({media_get.Text(0), media_get.OptText(1), media_get.OptText(2)});
    }
    media_get.Reset();
    return media;
  }

  Status StoreMedia(int64_t post_id, const std::vector<Media>& media) {
    for (size_t i = 0; i < media.size(); ++i) {
      media_put.Bind(1, post_id);
      media_put.Bind(2, static_cast<int64_t>(i));
      media_put.Bind(3, media[i].kind);
      media_put.Bind(4, media[i].alt);
      media_put.Bind(5, media[i].url);
      if (Status s = media_put.Run(); !s.ok()) return s;
    }
    return Status::Ok();
  }
};

int Store::LatestSchemaVersion() { return store_internal::AllMigrations().back().version; }

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Store::~Store() {
  if (impl_ && impl_->in_tx) Rollback();
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const StoreOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->read_only = options.read_only;
  if (Status s = OpenDb(&impl->db, path, options); !s.ok()) return s;
  if (options.read_only) {
    auto version = impl->db.QueryInt("PRAGMA user_version");
    if (!version.ok()) {
      return Status::Corruption(path + " is not a SQLite database Tanggap can read (" +
                                version.status().message() + ")");
    }
    if (*version > LatestSchemaVersion()) {
      return Status::Unsupported(path + " has schema version " + std::to_string(*version) +
                                 ", newer than this Tanggap knows (" +
                                 std::to_string(LatestSchemaVersion()) +
                                 "); it was left untouched: upgrade Tanggap or pass another --db");
    }
    if (*version < LatestSchemaVersion()) {
      return Status::Unsupported(path + " has schema version " + std::to_string(*version) +
                                 "; this Tanggap reads version " +
                                 std::to_string(LatestSchemaVersion()) +
                                 " (run `tanggap migrate` to upgrade it)");
    }
  } else if (Status s = MigrateOpenDb(&impl->db, path, LatestSchemaVersion()); !s.ok()) {
    return s;
  }
  if (Status s =
          impl->db.Exec("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-" +
                        std::to_string(std::clamp(options.cache_kib, 64, 1 << 20)) +
                        "; PRAGMA temp_store=MEMORY");
      !s.ok()) {
    return s;
  }
  impl->schema_version = LatestSchemaVersion();
  if (!options.read_only) {
    if (Status s = EnsureAnalysisIndexes(impl->db); !s.ok()) return s;
  }
  if (Status s = impl->Prepare(); !s.ok()) return s;
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

Status Store::MigrateTo(const std::string& path, int version) {
  if (version < 0 || version > LatestSchemaVersion()) {
    return Status::InvalidArgument("no schema version " + std::to_string(version) +
                                   "; versions run from 0 to " +
                                   std::to_string(LatestSchemaVersion()));
  }
  Db db;
  if (Status s = OpenDb(&db, path, {}); !s.ok()) return s;
  return MigrateOpenDb(&db, path, version);
}

int Store::SchemaVersion() const { return impl_->schema_version; }

Result<int64_t> Store::DataVersion() {
  Impl& d = *impl_;
  if (Status s = d.Lazy(&d.data_version, "PRAGMA data_version"); !s.ok()) return s;
  auto row = d.data_version.Step();
  if (!row.ok()) return row.status();
  const int64_t v = *row ? d.data_version.Int(0) : 0;
  d.data_version.Reset();
  return v;
}

Result<std::unique_ptr<Store>> Store::OpenReader() const {
  StoreOptions o;
  o.read_only = true;
  return Open(impl_->path, o);
}
sqlite::Db& Store::connection() { return impl_->db; }

Status Store::Begin() {
  if (impl_->in_tx) return Status::InvalidArgument("a transaction is already open");
  if (Status s = impl_->db.Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  impl_->in_tx = true;
  return Status::Ok();
}

Status Store::Commit() {
  if (!impl_->in_tx) return Status::InvalidArgument("no transaction is open");
  if (Status s = impl_->db.Exec("COMMIT"); !s.ok()) return s;
  impl_->in_tx = false;
  return Status::Ok();
}

void Store::Rollback() {
  if (!impl_->in_tx) return;
  (void)impl_->db.Exec("ROLLBACK");
  impl_->in_tx = false;
  // Row ids handed out inside the rolled-back transaction may be reused.
  impl_->ClearCaches();
}

Result<UpsertOutcome> Store::Upsert(const Account& a) {
  Impl& d = *impl_;
  auto agency = d.AgencyId(a.agency);
  if (!agency.ok()) return agency.status();
  Stmt& get = d.account_get;
  get.Bind(1, PlatformName(a.platform));
  get.Bind(2, a.id);
  auto row = get.Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    get.Reset();
    Stmt& put = d.account_put;
    put.Bind(1, PlatformName(a.platform));
    put.Bind(2, a.id);
    put.Bind(3, a.handle);
    put.Bind(4, a.name);
    put.Bind(5, *agency);
    put.Bind(6, a.followers);
    if (Status s = put.Run(); !s.ok()) return s;
    return UpsertOutcome::kInserted;
  }
  int64_t id = get.Int(0);
  bool same = get.TextView(1) == a.handle && get.TextView(2) == a.name && get.Int(3) == *agency &&
              get.OptInt(4) == a.followers;
  get.Reset();
  if (same) return UpsertOutcome::kUnchanged;
  Stmt& set = d.account_set;
  set.Bind(1, id);
  set.Bind(2, a.handle);
  set.Bind(3, a.name);
  set.Bind(4, *agency);
  set.Bind(5, a.followers);
  if (Status s = set.Run(); !s.ok()) return s;
  return UpsertOutcome::kUpdated;
}

Result<UpsertOutcome> Store::Upsert(const Post& p) {
  Impl& d = *impl_;
  auto account = d.AccountId(p.platform, p.account);
  if (!account.ok()) return account.status();
  Stmt& get = d.post_get;
  get.Bind(1, PlatformName(p.platform));
  get.Bind(2, p.id);
  auto row = get.Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    get.Reset();
    Stmt& put = d.post_put;
    put.Bind(1, PlatformName(p.platform));
    put.Bind(2, p.id);
    put.Bind(3, *account);
    put.Bind(4, p.created_at.text);
    put.Bind(5, p.created_at.unix_seconds);
    put.Bind(6, p.text);
    put.Bind(7, p.url);
    put.Bind(8, p.lang);
    if (Status s = put.Run(); !s.ok()) return s;
    int64_t id = sqlite3_last_insert_rowid(d.db.get());
    if (Status s = d.StoreMedia(id, p.media); !s.ok()) return s;
    CachePut(&d.posts, CacheKey(p.platform, p.id), Impl::PostRef{id, p.account});
    return UpsertOutcome::kInserted;
  }
  int64_t id = get.Int(0);
  bool same = get.Int(1) == *account && get.TextView(2) == p.created_at.text &&
              get.TextView(3) == p.text && get.OptText(4) == p.url && get.OptText(5) == p.lang;
  get.Reset();
  auto media = d.LoadMedia(id);
  if (!media.ok()) return media.status();
  if (same && *media == p.media) return UpsertOutcome::kUnchanged;
  Stmt& set = d.post_set;
  set.Bind(1, id);
  set.Bind(2, *account);
  set.Bind(3, p.created_at.text);
  set.Bind(4, p.created_at.unix_seconds);
  set.Bind(5, p.text);
  set.Bind(6, p.url);
  set.Bind(7, p.lang);
  if (Status s = set.Run(); !s.ok()) return s;
  d.media_clear.Bind(1, id);
  if (Status s = d.media_clear.Run(); !s.ok()) return s;
  if (Status s = d.StoreMedia(id, p.media); !s.ok()) return s;
  CachePut(&d.posts, CacheKey(p.platform, p.id), Impl::PostRef{id, p.account});
  return UpsertOutcome::kUpdated;
}

Result<UpsertOutcome> Store::Upsert(const Reply& r) {
  Impl& d = *impl_;
  auto post = d.FindPost(r.platform, r.post);
  if (!post.ok()) return post.status();
  int64_t is_agency = r.author_id == post->account_platform_id ? 1 : 0;
  Stmt& get = d.reply_get;
  get.Bind(1, PlatformName(r.platform));
  get.Bind(2, r.id);
  auto row = get.Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    get.Reset();
    Stmt& put = d.reply_put;
    put.Bind(1, PlatformName(r.platform));
    put.Bind(2, r.id);
    put.Bind(3, post->id);
    put.Bind(4, r.parent);
    put.Bind(5, r.author_id);
    put.Bind(6, r.author);
    put.Bind(7, is_agency);
    put.Bind(8, r.created_at.text);
    put.Bind(9, r.created_at.unix_seconds);
    put.Bind(10, r.text);
    if (Status s = put.Run(); !s.ok()) return s;
    return UpsertOutcome::kInserted;
  }
  int64_t id = get.Int(0);
  bool same = get.Int(1) == post->id && get.OptText(2) == r.parent &&
              get.TextView(3) == r.author_id && get.OptText(4) == r.author &&
              get.TextView(5) == r.created_at.text && get.TextView(6) == r.text;
  get.Reset();
  if (same) return UpsertOutcome::kUnchanged;
  Stmt& set = d.reply_set;
  set.Bind(1, id);
  set.Bind(2, post->id);
  set.Bind(3, r.parent);
  set.Bind(4, r.author_id);
  set.Bind(5, r.author);
  set.Bind(6, is_agency);
  set.Bind(7, r.created_at.text);
  set.Bind(8, r.created_at.unix_seconds);
  set.Bind(9, r.text);
  if (Status s = set.Run(); !s.ok()) return s;
  return UpsertOutcome::kUpdated;
}

Result<UpsertOutcome> Store::Upsert(const Metrics& m) {
  Impl& d = *impl_;
  auto post = d.FindPost(m.platform, m.post);
  if (!post.ok()) return post.status();
  Stmt& get = d.metrics_get;
  get.Bind(1, post->id);
  get.Bind(2, m.at.unix_seconds);
  auto row = get.Step();
  if (!row.ok()) return row.status();
  bool exists = *row;
  bool same = exists && get.TextView(0) == m.at.text && get.OptInt(1) == m.likes &&
              get.OptInt(2) == m.shares && get.OptInt(3) == m.replies &&
              get.OptInt(4) == m.quotes && get.OptInt(5) == m.views && get.OptInt(6) == m.followers;
  get.Reset();
  if (same) return UpsertOutcome::kUnchanged;
  Stmt& w = exists ? d.metrics_set : d.metrics_put;
  w.Bind(1, post->id);
  w.Bind(2, m.at.unix_seconds);
  w.Bind(3, m.at.text);
  w.Bind(4, m.likes);
  w.Bind(5, m.shares);
  w.Bind(6, m.replies);
  w.Bind(7, m.quotes);
  w.Bind(8, m.views);
  w.Bind(9, m.followers);
  if (Status s = w.Run(); !s.ok()) return s;
  return exists ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
}

Result<UpsertOutcome> Store::Upsert(const Record& record) {
  return std::visit([this](const auto& r) { return Upsert(r); }, record);
}

namespace {

// Runs fn over every row of stmt; `make` turns the current row into a value.
template <typename Make, typename Fn>
Status EachRow(Stmt* stmt, Make make, Fn fn) {
  for (;;) {
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    if (Status s = fn(make()); !s.ok()) {
      stmt->Reset();
      return s;
    }
  }
  stmt->Reset();
  return Status::Ok();
}

Platform PlatformAt(const Stmt& s, int col) {
  return ParsePlatform(s.TextView(col)).value_or(Platform::kInstagram);
}

}  // namespace

Status Store::ForEachPost(const std::function<Status(const Post&)>& fn) {
  Stmt posts;
  if (Status s = posts.Prepare(impl_->db,
                               "SELECT p.id, p.platform, p.platform_id, a.platform_id, "
                               "p.created_at, p.created_unix, p.text, p.url, p.lang "
                               "FROM posts p JOIN accounts a ON a.id = p.account_id "
                               "ORDER BY p.created_unix, p.platform, p.platform_id");
      !s.ok()) {
    return s;
  }
  Status media_error;
  return EachRow(
      &posts,
      [&] {
        Post p;
        p.platform = PlatformAt(posts, 1);
        p.id = posts.Text(2);
        p.account = posts.Text(3);
        p.created_at = {posts.Text(4), posts.Int(5)};
        p.text = posts.Text(6);
        p.url = posts.OptText(7);
        p.lang = posts.OptText(8);
        auto media = impl_->LoadMedia(posts.Int(0));
        if (media.ok()) {
          p.media = std::move(*media);
        } else {
          media_error = media.status();
        }
        return p;
      },
      [&](const Post& p) { return media_error.ok() ? fn(p) : media_error; });
}

Status Store::ForEachRecord(const std::function<Status(const Record&)>& fn) {
  // One read transaction, so a concurrent writer cannot make the export mix
  // two states of the database.
  bool own_tx = !impl_->in_tx;
  if (own_tx) {
    if (Status s = impl_->db.Exec("BEGIN"); !s.ok()) return s;
  }
  Status result = [&]() -> Status {
    Stmt accounts;
    if (Status s = accounts.Prepare(impl_->db,
                                    "SELECT a.platform, a.platform_id, a.handle, a.name, g.name, "
                                    "a.followers FROM accounts a JOIN agencies g ON "
                                    "g.id = a.agency_id ORDER BY a.platform, a.platform_id");
        !s.ok()) {
      return s;
    }
    Status s = EachRow(
        &accounts,
        [&] {
          return Record(Account{PlatformAt(accounts, 0), accounts.Text(1), accounts.Text(2),
                                accounts.Text(3), accounts.Text(4), accounts.OptInt(5)});
        },
        fn);
    if (!s.ok()) return s;
    s = ForEachPost([&](const Post& p) { return fn(Record(p)); });
    if (!s.ok()) return s;
    Stmt replies;
    s = replies.Prepare(impl_->db,
                        "SELECT r.platform, r.platform_id, p.platform_id, r.parent_platform_id, "
                        "r.author_id, r.author, r.created_at, r.created_unix, r.text "
                        "FROM replies r JOIN posts p ON p.id = r.post_id "
                        "ORDER BY r.created_unix, r.platform, r.platform_id");
    if (!s.ok()) return s;
    s = EachRow(
        &replies,
        [&] {
          return Record(Reply{PlatformAt(replies, 0), replies.Text(1), replies.Text(2),
                              replies.OptText(3), replies.Text(4), replies.OptText(5),
                              Timestamp{replies.Text(6), replies.Int(7)}, replies.Text(8)});
        },
        fn);
    if (!s.ok()) return s;
    Stmt metrics;
    s = metrics.Prepare(impl_->db,
                        "SELECT p.platform, p.platform_id, m.at, m.at_unix, m.likes, m.shares, "
                        "m.replies, m.quotes, m.views, m.followers FROM metric_snapshots m "
                        "JOIN posts p ON p.id = m.post_id "
                        "ORDER BY m.at_unix, p.platform, p.platform_id");
    if (!s.ok()) return s;
    return EachRow(
        &metrics,
        [&] {
          return Record(Metrics{PlatformAt(metrics, 0), metrics.Text(1),
                                Timestamp{metrics.Text(2), metrics.Int(3)}, metrics.OptInt(4),
                                metrics.OptInt(5), metrics.OptInt(6), metrics.OptInt(7),
                                metrics.OptInt(8), metrics.OptInt(9)});
        },
        fn);
  }();
  if (own_tx) (void)impl_->db.Exec("COMMIT");
  return result;
}

Result<TableCounts> Store::CountRows() {
  TableCounts c;
  struct {
    int64_t* out;
    const char* sql;
  } const kCounts[] = {
      {&c.agencies, "SELECT count(*) FROM agencies"},
      {&c.accounts, "SELECT count(*) FROM accounts"},
      {&c.posts, "SELECT count(*) FROM posts"},
      {&c.replies, "SELECT count(*) FROM replies"},
      {&c.metric_snapshots, "SELECT count(*) FROM metric_snapshots"},
  };
  for (const auto& q : kCounts) {
    auto n = impl_->db.QueryInt(q.sql);
    if (!n.ok()) return n.status();
    *q.out = *n;
  }
  return c;
}

Result<std::vector<AgencySummary>> Store::SummarizeAgencies() {
  Stmt q;
  Status s = q.Prepare(impl_->db, R"sql(
    WITH agency_posts AS (
      SELECT a.agency_id, p.id AS post_id, p.created_unix, p.created_at
      FROM posts p JOIN accounts a ON a.id = p.account_id),
    agency_replies AS (
      SELECT ap.agency_id, r.*
      FROM replies r JOIN agency_posts ap ON ap.post_id = r.post_id)
    SELECT g.name,
      (SELECT count(*) FROM accounts a WHERE a.agency_id = g.id),
      (SELECT count(*) FROM agency_posts ap WHERE ap.agency_id = g.id),
      (SELECT count(*) FROM agency_replies r WHERE r.agency_id = g.id AND r.is_agency = 0),
      (SELECT count(*) FROM agency_replies r WHERE r.agency_id = g.id AND r.is_agency = 1),
      (SELECT count(*) FROM agency_replies c WHERE c.agency_id = g.id AND c.is_agency = 0
         AND EXISTS (SELECT 1 FROM replies x WHERE x.post_id = c.post_id
                     AND x.parent_platform_id = c.platform_id AND x.is_agency = 1)),
      (SELECT count(*) FROM agency_posts ap WHERE ap.agency_id = g.id AND EXISTS (
         SELECT 1 FROM post_media m WHERE m.post_id = ap.post_id
         AND (m.alt IS NULL OR trim(m.alt) = ''))),
      (SELECT created_at FROM agency_posts ap WHERE ap.agency_id = g.id
         ORDER BY created_unix LIMIT 1),
      (SELECT created_at FROM agency_posts ap WHERE ap.agency_id = g.id
         ORDER BY created_unix DESC LIMIT 1),
      (SELECT count(*) FROM agency_posts ap JOIN post_scores s ON s.post_id = ap.post_id
         WHERE ap.agency_id = g.id AND s.scored = 1
         AND s.pack_id = (SELECT max(id) FROM rule_packs)),
      (SELECT avg(s.score) FROM agency_posts ap JOIN post_scores s ON s.post_id = ap.post_id
         WHERE ap.agency_id = g.id AND s.scored = 1
         AND s.pack_id = (SELECT max(id) FROM rule_packs))
    FROM agencies g ORDER BY g.name)sql");
  if (!s.ok()) return s;
  std::vector<AgencySummary> out;
  s = EachRow(
      &q,
      [&] {
        AgencySummary a;
        a.agency = q.Text(0);
        a.accounts = q.Int(1);
        a.posts = q.Int(2);
        a.citizen_replies = q.Int(3);
        a.agency_replies = q.Int(4);
        a.citizen_replies_answered = q.Int(5);
        a.posts_with_media_missing_alt = q.Int(6);
        a.first_post = q.OptText(7).value_or("");
        a.last_post = q.OptText(8).value_or("");
        a.scored_posts = q.Int(9);
        a.avg_clarity = q.IsNull(10) ? -1 : sqlite3_column_double(q.raw(), 10);
        return a;
      },
      [&](AgencySummary a) {
        out.push_back(std::move(a));
        return Status::Ok();
      });
  if (!s.ok()) return s;
  return out;
}

Result<int64_t> Store::RegisterRulePack(const std::string& name, const std::string& version) {
  Stmt put;
  if (Status s = put.Prepare(impl_->db,
                             "INSERT INTO rule_packs(name, version, first_used_unix) "
                             "VALUES (?1, ?2, unixepoch()) ON CONFLICT(name, version) DO NOTHING");
      !s.ok()) {
    return s;
  }
  put.Bind(1, name);
  put.Bind(2, version);
  if (Status s = put.Run(); !s.ok()) return s;
  Stmt get;
  if (Status s =
          get.Prepare(impl_->db, "SELECT id FROM rule_packs WHERE name = ?1 AND version = ?2");
      !s.ok()) {
    return s;
  }
  get.Bind(1, name);
  get.Bind(2, version);
  auto row = get.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Corruption("rule pack row vanished after insert");
  return get.Int(0);
}

namespace {
constexpr const char kToScoreWhere[] =
    " WHERE p.id > ?2 AND (?3 OR NOT EXISTS (SELECT 1 FROM post_scores s "
    "WHERE s.post_id = p.id AND s.pack_id = ?1))";
}  // namespace

Result<int64_t> Store::CountPostsToScore(int64_t pack_id, bool all) {
  Stmt q;
  if (Status s = q.Prepare(impl_->db, std::string("SELECT count(*) FROM posts p") + kToScoreWhere);
      !s.ok()) {
    return s;
  }
  q.Bind(1, pack_id);
  q.Bind(2, int64_t{0});
  q.Bind(3, int64_t{all});
  auto row = q.Step();
  if (!row.ok()) return row.status();
  return q.Int(0);
}

Result<std::vector<PostToScore>> Store::PostsToScore(int64_t pack_id, bool all,
                                                     int64_t after_row_id, int limit) {
  Stmt q;
  if (Status s =
          q.Prepare(impl_->db, std::string("SELECT p.id, p.platform, p.platform_id, a.platform_id, "
                                           "p.created_at, p.created_unix, p.text, p.url, p.lang "
                                           "FROM posts p JOIN accounts a ON a.id = p.account_id") +
                                   kToScoreWhere + " ORDER BY p.id LIMIT ?4");
      !s.ok()) {
    return s;
  }
  q.Bind(1, pack_id);
  q.Bind(2, after_row_id);
  q.Bind(3, int64_t{all});
  q.Bind(4, int64_t{limit});
  std::vector<PostToScore> out;
  for (;;) {
    auto row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    PostToScore p;
    p.row_id = q.Int(0);
    p.post.platform = PlatformAt(q, 1);
    p.post.id = q.Text(2);
    p.post.account = q.Text(3);
    p.post.created_at = {q.Text(4), q.Int(5)};
    p.post.text = q.Text(6);
    p.post.url = q.OptText(7);
    p.post.lang = q.OptText(8);
    auto media = impl_->LoadMedia(p.row_id);
    if (!media.ok()) return media.status();
    p.post.media = std::move(*media);
    out.push_back(std::move(p));
  }
  return out;
}

Status Store::SaveScore(int64_t pack_id, const StoredScore& score) {
  Impl& d = *impl_;
  d.score_clear.Bind(1, score.post_row_id);
  d.score_clear.Bind(2, pack_id);
  if (Status s = d.score_clear.Run(); !s.ok()) return s;
  Stmt& put = d.score_put;
  put.Bind(1, score.post_row_id);
  put.Bind(2, pack_id);
  put.Bind(3, int64_t{score.scored});
  put.Bind(4, score.score);
  if (score.scored) {
    put.BindNull(5);
  } else {
    put.Bind(5, score.not_scored_reason);
  }
  put.Bind(6, score.language);
  put.Bind(7, score.kind);
  put.Bind(8, score.details_json);
  if (Status s = put.Run(); !s.ok()) return s;
  for (const StoredFinding& f : score.findings) {
    Stmt& fp = d.finding_put;
    fp.Bind(1, score.post_row_id);
    fp.Bind(2, pack_id);
    fp.Bind(3, f.rule);
    fp.Bind(4, f.level);
    fp.Bind(5, f.start_byte);
    fp.Bind(6, f.end_byte);
    fp.Bind(7, f.start_char);
    fp.Bind(8, f.end_char);
    fp.Bind(9, f.text);
    fp.Bind(10, f.message_id);
    fp.Bind(11, f.message_en);
    fp.Bind(12, f.suggestion_id);
    fp.Bind(13, f.suggestion_en);
    fp.Bind(14, f.source);
    fp.Bind(15, f.media_index);
    if (Status s = fp.Run(); !s.ok()) return s;
  }
  return Status::Ok();
}

Result<std::vector<int64_t>> Store::ThreadsToAnalyze(const std::string& version, bool all,
                                                     int64_t after_post_row_id, int limit) {
  Stmt q;
  Status s = q.Prepare(impl_->db, R"sql(
    SELECT p.id FROM posts p
    LEFT JOIN thread_state t ON t.post_id = p.id
    WHERE p.id > ?2 AND (?3 OR t.post_id IS NULL OR t.analysis_version != ?1
      OR t.reply_count != (SELECT count(*) FROM replies r WHERE r.post_id = p.id)
      OR t.max_reply_id != (SELECT coalesce(max(r.id), 0) FROM replies r WHERE r.post_id = p.id)
      OR t.metrics_at IS NOT (SELECT max(m.at_unix) FROM metric_snapshots m WHERE m.post_id = p.id)
      OR t.kind IS NOT coalesce((SELECT s.kind FROM post_scores s WHERE s.post_id = p.id
                                 ORDER BY s.pack_id DESC LIMIT 1), '')
      OR t.score IS NOT )sql" kNewestScore R"sql()
    ORDER BY p.id LIMIT ?4)sql");
  if (!s.ok()) return s;
  q.Bind(1, version);
  q.Bind(2, after_post_row_id);
  q.Bind(3, int64_t{all});
  q.Bind(4, int64_t{limit});
  std::vector<int64_t> out;
  s = EachRow(
      &q, [&] { return q.Int(0); },
      [&](int64_t id) {
        out.push_back(id);
        return Status::Ok();
      });
  if (!s.ok()) return s;
  return out;
}

namespace {

void ReadEngagement(const Stmt& q, int first, StoredThread* t) {
  t->kind = q.Text(first);
  t->metrics_at = q.OptInt(first + 1);
  t->counted_interactions = q.Int(first + 2);
  t->followers = q.OptInt(first + 3);
  t->views = q.OptInt(first + 4);
  t->score = q.OptInt(first + 5);
}

// Sorted int64 lists in rollups: 8 bytes each, little-endian.
std::string EncodeInts(const std::vector<int64_t>& values) {
  std::string out;
  out.reserve(values.size() * 8);
  for (int64_t v : values) {
    auto u = static_cast<uint64_t>(v);
    for (int b = 0; b < 8; ++b) out.push_back(static_cast<char>((u >> (8 * b)) & 0xff));
  }
  return out;
}

std::vector<int64_t> DecodeInts(std::string_view bytes) {
  std::vector<int64_t> out;
  out.reserve(bytes.size() / 8);
  for (size_t i = 0; i + 8 <= bytes.size(); i += 8) {
    uint64_t u = 0;
    for (int b = 7; b >= 0; --b) u = (u << 8) | static_cast<unsigned char>(bytes[i + b]);
    out.push_back(static_cast<int64_t>(u));
  }
  return out;
}

// "[1,2,3]": a list of ids as one bound parameter, for json_each(?).
std::string IdsJson(const std::vector<int64_t>& ids) {
  std::string out = "[";
  for (int64_t id : ids) {
    if (out.size() > 1) out += ',';
    out += std::to_string(id);
  }
  out += ']';
  return out;
}

// The SQL condition limiting `column` to the ids bound at `param`, or
// nothing when every account is wanted.
std::string AccountFilter(const std::optional<std::vector<int64_t>>& accounts, const char* column,
                          int param) {
  if (!accounts) return "";
  return std::string(" AND ") + column + " IN (SELECT value FROM json_each(?" +
         std::to_string(param) + "))";
}

constexpr int64_t kWibOffset = 7 * 3600;

// Reads back the {"kind":n,...} objects RebuildRollups writes (keys are
// JSON strings without escapes in practice; escapes are kept verbatim).
std::map<std::string, int64_t> ParseKindCounts(std::string_view json) {
  std::map<std::string, int64_t> out;
  size_t i = 0;
  while (i < json.size() && out.size() < 64) {
    size_t q1 = json.find('"', i);
    if (q1 == std::string_view::npos) break;
    size_t q2 = q1 + 1;
    while (q2 < json.size() && json[q2] != '"') q2 += json[q2] == '\\' ? 2 : 1;
    if (q2 >= json.size()) break;
    size_t colon = json.find(':', q2);
    if (colon == std::string_view::npos) break;
    int64_t n = 0;
    size_t k = colon + 1;
    while (k < json.size() && json[k] >= '0' && json[k] <= '9' && n < (int64_t{1} << 50)) {
      n = n * 10 + (json[k] - '0');
      ++k;
    }
    out[std::string(json.substr(q1 + 1, q2 - q1 - 1))] += n;
    i = k;
  }
  return out;
}

}  // namespace

int64_t WibDay(int64_t unix_seconds) {
  int64_t t = unix_seconds + kWibOffset;
  return t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
}
int64_t WibDayStart(int64_t day) { return day * 86400 - kWibOffset; }

Result<StoredThread> Store::LoadThread(int64_t post_row_id) {
  StoredThread t;
  t.post_row_id = post_row_id;
  // Prepared once per Store: this runs once per thread, 100,000s of times.
  Stmt& head = impl_->thread_head;
  Stmt& q = impl_->thread_replies;
  Status s;
  head.Bind(1, post_row_id);
  auto row = head.Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    head.Reset();
    return Status::NotFound("post row " + std::to_string(post_row_id) + " is gone");
  }
  t.account_row_id = head.Int(0);
  t.account_platform_id = head.Text(1);
  t.post_created_unix = head.Int(2);
  ReadEngagement(head, 3, &t);
  head.Reset();
  q.Bind(1, post_row_id);
  s = EachRow(
      &q,
      [&] {
        return StoredThread::Reply{q.Int(0),     q.Text(1),     q.OptText(2), q.Text(3),
                                   q.OptText(4), q.Int(5) != 0, q.Int(6),     q.Text(7)};
      },
      [&](StoredThread::Reply r) {
        t.max_reply_row_id = std::max(t.max_reply_row_id, r.row_id);
        t.replies.push_back(std::move(r));
        return Status::Ok();
      });
  if (!s.ok()) return s;
  return t;
}

Result<std::vector<StoredThread>> Store::LoadThreads(const std::vector<int64_t>& post_row_ids) {
  std::vector<StoredThread> out;
  if (post_row_ids.empty()) return out;
  const int64_t first = post_row_ids.front(), last = post_row_ids.back();
  // A sparse set (an incremental run touching a few threads) would read many
  // unwanted rows through a range query; load those one by one.
  if (last - first + 1 > 4 * static_cast<int64_t>(post_row_ids.size())) {
    for (int64_t id : post_row_ids) {
      auto t = LoadThread(id);
      if (!t.ok()) {
        if (t.status().code() == Status::Code::kNotFound) continue;
        return t.status();
      }
      out.push_back(std::move(*t));
    }
    return out;
  }
  Impl& d = *impl_;
  std::unordered_map<int64_t, size_t> index;
  index.reserve(post_row_ids.size());
  for (int64_t id : post_row_ids) index.emplace(id, 0);
  Stmt& heads = d.threads_heads;
  heads.Bind(1, first);
  heads.Bind(2, last);
  Status s = EachRow(
      &heads, [&] { return heads.Int(0); },
      [&](int64_t post) {
        auto it = index.find(post);
        if (it == index.end()) return Status::Ok();
        it->second = out.size() + 1;  // 0 means "not loaded"
        StoredThread t;
        t.post_row_id = post;
        t.account_row_id = heads.Int(1);
        t.account_platform_id = heads.Text(2);
        t.post_created_unix = heads.Int(3);
        ReadEngagement(heads, 4, &t);
        out.push_back(std::move(t));
        return Status::Ok();
      });
  if (!s.ok()) return s;
  Stmt& q = d.threads_replies;
  q.Bind(1, first);
  q.Bind(2, last);
  s = EachRow(
      &q, [&] { return q.Int(0); },
      [&](int64_t post) {
        auto it = index.find(post);
        if (it == index.end() || it->second == 0) return Status::Ok();
        StoredThread& t = out[it->second - 1];
        StoredThread::Reply r{q.Int(1),     q.Text(2),     q.OptText(3), q.Text(4),
                              q.OptText(5), q.Int(6) != 0, q.Int(7),     q.Text(8)};
        t.max_reply_row_id = std::max(t.max_reply_row_id, r.row_id);
        t.replies.push_back(std::move(r));
        return Status::Ok();
      });
  if (!s.ok()) return s;
  // The index gives (post, time) order; ties in time go by platform id, as
  // LoadThread orders them. Sorting a thread here is nearly free, where
  // SQLite's ORDER BY ..., platform_id sorted every thread in a temporary
  // b-tree: 0.8 s of the loader's CPU on a full recompute of 1M replies.
  for (StoredThread& t : out) {
    auto by_time_then_id = [](const StoredThread::Reply& a, const StoredThread::Reply& b) {
      return std::tie(a.created_unix, a.id) < std::tie(b.created_unix, b.id);
    };
    if (!std::is_sorted(t.replies.begin(), t.replies.end(), by_time_then_id)) {
      std::sort(t.replies.begin(), t.replies.end(), by_time_then_id);
    }
  }
  return out;
}

namespace {

// The settings a full recompute changes, as they are outside one.
std::string RecomputeEndPragmas(int64_t secure_delete) {
  return "PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=1000; PRAGMA secure_delete=" +
         std::to_string(secure_delete);
}

}  // namespace

Status Store::BeginRecompute() {
  if (impl_->in_tx) return Status::InvalidArgument("BeginRecompute inside a transaction");
  // Every row the recompute writes refers to rows it just read from this
  // database: checking each reference again would double the insert cost.
  // (The pragma is a no-op inside a transaction, hence here.) Automatic
  // checkpoints are off until EndRecompute: with 1000 pages as the trigger,
  // every batch's commit copied the growing log back into the file and
  // synced it, a third of the writer's time. A second connection does it
  // instead, on its own thread, while the writer goes on: left to the end,
  // the copy took 1.7 s on its own.
  //
  // Debian builds SQLite with secure_delete on: clearing the old results
  // zeroed every freed page through the log (130 MB, 0.8 s, on 1M
  // replies). FAST still scrubs what is deleted from the pages written
  // anyway. The rows cleared here are derived from replies that stay in
  // the database, so nothing private is left behind that was not already.
  auto secure_delete = impl_->db.QueryInt("PRAGMA secure_delete");
  if (!secure_delete.ok()) return secure_delete.status();
  impl_->secure_delete = *secure_delete;
  if (Status s = impl_->db.Exec(
          "PRAGMA foreign_keys=OFF; PRAGMA wal_autocheckpoint=0; PRAGMA secure_delete=FAST");
      !s.ok()) {
    return s;
  }
  impl_->StopLogCopier();
  auto copier = std::make_shared<Db>();
  StoreOptions copier_options;
  if (OpenDb(copier.get(), impl_->path, copier_options).ok() &&
      copier->Exec("PRAGMA synchronous=NORMAL").ok()) {
    impl_->log_copier_stop = false;
    impl_->log_copier = std::thread([impl = impl_.get(), copier] {
      std::unique_lock lock(impl->log_copier_mu);
      while (!impl->log_copier_wake.wait_for(lock, std::chrono::milliseconds(250),
                                             [impl] { return impl->log_copier_stop; })) {
        lock.unlock();
        // PASSIVE: copies what no reader still needs, never waits for the
        // writer or the readers. A failure only leaves more for later.
        (void)copier->Exec("PRAGMA wal_checkpoint(PASSIVE)");
        lock.lock();
      }
    });
  }
  std::string sql =
      "BEGIN IMMEDIATE; DELETE FROM reply_labels; DELETE FROM question_outcomes; "
      "DELETE FROM thread_state; DELETE FROM reply_tone; DELETE FROM daily_rollups;";
  for (const auto& [name, on] : kAnalysisIndexes) {
    sql.append("DROP INDEX IF EXISTS ").append(name).append(";");
  }
  sql += "COMMIT;";
  if (Status s = impl_->db.Exec(sql); !s.ok()) {
    impl_->StopLogCopier();
    (void)impl_->db.Exec("ROLLBACK");
    (void)impl_->db.Exec(RecomputeEndPragmas(impl_->secure_delete));
    return s;
  }
  return Status::Ok();
}

Status Store::EndRecompute() {
  if (impl_->in_tx) return Status::InvalidArgument("EndRecompute inside a transaction");
  // One transaction for all the indexes: one commit instead of seven.
  Status s = impl_->db.Exec("BEGIN IMMEDIATE");
  if (s.ok()) s = EnsureAnalysisIndexes(impl_->db);
  if (s.ok()) s = impl_->db.Exec("COMMIT");
  if (!s.ok()) (void)impl_->db.Exec("ROLLBACK");
  impl_->StopLogCopier();
  Status fk = impl_->db.Exec(RecomputeEndPragmas(impl_->secure_delete));
  return s.ok() ? fk : s;
}

Status Store::SaveThread(const StoredThread& thread, const std::string& version,
                         const ThreadResult& result, bool fresh) {
  const std::vector<StoredReplyLabel>& labels = result.labels;
  const std::vector<StoredOutcome>& outcomes = result.outcomes;
  Impl& d = *impl_;
  Stmt& clear_labels = d.thread_clear_labels;
  Stmt& clear_outcomes = d.thread_clear_outcomes;
  Stmt& put_label = d.thread_put_label;
  Stmt& put_outcome = d.thread_put_outcome;
  Stmt& put_state = d.thread_put_state;
  if (!fresh) {
    clear_labels.Bind(1, thread.post_row_id);
    if (Status s = clear_labels.Run(); !s.ok()) return s;
    clear_outcomes.Bind(1, thread.post_row_id);
    if (Status s = clear_outcomes.Run(); !s.ok()) return s;
    d.thread_clear_tones.Bind(1, thread.post_row_id);
    if (Status s = d.thread_clear_tones.Run(); !s.ok()) return s;
  }
  Stmt& put_tone = d.thread_put_tone;
  for (const StoredTone& t : result.tones) {
    put_tone.Bind(1, t.reply_row_id);
    put_tone.Bind(2, thread.post_row_id);
    put_tone.Bind(3, thread.account_row_id);
    put_tone.Bind(4, t.created_unix);
    put_tone.Bind(5, t.answers_label);
    if (t.score) {
      put_tone.Bind(6, int64_t{*t.score});
    } else {
      put_tone.BindNull(6);
    }
    put_tone.Bind(7, t.findings_json);
    put_tone.Bind(8, t.text_hash);
    if (Status s = put_tone.Run(); !s.ok()) return s;
  }
  for (const StoredReplyLabel& l : labels) {
    put_label.Bind(1, l.reply_row_id);
    put_label.Bind(2, l.label);
    put_label.Bind(3, int64_t{l.needs_answer});
    put_label.Bind(4, l.cues_json);
    if (Status s = put_label.Run(); !s.ok()) return s;
  }
  for (const StoredOutcome& o : outcomes) {
    put_outcome.Bind(1, o.reply_row_id);
    put_outcome.Bind(2, thread.post_row_id);
    put_outcome.Bind(3, thread.account_row_id);
    put_outcome.Bind(4, o.asked_unix);
    put_outcome.Bind(5, o.answer_reply_row_id);
    if (o.how.empty()) {
      put_outcome.BindNull(6);
    } else {
      put_outcome.Bind(6, o.how);
    }
    put_outcome.Bind(7, o.response_s);
    put_outcome.Bind(8, o.business_response_s);
    if (Status s = put_outcome.Run(); !s.ok()) return s;
  }
  int64_t citizen_replies = 0;
  for (const StoredThread::Reply& r : thread.replies) citizen_replies += !r.is_agency;
  put_state.Bind(1, thread.post_row_id);
  put_state.Bind(2, static_cast<int64_t>(thread.replies.size()));
  put_state.Bind(3, thread.max_reply_row_id);
  put_state.Bind(4, version);
  put_state.Bind(5, result.anomalies_json);
  put_state.Bind(6, thread.account_row_id);
  put_state.Bind(7, thread.post_created_unix);
  put_state.Bind(8, thread.metrics_at);
  put_state.Bind(9, thread.kind);
  put_state.Bind(10, thread.counted_interactions + citizen_replies);
  put_state.Bind(11, thread.followers);
  put_state.Bind(12, thread.views);
  put_state.Bind(13, thread.score);
  put_state.Bind(14, result.default_label);
  return put_state.Run();
}

namespace {

// A post's figures as a day's rollup counts them (thread_state).
struct RollupPost {
  int64_t interactions = 0;
  std::optional<int64_t> followers, views;
  std::string kind;
  std::optional<int64_t> score;
};

// Adds one question (its response times when answered) to a day's rollup.
void AddQuestion(DayRollup* r, std::optional<int64_t> response_s,
                 std::optional<int64_t> business_s) {
  ++r->questions;
  if (response_s) {
    ++r->answered;
    r->response_s.push_back(*response_s);
    if (business_s) r->business_s.push_back(*business_s);
  }
}

// False for a day with nothing to report: it keeps no rollup row.
bool HasRollupFigures(const DayRollup& r, const std::vector<RollupPost>& posts) {
  return r.questions > 0 || !posts.empty() || r.tone_n > 0;
}

// The rest of a day's rollup from its posts, and the interactions of the
// account's posts over the 30 days before (`past`, any order), whose
// median relative engagement divides by.
void FinishRollup(DayRollup* r, const std::vector<RollupPost>& posts, std::vector<int64_t> past) {
  std::optional<double> median;
  if (!past.empty()) {
    std::sort(past.begin(), past.end());
    median = static_cast<double>(past[(past.size() - 1) / 2]);  // nearest rank, lower
  }
  for (const RollupPost& p : posts) {
    ++r->posts;
    r->interactions.push_back(p.interactions);
    ++r->kinds[p.kind];
    if (p.score) {
      ++r->clarity_n;
      r->clarity_sum += *p.score;
    }
    if (p.followers && *p.followers > 0) {
      ++r->rated_posts;
      r->rate_sum += static_cast<double>(p.interactions) / static_cast<double>(*p.followers);
    }
    if (p.views && *p.views > 0) {
      ++r->views_posts;
      r->views_rate_sum += static_cast<double>(p.interactions) / static_cast<double>(*p.views);
    }
    if (median && *median > 0) {
      ++r->relative_n;
      r->relative_sum += static_cast<double>(p.interactions) / *median;
    }
  }
  std::sort(r->response_s.begin(), r->response_s.end());
  std::sort(r->business_s.begin(), r->business_s.end());
  std::sort(r->interactions.begin(), r->interactions.end());
}

Status PrepareRollupPut(Db& db, Stmt* put) {
  return put->Prepare(db,
                      "INSERT OR REPLACE INTO daily_rollups(account_id, day, questions, "
                      "answered, response_s, business_s, posts, interactions, rated_posts, "
                      "rate_sum, views_posts, views_rate_sum, relative_n, relative_sum, kinds, "
                      "tone_n, tone_sum, clarity_n, clarity_sum) VALUES (?1, ?2, ?3, ?4, ?5, "
                      "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)");
}

Status PutRollup(Stmt* put, const DayRollup& r) {
  std::string kinds = "{";
  for (const auto& [kind, n] : r.kinds) {
    if (kinds.size() > 1) kinds.push_back(',');
    AppendJsonString(&kinds, kind);
    kinds += ":" + std::to_string(n);
  }
  kinds += "}";
  const std::string response = EncodeInts(r.response_s), business = EncodeInts(r.business_s),
                    interactions = EncodeInts(r.interactions);
  put->Bind(1, r.account_row_id);
  put->Bind(2, r.day);
  put->Bind(3, r.questions);
  put->Bind(4, r.answered);
  put->BindBlob(5, response);
  put->BindBlob(6, business);
  put->Bind(7, r.posts);
  put->BindBlob(8, interactions);
  put->Bind(9, r.rated_posts);
  put->BindDouble(10, r.rate_sum);
  put->Bind(11, r.views_posts);
  put->BindDouble(12, r.views_rate_sum);
  put->Bind(13, r.relative_n);
  put->BindDouble(14, r.relative_sum);
  put->Bind(15, kinds);
  put->Bind(16, r.tone_n);
  put->Bind(17, r.tone_sum);
  put->Bind(18, r.clarity_n);
  put->Bind(19, r.clarity_sum);
  return put->Run();
}

}  // namespace

Status Store::RebuildRollups(const std::vector<std::pair<int64_t, int64_t>>& account_days) {
  Db& db = impl_->db;
  Stmt questions, posts, tones, history, put, drop;
  Status s;
  if (!(s = questions.Prepare(db,
                              "SELECT response_s, business_response_s FROM question_outcomes "
                              "WHERE account_id = ?1 AND asked_unix >= ?2 AND asked_unix < ?3"))
           .ok() ||
      !(s = posts.Prepare(db,
                          "SELECT interactions, followers, views, kind, score FROM thread_state "
                          "WHERE account_id = ?1 AND post_created_unix >= ?2 "
                          "AND post_created_unix < ?3"))
           .ok() ||
      !(s = tones.Prepare(db,
                          "SELECT count(score), coalesce(sum(score), 0) FROM reply_tone "
                          "WHERE account_id = ?1 AND created_unix >= ?2 AND created_unix < ?3"))
           .ok() ||
      !(s = history.Prepare(db,
                            "SELECT interactions FROM daily_rollups WHERE account_id = ?1 "
                            "AND day >= ?2 AND day < ?3"))
           .ok() ||
      !(s = PrepareRollupPut(db, &put)).ok() ||
      !(s = drop.Prepare(db, "DELETE FROM daily_rollups WHERE account_id = ?1 AND day = ?2"))
           .ok()) {
    return s;
  }
  // Days in order per account, so that the 30-day history a day's relative
  // engagement needs is already rebuilt when the day comes.
  std::vector<std::pair<int64_t, int64_t>> order = account_days;
  std::sort(order.begin(), order.end());
  order.erase(std::unique(order.begin(), order.end()), order.end());
  for (const auto& [account, day] : order) {
    const int64_t start = WibDayStart(day), end = WibDayStart(day + 1);
    DayRollup r;
    r.account_row_id = account;
    r.day = day;
    questions.Bind(1, account);
    questions.Bind(2, start);
    questions.Bind(3, end);
    s = EachRow(
        &questions, [&] { return std::make_pair(questions.OptInt(0), questions.OptInt(1)); },
        [&](std::pair<std::optional<int64_t>, std::optional<int64_t>> q) {
          AddQuestion(&r, q.first, q.second);
          return Status::Ok();
        });
    if (!s.ok()) return s;
    std::vector<RollupPost> day_posts;
    posts.Bind(1, account);
    posts.Bind(2, start);
    posts.Bind(3, end);
    s = EachRow(
        &posts,
        [&] {
          return RollupPost{posts.Int(0), posts.OptInt(1), posts.OptInt(2), posts.Text(3),
                            posts.OptInt(4)};
        },
        [&](RollupPost p) {
          day_posts.push_back(std::move(p));
          return Status::Ok();
        });
    if (!s.ok()) return s;
    tones.Bind(1, account);
    tones.Bind(2, start);
    tones.Bind(3, end);
    if (auto row = tones.Step(); !row.ok()) {
      return row.status();
    } else if (*row) {
      r.tone_n = tones.Int(0);
      r.tone_sum = tones.Int(1);
    }
    tones.Reset();
    if (!HasRollupFigures(r, day_posts)) {
      drop.Bind(1, account);
      drop.Bind(2, day);
      if (s = drop.Run(); !s.ok()) return s;
      continue;
    }
    std::vector<int64_t> past;
    history.Bind(1, account);
    history.Bind(2, day - 30);
    history.Bind(3, day);
    s = EachRow(
        &history, [&] { return DecodeInts(history.BlobView(0)); },
        [&](std::vector<int64_t> v) {
          past.insert(past.end(), v.begin(), v.end());
          return Status::Ok();
        });
    if (!s.ok()) return s;
    FinishRollup(&r, day_posts, std::move(past));
    if (s = PutRollup(&put, r); !s.ok()) return s;
  }
  return Status::Ok();
}

Result<std::vector<DayRollup>> Store::ComputeAllRollups() {
  Db& db = impl_->db;
  struct Day {
    DayRollup rollup;
    std::vector<RollupPost> posts;
  };
  std::map<std::pair<int64_t, int64_t>, Day> days;  // by (account row id, WIB day)
  auto day_of = [&](int64_t account, int64_t unix_seconds) -> Day& {
    const int64_t day = WibDay(unix_seconds);
    Day& d = days[{account, day}];
    d.rollup.account_row_id = account;
    d.rollup.day = day;
    return d;
  };
  // Plain scans in row order: no index is needed, so this can run while
  // the indexes are being built on another connection (EndRecompute).
  // One read transaction: the three tables agree.
  sqlite::Transaction snapshot(&db);
  if (Status s = snapshot.BeginRead(); !s.ok()) return s;
  Stmt questions, posts, tones;
  Status s;
  if (!(s = questions.Prepare(db,
                              "SELECT account_id, asked_unix, response_s, business_response_s "
                              "FROM question_outcomes"))
           .ok() ||
      !(s = posts.Prepare(db,
                          "SELECT account_id, post_created_unix, interactions, followers, "
                          "views, kind, score FROM thread_state WHERE account_id IS NOT NULL"))
           .ok() ||
      !(s = tones.Prepare(db, "SELECT account_id, created_unix, score FROM reply_tone")).ok()) {
    return s;
  }
  s = EachRow(
      &questions, [&] { return &day_of(questions.Int(0), questions.Int(1)).rollup; },
      [&](DayRollup* r) {
        AddQuestion(r, questions.OptInt(2), questions.OptInt(3));
        return Status::Ok();
      });
  if (!s.ok()) return s;
  s = EachRow(
      &posts, [&] { return &day_of(posts.Int(0), posts.Int(1)).posts; },
      [&](std::vector<RollupPost>* day_posts) {
        day_posts->push_back(RollupPost{posts.Int(2), posts.OptInt(3), posts.OptInt(4),
                                        posts.Text(5), posts.OptInt(6)});
        return Status::Ok();
      });
  if (!s.ok()) return s;
  s = EachRow(
      &tones, [&] { return &day_of(tones.Int(0), tones.Int(1)).rollup; },
      [&](DayRollup* r) {
        if (std::optional<int64_t> score = tones.OptInt(2)) {
          ++r->tone_n;
          r->tone_sum += *score;
        }
        return Status::Ok();
      });
  if (!s.ok()) return s;
  // Days in order per account, as RebuildRollups goes: the 30 days before
  // each are built by the time it comes.
  std::vector<DayRollup> out;
  size_t account_first = 0;  // the current account's first rollup in `out`
  for (auto& [key, d] : days) {
    if (!HasRollupFigures(d.rollup, d.posts)) continue;
    if (out.empty() || out[account_first].account_row_id != key.first) account_first = out.size();
    std::vector<int64_t> past;
    for (size_t i = out.size(); i > account_first && out[i - 1].day >= key.second - 30; --i) {
      past.insert(past.end(), out[i - 1].interactions.begin(), out[i - 1].interactions.end());
    }
    FinishRollup(&d.rollup, d.posts, std::move(past));
    out.push_back(std::move(d.rollup));
  }
  return out;
}

Status Store::ReplaceAllRollups(const std::vector<DayRollup>& rollups) {
  Stmt put;
  if (Status s = impl_->db.Exec("DELETE FROM daily_rollups"); !s.ok()) return s;
  if (Status s = PrepareRollupPut(impl_->db, &put); !s.ok()) return s;
  for (const DayRollup& r : rollups) {
    if (Status s = PutRollup(&put, r); !s.ok()) return s;
  }
  return Status::Ok();
}

Result<int64_t> Store::AddRegisteredAccount(const RegisteredAccount& a) {
  Stmt q;
  Status s = q.Prepare(impl_->db,
                       "INSERT INTO collector_accounts(platform, handle, agency, base_url, "
                       "created_unix) VALUES (?1, ?2, ?3, ?4, ?5) "
                       "ON CONFLICT (platform, handle) DO NOTHING");
  if (!s.ok()) return s;
  q.Bind(1, PlatformName(a.platform));
  q.Bind(2, a.handle);
  q.Bind(3, a.agency);
  q.Bind(4, a.base_url);
  q.Bind(5, a.created_unix);
  if (s = q.Run(); !s.ok()) return s;
  if (sqlite3_changes(impl_->db.get()) == 0) {
    return Status::InvalidArgument(std::string(PlatformName(a.platform)) + " account '" + a.handle +
                                   "' is already registered; `tanggap account remove` it first "
                                   "to change it");
  }
  return static_cast<int64_t>(sqlite3_last_insert_rowid(impl_->db.get()));
}

Result<bool> Store::RemoveRegisteredAccount(Platform platform, const std::string& handle) {
  Stmt q;
  Status s =
      q.Prepare(impl_->db, "DELETE FROM collector_accounts WHERE platform = ?1 AND handle = ?2");
  if (!s.ok()) return s;
  q.Bind(1, PlatformName(platform));
  q.Bind(2, handle);
  if (s = q.Run(); !s.ok()) return s;
  return sqlite3_changes(impl_->db.get()) > 0;
}

Result<std::vector<RegisteredAccount>> Store::RegisteredAccounts() {
  Stmt q;
  Status s = q.Prepare(impl_->db, R"sql(
    SELECT c.id, c.platform, c.handle, c.agency, c.base_url, c.created_unix, c.account_id,
      a.platform_id, k.newest_post_unix, k.newest_post_id,
      r.started_unix, r.status, r.error
    FROM collector_accounts c
    LEFT JOIN accounts a ON a.id = c.account_id
    LEFT JOIN collector_checkpoints k ON k.account_id = c.account_id
    LEFT JOIN collector_runs r ON r.id = (SELECT max(id) FROM collector_runs
                                          WHERE registered_id = c.id)
    ORDER BY c.platform, c.handle)sql");
  if (!s.ok()) return s;
  std::vector<RegisteredAccount> out;
  s = EachRow(
      &q,
      [&] {
        RegisteredAccount a;
        a.id = q.Int(0);
        a.platform = ParsePlatform(q.TextView(1)).value_or(Platform::kMastodon);
        a.handle = q.Text(2);
        a.agency = q.Text(3);
        a.base_url = q.Text(4);
        a.created_unix = q.Int(5);
        a.account_row_id = q.OptInt(6);
        a.platform_id = q.OptText(7);
        a.newest_post_unix = q.OptInt(8);
        a.newest_post_id = q.OptText(9);
        a.last_run_unix = q.OptInt(10);
        a.last_status = q.OptText(11);
        a.last_error = q.OptText(12);
        return a;
      },
      [&](RegisteredAccount a) {
        out.push_back(std::move(a));
        return Status::Ok();
      });
  if (!s.ok()) return s;
  return out;
}

Result<std::optional<int64_t>> Store::AccountRowId(Platform platform,
                                                   const std::string& platform_id) {
  Stmt q;
  Status s =
      q.Prepare(impl_->db, "SELECT id FROM accounts WHERE platform = ?1 AND platform_id = ?2");
  if (!s.ok()) return s;
  q.Bind(1, PlatformName(platform));
  q.Bind(2, platform_id);
  auto row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<int64_t>();
  return std::optional<int64_t>(q.Int(0));
}

Status Store::SaveCheckpoint(int64_t registered_id, int64_t account_row_id,
                             const std::optional<std::string>& newest_post_id,
                             std::optional<int64_t> newest_post_unix, int64_t now) {
  Stmt link, put;
  Status s = link.Prepare(impl_->db, "UPDATE collector_accounts SET account_id = ?2 WHERE id = ?1");
  if (!s.ok()) return s;
  link.Bind(1, registered_id);
  link.Bind(2, account_row_id);
  if (s = link.Run(); !s.ok()) return s;
  s = put.Prepare(impl_->db, R"sql(
    INSERT INTO collector_checkpoints(account_id, newest_post_id, newest_post_unix, updated_unix)
    VALUES (?1, ?2, ?3, ?4)
    ON CONFLICT (account_id) DO UPDATE SET
      newest_post_id = CASE WHEN excluded.newest_post_unix > coalesce(newest_post_unix, -1)
                            THEN excluded.newest_post_id ELSE newest_post_id END,
      newest_post_unix = max(coalesce(newest_post_unix, -1), coalesce(excluded.newest_post_unix, -1)),
      updated_unix = excluded.updated_unix)sql");
  if (!s.ok()) return s;
  put.Bind(1, account_row_id);
  put.Bind(2, newest_post_id);
  put.Bind(3, newest_post_unix);
  put.Bind(4, now);
  return put.Run();
}

Status Store::SaveCollectorRun(const CollectorRun& r) {
  Stmt q;
  Status s = q.Prepare(impl_->db, R"sql(
    INSERT INTO collector_runs(account_id, started_unix, finished_unix, status, requests,
      posts_seen, replies_seen, error, registered_id, retries, rate_limit_waits, posts_new,
      posts_updated, replies_new, warnings)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15))sql");
  if (!s.ok()) return s;
  q.Bind(1, r.account_row_id);
  q.Bind(2, r.started_unix);
  q.Bind(3, r.finished_unix);
  q.Bind(4, r.status);
  q.Bind(5, r.requests);
  q.Bind(6, r.posts_seen);
  q.Bind(7, r.replies_seen);
  if (r.error.empty()) {
    q.BindNull(8);
  } else {
    q.Bind(8, r.error);
  }
  q.Bind(9, r.registered_id);
  q.Bind(10, r.retries);
  q.Bind(11, r.rate_limit_waits);
  q.Bind(12, r.posts_new);
  q.Bind(13, r.posts_updated);
  q.Bind(14, r.replies_new);
  q.Bind(15, r.warnings_json);
  return q.Run();
}

Result<int64_t> Store::AddUser(const User& u) {
  Db& db = impl_->db;
  Stmt put;
  Status s = put.Prepare(db,
                         "INSERT INTO users(username, display_name, role, password_hash, "
                         "created_unix, lang) VALUES (?1, ?2, ?3, ?4, unixepoch(), ?5) "
                         "ON CONFLICT (username) DO NOTHING");
  if (!s.ok()) return s;
  put.Bind(1, u.username);
  put.Bind(2, u.display_name);
  put.Bind(3, u.role);
  if (u.password_hash.empty()) {
    put.BindNull(4);
  } else {
    put.Bind(4, u.password_hash);
  }
  put.Bind(5, u.lang);
  if (s = put.Run(); !s.ok()) return s;
  if (sqlite3_changes(db.get()) == 0) {
    return Status::InvalidArgument("user '" + u.username +
                                   "' exists already; use `tanggap user passwd` to change the "
                                   "password");
  }
  const int64_t id = sqlite3_last_insert_rowid(db.get());
  for (const std::string& agency : u.agencies) {
    Stmt link;
    if (s = link.Prepare(db,
                         "INSERT OR IGNORE INTO user_agencies(user_id, agency_id) "
                         "SELECT ?1, id FROM agencies WHERE name = ?2");
        !s.ok()) {
      return s;
    }
    link.Bind(1, id);
    link.Bind(2, agency);
    if (s = link.Run(); !s.ok()) return s;
    if (sqlite3_changes(db.get()) == 0) {
      return Status::NotFound("agency '" + agency +
                              "' is unknown; import or collect its accounts first (see "
                              "`tanggap summary`)");
    }
  }
  return id;
}

Status Store::SetPassword(const std::string& username, const std::string& hash) {
  Stmt q;
  Status s = q.Prepare(impl_->db, "UPDATE users SET password_hash = ?2 WHERE username = ?1");
  if (!s.ok()) return s;
  q.Bind(1, username);
  q.Bind(2, hash);
  if (s = q.Run(); !s.ok()) return s;
  if (sqlite3_changes(impl_->db.get()) == 0) {
    return Status::NotFound("no user '" + username + "'; add one with `tanggap user add`");
  }
  // A new password ends every session of the user.
  Stmt drop;
  if (s = drop.Prepare(impl_->db,
                       "DELETE FROM sessions WHERE user_id = "
                       "(SELECT id FROM users WHERE username = ?1)");
      !s.ok()) {
    return s;
  }
  drop.Bind(1, username);
  return drop.Run();
}

namespace {

constexpr const char kUserColumns[] =
    "u.id, u.username, u.display_name, u.role, u.lang, coalesce(u.password_hash, ''), "
    "u.disabled, (SELECT group_concat(g.name, char(31)) FROM user_agencies ua "
    "JOIN agencies g ON g.id = ua.agency_id WHERE ua.user_id = u.id)";

User ReadUser(const Stmt& q) {
  User u;
  u.id = q.Int(0);
  u.username = q.Text(1);
  u.display_name = q.Text(2);
  u.role = q.Text(3);
  u.lang = q.Text(4);
  u.password_hash = q.Text(5);
  u.disabled = q.Int(6) != 0;
  std::string agencies = q.Text(7);
  size_t start = 0;
  while (!agencies.empty() && start <= agencies.size()) {
    size_t sep = agencies.find('\x1f', start);
    u.agencies.push_back(agencies.substr(start, sep == std::string::npos ? sep : sep - start));
    if (sep == std::string::npos) break;
    start = sep + 1;
  }
  return u;
}

}  // namespace

Result<std::optional<User>> Store::FindUser(const std::string& username) {
  Stmt q;
  Status s = q.Prepare(
      impl_->db, std::string("SELECT ") + kUserColumns + " FROM users u WHERE u.username = ?1");
  if (!s.ok()) return s;
  q.Bind(1, username);
  auto row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<User>();
  return std::optional<User>(ReadUser(q));
}

Status Store::AssignTrainee(const std::string& account, const std::string& username) {
  Stmt q;
  Status s = q.Prepare(impl_->db,
                       "INSERT OR IGNORE INTO account_trainees(account_id, user_id) "
                       "SELECT a.id, u.id FROM accounts a, users u "
                       "WHERE a.platform || ':' || a.handle = ?1 AND u.username = ?2");
  if (!s.ok()) return s;
  q.Bind(1, account);
  q.Bind(2, username);
  if (s = q.Run(); !s.ok()) return s;
  if (sqlite3_changes(impl_->db.get()) == 0) {
    auto user = FindUser(username);
    if (user.ok() && !*user) return Status::NotFound("no user '" + username + "'");
  }
  return Status::Ok();
}

Status Store::CreateSession(const std::string& token_hash, int64_t user_id, int64_t now,
                            int64_t expires_unix) {
  Stmt q;
  Status s = q.Prepare(impl_->db,
                       "INSERT INTO sessions(token_hash, user_id, created_unix, expires_unix, "
                       "last_seen_unix) VALUES (?1, ?2, ?3, ?4, ?3)");
  if (!s.ok()) return s;
  q.Bind(1, token_hash);
  q.Bind(2, user_id);
  q.Bind(3, now);
  q.Bind(4, expires_unix);
  return q.Run();
}

Result<std::optional<User>> Store::SessionUser(const std::string& token_hash, int64_t now,
                                               int64_t idle_s) {
  static const std::string kSql = std::string("SELECT ") + kUserColumns +
                                  ", s.last_seen_unix FROM sessions s JOIN users u ON "
                                  "u.id = s.user_id WHERE s.token_hash = ?1 AND "
                                  "s.expires_unix > ?2 AND s.last_seen_unix > ?2 - ?3 "
                                  "AND u.disabled = 0";
  Impl& d = *impl_;
  Stmt& q = d.session_user;
  if (Status s = d.Lazy(&q, kSql.c_str()); !s.ok()) return s;
  q.Bind(1, token_hash);
  q.Bind(2, now);
  q.Bind(3, idle_s);
  auto row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    q.Reset();
    return std::optional<User>();
  }
  User u = ReadUser(q);
  const int64_t last_seen = q.Int(8);
  q.Reset();
  // Touch at most once a minute: reads stay reads on a busy dashboard.
  if (now - last_seen >= 60 && !d.read_only &&
      d.Lazy(&d.session_touch, "UPDATE sessions SET last_seen_unix = ?2 WHERE token_hash = ?1")
          .ok()) {
    d.session_touch.Bind(1, token_hash);
    d.session_touch.Bind(2, now);
    (void)d.session_touch.Run();  // best effort: a missed touch only shortens the idle window
  }
  return std::optional<User>(std::move(u));
}

Status Store::DeleteSession(const std::string& token_hash) {
  Stmt q;
  Status s = q.Prepare(impl_->db, "DELETE FROM sessions WHERE token_hash = ?1");
  if (!s.ok()) return s;
  q.Bind(1, token_hash);
  return q.Run();
}

Result<std::vector<AccountRow>> Store::VisibleAccounts(const User& user) {
  Stmt& q = impl_->visible_accounts;
  Status s = impl_->Lazy(&q, R"sql(
    SELECT a.id, a.platform, a.handle, a.name, g.name, a.followers
    FROM accounts a JOIN agencies g ON g.id = a.agency_id
    WHERE ?2 = 'admin'
       OR (?2 = 'supervisor' AND a.agency_id IN
             (SELECT agency_id FROM user_agencies WHERE user_id = ?1))
       OR (?2 = 'trainee' AND a.id IN (SELECT account_id FROM account_trainees WHERE user_id = ?1))
    ORDER BY g.name, a.platform, a.handle LIMIT 100000)sql");
  if (!s.ok()) return s;
  q.Bind(1, user.id);
  q.Bind(2, user.role);
  std::vector<AccountRow> out;
  s = EachRow(
      &q,
      [&] { return AccountRow{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.OptInt(5)}; },
      [&](AccountRow r) {
        out.push_back(std::move(r));
        return Status::Ok();
      });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<PostRow>> Store::LatestPosts(const std::vector<int64_t>& account_row_ids,
                                                int limit) {
  std::vector<PostRow> out;
  if (account_row_ids.empty() || limit <= 0) return out;
  Impl& d = *impl_;
  // Two statements however many accounts, as each execution costs a read
  // transaction and cursor set-up on top of its rows. First the winners:
  // each account's newest `limit` ids from posts_by_account_time (a
  // correlated IN list per account), merged by time; ties keep the
  // accounts' order and, within one, the index's (newest row id first).
  // Then only those `limit` posts are read in full, with their score and
  // top finding.
  const std::string accounts = IdsJson(account_row_ids);
  Stmt& ids = d.latest_post_ids;
  Status s = d.Lazy(&ids, R"sql(
    SELECT p.id FROM json_each(?1) AS j, posts AS p
    WHERE p.id IN (SELECT id FROM posts WHERE account_id = j.value
                   ORDER BY created_unix DESC LIMIT ?2)
    ORDER BY p.created_unix DESC, j.key, p.id DESC LIMIT ?2)sql");
  if (!s.ok()) return s;
  ids.Bind(1, accounts);
  ids.Bind(2, int64_t{limit});
  std::vector<int64_t> winners;
  s = EachRow(
      &ids, [&] { return ids.Int(0); },
      [&](int64_t id) {
        winners.push_back(id);
        return Status::Ok();
      });
  if (!s.ok()) return s;
  if (winners.empty()) return out;
  const std::string wanted = IdsJson(winners);
  Stmt& q = d.latest_post_row;
  s = d.Lazy(&q, R"sql(
    SELECT p.id, a.platform || ':' || a.handle, p.created_at, p.text, p.url,
      s.score, coalesce(s.kind, ''),
      coalesce(f.rule, ''), coalesce(f.message_id, ''), coalesce(f.message_en, ''),
      coalesce(t.interactions, 0)
    FROM posts p JOIN accounts a ON a.id = p.account_id
    LEFT JOIN post_scores s ON s.post_id = p.id
      AND s.pack_id = (SELECT max(pack_id) FROM post_scores WHERE post_id = p.id)
    LEFT JOIN findings f ON f.id = (SELECT f2.id FROM findings f2
      WHERE f2.post_id = p.id AND f2.pack_id = s.pack_id
      ORDER BY CASE f2.level WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, f2.start_byte
      LIMIT 1)
    LEFT JOIN thread_state t ON t.post_id = p.id
    WHERE p.id IN (SELECT value FROM json_each(?1)) LIMIT 10000)sql");
  if (!s.ok()) return s;
  q.Bind(1, wanted);
  std::unordered_map<int64_t, PostRow> rows;
  s = EachRow(
      &q,
      [&] {
        PostRow r;
        r.row_id = q.Int(0);
        r.account = q.Text(1);
        r.created_at = q.Text(2);
        r.text = q.Text(3);
        r.url = q.OptText(4);
        r.score = q.OptInt(5);
        r.kind = q.Text(6);
        r.top_rule = q.Text(7);
        r.top_message_id = q.Text(8);
        r.top_message_en = q.Text(9);
        r.interactions = q.Int(10);
        return r;
      },
      [&](PostRow r) {
        const int64_t id = r.row_id;
        rows.emplace(id, std::move(r));
        return Status::Ok();
      });
  if (!s.ok()) return s;
  for (int64_t id : winners) {
    if (auto it = rows.find(id); it != rows.end()) out.push_back(std::move(it->second));
  }
  return out;
}

Result<std::map<int64_t, std::vector<std::string>>> Store::AccountTrainees() {
  Stmt q;
  Status s = q.Prepare(impl_->db,
                       "SELECT t.account_id, u.username FROM account_trainees t "
                       "JOIN users u ON u.id = t.user_id ORDER BY t.account_id, u.username");
  if (!s.ok()) return s;
  std::map<int64_t, std::vector<std::string>> out;
  s = EachRow(
      &q, [&] { return std::make_pair(q.Int(0), q.Text(1)); },
      [&](std::pair<int64_t, std::string> p) {
        out[p.first].push_back(std::move(p.second));
        return Status::Ok();
      });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<DayRollup>> Store::Rollups(int64_t first_day, int64_t last_day,
                                              const std::optional<std::vector<int64_t>>& accounts) {
  Stmt q;
  Status s = q.Prepare(impl_->db, R"sql(
    SELECT r.account_id, r.day, g.name, a.platform || ':' || a.handle, g.sla_hours,
      r.questions, r.answered, r.response_s, r.business_s, r.posts, r.interactions,
      r.rated_posts, r.rate_sum, r.views_posts, r.views_rate_sum, r.relative_n, r.relative_sum,
      r.kinds, r.tone_n, r.tone_sum, r.clarity_n, r.clarity_sum
    FROM daily_rollups r JOIN accounts a ON a.id = r.account_id
    JOIN agencies g ON g.id = a.agency_id
    WHERE r.day >= ?1 AND r.day <= ?2)sql" +
                                      AccountFilter(accounts, "r.account_id", 3) +
                                      " ORDER BY r.account_id, r.day");
  if (!s.ok()) return s;
  q.Bind(1, first_day);
  q.Bind(2, last_day);
  const std::string ids = accounts ? IdsJson(*accounts) : "";  // bound, so kept alive
  if (accounts) q.Bind(3, ids);
  std::vector<DayRollup> out;
  s = EachRow(
      &q,
      [&] {
        DayRollup r;
        r.account_row_id = q.Int(0);
        r.day = q.Int(1);
        r.agency = q.Text(2);
        r.account = q.Text(3);
        r.sla_hours = q.Double(4);
        r.questions = q.Int(5);
        r.answered = q.Int(6);
        r.response_s = DecodeInts(q.BlobView(7));
        r.business_s = DecodeInts(q.BlobView(8));
        r.posts = q.Int(9);
        r.interactions = DecodeInts(q.BlobView(10));
        r.rated_posts = q.Int(11);
        r.rate_sum = q.Double(12);
        r.views_posts = q.Int(13);
        r.views_rate_sum = q.Double(14);
        r.relative_n = q.Int(15);
        r.relative_sum = q.Double(16);
        r.kinds = ParseKindCounts(q.TextView(17));
        r.tone_n = q.Int(18);
        r.tone_sum = q.Int(19);
        r.clarity_n = q.Int(20);
        r.clarity_sum = q.Int(21);
        return r;
      },
      [&](DayRollup r) {
        out.push_back(std::move(r));
        return Status::Ok();
      });
  if (!s.ok()) return s;
  return out;
}

Result<std::map<std::string, int64_t>> Store::TemplateReplies(
    int64_t from, int64_t to, int min_uses, const std::optional<std::vector<int64_t>>& accounts) {
  // Per account, reply_tone_by_account_time covers (time, hash), so only
  // the range's replies are read; they are counted here, as sorted int64s,
  // rather than grouped in SQL through a temporary b-tree.
  Stmt q;
  Status s = q.Prepare(impl_->db, R"sql(
    SELECT a.id, a.platform || ':' || a.handle, r.text_hash FROM accounts a
    JOIN reply_tone r ON r.account_id = a.id AND r.created_unix >= ?1 AND r.created_unix < ?2
    WHERE 1)sql" + AccountFilter(accounts, "a.id", 3) +
                                      " ORDER BY a.id");
  if (!s.ok()) return s;
  q.Bind(1, from);
  q.Bind(2, to);
  const std::string ids = accounts ? IdsJson(*accounts) : "";  // bound, so kept alive
  if (accounts) q.Bind(3, ids);
  std::map<std::string, int64_t> out;
  std::vector<int64_t> hashes;  // of the current account
  std::string current;
  // Sorted, equal hashes are runs: a run of at least min_uses is a template.
  auto flush = [&] {
    std::sort(hashes.begin(), hashes.end());
    int64_t n = 0;
    for (size_t i = 0, j; i < hashes.size(); i = j) {
      for (j = i + 1; j < hashes.size() && hashes[j] == hashes[i];) ++j;
      if (static_cast<int64_t>(j - i) >= min_uses) n += static_cast<int64_t>(j - i);
    }
    if (n > 0) out[current] += n;
    hashes.clear();
  };
  int64_t current_id = -1;
  // The row is still current inside the callback: the name is read once
  // per account, not once per reply.
  s = EachRow(
      &q, [&] { return q.Int(0); },
      [&](int64_t id) {
        if (id != current_id) {
          flush();
          current_id = id;
          current = q.Text(1);
        }
        hashes.push_back(q.Int(2));
        return Status::Ok();
      });
  if (!s.ok()) return s;
  flush();
  return out;
}

Result<std::vector<OutcomeRow>> Store::Outcomes(
    int64_t from, int64_t to, const std::optional<std::vector<int64_t>>& accounts) {
  Stmt q;
  Status s = q.Prepare(impl_->db,
                       "SELECT g.name, a.platform || ':' || a.handle, o.asked_unix, o.response_s, "
                       "o.business_response_s, g.sla_hours FROM question_outcomes o "
                       "JOIN accounts a ON a.id = o.account_id JOIN agencies g ON g.id = "
                       "a.agency_id WHERE o.asked_unix >= ?1 AND o.asked_unix < ?2" +
                           AccountFilter(accounts, "o.account_id", 3));
  if (!s.ok()) return s;
  q.Bind(1, from);
  q.Bind(2, to);
  const std::string ids = accounts ? IdsJson(*accounts) : "";  // bound, so kept alive
  if (accounts) q.Bind(3, ids);
  std::vector<OutcomeRow> out;
  s = EachRow(
      &q,
      [&] {
        return OutcomeRow{q.Text(0),   q.Text(1),   q.Int(2),
                          q.OptInt(3), q.OptInt(4), sqlite3_column_double(q.raw(), 5)};
      },
      [&](OutcomeRow r) {
        out.push_back(std::move(r));
        return Status::Ok();
      });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<QueueItem>> Store::Unanswered(const std::string& account, int limit) {
  std::vector<QueueItem> out;
  if (limit <= 0) return out;
  Impl& d = *impl_;
  // The account first (a small table), so that its open questions come
  // straight from question_outcomes_open in asking order and the scan stops
  // at `limit` instead of sorting every open question it ever had.
  Stmt& names = d.account_ids_by_name;
  Status s = d.Lazy(&names,
                    "SELECT id FROM accounts WHERE platform_id = ?1 OR handle = ?1 "
                    "OR platform || ':' || handle = ?1 ORDER BY id LIMIT 1000");
  if (!s.ok()) return s;
  names.Bind(1, account);
  std::vector<int64_t> accounts;
  s = EachRow(
      &names, [&] { return names.Int(0); },
      [&](int64_t id) {
        accounts.push_back(id);
        return Status::Ok();
      });
  if (!s.ok()) return s;
  Stmt& q = d.open_questions;
  s = d.Lazy(&q, R"sql(
    SELECT r.created_at, coalesce(r.author, r.author_id), r.text, coalesce(p.url, ''),
      p.platform_id, r.platform_id, o.asked_unix, coalesce(l.label, '')
    FROM question_outcomes o
    JOIN replies r ON r.id = o.reply_id JOIN posts p ON p.id = o.post_id
    LEFT JOIN reply_labels l ON l.reply_id = o.reply_id
    WHERE o.account_id = ?1 AND o.answer_reply_id IS NULL
    ORDER BY o.asked_unix, r.platform_id LIMIT ?2)sql");
  if (!s.ok()) return s;
  for (int64_t id : accounts) {
    q.Bind(1, id);
    q.Bind(2, int64_t{limit});
    s = EachRow(
        &q,
        [&] {
          return QueueItem{q.Text(0), q.Text(1), q.Text(2), q.Text(3),
                           q.Text(4), q.Text(5), q.Int(6),  q.Text(7)};
        },
        [&](QueueItem item) {
          out.push_back(std::move(item));
          return Status::Ok();
        });
    if (!s.ok()) return s;
  }
  // Several accounts share a handle across platforms: merge them in the
  // order one query over all of them would give.
  if (accounts.size() > 1) {
    std::stable_sort(out.begin(), out.end(), [](const QueueItem& a, const QueueItem& b) {
      return std::tie(a.asked_unix, a.reply_id) < std::tie(b.asked_unix, b.reply_id);
    });
    if (static_cast<int>(out.size()) > limit) out.resize(static_cast<size_t>(limit));
  }
  return out;
}

}  // namespace tanggap
