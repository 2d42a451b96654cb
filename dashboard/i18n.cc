#include "dashboard/i18n.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "dashboard/assets.h"

namespace tanggap::dashboard {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::map<std::string, std::string, std::less<>> Parse(std::string_view text) {
  std::map<std::string, std::string, std::less<>> out;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    line = Trim(line);
    if (line.empty() || line[0] == '#') continue;
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    out.emplace(std::string(Trim(line.substr(0, eq))), std::string(Trim(line.substr(eq + 1))));
  }
  return out;
}

// Every catalogue file of a language: messages/<lang>.txt plus one
// messages/<lang>-<view>.txt per view, so views keep their strings apart.
// A key defined twice keeps its first definition (files in name order).
std::map<std::string, std::string, std::less<>> LoadLanguage(std::string_view lang) {
  std::map<std::string, std::string, std::less<>> out;
  const std::string whole = "messages/" + std::string(lang) + ".txt";
  const std::string part = "messages/" + std::string(lang) + "-";
  std::vector<std::string_view> names;
  for (const Asset& a : Assets()) {
    if (a.name == whole || (a.name.starts_with(part) && a.name.ends_with(".txt"))) {
      names.push_back(a.name);
    }
  }
  std::sort(names.begin(), names.end());
  for (std::string_view name : names) {
    for (const Asset& a : Assets()) {
      if (a.name == name) out.merge(Parse(a.data));
    }
  }
  return out;
}

}  // namespace

const Catalog& Catalog::For(std::string_view lang) {
  static const Catalog* id = [] {
    auto* c = new Catalog;
    c->lang_ = "id";
    c->entries_ = LoadLanguage("id");
    return c;
  }();
  static const Catalog* en = [] {
    auto* c = new Catalog;
    c->lang_ = "en";
    c->entries_ = LoadLanguage("en");
    c->fallback_ = id;
    return c;
  }();
  return lang == "en" ? *en : *id;
}

std::string_view Catalog::operator()(std::string_view key) const {
  auto it = entries_.find(key);
  if (it != entries_.end()) return it->second;
  if (fallback_) return (*fallback_)(key);
  return key;
}

std::string LanguageFromHeader(std::string_view header) {
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view tag = Trim(header.substr(0, comma));
    tag = tag.substr(0, tag.find(';'));
    if (tag.size() >= 2) {
      std::string two{static_cast<char>(std::tolower(static_cast<unsigned char>(tag[0]))),
                      static_cast<char>(std::tolower(static_cast<unsigned char>(tag[1])))};
      if (two == "id" || two == "in") return "id";
      if (two == "en") return "en";
    }
    if (comma == std::string_view::npos) break;
    header = header.substr(comma + 1);
  }
  return "id";
}

}  // namespace tanggap::dashboard
