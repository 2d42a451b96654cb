// The canonical interchange format: JSON Lines, one record per line
// (docs/interchange-format.md). Parsing and formatting are pure functions of
// their input; reading files lives in line_reader.h, moving records in and out
// of the store in transfer.h.
#ifndef TANGGAP_INTERCHANGE_RECORD_CODEC_H_
#define TANGGAP_INTERCHANGE_RECORD_CODEC_H_

#include <memory>
#include <string>
#include <string_view>

#include "model/records.h"
#include "util/status.h"

namespace tanggap {

// Limits that keep one hostile line from costing more than it should.
inline constexpr size_t kMaxLineBytes = 1 << 20;  // 1 MiB per record
inline constexpr size_t kMaxIdBytes = 256;
inline constexpr size_t kMaxTextBytes = 256 * 1024;
inline constexpr size_t kMaxMediaItems = 64;

// Parses JSONL lines into records. Reuses its buffers between calls, so keep
// one per thread and feed it every line. Not thread-safe.
class RecordParser {
 public:
  RecordParser();
  ~RecordParser();
  RecordParser(const RecordParser&) = delete;
  RecordParser& operator=(const RecordParser&) = delete;

  // Parses one line (without its newline; a trailing '\r' is tolerated).
  // On failure returns kInvalidArgument with a reason a person can act on,
  // e.g. "field 'created_at' must be an RFC 3339 time with offset, got
  // \"2026-11-02 08:15\"". Rejects: invalid JSON or UTF-8, lines over
  // kMaxLineBytes, a missing or unknown "type", missing required fields, wrong
  // types, negative counts, NUL characters in strings, over-long fields.
  // Unknown fields are ignored so newer writers can add fields.
  Result<Record> Parse(std::string_view line);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Appends the canonical JSON of a record (no newline). Every field is
// written, optional ones as null, in a fixed order, so that
// Parse(FormatRecord(r)) == r and formatting is stable byte for byte.
void AppendRecord(const Record& record, std::string* out);
std::string FormatRecord(const Record& record);

// "account", "post", "reply" or "metrics".
std::string_view RecordTypeName(const Record& record);

}  // namespace tanggap

#endif  // TANGGAP_INTERCHANGE_RECORD_CODEC_H_
