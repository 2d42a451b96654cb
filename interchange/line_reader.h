// Reads a file (or standard input) line by line in bounded memory. A line
// longer than the limit is reported as too long and skipped, never buffered
// whole, so a hostile 10 GB line costs no more memory than a normal one.
#ifndef TANGGAP_INTERCHANGE_LINE_READER_H_
#define TANGGAP_INTERCHANGE_LINE_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace tanggap {

class LineReader {
 public:
  struct Line {
    std::string_view text;  // without the '\n'; valid until the next call to Next()
    uint64_t number = 0;    // 1-based
    uint64_t length = 0;    // bytes in the line, also when it was too long to keep
    bool too_long = false;  // text is empty; the line was skipped
  };

  // Opens `path` for reading; "-" means standard input. The reader owns the
  // descriptor it opened (not stdin). Lines above max_line_bytes are skipped.
  static Result<std::unique_ptr<LineReader>> Open(const std::string& path, size_t max_line_bytes);
  // Reads from an already open descriptor, which the caller keeps and closes.
  LineReader(int fd, bool owns_fd, size_t max_line_bytes);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Fills *line with the next line. Returns true if there was one, false at
  // end of input, or an IOError if reading failed. An empty final line after
  // the last '\n' is not reported.
  Result<bool> Next(Line* line);

  // Bytes consumed so far (for progress reports).
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  Status Fill();  // reads more into buf_; sets eof_

  int fd_;
  bool owns_fd_;
  size_t max_line_;
  std::vector<char> buf_;
  size_t begin_ = 0, end_ = 0,
         scan_ = 0;  // unread bytes are [begin_, end_); scan_ = no '\n' before it
  bool eof_ = false;
  uint64_t number_ = 0;
  uint64_t bytes_read_ = 0;
};

}  // namespace tanggap

#endif  // TANGGAP_INTERCHANGE_LINE_READER_H_
