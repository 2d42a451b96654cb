// Rendered view data shared by the server's worker threads, so that a page
// whose data has not changed since it was last rendered is not computed
// again (a trainee refreshing the home page, a supervisor paging through
// the overview). Entries never outlive the data they were computed from:
//  - every worker checks its own read connection's data version
//    (Store::DataVersion) before it reads; when another connection or
//    process (collector, analyze, a session touch) committed since that
//    worker last looked, the whole cache is dropped first;
//  - a worker's first check also drops it, since entries may predate
//    commits the new connection can no longer tell apart;
//  - a value rendered from a read that began before a drop is refused, so
//    a slow render of the old data cannot land after the drop;
//  - an entry older than the time-to-live is not served either, because
//    views judge "now" (a question turns late, a month ends).
// Bounded by entries and bytes; the least recently used go first.
#ifndef TANGGAP_DASHBOARD_VIEW_CACHE_H_
#define TANGGAP_DASHBOARD_VIEW_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace tanggap::dashboard {

// A response as its handler made it: body (before compression) and the
// headers the handler set.
struct CachedView {
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

class ViewCache {
 public:
  ViewCache(size_t max_entries, size_t max_bytes, int64_t ttl_s);

  // Called by a worker with its connection's current data version, before
  // it reads. The first call of each worker, and any call whose version
  // differs from that worker's previous one, empties the cache. `seen` is
  // the worker's own memory of the last version (-1 before its first
  // call). Returns the epoch to pass to Put.
  int64_t Observe(int64_t data_version, int64_t* seen);

  // The value stored under `key` less than ttl_s before `now`, else null.
  std::shared_ptr<const CachedView> Get(const std::string& key, int64_t now);
  // Stores `value` unless the cache was emptied since the Observe that
  // gave `epoch` (values over a tenth of max_bytes are not kept either).
  void Put(const std::string& key, CachedView value, int64_t now, int64_t epoch);

  size_t size() const;
  // How many times Observe emptied the cache (for the tests and the log).
  int64_t clears() const;

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const CachedView> value;
    size_t cost = 0;
    int64_t stored = 0;
  };
  void EvictLocked();

  const size_t max_entries_, max_bytes_;
  const int64_t ttl_s_;
  mutable std::mutex mu_;
  std::list<Entry> lru_;  // most recent first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  size_t bytes_ = 0;
  int64_t clears_ = 0;
};

}  // namespace tanggap::dashboard

#endif  // TANGGAP_DASHBOARD_VIEW_CACHE_H_
