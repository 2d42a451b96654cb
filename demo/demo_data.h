// Demo and load data, generated deterministically from a seed.
//
// The demo dataset is a believable Pangkalpinang city: 8 agencies (OPD),
// ~15 official accounts across the six platforms, ~3,000 posts and ~15,000
// citizen and agency replies over 120 days, written in Indonesian, with the
// flaws Tanggap teaches trainees to avoid. The load dataset is bulk,
// meaningless-but-well-formed records for benchmarks and fault tests.
//
// Both are pure functions of their options: same options, same records, on
// every machine (no std:: distributions, whose output varies by library).
#ifndef TANGGAP_DEMO_DEMO_DATA_H_
#define TANGGAP_DEMO_DEMO_DATA_H_

#include <cstdint>
#include <functional>

#include "model/records.h"

namespace tanggap {

struct DemoOptions {
  uint64_t seed = 62;  // Pangkalpinang's area code 0717 would do too; any value works
  int days = 120;      // posts span [end - days, end)
  // End of the period, unix seconds. Fixed by default so the demo database
  // is identical everywhere: 2026-11-30T00:00:00+07:00.
  int64_t end_unix = 1795971600;
  // Multiplies the number of posts (and so of replies); 1.0 gives ~3,000.
  double scale = 1.0;
};

// Calls sink once per record: all accounts first, then each post followed by
// its replies (parents before children) and its metric snapshots. Every
// reference points to a record emitted earlier.
void GenerateDemoData(const DemoOptions& options, const std::function<void(const Record&)>& sink);

// Calls sink `records` times with synthetic records for throughput and crash
// tests: a few accounts, then posts (~500 bytes of text) each followed by
// `replies_per_post` replies (1..1000): citizens, the odd ones answering the
// reply before, and last the agency answering the second-to-last citizen.
// Deterministic for a given seed.
void GenerateLoadData(uint64_t records, uint64_t seed,
                      const std::function<void(const Record&)>& sink, int replies_per_post = 5);

}  // namespace tanggap

#endif  // TANGGAP_DEMO_DEMO_DATA_H_
