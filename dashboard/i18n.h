// UI strings: message catalogues dashboard/messages/<lang>.txt ("key = text"
// per line, '#' comments), built into the binary. Indonesian first; English
// falls back to Indonesian for a missing key, and a key missing from both
// shows as the key itself (a test asserts none is missing).
#ifndef TANGGAP_DASHBOARD_I18N_H_
#define TANGGAP_DASHBOARD_I18N_H_

#include <map>
#include <string>
#include <string_view>

namespace tanggap::dashboard {

class Catalog {
 public:
  // "id" or "en"; anything else gives Indonesian.
  static const Catalog& For(std::string_view lang);
  const std::string& lang() const { return lang_; }
  // The text of `key`; never empty.
  std::string_view operator()(std::string_view key) const;
  const std::map<std::string, std::string, std::less<>>& entries() const { return entries_; }

 private:
  std::string lang_;
  std::map<std::string, std::string, std::less<>> entries_;
  const Catalog* fallback_ = nullptr;
};

// "id" or "en" from an Accept-Language header (first supported tag wins).
std::string LanguageFromHeader(std::string_view accept_language);

}  // namespace tanggap::dashboard

#endif  // TANGGAP_DASHBOARD_I18N_H_
