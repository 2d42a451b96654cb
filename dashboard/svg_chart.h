// Inline SVG charts for dashboard pages: pure functions from numbers and
// labels to markup (no I/O, no clock, no locale: coordinates are written
// with std::to_chars). Used by the overview, the monthly report and, for
// the radar, the competency map.
//
// Every chart is accessible without seeing it: the <svg> has role="img",
// a <title> and a <desc> (referenced by aria-labelledby), and the line and
// radar charts are followed by their data as a table inside <details>.
// Colours and dashes are SVG presentation attributes, not style attributes,
// so the charts work under the CSP style-src 'self' and without any
// stylesheet; classes (chart, spark, grid, axis, s0...) let CSS restyle
// them. All labels pass through Escape(); the output never contains "nan"
// or "inf": a missing, NaN or infinite value is a gap.
#ifndef TANGGAP_DASHBOARD_SVG_CHART_H_
#define TANGGAP_DASHBOARD_SVG_CHART_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tanggap::dashboard {

// How values are written in titles, tables and axis labels:
// value * scale with `decimals` digits, then `suffix` ("%", " jam").
struct ValueFormat {
  double scale = 1;
  int decimals = 0;
  std::string suffix;
};

// "83%" for 0.83 with {100, 0, "%"}; "–" for a missing or non-finite value.
std::string FormatValue(std::optional<double> value, const ValueFormat& format);

// One line of a line chart or one polygon of a radar chart: one value per
// x label (per axis for a radar). Missing values are gaps.
struct ChartSeries {
  std::string label;
  std::vector<std::optional<double>> values;
};

// A small trend line for a table cell, viewBox 0 0 100 24 with a 2-unit
// margin: value `min` sits at y 22, `max` at y 2, the first value at x 2 and
// the last at x 98 (one value: x 50). When min >= max the range is the
// data's own. The newest finite value gets a dot.
struct Sparkline {
  std::string id;                     // unique on the page; only [A-Za-z0-9_-] kept
  std::string title;                  // what it shows, e.g. "Tingkat respons per minggu"
  std::vector<std::string> x_labels;  // optional, one per value, for <desc>
  std::vector<std::optional<double>> values;
  double min = 0, max = 1;
  ValueFormat format;
};
std::string RenderSparkline(const Sparkline& chart);

// A line chart with a y axis (ticks and grid) and x labels, viewBox
// 0 0 640 240; at most 8 series are drawn (more are listed in the table
// only). A legend (HTML list) follows the SVG when there are several
// series. When no value is finite the plot shows `empty_text`.
struct LineChart {
  std::string id, title, desc;
  std::vector<std::string> x_labels;  // one per point, in order
  std::vector<ChartSeries> series;
  // When y_min >= y_max: from 0 up to round ticks covering the data.
  double y_min = 0, y_max = 1;
  int y_ticks = 4;  // grid lines above y_min
  ValueFormat format;
  std::string x_heading = "x";  // first column of the data table
  std::string table_caption;    // the <summary> of the data table
  std::string empty_text;
};
std::string RenderLineChart(const LineChart& chart);

// A radar (spider) chart: n >= 3 axes, each 0..100 (values clamped; a
// missing value is drawn at 0 and shown as "–" in the table), rings at 25,
// 50, 75 and 100. viewBox 0 0 480 400. With fewer than 3 axes only the
// title and the table are drawn.
struct RadarChart {
  std::string id, title, desc;
  std::vector<std::string> axes;
  std::vector<ChartSeries> series;
  ValueFormat format;
  std::string axis_heading = "axis";
  std::string table_caption;
};
std::string RenderRadarChart(const RadarChart& chart);

}  // namespace tanggap::dashboard

#endif  // TANGGAP_DASHBOARD_SVG_CHART_H_
