#include "report/report_page.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/errors.h"
#ifdef KRAPTE_REPORT_EMBEDDED
#include "report/embedded_assets.h"
#endif

#ifndef KRAPTE_REPORT_PAGE_DIR
#define KRAPTE_REPORT_PAGE_DIR "tools/report"
#endif
#ifndef KRAPTE_REPORT_GEO_DIR
#define KRAPTE_REPORT_GEO_DIR "scenarios/data/geo"
#endif

namespace krapte {

namespace {

std::string read_asset(const std::filesystem::path& path, const std::string& how_to_get_it) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error))
    throw InputError(SourceLocation{path.string(), 0, 0}, "a part of the report page is missing; " + how_to_get_it);
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in && !in.eof())
    throw InputError(SourceLocation{path.string(), 0, 0}, "cannot read a part of the report page; " + how_to_get_it);
  return text.str();
}

std::string environment_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && value[0] != '\0' ? value : fallback;
}

/// Puts a backslash after the "<" of every occurrence of `what` (ASCII, any case): "</script"
/// becomes "<\/script", which a <script> or <style> element does not end at, and which
/// means the same inside JavaScript strings and regular expressions.
std::string backslash_after_lt(const std::string& text, const std::string& what) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    bool match = i + what.size() <= text.size();
    for (size_t k = 0; match && k < what.size(); ++k) match = lower(text[i + k]) == lower(what[k]);
    out += text[i];
    if (match) out += '\\';
  }
  return out;
}

}  // namespace

#ifdef KRAPTE_REPORT_EMBEDDED
constexpr const char* kDefaultPageDir = "";  // the parts compiled into krapte
constexpr const char* kDefaultGeoDir = "";
#else
constexpr const char* kDefaultPageDir = KRAPTE_REPORT_PAGE_DIR;
constexpr const char* kDefaultGeoDir = KRAPTE_REPORT_GEO_DIR;
#endif

ReportAssetPaths default_report_asset_paths() {
  return ReportAssetPaths{environment_or("KRAPTE_REPORT_PAGE_DIR", kDefaultPageDir),
                          environment_or("KRAPTE_REPORT_GEO_DIR", kDefaultGeoDir)};
}

bool report_assets_embedded() {
#ifdef KRAPTE_REPORT_EMBEDDED
  return true;
#else
  return false;
#endif
}

ReportAssets load_report_assets(const ReportAssetPaths& paths) {
  ReportAssets assets;
  if (paths.page_dir.empty() || paths.geo_dir.empty()) {
#ifdef KRAPTE_REPORT_EMBEDDED
    using namespace embedded;
    if (paths.page_dir.empty()) {
      assets.page_template = report_html();
      assets.style = report_css();
      assets.script = report_js();
      assets.vega = vega_js();
      assets.vega_lite = vega_lite_js();
      assets.vega_embed = vega_embed_js();
    }
    if (paths.geo_dir.empty()) {
      assets.geo_municipalities = embedded::geo_municipalities();
      assets.geo_regions = embedded::geo_regions();
    }
#else
    throw InputError(SourceLocation{"krapte report", 0, 0},
                     "this krapte was built without the report page (tools/report/node_modules was missing); "
                     "run tools/install-deps.sh and rebuild, or set KRAPTE_REPORT_PAGE_DIR and KRAPTE_REPORT_GEO_DIR");
#endif
  }
  if (!paths.page_dir.empty()) {
    const std::filesystem::path page(paths.page_dir);
    const std::string project = "allowed: the krapte source tree's tools/report (or KRAPTE_REPORT_PAGE_DIR)";
    const std::string npm = "run tools/install-deps.sh (npm ci in " + paths.page_dir + ")";
    assets.page_template = read_asset(page / "report.html", project);
    assets.style = read_asset(page / "report.css", project);
    assets.script = read_asset(page / "report.js", project);
    assets.vega = read_asset(page / "node_modules/vega/build/vega.min.js", npm);
    assets.vega_lite = read_asset(page / "node_modules/vega-lite/build/vega-lite.min.js", npm);
    assets.vega_embed = read_asset(page / "node_modules/vega-embed/build/vega-embed.min.js", npm);
  }
  if (!paths.geo_dir.empty()) {
    const std::filesystem::path geo(paths.geo_dir);
    const std::string maps = "allowed: the krapte source tree's scenarios/data/geo (or KRAPTE_REPORT_GEO_DIR)";
    assets.geo_municipalities = read_asset(geo / "gemeente_2024.topojson", maps);
    assets.geo_regions = read_asset(geo / "arbeidsmarktregio_2024.topojson", maps);
  }
  return assets;
}

std::string script_safe(const std::string& text) {
  // In JavaScript and JSON "<\/" means "</" inside strings and regular expressions, the only
  // places such sequences can occur in the bundles and the data.
  return backslash_after_lt(backslash_after_lt(text, "</script"), "<!--");
}

std::string html_escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string render_report_page(const ReportAssets& assets, const std::string& title, const std::string& data_json) {
  const std::string& page = assets.page_template;
  // Filled in order of appearance; values are never searched for slots again.
  std::string filled;
  const std::pair<const char*, std::string> slots[] = {
      {"TITLE", html_escape(title)},
      {"STYLE", backslash_after_lt(assets.style, "</style")},
      {"VEGA", script_safe(assets.vega)},
      {"VEGA_LITE", script_safe(assets.vega_lite)},
      {"VEGA_EMBED", script_safe(assets.vega_embed)},
      {"GEO_MUNICIPALITIES", script_safe(assets.geo_municipalities)},
      {"GEO_REGIONS", script_safe(assets.geo_regions)},
      {"DATA", script_safe(data_json)},
      {"SCRIPT", script_safe(assets.script)},
  };
  size_t from = 0;
  for (const auto& [slot, value] : slots) {
    const std::string marker = std::string("{{") + slot + "}}";
    const auto at = page.find(marker, from);
    if (at == std::string::npos)
      throw InputError(SourceLocation{"report.html", 0, 0},
                       "the page template lacks " + marker +
                           " (slots must appear in the order TITLE, STYLE, VEGA, "
                           "VEGA_LITE, VEGA_EMBED, GEO_MUNICIPALITIES, GEO_REGIONS, DATA, SCRIPT)");
    filled.append(page, from, at - from);
    filled += value;
    from = at + marker.size();
  }
  filled.append(page, from, std::string::npos);
  return filled;
}

}  // namespace krapte
