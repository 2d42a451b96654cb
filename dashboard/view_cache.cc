#include "dashboard/view_cache.h"

namespace tanggap::dashboard {

ViewCache::ViewCache(size_t max_entries, size_t max_bytes, int64_t ttl_s)
    : max_entries_(max_entries), max_bytes_(max_bytes), ttl_s_(ttl_s) {}

int64_t ViewCache::Observe(int64_t data_version) {
  std::lock_guard<std::mutex> lock(mu_);
  if (seen_version_ == data_version) return clears_;
  seen_version_ = data_version;
  lru_.clear();
  index_.clear();
  bytes_ = 0;
  return ++clears_;
}

int64_t ViewCache::Epoch() const {
  std::lock_guard<std::mutex> lock(mu_);
  return clears_;
}

std::shared_ptr<const CachedView> ViewCache::GetLocked(const std::string& key, int64_t now) {
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  if (now - it->second->stored >= ttl_s_ || now < it->second->stored) {
    bytes_ -= it->second->cost;
    lru_.erase(it->second);
    index_.erase(it);
    return nullptr;
  }
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->value;
}

std::shared_ptr<const CachedView> ViewCache::Get(const std::string& key, int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  return GetLocked(key, now);
}

ViewCache::Found ViewCache::Find(const std::string& key, int64_t now,
                                 std::chrono::milliseconds wait) {
  std::unique_lock<std::mutex> lock(mu_);
  if (auto hit = GetLocked(key, now)) return {std::move(hit), false};
  auto it = flights_.find(key);
  if (it == flights_.end()) {
    flights_.emplace(key, std::make_shared<Flight>());
    return {nullptr, true};
  }
  // Hold the flight itself: the leader erases it from the map when done.
  std::shared_ptr<Flight> flight = it->second;
  const bool ended = flight_done_.wait_for(lock, wait, [&] { return flight->done; });
  if (!ended || !flight->stored) return {nullptr, false};
  return {GetLocked(key, now), false};
}

void ViewCache::Done(const std::string& key) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = flights_.find(key);
    if (it == flights_.end()) return;
    it->second->done = true;
    flights_.erase(it);
  }
  flight_done_.notify_all();
}

void ViewCache::Put(const std::string& key, std::shared_ptr<const CachedView> value, int64_t now,
                    int64_t epoch) {
  if (!value) return;
  size_t cost = key.size() + value->body.size() + value->gzip.size();
  for (const auto& [name, v] : value->headers) cost += name.size() + v.size();
  if (cost > max_bytes_ / 10) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (epoch != clears_) return;
  if (auto it = index_.find(key); it != index_.end()) {
    bytes_ -= it->second->cost;
    lru_.erase(it->second);
    index_.erase(it);
  }
  lru_.push_front(Entry{key, std::move(value), cost, now});
  index_.emplace(key, lru_.begin());
  bytes_ += cost;
  if (auto f = flights_.find(key); f != flights_.end()) f->second->stored = true;
  EvictLocked();
}

void ViewCache::EvictLocked() {
  while (!lru_.empty() && (lru_.size() > max_entries_ || bytes_ > max_bytes_)) {
    const Entry& last = lru_.back();
    bytes_ -= last.cost;
    index_.erase(last.key);
    lru_.pop_back();
  }
}

size_t ViewCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return lru_.size();
}

int64_t ViewCache::clears() const {
  std::lock_guard<std::mutex> lock(mu_);
  return clears_;
}

}  // namespace tanggap::dashboard
