// The trainee's home ("Beranda"): my accounts, my latest posts with their
// clarity and top finding, and my to-do list of open citizen questions.
#include "dashboard/app.h"
#include "dashboard/html.h"
#include "util/json_writer.h"

namespace tanggap::dashboard {
namespace {

void Home(App& app, const httplib::Request&, httplib::Response* res, Context& c) {
  const Catalog& t = *c.t;
  Store* store = app.Reader();
  if (!store) return app.Fail(res, c, 503, "error.database", false);
  auto accounts = store->VisibleAccounts(*c.user);
  if (!accounts.ok()) return app.Fail(res, c, 500, "error.database", false);
  std::vector<int64_t> ids;
  std::string body = "<h1>" + Escape(t("home.title")) + "</h1><section><h2>" +
                     Escape(t("home.accounts")) +
                     "</h2><ul class=\"accounts\" data-testid=\"accounts\">";
  for (const AccountRow& a : *accounts) {
    ids.push_back(a.row_id);
    body += "<li>" + Escape(a.platform) + " <bdi>@" + Escape(a.handle) + "</bdi> · " +
            Escape(a.agency) + "</li>";
  }
  if (accounts->empty()) body += "<li>" + Escape(t("home.no_accounts")) + "</li>";
  body += "</ul></section>";
  // The first accounts only: a supervisor of a big agency sees its latest.
  if (ids.size() > 50) ids.resize(50);
  auto posts = store->LatestPosts(ids, 20);
  if (!posts.ok()) return app.Fail(res, c, 500, "error.database", false);
  body += "<section><h2>" + Escape(t("home.posts")) +
          "</h2><div class=\"scroll\"><table data-testid=\"posts\"><thead><tr><th>" +
          Escape(t("col.time")) + "</th><th>" + Escape(t("col.account")) + "</th><th>" +
          Escape(t("col.post")) + "</th><th>" + Escape(t("col.clarity")) + "</th><th>" +
          Escape(t("col.interactions")) + "</th><th>" + Escape(t("col.top_finding")) +
          "</th></tr></thead><tbody>";
  for (const PostRow& p : *posts) {
    std::string_view excerpt = Utf8Prefix(p.text, 160);
    body += "<tr><td>" + WibTime(p.created_at) + "</td><td><bdi>" + Escape(p.account) +
            "</bdi></td><td class=\"post\"><bdi>" + Escape(excerpt) +
            (excerpt.size() < p.text.size() ? "…" : "") + "</bdi></td><td>" +
            (p.score ? std::to_string(*p.score) : std::string("–")) + "</td><td>" +
            std::to_string(p.interactions) + "</td><td>" +
            Escape(t.lang() == "en" ? p.top_message_en : p.top_message_id) + "</td></tr>";
  }
  body += "</tbody></table></div></section>";
  // The to-do list: open citizen questions, oldest first.
  body += "<section><h2>" + Escape(t("home.queue")) + "</h2><ul data-testid=\"queue\">";
  int shown = 0;
  for (const AccountRow& a : *accounts) {
    if (shown >= 30) break;
    auto items = store->Unanswered(a.platform + ":" + a.handle, 10);
    if (!items.ok()) continue;
    for (const QueueItem& q : *items) {
      body += "<li><span class=\"label\">" + Escape(q.label) + "</span> " + WibTime(q.asked_at) +
              " <bdi>@" + Escape(q.asker) + "</bdi>: <bdi>" + Escape(Utf8Prefix(q.text, 200)) +
              "</bdi>";
      if (!q.post_url.empty()) {
        body += " <a rel=\"noopener noreferrer\" href=\"" + SafeUrl(q.post_url) + "\">" +
                Escape(t("home.open_post")) + "</a>";
      }
      body += "</li>";
      ++shown;
    }
  }
  if (shown == 0) body += "<li>" + Escape(t("home.queue_empty")) + "</li>";
  body += "</ul></section>";
  App::Html(res, app.Page(c, t("home.title"), body));
}

void PostsJson(App& app, httplib::Response* res, Context& c) {
  Store* store = app.Reader();
  auto accounts = store ? store->VisibleAccounts(*c.user) : Status::IOError("db");
  if (!accounts.ok()) return app.Fail(res, c, 500, "error.database", true);
  std::vector<int64_t> ids;
  for (const auto& a : *accounts) ids.push_back(a.row_id);
  auto posts = store->LatestPosts(ids, 50);
  if (!posts.ok()) return app.Fail(res, c, 500, "error.database", true);
  std::string out = "[";
  for (const PostRow& p : *posts) {
    if (out.size() > 1) out += ",";
    out += "{\"account\":";
    AppendJsonString(&out, p.account);
    out += ",\"created_at\":";
    AppendJsonString(&out, p.created_at);
    out += ",\"text\":";
    AppendJsonString(&out, p.text);
    out += ",\"clarity\":";
    AppendJsonIntOrNull(&out, p.score);
    out += ",\"interactions\":";
    AppendJsonInt(&out, p.interactions);
    out += ",\"top_rule\":";
    AppendJsonString(&out, p.top_rule);
    out += "}";
  }
  App::Json(res, out + "]");
}

}  // namespace

void AddHomeRoutes(App& app) {
  app.server.Get("/beranda", app.Authed([&app](const auto& req, auto* res,
                                               Context& c) { Home(app, req, res, c); },
                                        false));
  app.server.Get(
      "/api/v1/posts",
      app.Authed([&app](const auto&, auto* res, Context& c) { PostsJson(app, res, c); }, true));
}

}  // namespace tanggap::dashboard
