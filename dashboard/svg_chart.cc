#include "dashboard/svg_chart.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>

#include "dashboard/html.h"

namespace tanggap::dashboard {
namespace {

// Colours with at least 3:1 contrast on white (WCAG 1.4.11 for graphics),
// paired with dash patterns so that lines differ without colour too.
constexpr const char* kColours[] = {"#0b4f6c", "#b3261e", "#5b3e96", "#2e6b30",
                                    "#8a4b08", "#1f5fbf", "#a0136b", "#4d4d4d"};
constexpr const char* kDashes[] = {"", "6 3", "2 3", "8 3 2 3", "4 2", "1 2", "10 4", "3 3 1 3"};
constexpr size_t kMaxSeries = 8;

bool Finite(const std::optional<double>& v) { return v && std::isfinite(*v); }

// A number with one decimal, locale-free; never "-0.0".
std::string Num(double v) {
  if (!std::isfinite(v)) v = 0;
  if (std::abs(v) < 0.05) v = 0;
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1);
  if (ec != std::errc()) return "0.0";
  return std::string(buf, end);
}

// The smallest of 1, 2, 2.5, 5 or 10 times a power of ten that is >= x > 0
// (up to rounding).
double NiceStep(double x) {
  const double p = std::pow(10.0, std::floor(std::log10(x)));
  const double m = x / p - 1e-9;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * p;
}

// Keeps [A-Za-z0-9_-] so the id is safe in an attribute and as a fragment.
std::string SafeId(std::string_view id) {
  std::string out;
  for (char ch : id) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
        ch == '_' || ch == '-') {
      out.push_back(ch);
    }
  }
  return out.empty() ? "chart" : out;
}

// <svg ...><title/><desc/> with aria-labelledby pointing at both.
std::string Open(const std::string& id, std::string_view cls, std::string_view view_box,
                 std::string_view size, std::string_view title, std::string_view desc) {
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"" + std::string(cls) +
                  "\" viewBox=\"" + std::string(view_box) + "\"" + std::string(size) +
                  " role=\"img\" aria-labelledby=\"" + id + "-t " + id + "-d\"><title id=\"" + id +
                  "-t\">";
  AppendEscaped(&s, title);
  s += "</title><desc id=\"" + id + "-d\">";
  AppendEscaped(&s, desc);
  s += "</desc>";
  return s;
}

// fill="none" for lines; a radar polygon passes its colour (tinted with
// fill-opacity).
std::string StrokeAttrs(size_t i, double width, bool filled = false) {
  std::string s = " fill=\"" + std::string(filled ? kColours[i % kMaxSeries] : "none") +
                  "\" stroke=\"" + std::string(kColours[i % kMaxSeries]) + "\" stroke-width=\"" +
                  Num(width) + "\" stroke-linejoin=\"round\"";
  const char* dash = kDashes[i % kMaxSeries];
  if (*dash) s += " stroke-dasharray=\"" + std::string(dash) + "\"";
  return s;
}

// Which line is which, as an HTML list that wraps on narrow screens; none
// for a single series (the title names it).
std::string Legend(const std::vector<ChartSeries>& series) {
  if (series.size() < 2) return "";
  std::string s = "<ul class=\"chart-legend\">";
  for (size_t k = 0; k < std::min(series.size(), kMaxSeries); ++k) {
    s += "<li><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 8\" width=\"24\" "
         "height=\"8\" aria-hidden=\"true\"><line x1=\"0\" y1=\"4\" x2=\"24\" y2=\"4\"" +
         StrokeAttrs(k, 2.5) + "/></svg> ";
    AppendEscaped(&s, series[k].label);
    s += "</li>";
  }
  return s + "</ul>";
}

// The data as a table (inside <details>, so it does not crowd the page).
std::string DataTable(const std::string& caption, const std::string& heading,
                      const std::vector<std::string>& rows, const std::vector<ChartSeries>& series,
                      const ValueFormat& format) {
  std::string s = "<details class=\"chart-data\"><summary>";
  AppendEscaped(&s, caption.empty() ? std::string_view("Data") : std::string_view(caption));
  s += "</summary><div class=\"scroll\"><table><thead><tr><th scope=\"col\">";
  AppendEscaped(&s, heading);
  s += "</th>";
  for (const ChartSeries& c : series) {
    s += "<th scope=\"col\">";
    AppendEscaped(&s, c.label);
    s += "</th>";
  }
  s += "</tr></thead><tbody>";
  for (size_t i = 0; i < rows.size(); ++i) {
    s += "<tr><th scope=\"row\">";
    AppendEscaped(&s, rows[i]);
    s += "</th>";
    for (const ChartSeries& c : series) {
      s += "<td>" + Escape(FormatValue(i < c.values.size() ? c.values[i] : std::nullopt, format)) +
           "</td>";
    }
    s += "</tr>";
  }
  return s + "</tbody></table></div></details>";
}

// "a: 1%; b: –" for <desc>.
std::string Describe(const std::vector<std::string>& labels,
                     const std::vector<std::optional<double>>& values, const ValueFormat& format) {
  std::string s;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) s += "; ";
    if (i < labels.size()) s += labels[i] + ": ";
    s += FormatValue(values[i], format);
  }
  return s;
}

}  // namespace

std::string FormatValue(std::optional<double> value, const ValueFormat& format) {
  if (!Finite(value) || !std::isfinite(*value * format.scale)) return "–";
  double v = *value * format.scale;
  const int decimals = std::clamp(format.decimals, 0, 6);
  if (std::abs(v) < 0.5 * std::pow(10.0, -decimals)) v = 0;  // no "-0"
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  if (ec != std::errc()) return "–";
  return std::string(buf, end) + format.suffix;
}

std::string RenderSparkline(const Sparkline& chart) {
  const std::string id = SafeId(chart.id);
  double lo = chart.min, hi = chart.max;
  if (!(lo < hi)) {
    bool any = false;
    for (const auto& v : chart.values) {
      if (!Finite(v)) continue;
      lo = any ? std::min(lo, *v) : *v;
      hi = any ? std::max(hi, *v) : *v;
      any = true;
    }
    if (!any || !(lo < hi)) {  // flat or empty: centre the line
      const double mid = any ? lo : 0;
      lo = mid - 1;
      hi = mid + 1;
    }
  }
  std::string s = Open(id, "spark", "0 0 100 24", " width=\"100\" height=\"24\"", chart.title,
                       Describe(chart.x_labels, chart.values, chart.format));
  const size_t n = chart.values.size();
  auto x = [&](size_t i) { return n == 1 ? 50.0 : 2 + 96.0 * static_cast<double>(i) / (n - 1); };
  auto y = [&](double v) { return 22 - 20 * (std::clamp(v, lo, hi) - lo) / (hi - lo); };
  s += "<line class=\"base\" x1=\"2\" y1=\"22\" x2=\"98\" y2=\"22\" stroke=\"#767676\" "
       "stroke-width=\"0.5\"/>";
  std::string run;
  int run_points = 0;
  auto flush = [&] {
    if (run_points > 1) s += "<polyline points=\"" + run + "\"" + StrokeAttrs(0, 1.5) + "/>";
    run.clear();
    run_points = 0;
  };
  std::optional<size_t> last;
  for (size_t i = 0; i < n; ++i) {
    if (!Finite(chart.values[i])) {
      flush();
      continue;
    }
    if (run_points) run.push_back(' ');
    run += Num(x(i)) + "," + Num(y(*chart.values[i]));
    ++run_points;
    last = i;
  }
  flush();
  if (last) {
    s += "<circle cx=\"" + Num(x(*last)) + "\" cy=\"" + Num(y(*chart.values[*last])) +
         "\" r=\"2\" fill=\"" + kColours[0] + "\"/>";
  }
  return s + "</svg>";
}

std::string RenderLineChart(const LineChart& chart) {
  constexpr double kW = 640, kH = 240, kLeft = 56, kRight = 28, kTop = 12, kBottom = 40;
  const std::string id = SafeId(chart.id);
  const size_t n = chart.x_labels.size();
  const size_t drawn = std::min(chart.series.size(), kMaxSeries);
  double lo = chart.y_min, hi = chart.y_max;
  bool any = false;
  double data_max = 0;
  for (const ChartSeries& c : chart.series) {
    for (size_t i = 0; i < c.values.size() && i < n; ++i) {
      if (!Finite(c.values[i])) continue;
      data_max = any ? std::max(data_max, *c.values[i]) : *c.values[i];
      any = true;
    }
  }
  const int ticks = std::clamp(chart.y_ticks, 1, 10);
  if (!(lo < hi)) {  // 0 up to round ticks (1, 2 or 5 times a power of ten)
    lo = 0;
    hi = NiceStep((data_max > 0 ? data_max : 1) / ticks) * ticks;
  }
  const double plot_w = kW - kLeft - kRight, plot_h = kH - kTop - kBottom;
  auto x = [&](size_t i) {
    return n <= 1 ? kLeft + plot_w / 2 : kLeft + plot_w * static_cast<double>(i) / (n - 1);
  };
  auto y = [&](double v) {
    return kTop + plot_h - plot_h * (std::clamp(v, lo, hi) - lo) / (hi - lo);
  };

  std::string s = "<figure class=\"chart\">";
  s += Open(id, "chart-svg", "0 0 640 240", "", chart.title, chart.desc);
  // Grid and y axis labels.
  s += "<g class=\"grid\" stroke=\"#d0d0d0\" stroke-width=\"1\">";
  for (int t = 0; t <= ticks; ++t) {
    const double gy = kTop + plot_h - plot_h * t / ticks;
    s += "<line x1=\"" + Num(kLeft) + "\" y1=\"" + Num(gy) + "\" x2=\"" + Num(kW - kRight) +
         "\" y2=\"" + Num(gy) + "\"/>";
  }
  s += "</g><g class=\"axis\" fill=\"#1a1a1a\" font-size=\"11\" text-anchor=\"end\">";
  for (int t = 0; t <= ticks; ++t) {
    const double gy = kTop + plot_h - plot_h * t / ticks;
    s += "<text x=\"" + Num(kLeft - 6) + "\" y=\"" + Num(gy + 4) + "\">" +
         Escape(FormatValue(lo + (hi - lo) * t / ticks, chart.format)) + "</text>";
  }
  s += "</g><g class=\"axis\" fill=\"#1a1a1a\" font-size=\"11\" text-anchor=\"middle\">";
  // At most 9 x labels, evenly spaced; the last one too when it is not
  // crowded by its labelled neighbour.
  const size_t step = n > 8 ? (n + 7) / 8 : 1;
  for (size_t i = 0; i < n; ++i) {
    const bool last_apart = i + 1 == n && i % step >= (step + 1) / 2;
    if (i % step != 0 && !last_apart) continue;
    s += "<text x=\"" + Num(x(i)) + "\" y=\"" + Num(kH - kBottom + 18) + "\">";
    AppendEscaped(&s, chart.x_labels[i]);
    s += "</text>";
  }
  s += "</g><line class=\"axis-line\" x1=\"" + Num(kLeft) + "\" y1=\"" + Num(kTop + plot_h) +
       "\" x2=\"" + Num(kW - kRight) + "\" y2=\"" + Num(kTop + plot_h) +
       "\" stroke=\"#1a1a1a\" stroke-width=\"1\"/>";
  if (!any) {
    s += "<text class=\"chart-empty\" x=\"" + Num(kLeft + plot_w / 2) + "\" y=\"" +
         Num(kTop + plot_h / 2) + "\" text-anchor=\"middle\" font-size=\"14\" fill=\"#1a1a1a\">";
    AppendEscaped(&s, chart.empty_text);
    s += "</text>";
  }
  for (size_t k = 0; k < drawn; ++k) {
    const ChartSeries& c = chart.series[k];
    s += "<g class=\"series s" + std::to_string(k) + "\">";
    std::string run, dots;
    int run_points = 0;
    auto flush = [&] {
      if (run_points > 1) s += "<polyline points=\"" + run + "\"" + StrokeAttrs(k, 2.5) + "/>";
      run.clear();
      run_points = 0;
    };
    for (size_t i = 0; i < n; ++i) {
      if (i >= c.values.size() || !Finite(c.values[i])) {
        flush();
        continue;
      }
      const std::string px = Num(x(i)), py = Num(y(*c.values[i]));
      if (run_points) run.push_back(' ');
      run += px + "," + py;
      ++run_points;
      dots += "<circle cx=\"" + px + "\" cy=\"" + py + "\" r=\"3\" fill=\"" +
              kColours[k % kMaxSeries] + "\"/>";
    }
    flush();
    s += dots + "</g>";
  }
  s += "</svg>";
  s += Legend(chart.series);
  s += DataTable(chart.table_caption, chart.x_heading, chart.x_labels, chart.series, chart.format);
  return s + "</figure>";
}

std::string RenderRadarChart(const RadarChart& chart) {
  constexpr double kCx = 240, kCy = 200, kR = 130;
  const std::string id = SafeId(chart.id);
  const size_t n = chart.axes.size();
  std::string s = "<figure class=\"chart radar\">";
  s += Open(id, "chart-svg", "0 0 480 400", "", chart.title, chart.desc);
  auto point = [&](size_t i, double value) {
    // Axis 0 points up; the others follow clockwise.
    const double a = -std::numbers::pi / 2 + 2 * std::numbers::pi * static_cast<double>(i) / n;
    const double r = kR * std::clamp(value, 0.0, 100.0) / 100;
    return std::pair{kCx + r * std::cos(a), kCy + r * std::sin(a)};
  };
  if (n >= 3) {
    s += "<g class=\"grid\" fill=\"none\" stroke=\"#d0d0d0\" stroke-width=\"1\">";
    for (int ring : {25, 50, 75, 100}) {
      s += "<polygon points=\"";
      for (size_t i = 0; i < n; ++i) {
        auto [px, py] = point(i, ring);
        if (i) s.push_back(' ');
        s += Num(px) + "," + Num(py);
      }
      s += "\"/>";
    }
    for (size_t i = 0; i < n; ++i) {
      auto [px, py] = point(i, 100);
      s += "<line x1=\"" + Num(kCx) + "\" y1=\"" + Num(kCy) + "\" x2=\"" + Num(px) + "\" y2=\"" +
           Num(py) + "\"/>";
    }
    s += "</g><g class=\"axis\" fill=\"#1a1a1a\" font-size=\"12\">";
    for (size_t i = 0; i < n; ++i) {
      auto [px, py] = point(i, 112);
      const double dx = px - kCx;
      const char* anchor = dx > 8 ? "start" : dx < -8 ? "end" : "middle";
      const double dy = py < kCy - 8 ? -2 : py > kCy + 8 ? 12 : 4;
      s += "<text x=\"" + Num(px) + "\" y=\"" + Num(py + dy) + "\" text-anchor=\"" + anchor + "\">";
      AppendEscaped(&s, chart.axes[i]);
      s += "</text>";
    }
    s += "</g>";
    for (size_t k = 0; k < std::min(chart.series.size(), kMaxSeries); ++k) {
      const ChartSeries& c = chart.series[k];
      s += "<polygon class=\"series s" + std::to_string(k) + "\" points=\"";
      for (size_t i = 0; i < n; ++i) {
        const double v = i < c.values.size() && Finite(c.values[i]) ? *c.values[i] : 0;
        auto [px, py] = point(i, v);
        if (i) s.push_back(' ');
        s += Num(px) + "," + Num(py);
      }
      s.push_back('"');
      s += StrokeAttrs(k, 2, true);
      s += " fill-opacity=\"0.15\"/>";
    }
  }
  s += "</svg>";
  s += Legend(chart.series);
  s += DataTable(chart.table_caption, chart.axis_heading, chart.axes, chart.series, chart.format);
  return s + "</figure>";
}

}  // namespace tanggap::dashboard
