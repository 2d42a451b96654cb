#include "store/store.h"

#include <unordered_map>

#include "store/migrations.h"
#include "store/sqlite_handle.h"

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

}  // namespace

struct Store::Impl {
  Db db;
  bool in_tx = false;
  int schema_version = 0;

  Stmt agency_get, agency_put;
  Stmt account_id, account_get, account_put, account_set;
  Stmt post_ref, post_get, post_put, post_set, media_get, media_put, media_clear;
  Stmt reply_get, reply_put, reply_set;
  Stmt metrics_get, metrics_put, metrics_set;
  Stmt score_clear, score_put, finding_put;
  Stmt thread_head, thread_replies;
  Stmt thread_clear_labels, thread_clear_outcomes, thread_put_label, thread_put_outcome,
      thread_put_state;

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
        {&thread_head,
         "SELECT p.account_id, a.platform_id, p.created_unix FROM posts p "
         "JOIN accounts a ON a.id = p.account_id WHERE p.id = ?1"},
        {&thread_replies,
         "SELECT id, platform_id, parent_platform_id, author_id, author, is_agency, "
         "created_unix, text FROM replies WHERE post_id = ?1 ORDER BY created_unix, platform_id"},
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
         "analysis_version, anomalies) VALUES (?1, ?2, ?3, ?4, ?5)"},
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
  if (Status s = impl->db.Exec("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; "
                               "PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY");
      !s.ok()) {
    return s;
  }
  impl->schema_version = LatestSchemaVersion();
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
      OR t.max_reply_id != (SELECT coalesce(max(r.id), 0) FROM replies r WHERE r.post_id = p.id))
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

Status Store::SaveThread(const StoredThread& thread, const std::string& version,
                         const std::vector<StoredReplyLabel>& labels,
                         const std::vector<StoredOutcome>& outcomes,
                         const std::string& anomalies_json) {
  Impl& d = *impl_;
  Stmt& clear_labels = d.thread_clear_labels;
  Stmt& clear_outcomes = d.thread_clear_outcomes;
  Stmt& put_label = d.thread_put_label;
  Stmt& put_outcome = d.thread_put_outcome;
  Stmt& put_state = d.thread_put_state;
  clear_labels.Bind(1, thread.post_row_id);
  if (Status s = clear_labels.Run(); !s.ok()) return s;
  clear_outcomes.Bind(1, thread.post_row_id);
  if (Status s = clear_outcomes.Run(); !s.ok()) return s;
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
  put_state.Bind(1, thread.post_row_id);
  put_state.Bind(2, static_cast<int64_t>(thread.replies.size()));
  put_state.Bind(3, thread.max_reply_row_id);
  put_state.Bind(4, version);
  put_state.Bind(5, anomalies_json);
  return put_state.Run();
}

Result<std::vector<OutcomeRow>> Store::Outcomes(int64_t from, int64_t to) {
  Stmt q;
  Status s =
      q.Prepare(impl_->db,
                "SELECT g.name, a.platform || ':' || a.handle, o.asked_unix, o.response_s, "
                "o.business_response_s, g.sla_hours FROM question_outcomes o "
                "JOIN accounts a ON a.id = o.account_id JOIN agencies g ON g.id = a.agency_id "
                "WHERE o.asked_unix >= ?1 AND o.asked_unix < ?2");
  if (!s.ok()) return s;
  q.Bind(1, from);
  q.Bind(2, to);
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

Result<std::vector<EngagementRow>> Store::Engagement(int64_t from, int64_t to) {
  Stmt q;
  Status s = q.Prepare(impl_->db, R"sql(
    SELECT g.name, a.platform || ':' || a.handle,
      coalesce((SELECT s.kind FROM post_scores s WHERE s.post_id = p.id
                ORDER BY s.pack_id DESC LIMIT 1), ''),
      p.created_unix,
      coalesce((SELECT coalesce(m.likes, 0) + coalesce(m.shares, 0) + coalesce(m.quotes, 0)
                FROM metric_snapshots m WHERE m.post_id = p.id ORDER BY m.at_unix DESC LIMIT 1), 0)
        + (SELECT count(*) FROM replies r WHERE r.post_id = p.id AND r.is_agency = 0),
      coalesce((SELECT m.followers FROM metric_snapshots m WHERE m.post_id = p.id
                AND m.followers IS NOT NULL ORDER BY m.at_unix LIMIT 1), a.followers),
      (SELECT m.views FROM metric_snapshots m WHERE m.post_id = p.id ORDER BY m.at_unix DESC LIMIT 1)
    FROM posts p JOIN accounts a ON a.id = p.account_id JOIN agencies g ON g.id = a.agency_id
    WHERE p.created_unix >= ?1 AND p.created_unix < ?2)sql");
  if (!s.ok()) return s;
  q.Bind(1, from);
  q.Bind(2, to);
  std::vector<EngagementRow> out;
  s = EachRow(
      &q,
      [&] {
        return EngagementRow{q.Text(0), q.Text(1),   q.Text(2),  q.Int(3),
                             q.Int(4),  q.OptInt(5), q.OptInt(6)};
      },
      [&](EngagementRow r) {
        out.push_back(std::move(r));
        return Status::Ok();
      });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<QueueItem>> Store::Unanswered(const std::string& account, int limit) {
  Stmt q;
  Status s = q.Prepare(impl_->db, R"sql(
    SELECT r.created_at, coalesce(r.author, r.author_id), r.text, coalesce(p.url, ''),
      p.platform_id, r.platform_id, o.asked_unix, coalesce(l.label, '')
    FROM question_outcomes o
    JOIN replies r ON r.id = o.reply_id JOIN posts p ON p.id = o.post_id
    JOIN accounts a ON a.id = o.account_id
    LEFT JOIN reply_labels l ON l.reply_id = o.reply_id
    WHERE o.answer_reply_id IS NULL AND (a.platform_id = ?1 OR a.handle = ?1)
    ORDER BY o.asked_unix, r.platform_id LIMIT ?2)sql");
  if (!s.ok()) return s;
  q.Bind(1, account);
  q.Bind(2, int64_t{limit});
  std::vector<QueueItem> out;
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
  return out;
}

}  // namespace tanggap
