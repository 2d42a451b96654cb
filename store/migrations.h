// Private to store/: the schema, as numbered migrations. Migration N moves a
// database from user_version N-1 to N. Never edit a migration that has
// shipped; add a new one (docs/store.md).
#ifndef TANGGAP_STORE_MIGRATIONS_H_
#define TANGGAP_STORE_MIGRATIONS_H_

#include <span>

namespace tanggap::store_internal {

struct Migration {
  int version;
  const char* description;
  const char* sql;
};

std::span<const Migration> AllMigrations();

}  // namespace tanggap::store_internal

#endif  // TANGGAP_STORE_MIGRATIONS_H_
