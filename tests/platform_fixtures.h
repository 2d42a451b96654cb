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
#ifndef TANGGAP_TESTS_PLATFORM_FIXTURES_H_
#define TANGGAP_TESTS_PLATFORM_FIXTURES_H_

#include <cctype>
#include <deque>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "collector/adapter.h"
#include "collector/url.h"

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

}  // namespace tanggap::testing

#endif  // TANGGAP_TESTS_PLATFORM_FIXTURES_H_
