// The report page's parts compiled into krapte (cmake/EmbedFiles.cmake, at build time from
// tools/report, its npm bundles and scenarios/data/geo), so that `krapte report` works from
// any directory and after `cmake --install`. Built only when the npm bundles were present at
// configure time (KRAPTE_REPORT_EMBEDDED); otherwise the page is read from the folders.
#pragma once

#include <string_view>

namespace krapte::embedded {

std::string_view report_html();
std::string_view report_css();
std::string_view report_js();
std::string_view vega_js();
std::string_view vega_lite_js();
std::string_view vega_embed_js();
std::string_view geo_municipalities();
std::string_view geo_regions();

}  // namespace krapte::embedded
