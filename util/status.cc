#include "util/status.h"

namespace tanggap {

std::string Status::ToString() const {
  const char* name = "OK";
  switch (code_) {
    case Code::kOk:
      return "OK";
    case Code::kInvalidArgument:
      name = "invalid argument";
      break;
    case Code::kNotFound:
      name = "not found";
      break;
    case Code::kCorruption:
      name = "corruption";
      break;
    case Code::kIOError:
      name = "I/O error";
      break;
    case Code::kUnsupported:
      name = "unsupported";
      break;
    case Code::kBusy:
      name = "busy";
      break;
  }
  return std::string(name) + ": " + message_;
}

}  // namespace tanggap
