// Moving records between JSONL/CSV files and the store: `tanggap import`
// and `tanggap export`.
#ifndef TANGGAP_INTERCHANGE_TRANSFER_H_
#define TANGGAP_INTERCHANGE_TRANSFER_H_

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

#include "interchange/line_reader.h"
#include "store/store.h"
#include "util/status.h"

namespace tanggap {

struct ImportOptions {
  // Records per transaction. Large batches are what make import fast (one
  // fsync per batch); a crash loses at most the open batch, which the next
  // run of the same import writes again.
  size_t batch_size = 20000;
};

struct ImportStats {
  uint64_t lines = 0;  // lines read, blank ones included
  uint64_t inserted = 0, updated = 0, unchanged = 0, rejected = 0;
  ImportStats& operator+=(const ImportStats& o);
};

// Why one line was not imported.
struct Rejection {
  std::string source;  // file name as given, "-" for stdin
  uint64_t line = 0;   // 1-based
  std::string reason;
};

// Reads every line of `reader` into `store`. Blank lines are skipped. A line
// that does not parse, or whose record the store refuses (e.g. a reply
// whose post is unknown), goes to on_reject and is counted as rejected; the
// import goes on. Returns an error only when reading or the store fails;
// the batch in progress is then rolled back while earlier batches stay, so
// running the same import again completes it without duplicates.
Result<ImportStats> ImportLines(LineReader* reader, const std::string& source, Store* store,
                                const ImportOptions& options,
                                const std::function<void(const Rejection&)>& on_reject);

enum class ExportFormat { kJsonl, kCsv };

// Writes the store's records to out: JSONL (every record, canonical order
// and form, so the output imports back to the same records) or CSV (posts
// only, RFC 4180, with a header row; cells that a spreadsheet would run as a
// formula are prefixed with an apostrophe).
Status ExportRecords(Store* store, ExportFormat format, std::FILE* out);

}  // namespace tanggap

#endif  // TANGGAP_INTERCHANGE_TRANSFER_H_
