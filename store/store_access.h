// For query modules inside store/ only (post_queries.cc, admin_queries.cc,
// ...): the connection of a Store, so each area keeps its SQL beside its
// header instead of growing store.cc. Components outside store/ use the
// modules' headers, never this one.
#ifndef TANGGAP_STORE_STORE_ACCESS_H_
#define TANGGAP_STORE_STORE_ACCESS_H_

#include "store/sqlite_handle.h"
#include "store/store.h"

namespace tanggap {

class StoreAccess {
 public:
  static sqlite::Db& db(Store& store) { return store.connection(); }
};

}  // namespace tanggap

#endif  // TANGGAP_STORE_STORE_ACCESS_H_
