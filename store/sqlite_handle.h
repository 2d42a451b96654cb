// Private to store/: RAII wrappers over the SQLite C API. A Db closes its
// connection, a Stmt finalizes its statement, a Transaction rolls back unless
// committed. Errors become Status values carrying SQLite's message.
#ifndef TANGGAP_STORE_SQLITE_HANDLE_H_
#define TANGGAP_STORE_SQLITE_HANDLE_H_

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/status.h"

namespace tanggap::sqlite {

class Db {
 public:
  Db() = default;
  ~Db();
  Db(Db&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Db& operator=(Db&&) = delete;
  Db(const Db&) = delete;

  // flags: SQLITE_OPEN_* bits. The connection uses extended result codes.
  Status Open(const std::string& path, int flags);
  sqlite3* get() const { return db_; }
  // Runs one or more statements without results (schema, pragmas).
  Status Exec(std::string_view sql);
  // Wraps the connection's last error: "<what>: <sqlite message>".
  Status Error(std::string_view what) const;
  // Reads a single integer, e.g. "PRAGMA user_version".
  Result<int64_t> QueryInt(const char* sql);

 private:
  sqlite3* db_ = nullptr;
};

class Stmt {
 public:
  Stmt() = default;
  ~Stmt();
  Stmt(Stmt&& o) noexcept : stmt_(o.stmt_), db_(o.db_) { o.stmt_ = nullptr; }
  Stmt& operator=(Stmt&& o) noexcept;
  Stmt(const Stmt&) = delete;

  Status Prepare(const Db& db, std::string_view sql);
  bool prepared() const { return stmt_ != nullptr; }

  // Bind by 1-based index. Text is copied by SQLite (SQLITE_TRANSIENT) only
  // when it must outlive the call; we bind static so callers keep the text
  // alive until Step() finishes, which every call site does.
  void Bind(int i, std::string_view text);
  void Bind(int i, const std::string& text) { Bind(i, std::string_view(text)); }
  // Text is bound without a copy (SQLITE_STATIC), so binding a temporary
  // would leave SQLite reading freed memory: refuse it at compile time.
  void Bind(int i, std::string&& text) = delete;
  void Bind(int i, std::optional<std::string>&& text) = delete;
  void Bind(int i, const std::optional<std::string>& text);
  void Bind(int i, int64_t v);
  void Bind(int i, const std::optional<int64_t>& v);
  void BindNull(int i);
  // Bytes, not text; like Bind, the caller keeps them alive until Reset.
  void BindBlob(int i, std::string_view bytes);
  void BindBlob(int i, std::string&& bytes) = delete;
  double Double(int col) const;
  std::string_view BlobView(int col) const;  // valid until the next Step/Reset
  void BindDouble(int i, double v);

  // Returns true when a row is available, false when done.
  Result<bool> Step();
  // Runs to completion, expecting no rows, and resets.
  Status Run();
  void Reset();  // reset and clear bindings

  int64_t Int(int col) const;
  std::optional<int64_t> OptInt(int col) const;
  std::string Text(int col) const;
  std::string_view TextView(int col) const;  // valid until the next Step/Reset
  std::optional<std::string> OptText(int col) const;
  bool IsNull(int col) const;
  sqlite3_stmt* raw() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
};

// BEGIN IMMEDIATE on construction (writers queue on the busy timeout instead
// of failing half-way through); ROLLBACK on destruction unless Commit() ran.
class Transaction {
 public:
  explicit Transaction(Db* db) : db_(db) {}
  ~Transaction();
  Status Begin();  // takes the write lock at once (BEGIN IMMEDIATE)
  // A read transaction: every statement until it ends sees one snapshot.
  // Ended by the destructor (a rollback, which for reads changes nothing).
  Status BeginRead();
  Status Commit();

 private:
  Db* db_;
  bool open_ = false;
};

}  // namespace tanggap::sqlite

#endif  // TANGGAP_STORE_SQLITE_HANDLE_H_
