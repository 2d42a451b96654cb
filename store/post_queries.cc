#include "store/post_queries.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "store/store_access.h"

namespace tanggap {
namespace {

using sqlite::Db;
using sqlite::Stmt;

// Steps through every row, calling fn for each; stops at the first error.
template <typename Fn>
Status ForRows(Stmt* q, Fn fn) {
  for (;;) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    fn();
  }
}

int64_t Bounded(int limit) { return std::clamp<int64_t>(limit, 0, 100000); }

// Same decoding as the rollups' writer (store.cc EncodeInts): 8 bytes per
// value, little-endian.
void DecodeInts(std::string_view bytes, std::vector<int64_t>* out) {
  for (size_t i = 0; i + 8 <= bytes.size(); i += 8) {
    uint64_t u = 0;
    for (int b = 7; b >= 0; --b) u = (u << 8) | static_cast<unsigned char>(bytes[i + b]);
    out->push_back(static_cast<int64_t>(u));
  }
}

Status LoadHead(Db& db, int64_t post_row_id, PostDetail* d) {
  Stmt q;
  if (Status s = q.Prepare(db, R"sql(
    SELECT p.id, p.account_id, p.platform, p.platform_id, a.platform || ':' || a.handle, g.name,
      p.created_at, p.created_unix, p.text, p.url, coalesce(p.lang, '')
    FROM posts p JOIN accounts a ON a.id = p.account_id JOIN agencies g ON g.id = a.agency_id
    WHERE p.id = ?1)sql");
      !s.ok()) {
    return s;
  }
  q.Bind(1, post_row_id);
  auto row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no post");
  d->row_id = q.Int(0);
  d->account_row_id = q.Int(1);
  d->platform = q.Text(2);
  d->platform_id = q.Text(3);
  d->account = q.Text(4);
  d->agency = q.Text(5);
  d->created_at = q.Text(6);
  d->created_unix = q.Int(7);
  d->text = q.Text(8);
  d->url = q.OptText(9);
  d->lang = q.Text(10);
  return Status::Ok();
}

// The newest score (highest pack id, one primary-key seek) with its
// findings and per-rule breakdown.
Status LoadScore(Db& db, const PostDetailLimits& limits, PostDetail* d) {
  Stmt q;
  if (Status s = q.Prepare(db, R"sql(
    SELECT pack_id, scored, score, coalesce(not_scored_reason, ''), coalesce(kind, ''),
      CASE WHEN json_valid(details) THEN json_extract(details, '$.stats.words') END,
      CASE WHEN json_valid(details) THEN json_extract(details, '$.stats.sentences') END,
      CASE WHEN json_valid(details) THEN json_extract(details, '$.stats.platform_length') END
    FROM post_scores WHERE post_id = ?1 ORDER BY pack_id DESC LIMIT 1)sql");
      !s.ok()) {
    return s;
  }
  q.Bind(1, d->row_id);
  auto row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Ok();
  const int64_t pack = q.Int(0);
  d->has_score = true;
  d->scored = q.Int(1) != 0;
  d->score = q.OptInt(2);
  d->not_scored_reason = q.Text(3);
  d->kind = q.Text(4);
  d->words = q.OptInt(5);
  d->sentences = q.OptInt(6);
  d->platform_length = q.OptInt(7);

  Stmt b;
  if (Status s = b.Prepare(db, R"sql(
    SELECT coalesce(json_extract(j.value, '$.rule'), ''),
      coalesce(json_extract(j.value, '$.level'), ''),
      coalesce(json_extract(j.value, '$.findings'), 0),
      coalesce(json_extract(j.value, '$.points'), 0)
    FROM post_scores s, json_each(s.details, '$.breakdown') j
    WHERE s.post_id = ?1 AND s.pack_id = ?2 AND json_valid(s.details)
    ORDER BY 4 DESC, 1 LIMIT 200)sql");
      !s.ok()) {
    return s;
  }
  b.Bind(1, d->row_id);
  b.Bind(2, pack);
  if (Status s = ForRows(&b,
                         [&] {
                           d->breakdown.push_back({b.Text(0), b.Text(1), b.Int(2), b.Int(3)});
                         });
      !s.ok()) {
    return s;
  }

  Stmt n;
  if (Status s = n.Prepare(db, "SELECT count(*) FROM findings WHERE post_id = ?1 AND pack_id = ?2");
      !s.ok()) {
    return s;
  }
  n.Bind(1, d->row_id);
  n.Bind(2, pack);
  if (auto r = n.Step(); !r.ok()) return r.status();
  d->finding_count = n.Int(0);

  Stmt f;
  if (Status s = f.Prepare(db, R"sql(
    SELECT rule, level, start_byte, end_byte, start_char, end_char, text, message_id, message_en,
      suggestion_id, suggestion_en, source, media_index
    FROM findings WHERE post_id = ?1 AND pack_id = ?2
    ORDER BY media_index IS NOT NULL, media_index, start_byte, end_byte DESC, id LIMIT ?3)sql");
      !s.ok()) {
    return s;
  }
  f.Bind(1, d->row_id);
  f.Bind(2, pack);
  f.Bind(3, Bounded(limits.findings));
  return ForRows(&f, [&] {
    StoredFinding x;
    x.rule = f.Text(0);
    x.level = f.Text(1);
    x.start_byte = f.Int(2);
    x.end_byte = f.Int(3);
    x.start_char = f.Int(4);
    x.end_char = f.Int(5);
    x.text = f.Text(6);
    x.message_id = f.Text(7);
    x.message_en = f.Text(8);
    x.suggestion_id = f.Text(9);
    x.suggestion_en = f.Text(10);
    x.source = f.Text(11);
    x.media_index = f.OptInt(12);
    d->findings.push_back(std::move(x));
  });
}

Status LoadReplies(Db& db, const PostDetailLimits& limits, PostDetail* d) {
  Stmt n;
  if (Status s = n.Prepare(db, "SELECT count(*) FROM replies WHERE post_id = ?1"); !s.ok()) {
    return s;
  }
  n.Bind(1, d->row_id);
  if (auto r = n.Step(); !r.ok()) return r.status();
  d->reply_count = n.Int(0);

  Stmt q;
  if (Status s = q.Prepare(db, R"sql(
    SELECT r.id, r.platform_id, r.parent_platform_id, r.author_id, coalesce(r.author, ''),
      r.is_agency, r.created_at, r.created_unix, r.text,
      coalesce(l.label, CASE WHEN r.is_agency = 0 AND r.id <= ts.max_reply_id
                            THEN ts.default_label END, ''),
      coalesce(l.needs_answer, 0),
      o.reply_id IS NOT NULL, o.answer_reply_id, coalesce(o.how, ''), o.response_s,
      o.business_response_s,
      t.reply_id IS NOT NULL, t.score, coalesce(t.answers_label, '')
    FROM replies r
    LEFT JOIN reply_labels l ON l.reply_id = r.id
    LEFT JOIN thread_state ts ON ts.post_id = r.post_id
    LEFT JOIN question_outcomes o ON o.reply_id = r.id
    LEFT JOIN reply_tone t ON t.reply_id = r.id
    WHERE r.post_id = ?1 ORDER BY r.created_unix, r.id LIMIT ?2)sql");
      !s.ok()) {
    return s;
  }
  q.Bind(1, d->row_id);
  q.Bind(2, Bounded(limits.replies));
  Status s = ForRows(&q, [&] {
    ReplyDetail r;
    r.row_id = q.Int(0);
    r.platform_id = q.Text(1);
    r.parent = q.OptText(2);
    r.author_id = q.Text(3);
    r.author = q.Text(4);
    r.is_agency = q.Int(5) != 0;
    r.created_at = q.Text(6);
    r.created_unix = q.Int(7);
    r.text = q.Text(8);
    r.label = q.Text(9);
    r.needs_answer = q.Int(10) != 0;
    r.is_question = q.Int(11) != 0;
    r.answer_reply_row_id = q.OptInt(12);
    r.how = q.Text(13);
    r.response_s = q.OptInt(14);
    r.business_response_s = q.OptInt(15);
    r.has_tone = q.Int(16) != 0;
    r.tone_score = q.OptInt(17);
    r.answers_label = q.Text(18);
    d->replies.push_back(std::move(r));
  });
  if (!s.ok()) return s;

  // Tone findings of the thread's agency replies (reply_tone_by_post).
  std::unordered_map<int64_t, size_t> at;
  for (size_t i = 0; i < d->replies.size(); ++i) at[d->replies[i].row_id] = i;
  Stmt t;
  if (s = t.Prepare(db, R"sql(
    SELECT t.reply_id, coalesce(json_extract(j.value, '$.rule'), ''),
      coalesce(json_extract(j.value, '$.level'), ''), coalesce(json_extract(j.value, '$.text'), ''),
      coalesce(json_extract(j.value, '$.start'), 0), coalesce(json_extract(j.value, '$.end'), 0)
    FROM reply_tone t, json_each(t.findings) j
    WHERE t.post_id = ?1 AND json_valid(t.findings) AND json_type(t.findings) = 'array'
    ORDER BY t.reply_id, j.key LIMIT ?2)sql");
      !s.ok()) {
    return s;
  }
  t.Bind(1, d->row_id);
  t.Bind(2, Bounded(limits.tone_findings));
  s = ForRows(&t, [&] {
    auto it = at.find(t.Int(0));
    if (it == at.end()) return;  // a reply beyond the shown ones
    d->replies[it->second].tone_findings.push_back(
        {t.Text(1), t.Text(2), t.Text(3), t.Int(4), t.Int(5)});
  });
  if (!s.ok()) return s;
  ThreadOrder(&d->replies);
  return Status::Ok();
}

Status LoadMetrics(Db& db, const PostDetailLimits& limits, PostDetail* d) {
  Stmt n;
  if (Status s = n.Prepare(db, "SELECT count(*) FROM metric_snapshots WHERE post_id = ?1");
      !s.ok()) {
    return s;
  }
  n.Bind(1, d->row_id);
  if (auto r = n.Step(); !r.ok()) return r.status();
  d->metric_count = n.Int(0);
  Stmt q;
  if (Status s = q.Prepare(db, R"sql(
    SELECT at_unix, likes, shares, replies, quotes, views, followers FROM metric_snapshots
    WHERE post_id = ?1 ORDER BY at_unix DESC LIMIT ?2)sql");
      !s.ok()) {
    return s;
  }
  q.Bind(1, d->row_id);
  q.Bind(2, Bounded(limits.metrics));
  Status s = ForRows(&q, [&] {
    d->metrics.push_back(
        {q.Int(0), q.OptInt(1), q.OptInt(2), q.OptInt(3), q.OptInt(4), q.OptInt(5), q.OptInt(6)});
  });
  std::reverse(d->metrics.begin(), d->metrics.end());
  return s;
}

}  // namespace

void ThreadOrder(std::vector<ReplyDetail>* replies) {
  std::vector<ReplyDetail>& all = *replies;
  // Children of each reply by platform id, in the given (time) order.
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < all.size(); ++i) index.emplace(all[i].platform_id, i);
  std::vector<std::vector<size_t>> children(all.size());
  std::vector<size_t> roots;
  for (size_t i = 0; i < all.size(); ++i) {
    auto parent = all[i].parent ? index.find(*all[i].parent) : index.end();
    if (parent == index.end() || parent->second == i) {
      roots.push_back(i);
    } else {
      children[parent->second].push_back(i);
    }
  }
  // Depth-first from the roots; a reply reached once is placed once, so a
  // cycle (a -> b -> a) cannot loop, and replies only on a cycle (never
  // reached) are appended at depth 0 below.
  std::vector<ReplyDetail> out;
  out.reserve(all.size());
  std::vector<bool> placed(all.size(), false);
  std::vector<std::pair<size_t, int>> stack;
  auto walk = [&](size_t root) {
    stack.push_back({root, 0});
    while (!stack.empty()) {
      auto [i, depth] = stack.back();
      stack.pop_back();
      if (placed[i]) continue;
      placed[i] = true;
      all[i].depth = depth;
      out.push_back(all[i]);
      for (auto c = children[i].rbegin(); c != children[i].rend(); ++c) {
        if (!placed[*c]) stack.push_back({*c, depth + 1});
      }
    }
  };
  for (size_t r : roots) walk(r);
  for (size_t i = 0; i < all.size(); ++i) {
    if (!placed[i]) walk(i);
  }
  all = std::move(out);
}

Result<std::optional<PostDetail>> LoadPostDetail(Store& store, int64_t post_row_id,
                                                 const std::vector<int64_t>& visible_accounts,
                                                 const PostDetailLimits& limits) {
  Db& db = StoreAccess::db(store);
  PostDetail d;
  Status s = LoadHead(db, post_row_id, &d);
  if (s.code() == Status::Code::kNotFound) return std::optional<PostDetail>();
  if (!s.ok()) return s;
  if (std::find(visible_accounts.begin(), visible_accounts.end(), d.account_row_id) ==
      visible_accounts.end()) {
    return std::optional<PostDetail>();
  }
  if (s = LoadScore(db, limits, &d); !s.ok()) return s;
  if (s = LoadReplies(db, limits, &d); !s.ok()) return s;
  if (s = LoadMetrics(db, limits, &d); !s.ok()) return s;
  return std::optional<PostDetail>(std::move(d));
}

Result<PeriodFigures> AccountPeriodFigures(Store& store,
                                           const std::vector<int64_t>& account_row_ids,
                                           int64_t first_day, int64_t last_day,
                                           size_t max_accounts) {
  Db& db = StoreAccess::db(store);
  PeriodFigures out;
  if (last_day < first_day || account_row_ids.empty()) return out;
  // Everything comes from the daily rollups, clarity too (clarity_n and
  // clarity_sum: the posts' newest rated scores as of the last analysis,
  // as the reports show them). Reading each post's newest score instead
  // took 290 ms for a supervisor's 32 accounts on the benchmark database.
  Stmt rollups;
  Status s = rollups.Prepare(db, R"sql(
    SELECT questions, answered, response_s, clarity_n, clarity_sum FROM daily_rollups
    WHERE account_id = ?1 AND day >= ?2 AND day <= ?3 ORDER BY day LIMIT ?4)sql");
  if (!s.ok()) return s;
  const int64_t days = last_day - first_day + 1;
  std::vector<int64_t> times;
  int64_t score_sum = 0;
  const size_t n = std::min(max_accounts, account_row_ids.size());
  for (size_t i = 0; i < n; ++i) {
    rollups.Bind(1, account_row_ids[i]);
    rollups.Bind(2, first_day);
    rollups.Bind(3, last_day);
    rollups.Bind(4, days);
    s = ForRows(&rollups, [&] {
      out.questions += rollups.Int(0);
      out.answered += rollups.Int(1);
      DecodeInts(rollups.BlobView(2), &times);
      out.scored_posts += rollups.Int(3);
      score_sum += rollups.Int(4);
    });
    rollups.Reset();
    if (!s.ok()) return s;
  }
  if (out.scored_posts > 0) {
    out.clarity_avg = static_cast<double>(score_sum) / static_cast<double>(out.scored_posts);
  }
  if (out.questions > 0) {
    out.response_rate = static_cast<double>(out.answered) / static_cast<double>(out.questions);
  }
  if (!times.empty()) {
    // Nearest rank, lower: the same median the reports use.
    auto mid = times.begin() + static_cast<std::ptrdiff_t>((times.size() - 1) / 2);
    std::nth_element(times.begin(), mid, times.end());
    out.median_first_response = *mid;
  }
  return out;
}

}  // namespace tanggap
