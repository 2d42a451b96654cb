// The post detail page (/pos/<row id>) and its JSON twin
// (/api/v1/posts/<row id>): the post's text with every clarity finding
// marked at its span, the findings and the points each rule cost, the
// citizen replies in thread order with their labels and who answered each
// question how fast, the tone of the agency's replies, and engagement over
// time as a server-drawn SVG chart (no script needed).
//
// Access: only posts of the user's visible accounts; any other id answers
// 404 exactly like a missing post, so ids do not reveal what exists.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <functional>
#include <map>

#include "dashboard/app.h"
#include "dashboard/highlight.h"
#include "dashboard/html.h"
#include "store/post_queries.h"
#include "util/json_writer.h"
#include "util/time.h"

namespace tanggap::dashboard {
namespace {

constexpr PostDetailLimits kLimits{/*findings=*/300, /*replies=*/500, /*tone_findings=*/3000,
                                   /*metrics=*/500};

std::optional<int64_t> RowId(const httplib::Request& req) {
  const std::string s = req.matches[1];
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

// The catalogue text of `prefix + value` when the catalogue has it, else
// the value itself (labels and reasons are data: a new one still shows).
std::string Word(const Catalog& t, std::string_view prefix, const std::string& value) {
  const std::string key = std::string(prefix) + value;
  if (t.entries().count(key)) return std::string(t(key));
  return value;
}

std::string LevelWord(const Catalog& t, const std::string& level) {
  return Word(t, "post.level.", level == "error" || level == "warning" ? level : "suggestion");
}

const char* LevelClass(const std::string& level) {
  return level == "error"     ? "level-error"
         : level == "warning" ? "level-warning"
                              : "level-suggestion";
}

// Loads the post for this request's user; nullopt with the response
// already written (404, 500, 503).
std::optional<PostDetail> Load(App& app, const httplib::Request& req, httplib::Response* res,
                               Context& c, bool api) {
  auto id = RowId(req);
  if (!id) {
    app.Fail(res, c, 404, "post.not_found", api);
    return std::nullopt;
  }
  Store* store = app.Reader();
  if (!store) {
    app.Fail(res, c, 503, "error.database", api);
    return std::nullopt;
  }
  auto accounts = store->VisibleAccounts(*c.user);
  if (!accounts.ok()) {
    app.Fail(res, c, 500, "error.database", api);
    return std::nullopt;
  }
  std::vector<int64_t> ids;
  ids.reserve(accounts->size());
  for (const AccountRow& a : *accounts) ids.push_back(a.row_id);
  auto post = LoadPostDetail(*store, *id, ids, kLimits);
  if (!post.ok()) {
    Log()->warn("post {}: {}", *id, post.status().message());
    app.Fail(res, c, 500, "error.database", api);
    return std::nullopt;
  }
  if (!*post) {
    app.Fail(res, c, 404, "post.not_found", api);
    return std::nullopt;
  }
  return std::move(**post);
}

// ---- Engagement chart ------------------------------------------------

int64_t Interactions(const MetricPoint& m) {
  return m.likes.value_or(0) + m.shares.value_or(0) + m.quotes.value_or(0);
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// A line chart of interactions (likes + shares + quotes) and reply counts
// per snapshot over time. Drawn with SVG attributes only (the CSP forbids
// style attributes); the second line is dashed so the two differ without
// colour, and the same figures follow as a table.
std::string EngagementChart(const PostDetail& p, const Catalog& t) {
  const std::vector<MetricPoint>& m = p.metrics;
  if (m.empty()) return "<p>" + Escape(t("post.no_metrics")) + "</p>";
  constexpr double kW = 600, kH = 240, kLeft = 56, kRight = 16, kTop = 16, kBottom = 40;
  const int64_t t0 = m.front().at_unix, t1 = m.back().at_unix;
  int64_t top = 1;
  for (const MetricPoint& x : m) top = std::max({top, Interactions(x), x.replies.value_or(0)});
  // A round ceiling: 1, 2 or 5 times a power of ten.
  int64_t step = 1;
  while (step * 10 < top) step *= 10;
  const int64_t ceiling = top <= step       ? step
                          : top <= 2 * step ? 2 * step
                          : top <= 5 * step ? 5 * step
                                            : 10 * step;
  auto x_of = [&](int64_t at) {
    if (t1 == t0) return kLeft + (kW - kLeft - kRight) / 2;
    return kLeft +
           (kW - kLeft - kRight) * static_cast<double>(at - t0) / static_cast<double>(t1 - t0);
  };
  auto y_of = [&](int64_t v) {
    return kTop +
           (kH - kTop - kBottom) * (1 - static_cast<double>(v) / static_cast<double>(ceiling));
  };
  std::string svg =
      "<svg class=\"chart\" viewBox=\"0 0 600 240\" role=\"img\" "
      "aria-labelledby=\"chart-title chart-desc\" data-testid=\"engagement-chart\"><title "
      "id=\"chart-title\">" +
      Escape(t("post.chart_title")) + "</title><desc id=\"chart-desc\">" +
      Escape(t("post.chart_desc")) + "</desc>";
  for (int k = 0; k <= 2; ++k) {
    const int64_t v = ceiling * k / 2;
    const std::string y = Num(y_of(v));
    svg += "<line class=\"grid\" x1=\"" + Num(kLeft) + "\" x2=\"" + Num(kW - kRight) + "\" y1=\"" +
           y + "\" y2=\"" + y + "\" stroke=\"#c8c8c8\" stroke-width=\"1\"/>";
    svg += "<text class=\"axis\" x=\"" + Num(kLeft - 6) + "\" y=\"" + Num(y_of(v) + 4) +
           "\" text-anchor=\"end\" font-size=\"12\" fill=\"#333\">" + std::to_string(v) + "</text>";
  }
  const std::string first = WibTimeUnix(t0), last = WibTimeUnix(t1);
  svg += "<text class=\"axis\" x=\"" + Num(kLeft) + "\" y=\"" + Num(kH - 12) +
         "\" font-size=\"12\" fill=\"#333\">" + first.substr(0, 10) + "</text>";
  if (t1 != t0) {
    svg += "<text class=\"axis\" x=\"" + Num(kW - kRight) + "\" y=\"" + Num(kH - 12) +
           "\" text-anchor=\"end\" font-size=\"12\" fill=\"#333\">" + last.substr(0, 10) +
           "</text>";
  }
  struct Line {
    const char* cls;
    const char* colour;
    const char* dash;
    std::function<int64_t(const MetricPoint&)> value;
  };
  const Line lines[] = {
      {"s-interactions", "#0b4f6c", "", Interactions},
      {"s-replies", "#a4161a", "6 4", [](const MetricPoint& x) { return x.replies.value_or(0); }},
  };
  for (const Line& l : lines) {
    std::string points;
    for (const MetricPoint& x : m) {
      if (!points.empty()) points += ' ';
      points += Num(x_of(x.at_unix)) + "," + Num(y_of(l.value(x)));
    }
    svg += std::string("<polyline class=\"") + l.cls + "\" fill=\"none\" stroke=\"" + l.colour +
           "\" stroke-width=\"2\"" +
           (*l.dash ? std::string(" stroke-dasharray=\"") + l.dash + "\"" : "") + " points=\"" +
           points + "\"/>";
    for (const MetricPoint& x : m) {
      svg += std::string("<circle class=\"") + l.cls + "\" r=\"3\" fill=\"" + l.colour +
             "\" cx=\"" + Num(x_of(x.at_unix)) + "\" cy=\"" + Num(y_of(l.value(x))) + "\"/>";
    }
  }
  svg += "</svg>";
  std::string out =
      "<figure class=\"chart-box\">" + svg +
      "<figcaption><span class=\"key key-interactions\" aria-hidden=\"true\"></span>" +
      Escape(t("post.series_interactions")) +
      " <span class=\"key key-replies\" aria-hidden=\"true\"></span>" +
      Escape(t("post.series_replies")) + "</figcaption></figure>";
  out += "<details><summary>" + Escape(t("post.chart_table")) +
         "</summary><div class=\"scroll\"><table data-testid=\"metrics\"><thead><tr><th>" +
         Escape(t("col.time")) + "</th><th>" + Escape(t("post.series_interactions")) + "</th><th>" +
         Escape(t("post.likes")) + "</th><th>" + Escape(t("post.shares")) + "</th><th>" +
         Escape(t("post.series_replies")) + "</th><th>" + Escape(t("post.views")) +
         "</th></tr></thead><tbody>";
  auto opt = [](const std::optional<int64_t>& v) {
    return v ? std::to_string(*v) : std::string("–");
  };
  for (const MetricPoint& x : m) {
    out += "<tr><td>" + WibTimeUnix(x.at_unix) + "</td><td>" + std::to_string(Interactions(x)) +
           "</td><td>" + opt(x.likes) + "</td><td>" + opt(x.shares) + "</td><td>" + opt(x.replies) +
           "</td><td>" + opt(x.views) + "</td></tr>";
  }
  out += "</tbody></table></div></details>";
  if (p.metric_count > static_cast<int64_t>(m.size())) {
    out += "<p class=\"more\">" + Escape(t("post.more_metrics")) + " " +
           std::to_string(p.metric_count - static_cast<int64_t>(m.size())) + "</p>";
  }
  return out;
}

// ---- Page ------------------------------------------------------------

std::string ReplyAuthor(const ReplyDetail& r) {
  return "<bdi>@" + Escape(r.author.empty() ? r.author_id : r.author) + "</bdi>";
}

std::string RenderReply(const ReplyDetail& r, const Catalog& t,
                        const std::map<int64_t, const ReplyDetail*>& by_id) {
  const int depth = std::min(r.depth, 4);
  std::string h = "<li id=\"r" + std::to_string(r.row_id) + "\" class=\"reply depth-" +
                  std::to_string(depth) + (r.is_agency ? " agency" : " citizen") +
                  "\" data-testid=\"reply\"><p class=\"who\">" + ReplyAuthor(r) + " · " +
                  WibTime(r.created_at);
  if (r.is_agency) {
    h += " <span class=\"badge\">" + Escape(t("post.agency_reply")) + "</span>";
  } else if (!r.label.empty()) {
    h += " <span class=\"label label-" + Escape(r.label) + "\" data-testid=\"reply-label\">" +
         Escape(Word(t, "post.label.", r.label)) + "</span>";
  }
  h += "</p>";
  if (r.is_agency && !r.tone_findings.empty()) {
    std::vector<Highlight> marks;
    int n = 0;
    for (const ToneFinding& f : r.tone_findings) {
      ++n;
      marks.push_back({static_cast<size_t>(std::max<int64_t>(0, f.start_byte)),
                       static_cast<size_t>(std::max<int64_t>(0, f.end_byte)), f.level, n,
                       LevelWord(t, f.level),
                       "r" + std::to_string(r.row_id) + "-t" + std::to_string(n)});
    }
    h += "<p class=\"text\"><bdi>" + HighlightHtml(r.text, marks) + "</bdi></p>";
  } else {
    h += "<p class=\"text\"><bdi>" + Escape(r.text) + "</bdi></p>";
  }
  if (r.is_question) {
    if (r.answer_reply_row_id) {
      auto answer = by_id.find(*r.answer_reply_row_id);
      h += "<p class=\"outcome answered\" data-testid=\"outcome\">" +
           Escape(t("post.answered_by")) + " ";
      if (answer != by_id.end()) {
        h += "<a href=\"#r" + std::to_string(*r.answer_reply_row_id) + "\">" +
             ReplyAuthor(*answer->second) + " · " + WibTime(answer->second->created_at) + "</a>";
      } else {
        h += Escape(t("post.answer_not_shown"));
      }
      h += " · " + Escape(t("post.after")) + " <strong>" + Duration(r.response_s, t) +
           "</strong> (" + Escape(t("post.business")) + " " + Duration(r.business_response_s, t) +
           ")";
      if (!r.how.empty()) h += " · " + Escape(Word(t, "post.how.", r.how));
      h += "</p>";
    } else {
      h += "<p class=\"outcome open\" data-testid=\"outcome\">" + Escape(t("post.unanswered")) +
           "</p>";
    }
  }
  if (r.is_agency && r.has_tone) {
    h += "<div class=\"tone\" data-testid=\"tone\"><p>" + Escape(t("post.tone")) + ": <strong>" +
         (r.tone_score ? std::to_string(*r.tone_score) + " / 100" : std::string("–")) + "</strong>";
    if (!r.answers_label.empty() && r.answers_label != "lainnya") {
      h +=
          " · " + Escape(t("post.answers")) + " " + Escape(Word(t, "post.label.", r.answers_label));
    }
    h += "</p>";
    if (!r.tone_findings.empty()) {
      h += "<ol class=\"tone-findings\">";
      int n = 0;
      for (const ToneFinding& f : r.tone_findings) {
        ++n;
        h += "<li id=\"r" + std::to_string(r.row_id) + "-t" + std::to_string(n) + "\" class=\"" +
             LevelClass(f.level) + "\"><span class=\"level-word\">" +
             Escape(LevelWord(t, f.level)) + "</span> <code>" + Escape(f.rule) + "</code>";
        if (!f.text.empty()) h += " «<bdi>" + Escape(f.text) + "</bdi>»";
        h += "</li>";
      }
      h += "</ol>";
    }
    h += "</div>";
  }
  return h + "</li>";
}

void PostPage(App& app, const httplib::Request& req, httplib::Response* res, Context& c) {
  auto loaded = Load(app, req, res, c, false);
  if (!loaded) return;
  const PostDetail& p = *loaded;
  const Catalog& t = *c.t;
  const bool en = t.lang() == "en";

  std::string h =
      "<p class=\"crumbs\"><a href=\"/beranda\">← " + Escape(t("nav.home")) + "</a></p>";
  h += "<h1>" + Escape(t("post.title")) + " <bdi>" + Escape(p.account) + "</bdi></h1>";
  h += "<p class=\"meta\">" + Escape(p.agency) + " · <time>" + WibTime(p.created_at) + "</time>";
  if (p.url && !p.url->empty()) {
    h += " · <a rel=\"noopener noreferrer\" href=\"" + SafeUrl(*p.url) + "\">" +
         Escape(t("post.open_original")) + "</a>";
  }
  h += "</p><div class=\"post-layout\">";

  // The text with its marks. Findings on media (alt text) have no span in
  // the text; they are only listed.
  std::vector<Highlight> marks;
  for (size_t i = 0; i < p.findings.size(); ++i) {
    const StoredFinding& f = p.findings[i];
    if (f.media_index) continue;
    marks.push_back({static_cast<size_t>(std::max<int64_t>(0, f.start_byte)),
                     static_cast<size_t>(std::max<int64_t>(0, f.end_byte)), f.level,
                     static_cast<int>(i + 1), LevelWord(t, f.level), "f" + std::to_string(i + 1)});
  }
  h += "<section class=\"post-text\"><h2>" + Escape(t("post.text")) +
       "</h2><div class=\"post-body\" data-testid=\"post-text\"><bdi>" +
       HighlightHtml(p.text, marks) + "</bdi></div>";
  if (!marks.empty()) {
    h += "<p class=\"legend\">" + Escape(t("post.legend")) + " <mark class=\"level-error\">" +
         Escape(LevelWord(t, "error")) + "</mark> <mark class=\"level-warning\">" +
         Escape(LevelWord(t, "warning")) + "</mark> <mark class=\"level-suggestion\">" +
         Escape(LevelWord(t, "suggestion")) + "</mark></p>";
  }
  h += "</section><div class=\"post-side\">";

  // Score and what each rule cost.
  h += "<section data-testid=\"score\"><h2>" + Escape(t("col.clarity")) + "</h2>";
  if (!p.has_score) {
    h += "<p>" + Escape(t("post.not_scored_yet")) + "</p>";
  } else if (!p.scored) {
    h += "<p>" + Escape(t("post.not_scored")) + ": " +
         Escape(Word(t, "post.reason.", p.not_scored_reason)) + "</p>";
  } else {
    h += "<p class=\"big-score\" data-testid=\"clarity\"><strong>" +
         (p.score ? std::to_string(*p.score) : std::string("–")) + "</strong> / 100</p>";
    h += "<p class=\"meta\">" + Escape(t("post.kind")) + ": " + Escape(p.kind);
    if (p.words) h += " · " + std::to_string(*p.words) + " " + Escape(t("post.words"));
    if (p.sentences) h += " · " + std::to_string(*p.sentences) + " " + Escape(t("post.sentences"));
    if (p.platform_length) {
      h += " · " + Escape(t("post.platform_length")) + " " + std::to_string(*p.platform_length);
    }
    h += "</p>";
    if (!p.breakdown.empty()) {
      h += "<div class=\"scroll\"><table data-testid=\"breakdown\"><thead><tr><th>" +
           Escape(t("post.rule")) + "</th><th>" + Escape(t("post.level")) + "</th><th>" +
           Escape(t("post.findings_n")) + "</th><th>" + Escape(t("post.points")) +
           "</th></tr></thead><tbody>";
      for (const RuleDeduction& d : p.breakdown) {
        h += "<tr><td><code>" + Escape(d.rule) + "</code></td><td>" +
             Escape(LevelWord(t, d.level)) + "</td><td>" + std::to_string(d.findings) +
             "</td><td>−" + std::to_string(d.points) + "</td></tr>";
      }
      h += "</tbody></table></div>";
    }
  }
  h += "</section>";

  // The findings, numbered like the marks.
  h += "<section><h2>" + Escape(t("post.findings")) + " (" + std::to_string(p.finding_count) +
       ")</h2>";
  if (p.findings.empty()) {
    h += "<p>" + Escape(t("post.no_findings")) + "</p>";
  } else {
    h += "<ol class=\"post-findings\" data-testid=\"findings\">";
    for (size_t i = 0; i < p.findings.size(); ++i) {
      const StoredFinding& f = p.findings[i];
      const std::string n = std::to_string(i + 1);
      h += "<li id=\"f" + n + "\" class=\"" + LevelClass(f.level) + "\" data-finding=\"" + n +
           "\"><span class=\"num\" aria-hidden=\"true\">" + n +
           "</span> <span class=\"level-word\">" + Escape(LevelWord(t, f.level)) +
           "</span> <code>" + Escape(f.rule) + "</code>";
      if (f.media_index) {
        h += " <span class=\"where\">" + Escape(t("post.on_media")) + " " +
             std::to_string(*f.media_index + 1) + "</span>";
      }
      if (!f.text.empty()) {
        h += " «<bdi class=\"quote\" data-testid=\"finding-text\">" + Escape(f.text) + "</bdi>»";
      }
      h += "<p class=\"message\">" + Escape(en ? f.message_en : f.message_id) + "</p>";
      const std::string& suggestion = en ? f.suggestion_en : f.suggestion_id;
      if (!suggestion.empty()) {
        h += "<p class=\"suggestion\"><span class=\"hint\">" + Escape(t("post.suggestion")) +
             ":</span> " + Escape(suggestion) + "</p>";
      }
      h += "</li>";
    }
    h += "</ol>";
    if (p.finding_count > static_cast<int64_t>(p.findings.size())) {
      h += "<p class=\"more\">" + Escape(t("post.more_findings")) + " " +
           std::to_string(p.finding_count - static_cast<int64_t>(p.findings.size())) + "</p>";
    }
  }
  h += "</section></div></div>";

  // Engagement over time.
  h += "<section data-testid=\"engagement\"><h2>" + Escape(t("post.engagement")) + "</h2>" +
       EngagementChart(p, t) + "</section>";

  // The replies in thread order.
  h +=
      "<section><h2>" + Escape(t("post.replies")) + " (" + std::to_string(p.reply_count) + ")</h2>";
  if (p.replies.empty()) {
    h += "<p>" + Escape(t("post.no_replies")) + "</p>";
  } else {
    std::map<int64_t, const ReplyDetail*> by_id;
    for (const ReplyDetail& r : p.replies) by_id[r.row_id] = &r;
    h += "<ol class=\"thread\" data-testid=\"replies\">";
    for (const ReplyDetail& r : p.replies) h += RenderReply(r, t, by_id);
    h += "</ol>";
    if (p.reply_count > static_cast<int64_t>(p.replies.size())) {
      h += "<p class=\"more\" data-testid=\"more-replies\">" + Escape(t("post.more_replies")) +
           " " + std::to_string(p.reply_count - static_cast<int64_t>(p.replies.size())) + "</p>";
    }
  }
  h += "</section>";
  App::Html(res, app.Page(c, t("post.title"), h));
}

// ---- JSON ------------------------------------------------------------

void Field(std::string* out, const char* name) {
  out->push_back(',');
  AppendJsonString(out, name);
  out->push_back(':');
}

void PostJson(App& app, const httplib::Request& req, httplib::Response* res, Context& c) {
  auto loaded = Load(app, req, res, c, true);
  if (!loaded) return;
  const PostDetail& p = *loaded;
  const bool en = c.t->lang() == "en";
  std::string o = "{\"id\":";
  AppendJsonInt(&o, p.row_id);
  Field(&o, "account");
  AppendJsonString(&o, p.account);
  Field(&o, "agency");
  AppendJsonString(&o, p.agency);
  Field(&o, "platform");
  AppendJsonString(&o, p.platform);
  Field(&o, "platform_id");
  AppendJsonString(&o, p.platform_id);
  Field(&o, "created_at");
  AppendJsonString(&o, p.created_at);
  Field(&o, "url");
  AppendJsonStringOrNull(&o, p.url);
  Field(&o, "text");
  AppendJsonString(&o, p.text);
  Field(&o, "clarity");
  if (!p.has_score) {
    o += "null";
  } else {
    o += "{\"scored\":";
    o += p.scored ? "true" : "false";
    Field(&o, "score");
    AppendJsonIntOrNull(&o, p.score);
    Field(&o, "not_scored_reason");
    if (p.scored) {
      o += "null";
    } else {
      AppendJsonString(&o, p.not_scored_reason);
    }
    Field(&o, "kind");
    AppendJsonString(&o, p.kind);
    Field(&o, "breakdown");
    o += "[";
    for (size_t i = 0; i < p.breakdown.size(); ++i) {
      const RuleDeduction& d = p.breakdown[i];
      if (i) o += ",";
      o += "{\"rule\":";
      AppendJsonString(&o, d.rule);
      Field(&o, "level");
      AppendJsonString(&o, d.level);
      Field(&o, "findings");
      AppendJsonInt(&o, d.findings);
      Field(&o, "points");
      AppendJsonInt(&o, d.points);
      o += "}";
    }
    o += "]}";
  }
  Field(&o, "findings");
  o += "[";
  for (size_t i = 0; i < p.findings.size(); ++i) {
    const StoredFinding& f = p.findings[i];
    if (i) o += ",";
    o += "{\"number\":";
    AppendJsonInt(&o, static_cast<int64_t>(i + 1));
    Field(&o, "rule");
    AppendJsonString(&o, f.rule);
    Field(&o, "level");
    AppendJsonString(&o, f.level);
    Field(&o, "start_byte");
    AppendJsonInt(&o, f.start_byte);
    Field(&o, "end_byte");
    AppendJsonInt(&o, f.end_byte);
    Field(&o, "start_char");
    AppendJsonInt(&o, f.start_char);
    Field(&o, "end_char");
    AppendJsonInt(&o, f.end_char);
    Field(&o, "text");
    AppendJsonString(&o, f.text);
    Field(&o, "message");
    AppendJsonString(&o, en ? f.message_en : f.message_id);
    Field(&o, "suggestion");
    AppendJsonString(&o, en ? f.suggestion_en : f.suggestion_id);
    Field(&o, "media_index");
    AppendJsonIntOrNull(&o, f.media_index);
    o += "}";
  }
  o += "]";
  Field(&o, "findings_total");
  AppendJsonInt(&o, p.finding_count);
  Field(&o, "replies");
  o += "[";
  for (size_t i = 0; i < p.replies.size(); ++i) {
    const ReplyDetail& r = p.replies[i];
    if (i) o += ",";
    o += "{\"id\":";
    AppendJsonInt(&o, r.row_id);
    Field(&o, "platform_id");
    AppendJsonString(&o, r.platform_id);
    Field(&o, "parent");
    AppendJsonStringOrNull(&o, r.parent);
    Field(&o, "depth");
    AppendJsonInt(&o, r.depth);
    Field(&o, "author");
    AppendJsonString(&o, r.author.empty() ? r.author_id : r.author);
    Field(&o, "is_agency");
    o += r.is_agency ? "true" : "false";
    Field(&o, "created_at");
    AppendJsonString(&o, r.created_at);
    Field(&o, "text");
    AppendJsonString(&o, r.text);
    Field(&o, "label");
    if (r.label.empty()) {
      o += "null";
    } else {
      AppendJsonString(&o, r.label);
    }
    Field(&o, "question");
    if (!r.is_question) {
      o += "null";
    } else {
      o += "{\"answer_id\":";
      AppendJsonIntOrNull(&o, r.answer_reply_row_id);
      Field(&o, "how");
      if (r.how.empty()) {
        o += "null";
      } else {
        AppendJsonString(&o, r.how);
      }
      Field(&o, "response_s");
      AppendJsonIntOrNull(&o, r.response_s);
      Field(&o, "business_response_s");
      AppendJsonIntOrNull(&o, r.business_response_s);
      o += "}";
    }
    Field(&o, "tone");
    if (!r.has_tone) {
      o += "null";
    } else {
      o += "{\"score\":";
      AppendJsonIntOrNull(&o, r.tone_score);
      Field(&o, "answers_label");
      AppendJsonString(&o, r.answers_label);
      Field(&o, "findings");
      o += "[";
      for (size_t k = 0; k < r.tone_findings.size(); ++k) {
        const ToneFinding& f = r.tone_findings[k];
        if (k) o += ",";
        o += "{\"rule\":";
        AppendJsonString(&o, f.rule);
        Field(&o, "level");
        AppendJsonString(&o, f.level);
        Field(&o, "start_byte");
        AppendJsonInt(&o, f.start_byte);
        Field(&o, "end_byte");
        AppendJsonInt(&o, f.end_byte);
        Field(&o, "text");
        AppendJsonString(&o, f.text);
        o += "}";
      }
      o += "]}";
    }
    o += "}";
  }
  o += "]";
  Field(&o, "replies_total");
  AppendJsonInt(&o, p.reply_count);
  Field(&o, "metrics");
  o += "[";
  for (size_t i = 0; i < p.metrics.size(); ++i) {
    const MetricPoint& m = p.metrics[i];
    if (i) o += ",";
    o += "{\"at\":";
    AppendJsonString(&o, FormatRfc3339(m.at_unix, 420));
    Field(&o, "likes");
    AppendJsonIntOrNull(&o, m.likes);
    Field(&o, "shares");
    AppendJsonIntOrNull(&o, m.shares);
    Field(&o, "replies");
    AppendJsonIntOrNull(&o, m.replies);
    Field(&o, "quotes");
    AppendJsonIntOrNull(&o, m.quotes);
    Field(&o, "views");
    AppendJsonIntOrNull(&o, m.views);
    o += "}";
  }
  o += "]";
  Field(&o, "metrics_total");
  AppendJsonInt(&o, p.metric_count);
  App::Json(res, o + "}");
}

}  // namespace

void AddPostRoutes(App& app) {
  app.server.Get(R"(/pos/(\d+))", app.Authed([&app](const auto& req, auto* res,
                                                    Context& c) { PostPage(app, req, res, c); },
                                             false));
  app.server.Get(
      R"(/api/v1/posts/(\d+))",
      app.Authed([&app](const auto& req, auto* res, Context& c) { PostJson(app, req, res, c); },
                 true));
}

}  // namespace tanggap::dashboard
