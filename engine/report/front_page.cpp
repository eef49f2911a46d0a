#include "report/front_page.h"

#include <cmath>
#include <cstdio>

namespace krapte {

namespace {

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) continue;
    out += c;
  }
  return out + "\"";
}

std::string json_number(double value) {
  if (!std::isfinite(value)) return "null";
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

std::string cell(double value, bool euros, bool rate) {
  char buffer[64];
  if (!std::isfinite(value)) return "n/a";
  if (rate) std::snprintf(buffer, sizeof buffer, "%.2f%%", 100 * value);
  else if (euros) std::snprintf(buffer, sizeof buffer, "EUR %.3f bn", value / 1e9);
  else std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

/// The report's style inside <style>: "</style" (any case) cannot end the element early.
std::string backslash_safe_style(const std::string& css) {
  std::string out;
  for (size_t i = 0; i < css.size(); ++i) {
    out += css[i];
    if (css[i] == '<' && i + 1 < css.size() && css[i + 1] == '/') out += '\\';
  }
  return out;
}

}  // namespace

std::string render_front_page(const ReportAssets& assets, const FrontPage& front) {
  // The chart's values: the objective in bn EUR (or its own unit), the level in percent for rates.
  const double y_scale = front.objective_in_euros ? 1e-9 : 1.0;
  const double x_scale = front.level_is_rate ? 100.0 : 1.0;
  std::string values = "[";
  for (size_t i = 0; i < front.rows.size(); ++i) {
    const FrontPageRow& r = front.rows[i];
    values += std::string(i ? "," : "") + "{\"level\":" + json_number(r.level * x_scale) +
              ",\"projection\":" + json_number(r.feasible ? r.objective * y_scale : NAN) +
              ",\"agents\":" + json_number(r.verified ? r.agents_mean * y_scale : NAN) +
              ",\"low\":" + json_number(r.verified ? r.agents_low * y_scale : NAN) +
              ",\"high\":" + json_number(r.verified ? r.agents_high * y_scale : NAN) +
              ",\"probability\":" + json_number(r.verified ? r.probability : NAN) + ",\"point\":" + json_string(r.point) + "}";
  }
  values += "]";
  const std::string x_title = front.level_label + (front.level_is_rate ? " (%)" : "");
  const std::string y_title = front.objective_label + (front.objective_in_euros ? " (bn EUR)" : "");
  const std::string spec =
      "{\"$schema\":\"https://vega.github.io/schema/vega-lite/v5.json\",\"width\":640,\"height\":360,"
      "\"data\":{\"values\":" + values + "},"
      "\"encoding\":{\"x\":{\"field\":\"level\",\"type\":\"quantitative\",\"title\":" + json_string(x_title) + ",\"scale\":{\"zero\":false}}},"
      "\"layer\":["
      "{\"mark\":{\"type\":\"rule\",\"color\":\"#999\"},\"encoding\":{\"y\":{\"field\":\"low\",\"type\":\"quantitative\"},\"y2\":{\"field\":\"high\"}}},"
      "{\"mark\":{\"type\":\"point\",\"shape\":\"diamond\",\"color\":\"#999\",\"filled\":true},\"encoding\":{\"y\":{\"field\":\"agents\",\"type\":\"quantitative\"},"
      "\"tooltip\":[{\"field\":\"level\"},{\"field\":\"agents\",\"title\":\"agents (mean)\"},{\"field\":\"low\"},{\"field\":\"high\"},{\"field\":\"probability\",\"title\":\"holds (share)\"}]}},"
      "{\"mark\":{\"type\":\"line\",\"point\":true,\"color\":\"#1f5fa8\"},\"encoding\":{\"y\":{\"field\":\"projection\",\"type\":\"quantitative\",\"title\":" +
      json_string(y_title) + ",\"scale\":{\"zero\":false}},\"tooltip\":[{\"field\":\"level\"},{\"field\":\"projection\"},{\"field\":\"point\"}]}}"
      "]}";
  std::string table = "<table><thead><tr><th>level</th><th>projection: best objective</th><th>agents: mean [90% interval]</th>"
                      "<th>holds in</th><th>point</th></tr></thead><tbody>";
  for (const FrontPageRow& r : front.rows) {
    table += "<tr><td>" + cell(r.level, false, front.level_is_rate) + "</td><td>" +
             (r.feasible ? cell(r.objective, front.objective_in_euros, false) : "no point meets it") + "</td><td>" +
             (r.verified ? cell(r.agents_mean, front.objective_in_euros, false) + " [" + cell(r.agents_low, front.objective_in_euros, false) + ", " +
                               cell(r.agents_high, front.objective_in_euros, false) + "]"
                         : "-") +
             "</td><td>" + (r.verified ? cell(r.probability, false, true) : "-") + "</td><td>" + html_escape(r.point) + "</td></tr>";
  }
  table += "</tbody></table>";
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"krapte optimise\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; "
         "style-src 'unsafe-inline'; img-src data: blob:; font-src data:\">\n<title>" +
         html_escape(front.title) + "</title>\n<style>\n" + backslash_safe_style(assets.style) +
         "\n</style>\n</head>\n<body>\n<main>\n<h1>" + html_escape(front.title) + "</h1>\n<p>The best " + html_escape(front.objective_label) +
         " found for each level of " + html_escape(front.level_label) +
         " on the expected-value projection (line), and the agents' mean with its 90% interval (grey) "
         "(docs/optimise.md, \"Front\").</p>\n<div id=\"front\"></div>\n" + table + "\n</main>\n<script>\n" + script_safe(assets.vega) +
         "\n</script>\n<script>\n" + script_safe(assets.vega_lite) + "\n</script>\n<script>\n" + script_safe(assets.vega_embed) +
         "\n</script>\n<script>\nvegaEmbed('#front', " + script_safe(spec) + ", {actions: false, renderer: 'svg'});\n</script>\n</body>\n</html>\n";
}

}  // namespace krapte
