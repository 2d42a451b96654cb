// Rendered view data shared by the server's worker threads, so that a page
// whose data has not changed since it was last rendered is not computed
// again (a trainee refreshing the home page, a supervisor paging through
// the overview). Entries never outlive the data they were computed from:
//  - before it reads, a worker that saw a commit on its own connection (or
//    looks for the first time) passes the database's data version, as seen
//    by one connection that only watches (App::DataVersion), to Observe;
//    when another connection or process (collector, analyze, a session
//    touch, an admin edit) committed since, the whole cache is dropped.
//    Every worker's own connection sees every commit, so the first worker
//    to read after a commit drops what was rendered before it;
//  - a value rendered from a read that began before a drop is refused, so
//    a slow render of the old data cannot land after the drop;
//  - an entry older than the time-to-live is not served either, because
//    views judge "now" (a question turns late, a month ends).
// Single flight: while one worker renders a key, the others asking for the
// same key wait for its value instead of rendering it too (after a drop,
// 32 connections would otherwise each compute the same 50 ms overview).
// Bounded by entries and bytes; the least recently used go first.
#ifndef TANGGAP_DASHBOARD_VIEW_CACHE_H_
#define TANGGAP_DASHBOARD_VIEW_CACHE_H_

#include <chrono>
#include <condition_variable>
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

// A response as its handler made it: body (before compression), the body
// gzipped ("" when not worth it) and the headers the handler set.
struct CachedView {
  std::string body;
  std::string gzip;
  std::vector<std::pair<std::string, std::string>> headers;
};

class ViewCache {
 public:
  ViewCache(size_t max_entries, size_t max_bytes, int64_t ttl_s);

  // Called with the current data version (of one watching connection, so
  // that versions compare) before the caller reads. A version other than
  // the previous call's empties the cache. Returns the epoch to pass to Put.
  int64_t Observe(int64_t data_version);
  // The current epoch, for a caller that knows nothing was committed since
  // its last Observe.
  int64_t Epoch() const;

  // The value stored under `key` less than ttl_s before `now`, else null.
  std::shared_ptr<const CachedView> Get(const std::string& key, int64_t now);

  // Get with single flight. A fresh value comes back as `hit`. Otherwise,
  // when nobody is rendering `key`, the caller becomes its renderer
  // (`leader`): it must call Done(key) once it has Put, or failed. When
  // someone is, Find waits for them, at most `wait`, and returns their
  // value; if they stored none (an error page, a drop meanwhile, the wait
  // ran out) it returns neither, and the caller renders without caching
  // leadership.
  struct Found {
    std::shared_ptr<const CachedView> hit;
    bool leader = false;
  };
  Found Find(const std::string& key, int64_t now, std::chrono::milliseconds wait);
  // Ends the leader's flight and wakes those waiting for it.
  void Done(const std::string& key);

  // Stores `value` unless the cache was emptied since the Observe that
  // gave `epoch` (values over a tenth of max_bytes are not kept either).
  void Put(const std::string& key, std::shared_ptr<const CachedView> value, int64_t now,
           int64_t epoch);

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
  struct Flight {
    bool done = false;
    bool stored = false;
  };
  std::shared_ptr<const CachedView> GetLocked(const std::string& key, int64_t now);
  void EvictLocked();

  const size_t max_entries_, max_bytes_;
  const int64_t ttl_s_;
  mutable std::mutex mu_;
  std::condition_variable flight_done_;
  std::list<Entry> lru_;  // most recent first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::unordered_map<std::string, std::shared_ptr<Flight>> flights_;
  size_t bytes_ = 0;
  int64_t seen_version_ = -1;
  int64_t clears_ = 0;
};

}  // namespace tanggap::dashboard

#endif  // TANGGAP_DASHBOARD_VIEW_CACHE_H_
