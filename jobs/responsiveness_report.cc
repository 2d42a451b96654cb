#include "jobs/responsiveness_report.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <thread>

#include "util/csv.h"
#include "util/json_writer.h"
#include "util/ordered_pipeline.h"
#include "util/time.h"

namespace tanggap {
namespace {

std::string CuesJson(const std::vector<scorer::FiredCue>& cues) {
  std::string out = "[";
  for (size_t i = 0; i < cues.size(); ++i) {
    if (i) out.push_back(',');
    out += "{\"label\":";
    AppendJsonString(&out, cues[i].label);
    out += ",\"pattern\":";
    AppendJsonString(&out, cues[i].pattern);
    out += ",\"text\":";
    AppendJsonString(&out, cues[i].text);
    out += "}";
  }
  return out + "]";
}

}  // namespace

namespace {

// Adds the wall time of its scope to *total.
class StageTimer {
 public:
  explicit StageTimer(double* total) : total_(total), start_(std::chrono::steady_clock::now()) {}
  ~StageTimer() {
    *total_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  StageTimer(const StageTimer&) = delete;
  StageTimer& operator=(const StageTimer&) = delete;

 private:
  double* total_;
  std::chrono::steady_clock::time_point start_;
};

// Everything computed for one thread, ready to be saved.
struct ThreadWork {
  ThreadResult result;
  int64_t answered = 0, anomalies = 0;
};

// Equal for replies that differ only in case, spacing, punctuation and the
// @mention of the asker: one template pasted many times.
int64_t TemplateHash(std::string_view text) {
  uint64_t h = 1469598103934665603ull;
  bool space = false, in_mention = false;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '@') {
      in_mention = true;
      continue;
    }
    bool word = std::isalnum(c) || c >= 0x80;
    if (in_mention) {
      if (word || c == '_' || c == '.') continue;
      in_mention = false;
    }
    if (!word) {
      space = true;
      continue;
    }
    if (space) {
      h = (h ^ ' ') * 1099511628211ull;
      space = false;
    }
    h = (h ^ static_cast<unsigned char>(std::tolower(c))) * 1099511628211ull;
  }
  return static_cast<int64_t>(h);
}

std::string FindingsJson(const scorer::ScoreResult& r) {
  std::string out = "[";
  for (size_t i = 0; i < r.findings.size(); ++i) {
    const scorer::Finding& f = r.findings[i];
    if (i) out.push_back(',');
    out += "{\"rule\":";
    AppendJsonString(&out, f.rule);
    out += ",\"level\":";
    AppendJsonString(&out, scorer::LevelName(f.level));
    out += ",\"start\":" + std::to_string(f.start) + ",\"end\":" + std::to_string(f.end);
    out += ",\"text\":";
    AppendJsonString(&out, f.text);
    out += "}";
  }
  return out + "]";
}

// Classification, attribution and tone of one loaded thread. The replies'
// strings move out of `thread` (saving needs only its ids and counts): a
// full recompute would otherwise copy every reply's text once more.
ThreadWork ComputeThread(StoredThread* thread, const scorer::ReplyClassifier& classifier,
                         const scorer::RulePack* tone_pack, const WorkingCalendar& calendar,
                         const AttributionOptions& attribution) {
  ThreadWork w;
  const std::string& default_label = classifier.DefaultLabel();
  w.result.default_label = default_label;
  std::vector<ThreadReply> replies;
  std::vector<std::string> label_of(thread->replies.size());
  replies.reserve(thread->replies.size());
  for (size_t i = 0; i < thread->replies.size(); ++i) {
    StoredThread::Reply& r = thread->replies[i];
    ThreadReply t{std::move(r.id), std::move(r.parent), std::move(r.author_id), std::move(r.author),
                  r.is_agency,     r.created_unix,      std::move(r.text),      false};
    if (!r.is_agency) {
      scorer::ReplyLabel label = classifier.Classify(t.text);
      t.needs_answer = label.needs_answer;
      label_of[i] = label.label;
      // Most replies are plain chatter: one default per thread stands for
      // all of them (ThreadResult::default_label) instead of a row each.
      if (label.needs_answer || !label.cues.empty() || label.label != default_label) {
        w.result.labels.push_back(
            {r.row_id, std::move(label.label), label.needs_answer, CuesJson(label.cues)});
      }
    }
    replies.push_back(std::move(t));
  }
  ThreadAnalysis analysis =
      AnalyzeThread(thread->post_created_unix, replies, attribution, calendar);
  std::vector<std::string> answers(thread->replies.size(), "lainnya");
  for (const QuestionOutcome& q : analysis.questions) {
    StoredOutcome o;
    o.reply_row_id = thread->replies[q.question].row_id;
    o.asked_unix = q.asked_unix;
    if (q.answer) {
      o.answer_reply_row_id = thread->replies[*q.answer].row_id;
      o.how = q.how;
      o.response_s = q.response_s;
      o.business_response_s = q.business_response_s;
      answers[*q.answer] = label_of[q.question];
      ++w.answered;
    }
    w.result.outcomes.push_back(o);
  }
  for (size_t i = 0; i < replies.size(); ++i) {
    const ThreadReply& r = replies[i];
    if (!r.is_agency) continue;
    StoredTone tone;
    tone.reply_row_id = thread->replies[i].row_id;
    tone.created_unix = r.created_unix;
    tone.answers_label = answers[i];
    tone.text_hash = TemplateHash(r.text);
    if (tone_pack) {
      scorer::ScoreInput input{r.text, std::nullopt, {}};
      input.kind = tone.answers_label;
      scorer::ScoreResult scored = tone_pack->Score(input);
      if (scored.scored) {
        tone.score = scored.score;
        tone.findings_json = FindingsJson(scored);
      }
    }
    w.result.tones.push_back(std::move(tone));
  }
  w.result.anomalies_json = "[";
  for (size_t i = 0; i < analysis.anomalies.size(); ++i) {
    if (i) w.result.anomalies_json.push_back(',');
    AppendJsonString(&w.result.anomalies_json, analysis.anomalies[i]);
  }
  w.result.anomalies_json += "]";
  w.anomalies = static_cast<int64_t>(analysis.anomalies.size());
  return w;
}

}  // namespace

Result<AnalyzeStats> AnalyzeThreads(Store* store, const scorer::ReplyClassifier& classifier,
                                    const scorer::RulePack* tone_pack,
                                    const WorkingCalendar& calendar, const std::string& version,
                                    const AnalyzeOptions& options,
                                    const std::function<void(int64_t)>& progress) {
  AnalyzeStats stats;
  const int batch = std::max(1, options.batch);
  const size_t workers = options.threads > 0
                             ? static_cast<size_t>(options.threads)
                             : std::max<size_t>(1, std::thread::hardware_concurrency());
  // A full recompute clears every old result before its first batch and
  // then only inserts, without per-thread deletes, index upkeep or
  // foreign-key checks (Store::BeginRecompute). Readers meanwhile see a
  // partial picture, as with any recompute; nothing is lost on a crash, as
  // the next incremental run redoes threads that have no state.
  bool cleared = !options.all;
  std::vector<std::pair<int64_t, int64_t>> touched;  // (account row id, WIB day)
  struct Batch {
    std::vector<StoredThread> threads;
    std::vector<ThreadWork> work;
    double compute_s = 0;
  };
  auto save = [&](const Batch& b) -> Status {
    StageTimer timer(&stats.save_s);
    if (!cleared) {
      if (Status s = store->BeginRecompute(); !s.ok()) return s;
      cleared = true;
    }
    if (Status s = store->Begin(); !s.ok()) return s;
    for (size_t i = 0; i < b.threads.size(); ++i) {
      const StoredThread& thread = b.threads[i];
      const ThreadWork& w = b.work[i];
      if (Status s = store->SaveThread(thread, version, w.result, /*fresh=*/options.all); !s.ok()) {
        store->Rollback();
        return s;
      }
      if (!options.all) {
        // The post's day and the 30 after it (their relative engagement
        // looks back 30 days), and every day a question or answer fell on.
        const int64_t day = WibDay(thread.post_created_unix);
        for (int64_t d = day; d <= day + 30; ++d) touched.emplace_back(thread.account_row_id, d);
        for (const StoredOutcome& o : w.result.outcomes) {
          touched.emplace_back(thread.account_row_id, WibDay(o.asked_unix));
        }
        for (const StoredTone& t : w.result.tones) {
          touched.emplace_back(thread.account_row_id, WibDay(t.created_unix));
        }
      }
      ++stats.threads;
      stats.replies += static_cast<int64_t>(thread.replies.size());
      stats.questions += static_cast<int64_t>(w.result.outcomes.size());
      stats.answered += w.answered;
      stats.anomalies += w.anomalies;
    }
    if (Status s = store->Commit(); !s.ok()) {
      store->Rollback();
      return s;
    }
    if (progress) progress(stats.threads);
    return Status::Ok();
  };
  // Three stages overlap (util/ordered_pipeline.h): a second connection
  // loads batches, workers classify whole batches on every core, and this
  // thread writes them in order. When no second connection can be had,
  // this thread loads too, between writes.
  std::unique_ptr<Store> own_reader;
  Store* reader = store;
  if (auto opened = store->OpenReader(); opened.ok()) {
    own_reader = std::move(*opened);
    reader = own_reader.get();
  }
  int64_t after = 0;
  bool more = true;
  // The next batch with at least one thread, or none at the end.
  auto load = [&]() -> Result<std::optional<Batch>> {
    StageTimer timer(&stats.load_s);
    while (more) {
      auto ids = reader->ThreadsToAnalyze(version, options.all, after, batch);
      if (!ids.ok()) return ids.status();
      more = static_cast<int>(ids->size()) == batch;
      if (ids->empty()) break;
      after = ids->back();
      auto threads = reader->LoadThreads(*ids);
      if (!threads.ok()) return threads.status();
      if (!threads->empty()) {
        Batch b;
        b.threads = std::move(*threads);
        return std::optional<Batch>(std::move(b));
      }
    }
    return std::optional<Batch>();
  };
  auto compute = [&](Batch* b) {
    StageTimer timer(&b->compute_s);
    b->work.reserve(b->threads.size());
    for (StoredThread& thread : b->threads) {
      b->work.push_back(
          ComputeThread(&thread, classifier, tone_pack, calendar, options.attribution));
    }
  };
  PipelineOptions pipeline;
  pipeline.workers = workers;
  pipeline.max_in_flight = workers + 2;
  pipeline.produce_alone = reader != store;
  Status looped = RunOrderedPipeline<Batch>(pipeline, load, compute, [&](Batch* b) {
    stats.compute_s += b->compute_s;
    return save(*b);
  });
  if (options.all) {
    // Every rollup is rebuilt. The second connection reads what the batches
    // saved, in plain scans, while this one builds the indexes (which
    // come back even when a batch failed).
    std::optional<Result<std::vector<DayRollup>>> rollups;
    std::thread reading;
    if (looped.ok() && reader != store) {
      reading = std::thread([&] {
        StageTimer timer(&stats.rollups_s);
        rollups = reader->ComputeAllRollups();
      });
    }
    if (cleared) {
      StageTimer timer(&stats.indexes_s);
      Status ended = store->EndRecompute();
      if (looped.ok()) looped = ended;
    }
    if (reading.joinable()) reading.join();
    if (!looped.ok()) return looped;
    Status written = [&]() -> Status {
      StageTimer timer(&stats.rollups_s);
      if (!rollups) rollups = store->ComputeAllRollups();
      if (!rollups->ok()) return rollups->status();
      if (Status s = store->Begin(); !s.ok()) return s;
      if (Status s = store->ReplaceAllRollups(**rollups); !s.ok()) {
        store->Rollback();
        return s;
      }
      if (Status s = store->Commit(); !s.ok()) {
        store->Rollback();
        return s;
      }
      return Status::Ok();
    }();
    if (!written.ok()) return written;
    stats.days = static_cast<int64_t>((*rollups)->size());
    return stats;
  }
  if (!looped.ok()) return looped;
  // Rollups of the days the changed threads touch, in one transaction.
  if (!touched.empty()) {
    StageTimer timer(&stats.rollups_s);
    if (Status s = store->Begin(); !s.ok()) return s;
    if (Status s = store->RebuildRollups(touched); !s.ok()) {
      store->Rollback();
      return s;
    }
    if (Status s = store->Commit(); !s.ok()) {
      store->Rollback();
      return s;
    }
    std::sort(touched.begin(), touched.end());
    stats.days =
        static_cast<int64_t>(std::unique(touched.begin(), touched.end()) - touched.begin());
  }
  return stats;
}

std::string PeriodKey(int64_t day, Period period) {
  int y;
  unsigned m, d;
  CivilFromDays(day, &y, &m, &d);
  char buf[48];
  switch (period) {
    case Period::kAll:
      return "";
    case Period::kDay:
      std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
      return buf;
    case Period::kMonth:
      std::snprintf(buf, sizeof buf, "%04d-%02u", y, m);
      return buf;
    case Period::kWeek: {
      // ISO 8601 week: the week belongs to the year of its Thursday.
      int64_t weekday = ((day % 7) + 7 + 3) % 7;  // 0 = Monday (1970-01-01 was a Thursday)
      int64_t thursday = day - weekday + 3;
      int ty;
      unsigned tm, td;
      CivilFromDays(thursday, &ty, &tm, &td);
      int64_t week = (thursday - DaysFromCivil(ty, 1, 1)) / 7 + 1;
      std::snprintf(buf, sizeof buf, "%04d-W%02lld", ty, static_cast<long long>(week));
      return buf;
    }
  }
  return "";
}

std::vector<std::string> PeriodKeys(int64_t first_day, int64_t last_day, Period period) {
  std::vector<std::string> keys;
  if (period == Period::kAll) return {""};
  for (int64_t day = first_day; day <= last_day;) {
    keys.push_back(PeriodKey(day, period));
    int y;
    unsigned m, d;
    CivilFromDays(day, &y, &m, &d);
    switch (period) {
      case Period::kDay:
        day += 1;
        break;
      case Period::kWeek:
        day += 7 - ((day % 7) + 7 + 3) % 7;  // the next Monday
        break;
      default:
        day = m == 12 ? DaysFromCivil(y + 1, 1, 1) : DaysFromCivil(y, m + 1, 1);
    }
  }
  return keys;
}

namespace {

struct ReportAcc {
  ResponseAccumulator responses;
  int64_t posts = 0, rated = 0, views_posts = 0, relative_n = 0, tone_n = 0, tone_sum = 0;
  int64_t clarity_n = 0, clarity_sum = 0;
  double rate_sum = 0, views_rate_sum = 0, relative_sum = 0;
  std::map<std::string, int64_t> kinds;
  int64_t templates = 0;
};

}  // namespace

Result<std::vector<ReportRow>> BuildReport(Store* store, const ReportOptions& o) {
  auto rollups = store->Rollups(o.first_day, o.last_day, o.accounts);
  if (!rollups.ok()) return rollups.status();
  std::map<int64_t, std::vector<std::string>> trainees;
  if (o.by == GroupBy::kTrainee) {
    auto t = store->AccountTrainees();
    if (!t.ok()) return t.status();
    trainees = std::move(*t);
  }
  std::map<std::pair<std::string, std::string>, ReportAcc> groups;
  std::map<std::string, std::vector<std::string>> groups_of_account;  // "platform:handle" -> groups
  auto groups_for = [&](const DayRollup& r) -> std::vector<std::string> {
    switch (o.by) {
      case GroupBy::kAgency:
        return {r.agency};
      case GroupBy::kAccount:
        return {r.account};
      case GroupBy::kTrainee: {
        auto it = trainees.find(r.account_row_id);
        return it == trainees.end() ? std::vector<std::string>{"(tanpa peserta)"} : it->second;
      }
    }
    return {};
  };
  // Days still inside their SLA are judged from the raw outcomes (the
  // rollup has no ask times); older days from the rollup alone.
  int64_t raw_from = std::numeric_limits<int64_t>::max();
  for (const DayRollup& r : *rollups) {
    const int64_t sla_s = static_cast<int64_t>(r.sla_hours * 3600);
    const bool judged_whole = WibDayStart(r.day + 1) + sla_s <= o.as_of;
    for (const std::string& g : groups_for(r)) {
      groups_of_account[r.account].push_back(g);
      ReportAcc& a = groups[{g, PeriodKey(r.day, o.period)}];
      if (judged_whole) a.responses.AddJudged(r.questions, r.response_s, r.business_s, sla_s);
      a.posts += r.posts;
      a.rated += r.rated_posts;
      a.rate_sum += r.rate_sum;
      a.views_posts += r.views_posts;
      a.views_rate_sum += r.views_rate_sum;
      a.relative_n += r.relative_n;
      a.relative_sum += r.relative_sum;
      a.tone_n += r.tone_n;
      a.tone_sum += r.tone_sum;
      a.clarity_n += r.clarity_n;
      a.clarity_sum += r.clarity_sum;
      for (const auto& [kind, n] : r.kinds) a.kinds[kind] += n;
    }
    if (!judged_whole) raw_from = std::min(raw_from, WibDayStart(r.day));
  }
  for (auto& [account, list] : groups_of_account) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  if (raw_from != std::numeric_limits<int64_t>::max()) {
    auto raw = store->Outcomes(raw_from, WibDayStart(o.last_day + 1), o.accounts);
    if (!raw.ok()) return raw.status();
    for (const OutcomeRow& r : *raw) {
      const int64_t sla_s = static_cast<int64_t>(r.sla_hours * 3600);
      const int64_t day = WibDay(r.asked_unix);
      if (WibDayStart(day + 1) + sla_s <= o.as_of) continue;  // counted from its rollup
      auto it = groups_of_account.find(r.account);
      if (it == groups_of_account.end()) continue;
      for (const std::string& g : it->second) {
        groups[{g, PeriodKey(day, o.period)}].responses.Add(r.asked_unix, r.response_s.value_or(-1),
                                                            r.business_response_s.value_or(-1),
                                                            o.as_of, sla_s);
      }
    }
  }
  if (o.period == Period::kAll) {
    auto templates = store->TemplateReplies(WibDayStart(o.first_day), WibDayStart(o.last_day + 1),
                                            o.template_min_uses, o.accounts);
    if (!templates.ok()) return templates.status();
    for (const auto& [account, n] : *templates) {
      auto it = groups_of_account.find(account);
      if (it == groups_of_account.end()) continue;
      for (const std::string& g : it->second) groups[{g, ""}].templates += n;
    }
  }
  std::vector<ReportRow> rows;
  for (auto& [key, a] : groups) {
    ReportRow row;
    row.group = key.first;
    row.period = key.second;
    row.responses = a.responses.Finish();
    row.posts = a.posts;
    row.scored_posts = a.clarity_n;
    if (a.clarity_n > 0) {
      row.clarity_avg = static_cast<double>(a.clarity_sum) / static_cast<double>(a.clarity_n);
    }
    if (a.rated > 0) row.engagement_rate = a.rate_sum / static_cast<double>(a.rated);
    if (a.views_posts > 0) {
      row.engagement_rate_by_views = a.views_rate_sum / static_cast<double>(a.views_posts);
    }
    if (a.relative_n > 0)
      row.relative_engagement = a.relative_sum / static_cast<double>(a.relative_n);
    if (a.tone_n > 0)
      row.tone_score_avg = static_cast<double>(a.tone_sum) / static_cast<double>(a.tone_n);
    row.agency_replies = a.tone_n;
    row.template_replies = a.templates;
    if (a.posts > 0) {
      for (const auto& [kind, n] : a.kinds) {
        row.content_mix[kind.empty() ? "belum dinilai" : kind] =
            static_cast<double>(n) / static_cast<double>(a.posts);
      }
      if (!o.content_mix_target.empty()) {
        double gap = 0;
        std::map<std::string, double> all = o.content_mix_target;
        for (const auto& [kind, share] : row.content_mix) all.emplace(kind, 0.0);
        for (const auto& [kind, target] : all) {
          auto it = row.content_mix.find(kind);
          gap += std::abs((it == row.content_mix.end() ? 0.0 : it->second) - target);
        }
        row.content_mix_gap = gap / 2;
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

namespace {

void Opt(std::string* out, const std::optional<int64_t>& v) {
  if (v) {
    AppendJsonInt(out, *v);
  } else {
    out->append("null");
  }
}

void OptD(std::string* out, const std::optional<double>& v) {
  if (!v) {
    out->append("null");
    return;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", *v);
  out->append(buf);
}

}  // namespace

std::string ReportJson(const std::vector<ReportRow>& rows) {
  std::string out = "[";
  for (size_t i = 0; i < rows.size(); ++i) {
    const ReportRow& r = rows[i];
    const ResponseStats& s = r.responses;
    if (i) out.push_back(',');
    out += "{\"group\":";
    AppendJsonString(&out, r.group);
    out += ",\"period\":";
    AppendJsonString(&out, r.period);
    out += ",\"questions\":";
    AppendJsonInt(&out, s.questions);
    out += ",\"answered\":";
    AppendJsonInt(&out, s.answered);
    out += ",\"unanswered\":";
    AppendJsonInt(&out, s.unanswered);
    out += ",\"response_rate\":";
    OptD(&out, s.response_rate);
    out += ",\"within_sla_rate\":";
    OptD(&out, s.within_sla_rate);
    out += ",\"first_response_median_s\":";
    Opt(&out, s.median_s);
    out += ",\"first_response_mean_s\":";
    Opt(&out, s.mean_s);
    out += ",\"first_response_p90_s\":";
    Opt(&out, s.p90_s);
    out += ",\"first_response_business_median_s\":";
    Opt(&out, s.business_median_s);
    out += ",\"first_response_business_p90_s\":";
    Opt(&out, s.business_p90_s);
    out += ",\"buckets\":{\"0_2h\":";
    AppendJsonInt(&out, s.bucket_0_2h);
    out += ",\"2_8h\":";
    AppendJsonInt(&out, s.bucket_2_8h);
    out += ",\"8_24h\":";
    AppendJsonInt(&out, s.bucket_8_24h);
    out += ",\"over_24h\":";
    AppendJsonInt(&out, s.bucket_over_24h);
    out += ",\"unanswered\":";
    AppendJsonInt(&out, s.unanswered);
    out += "},\"posts\":";
    AppendJsonInt(&out, r.posts);
    out += ",\"scored_posts\":";
    AppendJsonInt(&out, r.scored_posts);
    out += ",\"clarity_avg\":";
    OptD(&out, r.clarity_avg);
    out += ",\"engagement_rate\":";
    OptD(&out, r.engagement_rate);
    out += ",\"engagement_rate_by_views\":";
    OptD(&out, r.engagement_rate_by_views);
    out += ",\"relative_engagement\":";
    OptD(&out, r.relative_engagement);
    out += ",\"tone_score_avg\":";
    OptD(&out, r.tone_score_avg);
    out += ",\"agency_replies\":";
    AppendJsonInt(&out, r.agency_replies);
    out += ",\"template_replies\":";
    AppendJsonInt(&out, r.template_replies);
    out += ",\"content_mix_gap\":";
    OptD(&out, r.content_mix_gap);
    out += ",\"content_mix\":{";
    bool first = true;
    for (const auto& [kind, share] : r.content_mix) {
      if (!first) out.push_back(',');
      first = false;
      AppendJsonString(&out, kind);
      out.push_back(':');
      OptD(&out, share);
    }
    out += "}}";
  }
  return out + "]";
}

namespace {

std::string Cell(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : ""; }
std::string Cell(const std::optional<double>& v, const char* fmt = "%.4f") {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, fmt, *v);
  return buf;
}

std::string Duration(const std::optional<int64_t>& s) {
  if (!s) return "-";
  char buf[32];
  if (*s < 3600) {
    std::snprintf(buf, sizeof buf, "%lldm", static_cast<long long>(*s / 60));
  } else if (*s < 86400 * 2) {
    std::snprintf(buf, sizeof buf, "%.1fj", static_cast<double>(*s) / 3600);
  } else {
    std::snprintf(buf, sizeof buf, "%.1fh", static_cast<double>(*s) / 86400);
  }
  return buf;
}

}  // namespace

std::string ReportCsv(const std::vector<ReportRow>& rows) {
  std::string out =
      "group,period,questions,answered,unanswered,response_rate,within_sla_rate,first_response_"
      "median_s,"
      "first_response_mean_s,first_response_p90_s,first_response_business_median_s,"
      "first_response_business_p90_s,bucket_0_2h,bucket_2_8h,bucket_8_24h,bucket_over_24h,posts,"
      "engagement_rate,engagement_rate_by_views,relative_engagement,tone_score_avg,"
      "agency_replies,template_replies,content_mix_gap,mix_layanan,mix_edukasi,mix_seremonial,"
      "mix_lainnya,scored_posts,clarity_avg\r\n";
  for (const ReportRow& r : rows) {
    const ResponseStats& s = r.responses;
    std::string group;
    AppendCsvCell(&group, r.group);
    auto mix = [&](const char* kind) {
      auto it = r.content_mix.find(kind);
      return it == r.content_mix.end() ? std::string("0") : Cell(std::optional<double>(it->second));
    };
    std::string period;
    AppendCsvCell(&period, r.period);
    out += group + "," + period + "," + std::to_string(s.questions) + "," +
           std::to_string(s.answered) + "," + std::to_string(s.unanswered) + "," +
           Cell(s.response_rate) + "," + Cell(s.within_sla_rate) + "," + Cell(s.median_s) + "," +
           Cell(s.mean_s) + "," + Cell(s.p90_s) + "," + Cell(s.business_median_s) + "," +
           Cell(s.business_p90_s) + "," + std::to_string(s.bucket_0_2h) + "," +
           std::to_string(s.bucket_2_8h) + "," + std::to_string(s.bucket_8_24h) + "," +
           std::to_string(s.bucket_over_24h) + "," + std::to_string(r.posts) + "," +
           Cell(r.engagement_rate) + "," + Cell(r.engagement_rate_by_views) + "," +
           Cell(r.relative_engagement) + "," + Cell(r.tone_score_avg, "%.1f") + "," +
           std::to_string(r.agency_replies) + "," + std::to_string(r.template_replies) + "," +
           Cell(r.content_mix_gap) + "," + mix("layanan") + "," + mix("edukasi") + "," +
           mix("seremonial") + "," + mix("lainnya") + "," + std::to_string(r.scored_posts) + "," +
           Cell(r.clarity_avg, "%.1f") + "\r\n";
  }
  return out;
}

std::string ReportText(const std::vector<ReportRow>& rows) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-26s %6s %7s %8s %8s %8s %6s %7s %7s %5s %5s  %s\n", "Grup",
                "Tanya", "Dijawab", "Median", "Median", "Dalam", "Belum", "Engage", "Unggah",
                "Jelas", "Nada", "Layanan/Edukasi/Seremonial");
  out += line;
  std::snprintf(line, sizeof line, "%-26s %6s %7s %8s %8s %8s %6s %7s %7s %5s %5s\n", "", "",
                "(rate)", "(jam)", "(kerja)", "SLA", "", "(%)", "", "", "");
  out += line;
  for (const ReportRow& r : rows) {
    const ResponseStats& s = r.responses;
    auto share = [&](const char* kind) {
      auto it = r.content_mix.find(kind);
      return it == r.content_mix.end() ? 0 : static_cast<int>(it->second * 100 + 0.5);
    };
    char mix[48];
    std::snprintf(mix, sizeof mix, "%d/%d/%d%%", share("layanan"), share("edukasi"),
                  share("seremonial"));
    std::snprintf(
        line, sizeof line, "%-26.26s %6lld %7s %8s %8s %8s %6lld %7s %7lld %5s %5s  %s\n",
        (r.period.empty() ? r.group : r.group + " " + r.period).c_str(),
        static_cast<long long>(s.questions),
        (s.response_rate ? Cell(*s.response_rate * 100, "%.0f%%") : std::string("-")).c_str(),
        Duration(s.median_s).c_str(), Duration(s.business_median_s).c_str(),
        (s.within_sla_rate ? Cell(*s.within_sla_rate * 100, "%.0f%%") : std::string("-")).c_str(),
        static_cast<long long>(s.unanswered),
        (r.engagement_rate ? Cell(*r.engagement_rate * 100, "%.2f") : std::string("-")).c_str(),
        static_cast<long long>(r.posts),
        (r.clarity_avg ? Cell(*r.clarity_avg, "%.0f") : std::string("-")).c_str(),
        (r.tone_score_avg ? Cell(*r.tone_score_avg, "%.0f") : std::string("-")).c_str(), mix);
    out += line;
  }
  return out;
}

}  // namespace tanggap
