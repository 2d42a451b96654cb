// A three-stage pipeline over a stream of items: produce them one at a
// time, transform several at once on worker threads, consume them one at a
// time in the order they were produced.
//
// Why not one barrier per batch: with load, compute and save running side
// by side on two cores, each round waited for the slowest of the three,
// and a core stood idle a fifth of the time. Here every stage goes on as
// long as it has input and the bound on items in flight allows.
#ifndef TANGGAP_UTIL_ORDERED_PIPELINE_H_
#define TANGGAP_UTIL_ORDERED_PIPELINE_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "util/status.h"

namespace tanggap {

struct PipelineOptions {
  size_t workers = 1;        // threads running `transform`; at least 1
  size_t max_in_flight = 4;  // items produced and not yet consumed; at least 1
  // Produce on a thread of its own, beside the consumer. When false (the
  // producer and the consumer share something that is not thread-safe,
  // such as one database connection), the caller's thread produces
  // between consumes.
  bool produce_alone = true;
};

// Calls produce() until it returns nullopt, transform(&item) once per item
// on one of options.workers threads, and consume(&item) on the calling
// thread in production order. produce and consume are never called
// concurrently with themselves; transform runs on several items at once,
// so it must only touch its item and thread-safe shared state.
//
// Returns OK after every produced item was consumed. The first error from
// produce or consume stops the pipeline: items not yet consumed are
// dropped and that error is returned. Every thread has been joined when
// this returns.
template <typename T>
Status RunOrderedPipeline(const PipelineOptions& options,
                          const std::function<Result<std::optional<T>>()>& produce,
                          const std::function<void(T*)>& transform,
                          const std::function<Status(T*)>& consume) {
  const size_t workers = options.workers ? options.workers : 1;
  const size_t limit = options.max_in_flight ? options.max_in_flight : 1;
  std::mutex mu;
  std::condition_variable changed;
  std::deque<std::pair<uint64_t, T>> ready;  // produced, waiting for a worker
  std::map<uint64_t, T> done;                // transformed, waiting for the consumer
  uint64_t produced = 0, consumed = 0;
  bool end = false, stop = false;
  Status failure = Status::Ok();

  auto fail = [&](Status s) {
    std::lock_guard lock(mu);
    if (failure.ok()) failure = std::move(s);
    stop = true;
    changed.notify_all();
  };
  // Produces one item, or marks the end; false when it failed.
  auto produce_one = [&]() -> bool {
    Result<std::optional<T>> item = produce();
    if (!item.ok()) {
      fail(item.status());
      return false;
    }
    std::lock_guard lock(mu);
    if (!item->has_value()) {
      end = true;
    } else {
      ready.emplace_back(produced++, std::move(**item));
    }
    changed.notify_all();
    return true;
  };

  std::vector<std::thread> threads;
  threads.reserve(workers + 1);
  for (size_t i = 0; i < workers; ++i) {
    threads.emplace_back([&] {
      std::unique_lock lock(mu);
      for (;;) {
        changed.wait(lock, [&] { return stop || !ready.empty() || end; });
        if (stop || ready.empty()) return;  // stopped, or nothing more will come
        std::pair<uint64_t, T> item = std::move(ready.front());
        ready.pop_front();
        lock.unlock();
        transform(&item.second);
        lock.lock();
        done.emplace(item.first, std::move(item.second));
        changed.notify_all();
      }
    });
  }
  if (options.produce_alone) {
    threads.emplace_back([&] {
      for (;;) {
        {
          std::unique_lock lock(mu);
          changed.wait(lock, [&] { return stop || produced - consumed < limit; });
          if (stop) return;
        }
        if (!produce_one()) return;
        std::lock_guard lock(mu);
        if (end) return;
      }
    });
  }

  // The producer and fail() wake every waiting thread when they set `end`
  // or `stop`, so once this loop ends every thread is on its way out.
  for (;;) {
    if (!options.produce_alone) {
      // Fill the room first: the next item to consume is among them.
      for (;;) {
        {
          std::lock_guard lock(mu);
          if (stop || end || produced - consumed >= limit) break;
        }
        if (!produce_one()) break;
      }
    }
    std::unique_lock lock(mu);
    changed.wait(lock,
                 [&] { return stop || done.count(consumed) || (end && consumed == produced); });
    if (stop || (end && consumed == produced)) break;
    auto next = done.find(consumed);
    T item = std::move(next->second);
    done.erase(next);
    lock.unlock();
    Status s = consume(&item);
    if (!s.ok()) {
      fail(std::move(s));
      break;
    }
    lock.lock();
    ++consumed;
    changed.notify_all();
  }
  for (auto& t : threads) t.join();
  return failure;
}

}  // namespace tanggap

#endif  // TANGGAP_UTIL_ORDERED_PIPELINE_H_
