// The HTTP layer: one libcurl easy handle per client, GET only. See
// docs/http-client.md for what it promises to the fetch loop.
#include "collector/http_client.h"

#include <curl/curl.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <mutex>
#include <random>
#include <thread>

#include "collector/url.h"
#include "util/time.h"

namespace tanggap::collector {
namespace {

using std::chrono::milliseconds;

// Bounds on what a server may make us keep. Real API headers are a few
// hundred bytes; anything far larger is ignored rather than stored.
constexpr size_t kMaxHeaderLine = 8 * 1024;
constexpr size_t kMaxHeaders = 200;
// Rate-limit values are short numbers, dates or small JSON objects.
constexpr size_t kMaxRateValue = 4 * 1024;
// The usage JSON nests at most object > array > object; a little slack.
constexpr size_t kMaxJsonDepth = 8;
// Integers above this are absolute unix times, below it delta seconds
// (10^9 s is 2001-09-09; no window lasts 31 years).
constexpr int64_t kEpochThreshold = 1'000'000'000;
// Waits are clamped to this before converting to milliseconds, so absurd
// header values cannot overflow; anything this long is Busy anyway.
constexpr int64_t kMaxWaitSeconds = 10LL * 365 * 86400;
constexpr int kMaxRedirects = 3;

// ---- small text helpers ---------------------------------------------------

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) { return Lower(a) == Lower(b); }

// A non-negative decimal integer filling all of `s`; nullopt on anything
// else, overflow included.
std::optional<int64_t> ParseDigits(std::string_view s) {
  if (s.empty() || s.size() > 19 || s[0] < '0' || s[0] > '9') return std::nullopt;
  int64_t value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || value < 0) return std::nullopt;
  return value;
}

int64_t ClampSeconds(int64_t s) { return std::clamp<int64_t>(s, 0, kMaxWaitSeconds); }

milliseconds SecondsToMs(int64_t s) { return milliseconds(ClampSeconds(s) * 1000); }

int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// ---- rate-limit header values ---------------------------------------------

// A count such as "300". IETF drafts allow "100, 100;w=60" (the first item
// is the effective one), so a list or parameter suffix is tolerated; any
// other trailing text makes the value unreadable.
std::optional<int64_t> ParseCount(std::string_view value) {
  value = Trim(value);
  size_t end = value.find_first_of(",;");
  std::string_view head = Trim(value.substr(0, end));
  return ParseDigits(head);
}

// A reset time as seconds from `now`: delta seconds, epoch seconds (by
// magnitude), or an RFC 3339 time (Mastodon). Times in the past give 0.
std::optional<int64_t> ParseReset(std::string_view value, int64_t now) {
  value = Trim(value);
  if (auto n = ParseCount(value)) {
    return ClampSeconds(*n > kEpochThreshold ? *n - now : *n);
  }
  if (auto t = ParseRfc3339(value)) return ClampSeconds(t->unix_seconds - now);
  return std::nullopt;
}

int MonthFromName(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (EqualsIgnoreCase(name, kMonths[i])) return static_cast<int>(i) + 1;
  }
  return 0;
}

bool IsDayOrZoneName(std::string_view word) {
  static constexpr std::array<std::string_view, 16> kWords = {
      "mon",     "tue",       "wed",      "thu",    "fri",      "sat",    "sun", "monday",
      "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "gmt", "utc"};
  for (std::string_view w : kWords) {
    if (EqualsIgnoreCase(word, w)) return true;
  }
  return false;
}

// "HH:MM:SS" -> seconds of the day.
std::optional<int64_t> ParseClock(std::string_view s) {
  if (s.size() != 8 || s[2] != ':' || s[5] != ':') return std::nullopt;
  auto h = ParseDigits(s.substr(0, 2)), m = ParseDigits(s.substr(3, 2)),
       sec = ParseDigits(s.substr(6, 2));
  if (!h || !m || !sec || *h > 23 || *m > 59 || *sec > 59) return std::nullopt;
  return *h * 3600 + *m * 60 + *sec;
}

// An HTTP date in any of the three forms HTTP recipients must accept:
// "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT" and
// "Sun Nov  6 08:49:37 1994". Read as tokens so one parser serves all three;
// every token must be understood, or the value is ignored.
std::optional<int64_t> ParseHttpDate(std::string_view text) {
  int64_t day = -1, year = -1, month = 0;
  std::optional<int64_t> clock;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ' || text[i] == ',' || text[i] == '-') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != ',' && text[j] != '-') ++j;
    std::string_view token = text.substr(i, j - i);
    i = j;
    if (token.find(':') != std::string_view::npos) {
      if (clock) return std::nullopt;
      clock = ParseClock(token);
      if (!clock) return std::nullopt;
    } else if (auto n = ParseDigits(token)) {
      if (day < 0 && token.size() <= 2) {
        day = *n;
      } else if (year < 0 && (token.size() == 4 || token.size() == 2)) {
        // Two-digit years (RFC 850) are read as 1970..2069.
        year = token.size() == 4 ? *n : (*n >= 70 ? 1900 + *n : 2000 + *n);
      } else {
        return std::nullopt;
      }
    } else if (int m = MonthFromName(token); m != 0 && month == 0) {
      month = m;
    } else if (!IsDayOrZoneName(token)) {
      return std::nullopt;
    }
  }
  if (day < 1 || day > 31 || month == 0 || year < 1970 || year > 9999 || !clock) {
    return std::nullopt;
  }
  int64_t days = DaysFromCivil(static_cast<int>(year), static_cast<unsigned>(month),
                               static_cast<unsigned>(day));
  int y = 0;
  unsigned m = 0, d = 0;
  CivilFromDays(days, &y, &m, &d);
  if (static_cast<int64_t>(d) != day) return std::nullopt;  // 31 Feb and friends
  return days * 86400 + *clock;
}

std::optional<int64_t> ParseRetryAfter(std::string_view value, int64_t now) {
  value = Trim(value);
  if (auto n = ParseDigits(value)) return ClampSeconds(*n);
  if (auto t = ParseHttpDate(value)) return ClampSeconds(*t - now);
  return std::nullopt;
}

// What the Graph API usage headers say: the highest percentage seen and the
// longest estimated_time_to_regain_access (minutes).
struct Usage {
  std::optional<double> percent;
  std::optional<int64_t> regain_minutes;
};

bool IsUsageKey(std::string_view key) {
  return key == "call_count" || key == "total_time" || key == "total_cputime";
}

void NoteNumber(std::string_view key, simdjson::dom::element value, Usage* usage) {
  double number = 0;
  if (value.get_double().get(number) != simdjson::SUCCESS || !std::isfinite(number) || number < 0) {
    return;
  }
  if (IsUsageKey(key)) {
    usage->percent = std::max(usage->percent.value_or(0), number);
  } else if (key == "estimated_time_to_regain_access") {
    auto minutes = static_cast<int64_t>(std::min(number, 1e9));
    usage->regain_minutes = std::max(usage->regain_minutes.value_or(0), minutes);
  }
}

// X-App-Usage is one flat object; X-Business-Use-Case-Usage maps business
// ids to arrays of such objects. Walking every object to a small depth reads
// both (and X-Page-Usage) without caring which header it is.
void WalkUsage(simdjson::dom::element e, size_t depth, Usage* usage) {
  if (depth > kMaxJsonDepth) return;
  simdjson::dom::object object;
  simdjson::dom::array array;
  if (e.get_object().get(object) == simdjson::SUCCESS) {
    for (auto field : object) {
      if (field.value.is_number()) {
        NoteNumber(field.key, field.value, usage);
      } else {
        WalkUsage(field.value, depth + 1, usage);
      }
    }
  } else if (e.get_array().get(array) == simdjson::SUCCESS) {
    for (simdjson::dom::element item : array) WalkUsage(item, depth + 1, usage);
  }
}

void ReadUsage(std::string_view value, simdjson::dom::parser* parser, Usage* usage) {
  simdjson::dom::element root;
  if (parser->parse(value.data(), value.size(), true).get(root) != simdjson::SUCCESS) return;
  WalkUsage(root, 0, usage);
}

// ---- URLs -----------------------------------------------------------------

// The URL without "user:password@", for messages; RedactUrl then removes
// credential query parameters.
std::string WithoutUserinfo(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  size_t start = scheme + 3;
  size_t end = url.find_first_of("/?#", start);
  std::string_view authority = url.substr(start, end == std::string_view::npos ? end : end - start);
  size_t at = authority.rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  return std::string(url.substr(0, start)) + "REDACTED@" + std::string(url.substr(start + at + 1));
}

std::string ForMessage(std::string_view url) { return RedactUrl(WithoutUserinfo(url)); }

// Every message leaves through here, so a secret that slipped into a curl
// error text is still caught.
Status IoError(const std::string& message) { return Status::IOError(RedactSecrets(message)); }
Status BusyError(const std::string& message) { return Status::Busy(RedactSecrets(message)); }

struct Origin {
  std::string scheme;  // lower case
  std::string host;    // lower case
  std::string port;    // always present (default port filled in)
};

// Parses with libcurl's own URL parser, so policy decisions see the URL the
// way the transfer will.
std::optional<Origin> ParseOrigin(const std::string& url) {
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> handle(curl_url(), &curl_url_cleanup);
  if (!handle || curl_url_set(handle.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    return std::nullopt;
  }
  auto part = [&](CURLUPart which, unsigned flags) -> std::optional<std::string> {
    char* text = nullptr;
    if (curl_url_get(handle.get(), which, &text, flags) != CURLUE_OK || text == nullptr) {
      return std::nullopt;
    }
    std::string out = Lower(text);
    curl_free(text);
    return out;
  };
  auto scheme = part(CURLUPART_SCHEME, 0);
  auto host = part(CURLUPART_HOST, 0);
  auto port = part(CURLUPART_PORT, CURLU_DEFAULT_PORT);
  if (!scheme || !host || !port) return std::nullopt;
  return Origin{*scheme, *host, *port};
}

bool IsRedirect(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// Transport failures worth another try: the server or the path to it may
// recover. DNS, TLS and protocol errors will not, so they fail at once.
bool IsRetryable(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_COULDNT_CONNECT:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return true;
    default:
      return false;
  }
}

std::string Seconds(milliseconds ms) {
  // Round up: "asked to wait 0 s" would read as no wait at all.
  return std::to_string((ms.count() + 999) / 1000) + " s";
}

std::once_flag curl_global_once;

// ---- libcurl callbacks ----------------------------------------------------

struct Sink {
  Response* response = nullptr;
  size_t max_body = 0;
  bool too_large = false;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  size_t n = size * count;
  if (n > sink->max_body - std::min(sink->max_body, sink->response->body.size())) {
    sink->too_large = true;
    return 0;  // anything short of n makes libcurl abort with CURLE_WRITE_ERROR
  }
  sink->response->body.append(data, n);
  return n;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  size_t n = size * count;
  std::string_view line(data, n);
  auto& headers = sink->response->headers;
  // A status line opens a new block (1xx interim answers come first); only
  // the final block describes the response.
  if (line.starts_with("HTTP/")) {
    headers.clear();
    return n;
  }
  // Continuation lines (obsolete folding) and oversized lines are dropped
  // rather than stored; nothing the rate-limit reader needs looks like that.
  if (line.size() > kMaxHeaderLine || headers.size() >= kMaxHeaders || line.empty() ||
      line[0] == ' ' || line[0] == '\t') {
    return n;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return n;
  headers.emplace_back(Lower(Trim(line.substr(0, colon))),
                       std::string(Trim(line.substr(colon + 1))));
  return n;
}

// One request/response on the wire.
struct Exchange {
  CURLcode code = CURLE_OK;
  bool too_large = false;
  std::string detail;  // libcurl's words for a failure
  Response response;
  std::string redirect_url;  // where a 3xx points, absolute
};

}  // namespace

// ---- pure functions -------------------------------------------------------

RateLimit ReadRateLimit(const Response& response, int64_t now) {
  RateLimit out;
  auto value = [&](std::string_view name) -> std::optional<std::string_view> {
    auto v = response.Header(name);
    if (!v || v->size() > kMaxRateValue) return std::nullopt;
    return v;
  };
  // The three families name the same three facts; a response carries one.
  static constexpr std::array<std::array<std::string_view, 3>, 3> kFamilies = {{
      {"ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"},           // IETF, Bluesky
      {"x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset"},  // X
      {"x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"},     // Mastodon
  }};
  for (const auto& family : kFamilies) {
    if (auto v = value(family[0]); v && !out.limit) out.limit = ParseCount(*v);
    if (auto v = value(family[1]); v && !out.remaining) out.remaining = ParseCount(*v);
    if (auto v = value(family[2]); v && !out.reset_after_s) out.reset_after_s = ParseReset(*v, now);
  }
  if (auto v = value("retry-after")) out.retry_after_s = ParseRetryAfter(*v, now);

  Usage usage;
  std::optional<simdjson::dom::parser> parser;  // only for Graph API answers
  for (std::string_view name : {"x-app-usage", "x-page-usage", "x-business-use-case-usage"}) {
    auto v = value(name);
    if (!v) continue;
    if (!parser) {
      parser.emplace(kMaxRateValue);
      if (parser->allocate(kMaxRateValue, kMaxJsonDepth) != simdjson::SUCCESS) break;
    }
    ReadUsage(*v, &*parser, &usage);
  }
  out.usage_percent = usage.percent;
  // Graph API gives no reset, only how long until access returns once spent.
  if (usage.regain_minutes.value_or(0) > 0 && !out.reset_after_s) {
    out.reset_after_s = ClampSeconds(*usage.regain_minutes * 60);
  }
  return out;
}

milliseconds PacingDelay(const RateLimit& limit, const HttpOptions& options) {
  bool low = false;
  if (limit.remaining && *limit.remaining == 0) low = true;
  if (limit.remaining && limit.limit && *limit.limit > 0) {
    low |= static_cast<double>(*limit.remaining) <
           options.slow_down_below * static_cast<double>(*limit.limit);
  }
  if (limit.usage_percent) low |= 100.0 - *limit.usage_percent < options.slow_down_below * 100.0;
  milliseconds delay{0};
  if (low) {
    // Graph API usage comes without a reset time: pause for the longest
    // backoff, which lets the rolling window drain a little.
    delay = limit.reset_after_s ? SecondsToMs(*limit.reset_after_s) : options.backoff_max;
  }
  // A Retry-After on a successful answer is still a request to slow down.
  if (limit.retry_after_s) delay = std::max(delay, SecondsToMs(*limit.retry_after_s));
  return std::max(delay, milliseconds(0));
}

// ---- the client -----------------------------------------------------------

struct HttpClient::Impl {
  HttpOptions options;
  SleepFn sleep;
  CURL* curl = nullptr;
  std::string init_error;  // why the handle is unusable, empty when fine
  std::mt19937 rng;
  // When the next request may go out, from the last response's headers.
  std::optional<std::chrono::steady_clock::time_point> paced_until;
  char error[CURL_ERROR_SIZE] = {};

  Impl(HttpOptions opts, SleepFn fn) : options(std::move(opts)), sleep(std::move(fn)) {
    if (!sleep) sleep = [](milliseconds ms) { std::this_thread::sleep_for(ms); };
    // Seeded per client so clients started together do not retry in step.
    std::random_device seed;
    rng.seed(seed());
    std::call_once(curl_global_once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    curl = curl_easy_init();
    if (curl == nullptr) {
      init_error = "libcurl could not create a transfer handle";
    } else {
      Configure();
    }
  }
  ~Impl() {
    if (curl != nullptr) curl_easy_cleanup(curl);
  }

  template <typename T>
  void Set(CURLoption option, T value, const char* what) {
    if (curl_easy_setopt(curl, option, value) != CURLE_OK && init_error.empty()) {
      init_error = std::string("libcurl refused option ") + what;
    }
  }

  // Options that hold for every request. TLS peer and host verification
  // stay at libcurl's defaults (on); nothing here may weaken them.
  void Configure() {
    long connect_ms = static_cast<long>(std::max<int64_t>(1, options.connect_timeout.count()));
    long total_ms = static_cast<long>(std::max<int64_t>(1, options.total_timeout.count()));
    Set(CURLOPT_NOSIGNAL, 1L, "NOSIGNAL");  // worker threads: no SIGALRM for DNS timeouts
    Set(CURLOPT_PROTOCOLS_STR, "http,https", "PROTOCOLS_STR");
    Set(CURLOPT_FOLLOWLOCATION, 0L, "FOLLOWLOCATION");    // Get follows by its own policy
    Set(CURLOPT_ACCEPT_ENCODING, "", "ACCEPT_ENCODING");  // every decoder libcurl has
    Set(CURLOPT_CONNECTTIMEOUT_MS, connect_ms, "CONNECTTIMEOUT_MS");
    Set(CURLOPT_TIMEOUT_MS, total_ms, "TIMEOUT_MS");
    Set(CURLOPT_USERAGENT, options.user_agent.c_str(), "USERAGENT");
    Set(CURLOPT_TCP_KEEPALIVE, 1L, "TCP_KEEPALIVE");
    Set(CURLOPT_ERRORBUFFER, error, "ERRORBUFFER");
    Set(CURLOPT_WRITEFUNCTION, &OnBody, "WRITEFUNCTION");
    Set(CURLOPT_HEADERFUNCTION, &OnHeader, "HEADERFUNCTION");
  }

  Exchange Perform(const std::string& url, const std::vector<std::string>& headers) {
    Exchange ex;
    Sink sink{&ex.response, options.max_body_bytes, false};
    curl_slist* list = nullptr;
    for (const std::string& h : headers) list = curl_slist_append(list, h.c_str());
    error[0] = '\0';
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &sink);
    ex.code = curl_easy_perform(curl);
    // The handle outlives this list; it must not keep pointing at it.
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    curl_slist_free_all(list);
    ex.too_large = sink.too_large;
    if (ex.code != CURLE_OK) {
      ex.detail = curl_easy_strerror(ex.code);
      if (error[0] != '\0') ex.detail += std::string(" (") + error + ")";
      return ex;
    }
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &ex.response.status);
    char* location = nullptr;
    if (IsRedirect(ex.response.status) &&
        curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location) {
      ex.redirect_url = location;
    }
    return ex;
  }

  // Full jitter: uniform in [0, min(max, base * 2^attempt)].
  milliseconds Backoff(int attempt) {
    int64_t cap = std::max<int64_t>(0, options.backoff_base.count());
    int64_t max = std::max<int64_t>(0, options.backoff_max.count());
    for (int i = 0; i < attempt && cap < max; ++i) cap *= 2;
    cap = std::min(cap, max);
    return milliseconds(std::uniform_int_distribution<int64_t>(0, cap)(rng));
  }
};

HttpClient::HttpClient(HttpOptions options, SleepFn sleep)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(sleep))) {}

HttpClient::~HttpClient() = default;

namespace {

// Header lines go to the wire verbatim; a CR or LF inside one would let a
// value smuggle in extra headers. The value itself is never echoed.
Status CheckHeaders(const std::vector<std::string>& headers) {
  for (size_t i = 0; i < headers.size(); ++i) {
    if (headers[i].find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) {
      return Status::InvalidArgument("request header #" + std::to_string(i + 1) +
                                     " contains a line break or NUL; refused");
    }
  }
  return Status::Ok();
}

// Follow a redirect only where it cannot leak or downgrade: to https
// anywhere, or to the very same origin (tests and plain-http mirrors).
bool RedirectAllowed(const Origin& from, const Origin& to) {
  if (to.scheme == "https") return true;
  return to.scheme == from.scheme && to.host == from.host && to.port == from.port;
}

}  // namespace

Result<Response> HttpClient::Get(const std::string& url, const std::vector<std::string>& headers) {
  Impl& im = *impl_;
  const HttpOptions& opt = im.options;
  if (!im.init_error.empty()) return IoError("GET " + ForMessage(url) + ": " + im.init_error);
  std::optional<Origin> origin = ParseOrigin(url);
  if (!origin || (origin->scheme != "http" && origin->scheme != "https")) {
    return Status::InvalidArgument(
        RedactSecrets("GET " + ForMessage(url) + ": not an http or https URL"));
  }
  if (Status s = CheckHeaders(headers); !s.ok()) return s;

  auto wait = [&](milliseconds ms, bool rate_limited) {
    stats_.waited += ms;
    if (rate_limited) ++stats_.rate_limit_waits;
    im.sleep(ms);
  };

  // Pacing asked for by the previous response of this client.
  if (im.paced_until) {
    auto left = std::chrono::ceil<milliseconds>(*im.paced_until - std::chrono::steady_clock::now());
    if (left > opt.max_wait) {
      // Kept: later calls stay Busy until the window has reset.
      return BusyError("GET " + ForMessage(url) + " not sent: the last response's rate-limit " +
                       "headers ask to wait " + Seconds(left) + ", more than the " +
                       Seconds(opt.max_wait) + " allowed; the quota is nearly spent for now");
    }
    im.paced_until.reset();
    if (left > milliseconds(0)) wait(left, true);
  }

  std::string current = url;
  Origin current_origin = *origin;
  bool send_headers = true;
  int redirects = 0;
  int attempt = 0;  // retries used so far
  for (;;) {
    ++stats_.requests;
    static const std::vector<std::string> kNoHeaders;
    Exchange ex = im.Perform(current, send_headers ? headers : kNoHeaders);
    const std::string where = "GET " + ForMessage(current);

    if (ex.code != CURLE_OK) {
      if (ex.too_large) {
        return IoError(where + ": response body exceeded " + std::to_string(opt.max_body_bytes) +
                       " bytes; refused");
      }
      if (!IsRetryable(ex.code)) return IoError(where + " failed: " + ex.detail);
      if (attempt >= opt.max_retries) {
        return IoError(where + " failed after " + std::to_string(attempt + 1) +
                       " attempts: " + ex.detail);
      }
      wait(im.Backoff(attempt), false);
      ++attempt;
      ++stats_.retries;
      continue;
    }

    long status = ex.response.status;
    if (!ex.redirect_url.empty()) {
      std::optional<Origin> to = ParseOrigin(ex.redirect_url);
      if (++redirects > kMaxRedirects) {
        return IoError(where + ": more than " + std::to_string(kMaxRedirects) + " redirects");
      }
      if (!to || !RedirectAllowed(current_origin, *to)) {
        return IoError(where + ": redirect (HTTP " + std::to_string(status) + ") to " +
                       ForMessage(ex.redirect_url) +
                       " refused; only https or same-origin targets are followed");
      }
      // The caller's headers carry credentials meant for the original host.
      send_headers = send_headers && to->host == origin->host;
      current = ex.redirect_url;
      current_origin = *to;
      continue;
    }

    if (status == 429 || (status >= 500 && status <= 599)) {
      RateLimit rl = ReadRateLimit(ex.response, UnixNow());
      std::optional<milliseconds> asked;
      if (rl.retry_after_s) {
        asked = SecondsToMs(*rl.retry_after_s);
      } else if (status == 429 && rl.reset_after_s.value_or(0) > 0) {
        asked = SecondsToMs(*rl.reset_after_s);
      }
      if (asked && *asked > opt.max_wait) {
        return BusyError(where + " answered HTTP " + std::to_string(status) +
                         "; the platform asks to wait " + Seconds(*asked) + ", more than the " +
                         Seconds(opt.max_wait) + " allowed; try again after that");
      }
      if (attempt >= opt.max_retries) {
        std::string what = where + " answered HTTP " + std::to_string(status) + " after " +
                           std::to_string(attempt + 1) + " attempts";
        if (status == 429) return BusyError(what + "; the rate limit is spent for now");
        return IoError(what + "; the server is failing, try again later");
      }
      wait(asked ? *asked : im.Backoff(attempt), status == 429);
      ++attempt;
      ++stats_.retries;
      continue;
    }

    milliseconds pace = PacingDelay(ReadRateLimit(ex.response, UnixNow()), opt);
    if (pace > milliseconds(0)) im.paced_until = std::chrono::steady_clock::now() + pace;
    return std::move(ex.response);
  }
}

}  // namespace tanggap::collector
