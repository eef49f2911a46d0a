// The self-contained HTML page of `krapte report`: the template, style and script of
// tools/report/, the browser bundles of Vega, Vega-Lite and vega-embed from its npm folder,
// the map shapes of scenarios/data/geo/ and the report's data, all inlined.
#pragma once

#include <string>

namespace krapte {

/// Where the page's parts are read from at run time; an empty folder means the parts
/// compiled into krapte (report/embedded_assets.h).
struct ReportAssetPaths {
  std::string page_dir;  // tools/report: report.html, report.css, report.js, node_modules/
  std::string geo_dir;   // scenarios/data/geo: *.topojson
};

/// The parts compiled into krapte (empty folders) when it was built with them, else the
/// folders fixed at configure time (KRAPTE_REPORT_PAGE_DIR and KRAPTE_REPORT_GEO_DIR); the
/// environment variables of the same names override either (e.g. to try a changed report.js).
ReportAssetPaths default_report_asset_paths();

/// Whether this krapte holds the page's parts itself.
bool report_assets_embedded();

struct ReportAssets {
  std::string page_template, style, script;
  std::string vega, vega_lite, vega_embed;
  std::string geo_municipalities, geo_regions;
};

/// Reads every part; InputError (one line, naming the missing file and how to get it).
ReportAssets load_report_assets(const ReportAssetPaths& paths);

/// The page: the template with its {{...}} slots filled. `data_json` comes from
/// report_data_json(); `title` is plain text.
std::string render_report_page(const ReportAssets& assets, const std::string& title, const std::string& data_json);

/// Makes text safe inside a <script> element ("</script" and "<!--" cannot end or confuse it).
std::string script_safe(const std::string& text);
/// &, <, >, " escaped.
std::string html_escape(const std::string& text);

}  // namespace krapte
