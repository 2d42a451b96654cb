// Passwords, session tokens, CSRF tokens and login throttling for the
// dashboard. Pure functions over libsodium, plus one small in-memory limiter.
#ifndef TANGGAP_DASHBOARD_AUTH_H_
#define TANGGAP_DASHBOARD_AUTH_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "util/status.h"

namespace tanggap::dashboard {

// Argon2id (libsodium crypto_pwhash_str, "interactive" limits) in its
// self-describing string form. Refuses passwords shorter than 10 bytes or
// longer than 1,024.
Result<std::string> HashPassword(std::string_view password);
// Constant-time check of a password against HashPassword's output.
bool VerifyPassword(const std::string& hash, std::string_view password);

// 32 random bytes as 64 hex characters: the value of the session cookie.
std::string NewSessionToken();
// What the database keeps of a session token (BLAKE2b-256, hex): a stolen
// database copy does not hand out live sessions.
std::string SessionTokenHash(std::string_view token);
// The CSRF token bound to a session (keyed BLAKE2b of the session token):
// forms carry it, the server recomputes it; nothing extra is stored.
std::string CsrfToken(std::string_view session_token);
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Failed logins per IP and per username in a sliding window; a key with too
// many failures is refused until the window passes. Thread-safe.
class LoginLimiter {
 public:
  LoginLimiter(int max_per_user = 5, int max_per_ip = 20, int64_t window_s = 900)
      : max_user_(max_per_user), max_ip_(max_per_ip), window_s_(window_s) {}
  bool Allowed(const std::string& ip, const std::string& user, int64_t now);
  void Failed(const std::string& ip, const std::string& user, int64_t now);
  void Succeeded(const std::string& user);

 private:
  struct Count {
    int n = 0;
    int64_t since = 0;
  };
  bool Over(const std::map<std::string, Count>& m, const std::string& key, int max,
            int64_t now) const;
  std::mutex mu_;
  int max_user_, max_ip_;
  int64_t window_s_;
  std::map<std::string, Count> by_user_, by_ip_;
};

}  // namespace tanggap::dashboard

#endif  // TANGGAP_DASHBOARD_AUTH_H_
