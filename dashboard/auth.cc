#include "dashboard/auth.h"

#include <sodium.h>

#include <mutex>

namespace tanggap::dashboard {
namespace {

void InitSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no usable randomness: nothing is safe
  });
}

std::string Hex(const unsigned char* bytes, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.pop_back();
  return out;
}

// A fixed, public key for deriving CSRF tokens: the secret is the session
// token itself, which only the browser and the server know.
constexpr unsigned char kCsrfKey[crypto_generichash_KEYBYTES] = "tanggap-csrf-v1-derivation-key!";

constexpr size_t kMaxMapEntries = 100000;

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  InitSodium();
  if (password.size() < 10) {
    return Status::InvalidArgument("password too short: use at least 10 characters");
  }
  if (password.size() > 1024) return Status::InvalidArgument("password longer than 1,024 bytes");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Status::IOError("password hashing ran out of memory; try again");
  }
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  InitSodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES || password.size() > 1024) return false;
  char buf[crypto_pwhash_STRBYTES] = {};
  hash.copy(buf, hash.size());
  return crypto_pwhash_str_verify(buf, password.data(), password.size()) == 0;
}

std::string NewSessionToken() {
  InitSodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return Hex(bytes, sizeof bytes);
}

std::string SessionTokenHash(std::string_view token) {
  InitSodium();
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return Hex(out, sizeof out);
}

std::string CsrfToken(std::string_view session_token) {
  InitSodium();
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(session_token.data()),
                     session_token.size(), kCsrfKey, sizeof kCsrfKey);
  return Hex(out, sizeof out);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool LoginLimiter::Over(const std::map<std::string, Count>& m, const std::string& key, int max,
                        int64_t now) const {
  auto it = m.find(key);
  return it != m.end() && now - it->second.since < window_s_ && it->second.n >= max;
}

bool LoginLimiter::Allowed(const std::string& ip, const std::string& user, int64_t now) {
  std::lock_guard lock(mu_);
  return !Over(by_user_, user, max_user_, now) && !Over(by_ip_, ip, max_ip_, now);
}

void LoginLimiter::Failed(const std::string& ip, const std::string& user, int64_t now) {
  std::lock_guard lock(mu_);
  for (auto* m : {&by_user_, &by_ip_}) {
    // Bounded memory under a flood of invented usernames: forget everything.
    if (m->size() >= kMaxMapEntries) m->clear();
    Count& c = (*m)[m == &by_user_ ? user : ip];
    if (now - c.since >= window_s_) c = Count{0, now};
    ++c.n;
  }
}

void LoginLimiter::Succeeded(const std::string& user) {
  std::lock_guard lock(mu_);
  by_user_.erase(user);
}

}  // namespace tanggap::dashboard
