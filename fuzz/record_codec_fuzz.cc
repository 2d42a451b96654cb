// Fuzz target for the JSONL record parser: any input must be parsed or
// rejected without a crash, and whatever parses must format back to a line
// that parses to the same record (the export/import round trip).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "interchange/record_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static tanggap::RecordParser* parser = new tanggap::RecordParser();
  std::string_view line(reinterpret_cast<const char*>(data), size);
  auto record = parser->Parse(line);
  if (!record.ok()) {
    if (record.status().message().empty()) std::abort();  // every rejection says why
    return 0;
  }
  tanggap::Record first = *record;
  std::string formatted = tanggap::FormatRecord(first);
  auto again = parser->Parse(formatted);
  if (!again.ok() || !(*again == first) || tanggap::FormatRecord(*again) != formatted) {
    std::fprintf(stderr, "round trip failed for: %s\n", formatted.c_str());
    std::abort();
  }
  return 0;
}
