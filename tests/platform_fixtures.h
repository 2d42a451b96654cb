// Platform fixtures shared by the adapter tests (offline) and the fake
// platform server (over loopback HTTP).
//
// A fixture folder tests/data/platforms/<platform>/<scenario>/ holds JSON
// bodies written in the platform's real shapes plus routes.tsv, one route per
// line, tab-separated:
//
//   PATH  QUERY  STATUS  FILE  HEADERS
//
// PATH is matched exactly. QUERY is "-" (any query) or "k=v&k2=v2": each
// listed parameter must be present with that (decoded) value; the route with
// the most listed parameters wins, ties go to the earlier line. FILE is the
// body ("-" for empty). HEADERS is "-" or "name: value" pairs joined by " | ".
// "{base}" in bodies and header values is replaced by the server's base URL
// (scheme://host:port), so Link headers and paging.next URLs point back at
// whoever serves them. Lines starting with '#' are comments.
//
// Below RunOffline are the small helpers the six *_adapter_test.cc files
// share: reading a data file, picking records out of a run, and building the
// account, window, request and answer an adapter is handed.
#ifndef TANGGAP_TESTS_PLATFORM_FIXTURES_H_
#define TANGGAP_TESTS_PLATFORM_FIXTURES_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <deque>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "collector/adapter.h"
#include "collector/url.h"
#include "util/time.h"

namespace tanggap::testing {

struct Route {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  int status = 200;
  std::string body;  // file contents, {base} not yet replaced
  std::vector<std::pair<std::string, std::string>> headers;
};

inline std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

inline std::vector<std::string> SplitOn(const std::string& text, const std::string& sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t at = text.find(sep, start);
    out.push_back(text.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) break;
    start = at + sep.size();
  }
  return out;
}

inline std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// Loads DIR/routes.tsv; throws std::runtime_error naming the line on a bad one.
inline std::vector<Route> LoadRoutes(const std::string& dir) {
  std::ifstream in(dir + "/routes.tsv");
  if (!in) throw std::runtime_error("cannot open " + dir + "/routes.tsv");
  std::vector<Route> routes;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (Trim(line).empty() || line[0] == '#') continue;
    std::vector<std::string> cols = SplitOn(line, "\t");
    if (cols.size() != 5) {
      throw std::runtime_error(dir + "/routes.tsv:" + std::to_string(number) +
                               ": expected 5 tab-separated columns");
    }
    Route r;
    r.path = cols[0];
    if (cols[1] != "-") {
      for (const std::string& kv : SplitOn(cols[1], "&")) {
        size_t eq = kv.find('=');
        r.query.emplace_back(kv.substr(0, eq), eq == std::string::npos ? "" : kv.substr(eq + 1));
      }
    }
    r.status = std::stoi(cols[2]);
    if (cols[3] != "-") {
      std::ifstream body(dir + "/" + cols[3], std::ios::binary);
      if (!body)
        throw std::runtime_error(dir + "/routes.tsv:" + std::to_string(number) + ": missing file " +
                                 cols[3]);
      std::stringstream ss;
      ss << body.rdbuf();
      r.body = ss.str();
    }
    if (cols[4] != "-") {
      for (const std::string& h : SplitOn(cols[4], " | ")) {
        size_t colon = h.find(':');
        r.headers.emplace_back(Trim(h.substr(0, colon)), Trim(h.substr(colon + 1)));
      }
    }
    routes.push_back(std::move(r));
  }
  return routes;
}

// The best route for PATH + full URL (for its query), or nullptr.
inline const Route* MatchRoute(const std::vector<Route>& routes, const std::string& path,
                               const std::string& url) {
  const Route* best = nullptr;
  for (const Route& r : routes) {
    if (r.path != path) continue;
    bool ok = true;
    for (const auto& [k, v] : r.query) {
      auto got = collector::QueryParameter(url, k);
      if (!got || *got != v) ok = false;
    }
    if (ok && (!best || r.query.size() > best->query.size())) best = &r;
  }
  return best;
}

// "http://127.0.0.1:8080/api/v1/x?y=1" -> "/api/v1/x".
inline std::string UrlPath(const std::string& url) {
  size_t scheme = url.find("://");
  size_t start = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (start == std::string::npos) return "/";
  size_t end = url.find_first_of("?#", start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// Everything an adapter produced when its requests were answered from routes
// without any network: the offline twin of a collector run.
struct OfflineRun {
  std::vector<Record> records;
  std::vector<std::string> warnings;
  std::vector<std::string> urls;       // every URL requested, in order
  std::vector<std::string> unmatched;  // URLs no route answered (a test bug)
  std::vector<std::string> errors;     // Parse errors, "TAG: message"
  std::optional<int64_t> newest_post_unix;
};

// Breadth-first, as the fetch loop does; at most `max_requests`.
inline OfflineRun RunOffline(collector::Adapter& adapter, const std::vector<Route>& routes,
                             const std::string& base, int max_requests = 2000) {
  OfflineRun run;
  std::deque<collector::Request> queue;
  for (auto& r : adapter.Start()) queue.push_back(std::move(r));
  int sent = 0;
  while (!queue.empty() && sent < max_requests) {
    collector::Request req = std::move(queue.front());
    queue.pop_front();
    ++sent;
    run.urls.push_back(req.url);
    collector::Response resp;
    const Route* route = MatchRoute(routes, UrlPath(req.url), req.url);
    if (!route) {
      run.unmatched.push_back(req.url);
      resp.status = 404;
      resp.body = R"({"error":"Not Found"})";
    } else {
      resp.status = route->status;
      resp.body = ReplaceAll(route->body, "{base}", base);
      for (const auto& [k, v] : route->headers) {
        std::string lower = k;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        resp.headers.emplace_back(lower, ReplaceAll(v, "{base}", base));
      }
    }
    auto parsed = adapter.Parse(req, resp);
    if (!parsed.ok()) {
      run.errors.push_back(req.tag + ": " + parsed.status().message());
      continue;
    }
    for (auto& rec : parsed->records) run.records.push_back(std::move(rec));
    for (auto& w : parsed->warnings) run.warnings.push_back(std::move(w));
    for (auto& f : parsed->follow_ups) queue.push_back(std::move(f));
    if (parsed->newest_post_unix &&
        (!run.newest_post_unix || *parsed->newest_post_unix > *run.newest_post_unix)) {
      run.newest_post_unix = parsed->newest_post_unix;
    }
  }
  return run;
}

// ---- Helpers for the adapter tests ------------------------------------------

// The whole of a fixture or recorded answer; a file that cannot be opened is
// a test failure (and reads as "").
inline std::string ReadDataFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// RFC3339 -> Unix seconds; an unreadable time is a test failure (and 0).
inline int64_t Unix(std::string_view rfc3339) {
  auto t = ParseRfc3339(rfc3339);
  EXPECT_TRUE(t) << rfc3339;
  return t ? t->unix_seconds : 0;
}

// The records of type T, in order.
template <typename T>
std::vector<T> Only(const std::vector<Record>& records) {
  std::vector<T> out;
  for (const Record& r : records) {
    if (const T* t = std::get_if<T>(&r)) out.push_back(*t);
  }
  return out;
}

// What Find matches on: a post's metrics by the post's id, the rest by their own.
template <typename T>
const std::string& RecordKey(const T& t) {
  if constexpr (std::is_same_v<T, Metrics>) {
    return t.post;
  } else {
    return t.id;
  }
}

// The first record of type T with this id (Metrics: of this post), or nullopt.
template <typename T>
std::optional<T> Find(const std::vector<Record>& records, const std::string& id) {
  for (const T& t : Only<T>(records)) {
    if (RecordKey(t) == id) return t;
  }
  return std::nullopt;
}

// The first item with this id (Metrics: of this post), or nullptr.
template <typename T>
const T* Find(const std::vector<T>& items, const std::string& id) {
  for (const T& t : items) {
    if (RecordKey(t) == id) return &t;
  }
  return nullptr;
}

// Whether any of the lines (URLs, warnings) contains the needle.
inline bool AnyContains(const std::vector<std::string>& lines, std::string_view needle) {
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) {
    return line.find(needle) != std::string::npos;
  });
}

inline collector::AccountConfig MakeAccountConfig(Platform platform, std::string handle,
                                                  std::string base_url,
                                                  std::string agency = "Diskominfo") {
  collector::AccountConfig a;
  a.platform = platform;
  a.handle = std::move(handle);
  a.agency = std::move(agency);
  a.base_url = std::move(base_url);
  return a;
}

// A first run at `now` reaching back `backfill_s` (30 days by default).
inline collector::RunWindow FirstRunAt(int64_t now, int64_t backfill_s = 30 * 86400) {
  collector::RunWindow w;
  w.now = now;
  w.backfill_s = backfill_s;
  return w;
}

inline collector::Request MakeRequest(std::string url, std::string tag, std::string post_id = "",
                                      int page = 1) {
  collector::Request r;
  r.url = std::move(url);
  r.tag = std::move(tag);
  r.post_id = std::move(post_id);
  r.page = page;
  return r;
}

// An answer without headers.
inline collector::Response MakeResponse(std::string body, long status = 200) {
  collector::Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

// Hands `body` to the adapter as the answer (`status`, no headers) to the
// first page of a request for `url` tagged `tag` about `post_id` (or none).
inline Result<collector::Parsed> ParseBody(collector::Adapter& adapter, const std::string& tag,
                                           std::string body, long status = 200,
                                           std::string post_id = "",
                                           std::string url = "http://fake.test/x") {
  return adapter.Parse(MakeRequest(std::move(url), tag, std::move(post_id)),
                       MakeResponse(std::move(body), status));
}

}  // namespace tanggap::testing

#endif  // TANGGAP_TESTS_PLATFORM_FIXTURES_H_
