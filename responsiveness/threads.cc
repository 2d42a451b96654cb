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

void ResponseAccumulator::Add(int64_t asked_unix, int64_t response_s, int64_t business_response_s,
                              int64_t as_of, int64_t sla_s) {
  ++s_.questions;
  const bool answered = response_s >= 0;
  if (answered) {
    ++s_.answered;
    wall_.push_back(response_s);
    if (business_response_s >= 0) business_.push_back(business_response_s);
    if (response_s <= 2 * 3600) {
      ++s_.bucket_0_2h;
    } else if (response_s <= 8 * 3600) {
      ++s_.bucket_2_8h;
    } else if (response_s <= 24 * 3600) {
      ++s_.bucket_8_24h;
    } else {
      ++s_.bucket_over_24h;
    }
  } else {
    ++s_.unanswered;
  }
  if (asked_unix + sla_s <= as_of) {
    ++judged_;
    judged_answered_ += answered;
    within_ += answered && response_s <= sla_s;
  }
}

void ResponseAccumulator::AddJudged(int64_t questions, const std::vector<int64_t>& sorted,
                                    const std::vector<int64_t>& business_s, int64_t sla_s) {
  // Answered times are >= 0 and sorted, so every count is a binary search.
  const auto first = std::lower_bound(sorted.begin(), sorted.end(), int64_t{0});
  const auto upto = [&](int64_t limit) {
    return std::upper_bound(first, sorted.end(), limit) - first;
  };
  const int64_t answered = sorted.end() - first;
  const int64_t unanswered = std::max<int64_t>(0, questions - static_cast<int64_t>(sorted.size())) +
                             (first - sorted.begin());
  s_.questions += answered + unanswered;
  s_.answered += answered;
  s_.unanswered += unanswered;
  const int64_t in_2h = upto(2 * 3600), in_8h = upto(8 * 3600), in_24h = upto(24 * 3600);
  s_.bucket_0_2h += in_2h;
  s_.bucket_2_8h += in_8h - in_2h;
  s_.bucket_8_24h += in_24h - in_8h;
  s_.bucket_over_24h += answered - in_24h;
  judged_ += answered + unanswered;
  judged_answered_ += answered;
  within_ += upto(sla_s);
  wall_.insert(wall_.end(), first, sorted.end());
  const size_t pairs = std::min(sorted.size(), business_s.size());
  for (size_t k = 0; k < pairs; ++k) {
    if (sorted[k] >= 0 && business_s[k] >= 0) business_.push_back(business_s[k]);
  }
}

ResponseStats ResponseAccumulator::Finish() {
  ResponseStats s = s_;
  if (judged_ > 0) {
    s.response_rate = static_cast<double>(judged_answered_) / static_cast<double>(judged_);
    s.within_sla_rate = static_cast<double>(within_) / static_cast<double>(judged_);
  }
  if (!wall_.empty()) {
    std::sort(wall_.begin(), wall_.end());
    s.median_s = NearestRank(&wall_, 0.5);
    s.p90_s = NearestRank(&wall_, 0.9);
    long double sum = 0;  // exact: 64 mantissa bits, sums of seconds stay far below 2^64
    for (int64_t v : wall_) sum += v;
    s.mean_s = static_cast<int64_t>(std::llround(sum / static_cast<long double>(wall_.size())));
  }
  if (!business_.empty()) {
    std::sort(business_.begin(), business_.end());
    s.business_median_s = NearestRank(&business_, 0.5);
    s.business_p90_s = NearestRank(&business_, 0.9);
  }
  *this = ResponseAccumulator();
  return s;
}

ResponseStats SummarizeResponses(const std::vector<QuestionOutcome>& outcomes, int64_t as_of,
                                 int64_t sla_s) {
  ResponseAccumulator acc;
  for (const QuestionOutcome& o : outcomes) {
    acc.Add(o.asked_unix, o.response_s, o.business_response_s, as_of, sla_s);
  }
  return acc.Finish();
}

}  // namespace tanggap
