// Status and Result<T>: how every component reports failure across its
// boundary. No exception leaves a component; callers get a value they must
// look at ([[nodiscard]]).
//
// Messages are for people: each says what was wrong and, where it can, what to
// do about it ("cannot open var/x.db: permission denied; check the folder's
// owner or pass --db").
#ifndef TANGGAP_UTIL_STATUS_H_
#define TANGGAP_UTIL_STATUS_H_

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace tanggap {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // the caller's input is wrong (bad flag, bad record)
    kNotFound,         // a referenced thing does not exist
    kCorruption,       // stored data is not what it must be
    kIOError,          // the OS or SQLite failed to read or write
    kUnsupported,      // e.g. a database from a newer Tanggap
    kBusy,             // a lock could not be had in time
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return {Code::kInvalidArgument, std::move(msg)};
  }
  static Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status Corruption(std::string msg) { return {Code::kCorruption, std::move(msg)}; }
  static Status IOError(std::string msg) { return {Code::kIOError, std::move(msg)}; }
  static Status Unsupported(std::string msg) { return {Code::kUnsupported, std::move(msg)}; }
  static Status Busy(std::string msg) { return {Code::kBusy, std::move(msg)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "OK", or "<code name>: <message>".
  std::string ToString() const;

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// A value or the Status that explains why there is none. A Result built from
// an OK status is a programming error and is turned into kInvalidArgument.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    if (std::get<Status>(v_).ok()) v_ = Status::InvalidArgument("Result built from an OK status");
  }
  bool ok() const { return std::holds_alternative<T>(v_); }
  // Precondition for the accessors below: ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  // OK when ok(), else the error.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace tanggap

#endif  // TANGGAP_UTIL_STATUS_H_
