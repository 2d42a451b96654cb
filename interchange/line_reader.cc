#include "interchange/line_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tanggap {

Result<std::unique_ptr<LineReader>> LineReader::Open(const std::string& path,
                                                     size_t max_line_bytes) {
  if (path == "-") return std::make_unique<LineReader>(STDIN_FILENO, false, max_line_bytes);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Status::IOError("cannot open " + path + ": " + std::strerror(errno) +
                           "; check the path and that you may read it");
  }
  return std::make_unique<LineReader>(fd, true, max_line_bytes);
}

LineReader::LineReader(int fd, bool owns_fd, size_t max_line_bytes)
    : fd_(fd), owns_fd_(owns_fd), max_line_(max_line_bytes), buf_(2 * max_line_bytes + 65536) {}

LineReader::~LineReader() {
  if (owns_fd_) ::close(fd_);
}

Status LineReader::Fill() {
  if (begin_ > 0) {  // move the partial line to the front to make room
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    scan_ -= begin_;
    begin_ = 0;
  }
  while (end_ < buf_.size()) {
    ssize_t n = ::read(fd_, buf_.data() + end_, buf_.size() - end_);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IOError(std::string("read failed: ") + std::strerror(errno));
    }
    if (n == 0) {
      eof_ = true;
      break;
    }
    end_ += static_cast<size_t>(n);
    bytes_read_ += static_cast<uint64_t>(n);
    break;  // one read at a time keeps latency low on pipes
  }
  return Status::Ok();
}

Result<bool> LineReader::Next(Line* line) {
  uint64_t skipped = 0;  // bytes of an over-long line already thrown away
  for (;;) {
    const char* base = buf_.data();
    const void* nl = scan_ < end_ ? std::memchr(base + scan_, '\n', end_ - scan_) : nullptr;
    if (nl != nullptr) {
      size_t pos = static_cast<const char*>(nl) - base;
      size_t len = pos - begin_;
      ++number_;
      line->number = number_;
      line->length = skipped + len;
      line->too_long = line->length > max_line_;
      line->text = line->too_long ? std::string_view() : std::string_view(base + begin_, len);
      begin_ = scan_ = pos + 1;
      return true;
    }
    scan_ = end_;
    if (end_ - begin_ > max_line_) {  // too long: drop what we have, keep counting
      skipped += end_ - begin_;
      begin_ = scan_ = end_;
    }
    if (eof_) {
      if (end_ == begin_ && skipped == 0) return false;
      ++number_;
      line->number = number_;
      line->length = skipped + (end_ - begin_);
      line->too_long = line->length > max_line_;
      line->text =
          line->too_long ? std::string_view() : std::string_view(base + begin_, end_ - begin_);
      begin_ = scan_ = end_;
      return true;
    }
    if (Status s = Fill(); !s.ok()) return s;
  }
}

}  // namespace tanggap
