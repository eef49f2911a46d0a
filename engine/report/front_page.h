// The page of a cost-versus-gap front of `krapte optimise` (docs/optimise.md, "Front"): one
// self-contained HTML file with one chart (the best objective for each level of the varied
// constraint, with the agents' 90% interval) and its table, in the report's style and with
// the report's Vega bundles inlined, so it opens offline like the report (docs/report.md).
#pragma once

#include <string>
#include <vector>

#include "report/report_page.h"

namespace krapte {

struct FrontPageRow {
  double level = 0;
  bool feasible = false;  // a point meets the level on the projection
  double objective = 0;   // on the projection
  bool verified = false;  // agent values below are set
  double agents_mean = 0, agents_low = 0, agents_high = 0, probability = 0;
  std::string point;      // the variables, as text
};

struct FrontPage {
  std::string title;        // plain text
  std::string level_label;  // the varied constraint, e.g. "vacancy_rate in every region at 2030-12"
  bool level_is_rate = false;
  std::string objective_label;  // e.g. "total_cost 2024-01..2030-12"
  bool objective_in_euros = false;
  std::vector<FrontPageRow> rows;  // ascending level
};

/// The page (the assets from load_report_assets; only the style and the Vega bundles are used).
std::string render_front_page(const ReportAssets& assets, const FrontPage& front);

}  // namespace krapte
