#include "jobs/score_posts.h"

#include <algorithm>
#include <thread>
#include <vector>

#include "util/json_writer.h"

namespace tanggap {
namespace {

void AppendDouble(std::string* out, double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  out->append(buf);
}

void AppendStats(std::string* out, const scorer::TextStats& s) {
  out->append("{\"words\":");
  AppendJsonInt(out, s.words);
  out->append(",\"sentences\":");
  AppendJsonInt(out, s.sentences);
  out->append(",\"paragraphs\":");
  AppendJsonInt(out, s.paragraphs);
  out->append(",\"syllables\":");
  AppendJsonInt(out, s.syllables);
  out->append(",\"long_words\":");
  AppendJsonInt(out, s.long_words);
  out->append(",\"characters\":");
  AppendJsonInt(out, s.characters);
  out->append(",\"platform_length\":");
  if (s.platform_length >= 0) {
    AppendJsonInt(out, s.platform_length);
  } else {
    out->append("null");
  }
  out->append(",\"words_per_sentence\":");
  AppendDouble(out, s.words_per_sentence);
  out->append(",\"long_word_share\":");
  AppendDouble(out, s.long_word_share);
  out->append(",\"flesch_id_experimental\":");
  AppendDouble(out, s.flesch_id);
  out->push_back('}');
}

void AppendBreakdown(std::string* out, const std::vector<scorer::Deduction>& breakdown) {
  out->push_back('[');
  for (size_t i = 0; i < breakdown.size(); ++i) {
    const scorer::Deduction& d = breakdown[i];
    if (i) out->push_back(',');
    out->append("{\"rule\":");
    AppendJsonString(out, d.rule);
    out->append(",\"level\":");
    AppendJsonString(out, scorer::LevelName(d.level));
    out->append(",\"findings\":");
    AppendJsonInt(out, d.findings);
    out->append(",\"points\":");
    AppendJsonInt(out, d.points);
    out->push_back('}');
  }
  out->push_back(']');
}

}  // namespace

StoredScore ToStoredScore(int64_t post_row_id, const scorer::ScoreResult& r) {
  StoredScore s;
  s.post_row_id = post_row_id;
  s.scored = r.scored;
  if (r.scored) s.score = r.score;
  s.not_scored_reason = r.not_scored_reason;
  s.language = r.language;
  s.kind = r.kind;
  s.details_json = "{\"stats\":";
  AppendStats(&s.details_json, r.stats);
  s.details_json += ",\"breakdown\":";
  AppendBreakdown(&s.details_json, r.breakdown);
  s.details_json += "}";
  for (const scorer::Finding& f : r.findings) {
    StoredFinding sf;
    sf.rule = f.rule;
    sf.level = std::string(scorer::LevelName(f.level));
    sf.start_byte = f.start;
    sf.end_byte = f.end;
    sf.start_char = f.char_start;
    sf.end_char = f.char_end;
    sf.text = f.text;
    sf.message_id = f.message.id;
    sf.message_en = f.message.In("en");
    sf.suggestion_id = f.suggestion.id;
    sf.suggestion_en = f.suggestion.In("en");
    sf.source = f.source;
    if (f.media_index >= 0) sf.media_index = f.media_index;
    s.findings.push_back(std::move(sf));
  }
  return s;
}

std::string ScoreResultJson(const scorer::ScoreResult& r, std::string_view lang,
                            const FindingJsonExtra& extra) {
  std::string out = "{\"score\":";
  if (r.scored) {
    AppendJsonInt(&out, r.score);
  } else {
    out.append("null");
  }
  out.append(",\"scored\":");
  out.append(r.scored ? "true" : "false");
  out.append(",\"not_scored_reason\":");
  if (r.scored) {
    out.append("null");
  } else {
    AppendJsonString(&out, r.not_scored_reason);
  }
  out.append(",\"language\":");
  AppendJsonString(&out, r.language);
  out.append(",\"kind\":");
  AppendJsonString(&out, r.kind);
  out.append(",\"findings\":[");
  for (size_t i = 0; i < r.findings.size(); ++i) {
    const scorer::Finding& f = r.findings[i];
    if (i) out.push_back(',');
    out.append("{\"rule\":");
    AppendJsonString(&out, f.rule);
    out.append(",\"level\":");
    AppendJsonString(&out, scorer::LevelName(f.level));
    out.append(",\"start\":");
    AppendJsonInt(&out, f.start);
    out.append(",\"end\":");
    AppendJsonInt(&out, f.end);
    out.append(",\"char_start\":");
    AppendJsonInt(&out, f.char_start);
    out.append(",\"char_end\":");
    AppendJsonInt(&out, f.char_end);
    out.append(",\"text\":");
    AppendJsonString(&out, f.text);
    out.append(",\"message\":");
    AppendJsonString(&out, f.message.In(lang));
    out.append(",\"suggestion\":");
    AppendJsonString(&out, f.suggestion.In(lang));
    out.append(",\"media_index\":");
    if (f.media_index >= 0) {
      AppendJsonInt(&out, f.media_index);
    } else {
      out.append("null");
    }
    out.append(",\"source\":");
    AppendJsonString(&out, f.source);
    if (extra) extra(f, &out);
    out.push_back('}');
  }
  out.append("],\"breakdown\":");
  AppendBreakdown(&out, r.breakdown);
  out.append(",\"stats\":");
  AppendStats(&out, r.stats);
  out.push_back('}');
  return out;
}

Result<ScorePostsStats> ScorePosts(Store* store, const scorer::RulePack& pack,
                                   const ScorePostsOptions& options,
                                   const std::function<void(int64_t, int64_t)>& progress) {
  auto pack_id = store->RegisterRulePack(pack.name(), pack.version());
  if (!pack_id.ok()) return pack_id.status();
  auto total = store->CountPostsToScore(*pack_id, options.all);
  if (!total.ok()) return total.status();
  ScorePostsStats stats;
  stats.total = *total;
  int threads = options.threads > 0
                    ? options.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int batch = std::max(1, options.batch);
  int64_t after = 0, done = 0;
  double score_sum = 0;
  // Bounded: every round consumes at least one post, and there are `total`
  // (posts imported meanwhile are left for the next run).
  while (done < stats.total) {
    auto posts = store->PostsToScore(*pack_id, options.all, after, batch);
    if (!posts.ok()) return posts.status();
    if (posts->empty()) break;
    after = posts->back().row_id;
    std::vector<scorer::ScoreResult> results(posts->size());
    auto work = [&](size_t begin, size_t step) {
      for (size_t i = begin; i < posts->size(); i += step) {
        const Post& p = (*posts)[i].post;
        results[i] = pack.Score(scorer::ScoreInput{p.text, p.platform, p.media});
      }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
      pool.emplace_back(work, static_cast<size_t>(t), static_cast<size_t>(threads));
    work(0, static_cast<size_t>(threads));
    for (auto& t : pool) t.join();
    if (Status s = store->Begin(); !s.ok()) return s;
    for (size_t i = 0; i < posts->size(); ++i) {
      if (Status s = store->SaveScore(*pack_id, ToStoredScore((*posts)[i].row_id, results[i]));
          !s.ok()) {
        store->Rollback();
        return s;
      }
      if (results[i].scored) {
        ++stats.scored;
        score_sum += results[i].score;
      } else {
        ++stats.not_scored;
      }
    }
    if (Status s = store->Commit(); !s.ok()) {
      store->Rollback();
      return s;
    }
    done += static_cast<int64_t>(posts->size());
    if (progress) progress(std::min(done, stats.total), stats.total);
    if (static_cast<int>(posts->size()) < batch) break;
  }
  if (stats.scored > 0) stats.mean_score = score_sum / static_cast<double>(stats.scored);
  return stats;
}

}  // namespace tanggap
