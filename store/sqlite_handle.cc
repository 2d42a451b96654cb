#include "store/sqlite_handle.h"

namespace tanggap::sqlite {

Db::~Db() {
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

Status Db::Open(const std::string& path, int flags) {
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    return Status::IOError("cannot open database " + path + ": " + msg +
                           "; check the path, that its folder exists and that you may write it");
  }
  sqlite3_extended_result_codes(db_, 1);
  return Status::Ok();
}

Status Db::Exec(std::string_view sql) {
  std::string owned(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, owned.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    if ((rc & 0xff) == SQLITE_BUSY)
      return Status::Busy("database is locked by another process: " + msg);
    return Status::IOError("SQL failed: " + msg);
  }
  return Status::Ok();
}

Status Db::Error(std::string_view what) const {
  int rc = sqlite3_extended_errcode(db_);
  std::string msg = std::string(what) + ": " + sqlite3_errmsg(db_);
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
    return Status::Busy(msg + " (another process holds the database; retry when it is done)");
  }
  if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB) return Status::Corruption(msg);
  return Status::IOError(msg);
}

Result<int64_t> Db::QueryInt(const char* sql) {
  Stmt s;
  if (Status st = s.Prepare(*this, sql); !st.ok()) return st;
  auto row = s.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound(std::string("no row from ") + sql);
  return s.Int(0);
}

Stmt::~Stmt() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    if (stmt_ != nullptr) sqlite3_finalize(stmt_);
    stmt_ = o.stmt_;
    db_ = o.db_;
    o.stmt_ = nullptr;
  }
  return *this;
}

Status Stmt::Prepare(const Db& db, std::string_view sql) {
  db_ = db.get();
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
  stmt_ = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) {
    return Status::IOError("cannot prepare statement: " + std::string(sqlite3_errmsg(db_)) +
                           " in: " + std::string(sql.substr(0, 80)));
  }
  return Status::Ok();
}

void Stmt::BindBlob(int i, std::string_view bytes) {
  sqlite3_bind_blob64(stmt_, i, bytes.data(), bytes.size(), SQLITE_STATIC);
}
void Stmt::BindDouble(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
double Stmt::Double(int col) const { return sqlite3_column_double(stmt_, col); }
std::string_view Stmt::BlobView(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  if (p == nullptr) return {};
  return {static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
}
void Stmt::Bind(int i, std::string_view text) {
  sqlite3_bind_text64(stmt_, i, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
}
void Stmt::Bind(int i, const std::optional<std::string>& text) {
  if (text) {
    Bind(i, std::string_view(*text));
  } else {
    BindNull(i);
  }
}
void Stmt::Bind(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
void Stmt::Bind(int i, const std::optional<int64_t>& v) {
  if (v) {
    Bind(i, *v);
  } else {
    BindNull(i);
  }
}
void Stmt::BindNull(int i) { sqlite3_bind_null(stmt_, i); }

Result<bool> Stmt::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  int primary = rc & 0xff;
  std::string msg = sqlite3_errmsg(db_);
  sqlite3_reset(stmt_);
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return Status::Busy("database is busy: " + msg + "; another process is writing, retry later");
  }
  if (primary == SQLITE_CONSTRAINT) return Status::InvalidArgument("constraint failed: " + msg);
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) return Status::Corruption(msg);
  return Status::IOError("SQLite step failed: " + msg);
}

Status Stmt::Run() {
  auto r = Step();
  Reset();
  if (!r.ok()) return r.status();
  return Status::Ok();
}

void Stmt::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t Stmt::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
std::optional<int64_t> Stmt::OptInt(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}
std::string_view Stmt::TextView(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (p == nullptr) return {};
  return {reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
}
std::string Stmt::Text(int col) const { return std::string(TextView(col)); }
std::optional<std::string> Stmt::OptText(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Text(col);
}
bool Stmt::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

Transaction::~Transaction() {
  if (open_) (void)db_->Exec("ROLLBACK");
}

Status Transaction::Begin() {
  Status s = db_->Exec("BEGIN IMMEDIATE");
  open_ = s.ok();
  return s;
}

Status Transaction::BeginRead() {
  Status s = db_->Exec("BEGIN");
  open_ = s.ok();
  return s;
}

Status Transaction::Commit() {
  Status s = db_->Exec("COMMIT");
  if (s.ok()) open_ = false;
  return s;
}

}  // namespace tanggap::sqlite
