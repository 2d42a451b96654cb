#include "responsiveness/threads.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace tanggap {
namespace {

// True when `text` mentions @handle as a whole mention (case-insensitive).
bool Mentions(const std::string& text, const std::string& handle) {
  if (handle.empty()) return false;
  auto lower = [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  };
  for (size_t at = text.find('@'); at != std::string::npos; at = text.find('@', at + 1)) {
    size_t i = at + 1, k = 0;
    while (k < handle.size() && i < text.size() && lower(text[i]) == lower(handle[k])) ++i, ++k;
    if (k != handle.size()) continue;
    bool boundary =
        i == text.size() || !(std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_' ||
                              (text[i] == '.' && i + 1 < text.size() &&
                               std::isalnum(static_cast<unsigned char>(text[i + 1]))));
    if (boundary) return true;
  }
  return false;
}

}  // namespace

ThreadAnalysis AnalyzeThread(int64_t post_created_unix, const std::vector<ThreadReply>& replies,
                             const AttributionOptions& options, const WorkingCalendar& calendar) {
  ThreadAnalysis out;
  const size_t n = replies.size();
  std::unordered_map<std::string_view, size_t> by_id;
  by_id.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    if (!by_id.emplace(replies[i].id, i).second) {
      out.anomalies.push_back("reply " + replies[i].id + ": duplicate id; the first one is used");
    }
  }
  // Resolve parents; a missing parent or a loop makes a reply top level.
  constexpr size_t kNone = static_cast<size_t>(-1);
  std::vector<size_t> parent(n, kNone);
  for (size_t i = 0; i < n; ++i) {
    if (!replies[i].parent) continue;
    auto it = by_id.find(*replies[i].parent);
    if (it == by_id.end()) {
      out.anomalies.push_back("reply " + replies[i].id + ": parent " + *replies[i].parent +
                              " not found; treated as top level");
    } else if (it->second != i) {
      parent[i] = it->second;
    }
  }
  for (size_t i = 0; i < n; ++i) {
    size_t steps = 0;
    for (size_t p = parent[i]; p != kNone; p = parent[p]) {
      if (++steps > n) {  // longer than the thread: a loop
        out.anomalies.push_back("reply " + replies[i].id +
                                ": parent links loop; treated as top level");
        parent[i] = kNone;
        break;
      }
    }
  }
  auto is_below = [&](size_t child, size_t ancestor) {
    size_t steps = 0;
    for (size_t p = parent[child]; p != kNone && steps <= n; p = parent[p], ++steps) {
      if (p == ancestor) return true;
    }
    return false;
  };
  auto asked_at = [&](size_t i) {
    if (replies[i].created_unix < post_created_unix) {
      out.anomalies.push_back("reply " + replies[i].id +
                              ": dated before its post; counted from the post's time");
      return post_created_unix;
    }
    return replies[i].created_unix;
  };
  // Agency replies in time order (ties by input order) for earliest-first search.
  std::vector<size_t> agency;
  for (size_t i = 0; i < n; ++i) {
    if (replies[i].is_agency) agency.push_back(i);
  }
  std::stable_sort(agency.begin(), agency.end(), [&](size_t a, size_t b) {
    return replies[a].created_unix < replies[b].created_unix;
  });
  for (size_t q = 0; q < n; ++q) {
    const ThreadReply& r = replies[q];
    if (r.is_agency || !r.needs_answer) continue;
    QuestionOutcome o;
    o.question = q;
    o.asked_unix = asked_at(q);
    auto in_window = [&](size_t a) {
      int64_t t = replies[a].created_unix;
      return t >= o.asked_unix - options.max_skew_s && t <= o.asked_unix + options.window_s;
    };
    for (const char* how : {"direct", "thread", "mention"}) {
      for (size_t a : agency) {
        if (!in_window(a)) continue;
        bool fits = std::string_view(how) == "direct" ? parent[a] == q
                    : std::string_view(how) == "thread"
                        ? is_below(a, q)
                        : r.author && replies[a].created_unix >= o.asked_unix &&
                              Mentions(replies[a].text, *r.author);
        if (fits) {
          o.answer = a;
          o.how = how;
          break;
        }
      }
      if (o.answer) break;
    }
    if (o.answer) {
      int64_t answered = std::max(replies[*o.answer].created_unix, o.asked_unix);
      o.response_s = answered - o.asked_unix;
      o.business_response_s = BusinessSeconds(o.asked_unix, answered, calendar);
    }
    out.questions.push_back(std::move(o));
  }
  return out;
}

namespace {

int64_t NearestRank(std::vector<int64_t>* sorted_values, double p) {
  size_t n = sorted_values->size();
  size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(n)));
  rank = std::clamp<size_t>(rank, 1, n);
  return (*sorted_values)[rank - 1];
}

}  // namespace

ResponseStats SummarizeResponses(const std::vector<QuestionOutcome>& outcomes, int64_t as_of,
                                 int64_t sla_s) {
  ResponseStats s;
  std::vector<int64_t> wall, business;
  int64_t judged = 0, judged_answered = 0, within = 0;
  for (const QuestionOutcome& o : outcomes) {
    ++s.questions;
    bool answered = o.response_s >= 0;
    bool old_enough = o.asked_unix + sla_s <= as_of;
    if (answered) {
      ++s.answered;
      wall.push_back(o.response_s);
      if (o.business_response_s >= 0) business.push_back(o.business_response_s);
      int64_t h = o.response_s;
      if (h <= 2 * 3600) {
        ++s.bucket_0_2h;
      } else if (h <= 8 * 3600) {
        ++s.bucket_2_8h;
      } else if (h <= 24 * 3600) {
        ++s.bucket_8_24h;
      } else {
        ++s.bucket_over_24h;
      }
    } else {
      ++s.unanswered;
    }
    if (old_enough) {
      ++judged;
      judged_answered += answered;
      within += answered && o.response_s <= sla_s;
    }
  }
  if (judged > 0) {
    s.response_rate = static_cast<double>(judged_answered) / static_cast<double>(judged);
    s.within_sla_rate = static_cast<double>(within) / static_cast<double>(judged);
  }
  if (!wall.empty()) {
    std::sort(wall.begin(), wall.end());
    s.median_s = NearestRank(&wall, 0.5);
    s.p90_s = NearestRank(&wall, 0.9);
    long double sum = 0;
    for (int64_t v : wall) sum += v;
    s.mean_s = static_cast<int64_t>(std::llround(sum / static_cast<long double>(wall.size())));
  }
  if (!business.empty()) {
    std::sort(business.begin(), business.end());
    s.business_median_s = NearestRank(&business, 0.5);
    s.business_p90_s = NearestRank(&business, 0.9);
  }
  return s;
}

}  // namespace tanggap
