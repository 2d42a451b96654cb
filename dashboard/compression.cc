#include "dashboard/compression.h"

#include <zlib.h>

namespace tanggap::dashboard {

bool AcceptsGzip(std::string_view header) {
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    size_t semi = item.find(';');
    std::string_view coding = item.substr(0, semi), params;
    if (semi != std::string_view::npos) params = item.substr(semi + 1);
    while (!coding.empty() && coding.front() == ' ') coding.remove_prefix(1);
    while (!coding.empty() && coding.back() == ' ') coding.remove_suffix(1);
    if (coding != "gzip" && coding != "*") continue;
    size_t q = params.find("q=");
    if (q == std::string_view::npos) return true;
    std::string_view value = params.substr(q + 2);
    // "q=0", "q=0.0", "q=0.000" refuse; anything else accepts.
    if (value.empty() || value.front() != '0') return true;
    value.remove_prefix(1);
    if (!value.empty() && value.front() == '.') value.remove_prefix(1);
    while (!value.empty() && value.front() == '0') value.remove_prefix(1);
    if (!value.empty() && value.front() >= '1' && value.front() <= '9') return true;
  }
  return false;
}

bool Compressible(std::string_view type) {
  return type.starts_with("text/") || type.starts_with("application/json") ||
         type.starts_with("image/svg+xml");
}

std::string Gzip(std::string_view data, int level) {
  z_stream z{};
  // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
  if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return "";
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return rc == Z_STREAM_END ? out : "";
}

}  // namespace tanggap::dashboard
