#include "jobs/responsiveness_report.h"

#include <algorithm>
#include <cstdio>

#include "util/csv.h"
#include "util/json_writer.h"

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

Result<AnalyzeStats> AnalyzeThreads(Store* store, const scorer::ReplyClassifier& classifier,
                                    const WorkingCalendar& calendar, const std::string& version,
                                    const AnalyzeOptions& options,
                                    const std::function<void(int64_t)>& progress) {
  AnalyzeStats stats;
  int64_t after = 0;
  const int batch = std::max(1, options.batch);
  for (;;) {
    auto ids = store->ThreadsToAnalyze(version, options.all, after, batch);
    if (!ids.ok()) return ids.status();
    if (ids->empty()) break;
    after = ids->back();
    if (Status s = store->Begin(); !s.ok()) return s;
    for (int64_t post : *ids) {
      auto thread = store->LoadThread(post);
      if (!thread.ok()) {
        store->Rollback();
        return thread.status();
      }
      std::vector<ThreadReply> replies;
      std::vector<StoredReplyLabel> labels;
      replies.reserve(thread->replies.size());
      for (const StoredThread::Reply& r : thread->replies) {
        ThreadReply t{r.id,        r.parent,       r.author_id, r.author,
                      r.is_agency, r.created_unix, r.text,      false};
        if (!r.is_agency) {
          scorer::ReplyLabel label = classifier.Classify(r.text);
          t.needs_answer = label.needs_answer;
          labels.push_back({r.row_id, label.label, label.needs_answer, CuesJson(label.cues)});
        }
        replies.push_back(std::move(t));
      }
      ThreadAnalysis analysis =
          AnalyzeThread(thread->post_created_unix, replies, options.attribution, calendar);
      std::vector<StoredOutcome> outcomes;
      for (const QuestionOutcome& q : analysis.questions) {
        StoredOutcome o;
        o.reply_row_id = thread->replies[q.question].row_id;
        o.asked_unix = q.asked_unix;
        if (q.answer) {
          o.answer_reply_row_id = thread->replies[*q.answer].row_id;
          o.how = q.how;
          o.response_s = q.response_s;
          o.business_response_s = q.business_response_s;
          ++stats.answered;
        }
        outcomes.push_back(o);
      }
      std::string anomalies = "[";
      for (size_t i = 0; i < analysis.anomalies.size(); ++i) {
        if (i) anomalies.push_back(',');
        AppendJsonString(&anomalies, analysis.anomalies[i]);
      }
      anomalies += "]";
      if (Status s = store->SaveThread(*thread, version, labels, outcomes, anomalies); !s.ok()) {
        store->Rollback();
        return s;
      }
      ++stats.threads;
      stats.replies += static_cast<int64_t>(replies.size());
      stats.questions += static_cast<int64_t>(outcomes.size());
      stats.anomalies += static_cast<int64_t>(analysis.anomalies.size());
    }
    if (Status s = store->Commit(); !s.ok()) {
      store->Rollback();
      return s;
    }
    if (progress) progress(stats.threads);
    if (static_cast<int>(ids->size()) < batch) break;
  }
  return stats;
}

Result<std::vector<ReportRow>> BuildReport(Store* store, int64_t from, int64_t to, int64_t as_of,
                                           GroupBy by) {
  auto outcomes = store->Outcomes(from, to);
  if (!outcomes.ok()) return outcomes.status();
  auto posts = store->Engagement(from, to);
  if (!posts.ok()) return posts.status();
  struct Acc {
    std::vector<QuestionOutcome> outcomes;
    double sla_hours = 24;
    int64_t posts = 0, rated = 0;
    double rate_sum = 0;
    std::map<std::string, int64_t> kinds;
  };
  std::map<std::string, Acc> groups;
  for (const OutcomeRow& r : *outcomes) {
    Acc& a = groups[by == GroupBy::kAgency ? r.agency : r.account];
    a.sla_hours = r.sla_hours;
    QuestionOutcome o;
    o.asked_unix = r.asked_unix;
    o.response_s = r.response_s.value_or(-1);
    o.business_response_s = r.business_response_s.value_or(-1);
    a.outcomes.push_back(o);
  }
  for (const EngagementRow& p : *posts) {
    Acc& a = groups[by == GroupBy::kAgency ? p.agency : p.account];
    ++a.posts;
    ++a.kinds[p.kind.empty() ? "belum dinilai" : p.kind];
    if (p.followers && *p.followers > 0) {  // zero followers: no rate, not a division by zero
      a.rate_sum += static_cast<double>(p.interactions) / static_cast<double>(*p.followers);
      ++a.rated;
    }
  }
  std::vector<ReportRow> rows;
  for (auto& [group, a] : groups) {
    ReportRow row;
    row.group = group;
    row.responses = SummarizeResponses(a.outcomes, as_of, static_cast<int64_t>(a.sla_hours * 3600));
    row.posts = a.posts;
    if (a.rated > 0) row.engagement_rate = a.rate_sum / static_cast<double>(a.rated);
    for (const auto& [kind, n] : a.kinds) {
      row.content_mix[kind] = static_cast<double>(n) / static_cast<double>(a.posts);
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
    out += ",\"engagement_rate\":";
    OptD(&out, r.engagement_rate);
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
      "group,questions,answered,unanswered,response_rate,within_sla_rate,first_response_median_s,"
      "first_response_mean_s,first_response_p90_s,first_response_business_median_s,"
      "first_response_business_p90_s,bucket_0_2h,bucket_2_8h,bucket_8_24h,bucket_over_24h,posts,"
      "engagement_rate,mix_layanan,mix_edukasi,mix_seremonial,mix_lainnya\r\n";
  for (const ReportRow& r : rows) {
    const ResponseStats& s = r.responses;
    std::string group;
    AppendCsvCell(&group, r.group);
    auto mix = [&](const char* kind) {
      auto it = r.content_mix.find(kind);
      return it == r.content_mix.end() ? std::string("0") : Cell(std::optional<double>(it->second));
    };
    out += group + "," + std::to_string(s.questions) + "," + std::to_string(s.answered) + "," +
           std::to_string(s.unanswered) + "," + Cell(s.response_rate) + "," +
           Cell(s.within_sla_rate) + "," + Cell(s.median_s) + "," + Cell(s.mean_s) + "," +
           Cell(s.p90_s) + "," + Cell(s.business_median_s) + "," + Cell(s.business_p90_s) + "," +
           std::to_string(s.bucket_0_2h) + "," + std::to_string(s.bucket_2_8h) + "," +
           std::to_string(s.bucket_8_24h) + "," + std::to_string(s.bucket_over_24h) + "," +
           std::to_string(r.posts) + "," + Cell(r.engagement_rate) + "," + mix("layanan") + "," +
           mix("edukasi") + "," + mix("seremonial") + "," + mix("lainnya") + "\r\n";
  }
  return out;
}

std::string ReportText(const std::vector<ReportRow>& rows) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-26s %6s %7s %8s %8s %8s %6s %7s %7s  %s\n", "Grup", "Tanya",
                "Dijawab", "Median", "Median", "Dalam", "Belum", "Engage", "Unggah",
                "Layanan/Edukasi/Seremonial");
  out += line;
  std::snprintf(line, sizeof line, "%-26s %6s %7s %8s %8s %8s %6s %7s %7s\n", "", "", "(rate)",
                "(jam)", "(kerja)", "SLA", "", "(%)", "");
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
        line, sizeof line, "%-26.26s %6lld %7s %8s %8s %8s %6lld %7s %7lld  %s\n", r.group.c_str(),
        static_cast<long long>(s.questions),
        (s.response_rate ? Cell(*s.response_rate * 100, "%.0f%%") : std::string("-")).c_str(),
        Duration(s.median_s).c_str(), Duration(s.business_median_s).c_str(),
        (s.within_sla_rate ? Cell(*s.within_sla_rate * 100, "%.0f%%") : std::string("-")).c_str(),
        static_cast<long long>(s.unanswered),
        (r.engagement_rate ? Cell(*r.engagement_rate * 100, "%.2f") : std::string("-")).c_str(),
        static_cast<long long>(r.posts), mix);
    out += line;
  }
  return out;
}

}  // namespace tanggap
