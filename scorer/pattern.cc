#include "scorer/pattern.h"

#include <algorithm>

namespace tanggap::scorer {
namespace {

bool ParseKind(std::string_view name, PatternItem* item) {
  struct {
    std::string_view name;
    PatternItem::Type type;
    TokenKind kind;
  } const kClasses[] = {
      {"word", PatternItem::Type::kKind, TokenKind::kWord},
      {"number", PatternItem::Type::kKind, TokenKind::kNumber},
      {"time", PatternItem::Type::kKind, TokenKind::kTime},
      {"time-colon", PatternItem::Type::kTimeColon, TokenKind::kTime},
      {"money", PatternItem::Type::kKind, TokenKind::kMoney},
      {"date", PatternItem::Type::kKind, TokenKind::kDate},
      {"phone", PatternItem::Type::kKind, TokenKind::kPhone},
      {"url", PatternItem::Type::kKind, TokenKind::kUrl},
      {"mention", PatternItem::Type::kKind, TokenKind::kMention},
      {"hashtag", PatternItem::Type::kKind, TokenKind::kHashtag},
      {"emoji", PatternItem::Type::kKind, TokenKind::kEmoji},
      {"punct", PatternItem::Type::kKind, TokenKind::kPunct},
      {"acronym", PatternItem::Type::kAcronym, TokenKind::kWord},
      {"allcaps", PatternItem::Type::kAllCaps, TokenKind::kWord},
  };
  for (const auto& c : kClasses) {
    if (c.name == name) {
      item->type = c.type;
      item->kind = c.kind;
      return true;
    }
  }
  return false;
}

std::string Lower(std::string_view s) {
  Document d = Analyze(s);  // reuse the analyser's case mapping
  return d.lower;
}

bool IsAcronym(std::string_view text) {
  if (text.size() < 2 || text.size() > 12) return false;
  if (text[0] < 'A' || text[0] > 'Z') return false;
  int letters = 0;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') {
      ++letters;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  return letters >= 2;
}

// Host of a URL token: after "scheme://", up to '/', ':', '?' or '#'.
std::string_view UrlHost(std::string_view url) {
  size_t p = url.find("://");
  if (p != std::string_view::npos) url.remove_prefix(p + 3);
  size_t end = url.find_first_of("/:?#");
  if (end != std::string_view::npos) url = url.substr(0, end);
  return url;
}

bool HostMatches(std::string_view host, const std::vector<std::string>& hosts) {
  for (const std::string& h : hosts) {
    if (host.size() < h.size()) continue;
    std::string_view tail = host.substr(host.size() - h.size());
    bool same = std::equal(tail.begin(), tail.end(), h.begin(), h.end(), [](char a, char b) {
      return std::tolower(static_cast<unsigned char>(a)) == b;
    });
    if (same && (host.size() == h.size() || host[host.size() - h.size() - 1] == '.')) return true;
  }
  return false;
}

}  // namespace

Result<Pattern> CompilePattern(std::string_view text, const WordLists& lists, bool case_sensitive) {
  Pattern p;
  p.source = std::string(text);
  p.case_sensitive = case_sensitive;
  size_t pos = 0;
  bool first = true;
  while (pos < text.size()) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    if (pos >= text.size()) break;
    size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = text.substr(pos, end - pos);
    pos = end;
    if (first && part == "^") {
      p.sentence_start = true;
      first = false;
      continue;
    }
    first = false;
    bool tight = false;
    if (part.size() > 1 && part[0] == '~') {
      tight = true;
      part.remove_prefix(1);
    }
    if (part.size() > 2 && part.front() == '<' && part.back() == '>') {
      std::string_view name = part.substr(1, part.size() - 2);
      PatternItem item;
      item.no_space_before = tight;
      if (name.size() > 1 && name[0] == '@') {
        auto it = lists.find(name.substr(1));
        if (it == lists.end()) {
          return Status::InvalidArgument("pattern \"" + p.source + "\" uses list <@" +
                                         std::string(name.substr(1)) +
                                         "> but the rule has no such entry under `lists:`");
        }
        item.type = PatternItem::Type::kList;
        item.list = &it->second;
      } else if (name.rfind("url-host:", 0) == 0) {
        item.type = PatternItem::Type::kUrlHost;
        item.kind = TokenKind::kUrl;
        std::string_view hosts = name.substr(9);
        while (!hosts.empty()) {
          size_t comma = hosts.find(',');
          std::string_view h = hosts.substr(0, comma);
          if (!h.empty()) item.hosts.push_back(Lower(h));
          if (comma == std::string_view::npos) break;
          hosts.remove_prefix(comma + 1);
        }
        if (item.hosts.empty()) {
          return Status::InvalidArgument("pattern \"" + p.source +
                                         "\": <url-host:...> lists no host");
        }
      } else if (!ParseKind(name, &item)) {
        return Status::InvalidArgument(
            "pattern \"" + p.source + "\": unknown class <" + std::string(name) +
            ">; use word, number, time, time-colon, money, date, phone, url, mention, hashtag, "
            "emoji, punct, acronym, allcaps, @list or url-host:...");
      }
      p.items.push_back(std::move(item));
      continue;
    }
    if (part == "$1") {
      PatternItem item;
      item.type = PatternItem::Type::kBackref;
      item.no_space_before = tight;
      p.items.push_back(item);
      continue;
    }
    // Literal text: split it as post text is split.
    Document d = Analyze(part);
    for (size_t i = 0; i < d.tokens.size(); ++i) {
      PatternItem item;
      item.type = PatternItem::Type::kLiteral;
      item.no_space_before = i == 0 ? tight : !d.tokens[i].space_before;
      item.literal =
          std::string(case_sensitive ? d.TokenText(d.tokens[i]) : d.TokenLower(d.tokens[i]));
      p.items.push_back(std::move(item));
    }
  }
  if (p.items.empty()) return Status::InvalidArgument("empty pattern \"" + p.source + "\"");
  return p;
}

bool FirstItemMatches(const PatternItem& item, const Document& doc, const Token& t,
                      bool case_sensitive, std::string_view backref) {
  switch (item.type) {
    case PatternItem::Type::kLiteral:
      return (case_sensitive ? doc.TokenText(t) : doc.TokenLower(t)) == item.literal;
    case PatternItem::Type::kKind:
      return t.kind == item.kind;
    case PatternItem::Type::kTimeColon:
      return t.kind == TokenKind::kTime && doc.TokenText(t).find(':') != std::string_view::npos;
    case PatternItem::Type::kAcronym: {
      if (t.kind != TokenKind::kWord || !IsAcronym(doc.TokenText(t))) return false;
      // In a run of capitals ("SEGERA DAFTAR SEKARANG") the words are
      // shouting, not acronyms: require the neighbouring words not to be
      // all capitals too.
      size_t i = &t - doc.tokens.data();
      for (int dir : {-1, 1}) {
        for (size_t j = i + dir; j < doc.tokens.size() && doc.tokens[j].sentence == t.sentence;
             j += dir) {
          if (doc.tokens[j].kind != TokenKind::kWord) continue;
          if (doc.tokens[j].all_caps && doc.tokens[j].letters >= 3) return false;
          break;
        }
      }
      return true;
    }
    case PatternItem::Type::kAllCaps:
      return t.kind == TokenKind::kWord && t.all_caps;
    case PatternItem::Type::kList:
      return item.list->find(doc.TokenLower(t)) != item.list->end();
    case PatternItem::Type::kUrlHost:
      return t.kind == TokenKind::kUrl && HostMatches(UrlHost(doc.TokenText(t)), item.hosts);
    case PatternItem::Type::kBackref:
      return !backref.empty() && doc.TokenText(t) == backref;
  }
  return false;
}

bool MatchPattern(const Pattern& p, const Document& doc, uint32_t at, uint32_t* end,
                  std::string_view backref) {
  const auto& tokens = doc.tokens;
  if (at >= tokens.size()) return false;
  const uint32_t sentence = tokens[at].sentence;
  if (p.sentence_start && doc.sentences[sentence].first_token != at) return false;
  uint32_t i = at;
  for (size_t k = 0; k < p.items.size(); ++k, ++i) {
    if (i >= tokens.size() || tokens[i].sentence != sentence) return false;
    const PatternItem& item = p.items[k];
    if (k > 0 && item.no_space_before && tokens[i].space_before) return false;
    if (!FirstItemMatches(item, doc, tokens[i], p.case_sensitive, backref)) return false;
  }
  *end = i;
  return true;
}

}  // namespace tanggap::scorer
