// `krapte compare BASE.h5 OTHER.h5 [--at YYYY-MM] [--level national|region|municipality] [--csv FILE]`.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "core/errors.h"
#include "output/compare.h"
#include "output/cost_compare.h"
#include "output/output_path.h"
#include "output/text_file.h"

namespace krapte {

int compare_command(const CompareCommand& command) {
  CompareOptions options;
  options.at = command.at;
  const LevelInfo* level = find_level(command.level);
  if (level == nullptr) {
    std::string allowed;
    for (const LevelInfo& info : level_catalogue()) allowed.append(allowed.empty() ? "" : " | ").append(info.group);
    throw InputError(SourceLocation{"--level " + command.level, 0, 0}, "unknown level; allowed: " + allowed);
  }
  options.level = level->level;
  const CompareResult result = compare_run_files(command.base, command.other, options);
  if (!command.csv.empty()) write_text_file(command.csv, compare_csv(result), "results/differences.csv");
  // Costs (issue 12): only when both files have /costs; on a region level the regions.
  CostCompareOptions cost_options{command.from, command.to, options.level == Level::kNational ? Level::kNational : Level::kRegion};
  const CostCompareResult costs = compare_run_costs(command.base, command.other, cost_options);
  if (!command.costs_csv.empty()) {
    if (!costs.available)
      throw InputError(SourceLocation{"--costs-csv " + command.costs_csv, 0, 0},
                       "a file has no /costs; allowed: runs of scenarios with a costs: section (docs/costs.md)");
    write_text_file(command.costs_csv, cost_compare_csv(costs), "results/costs.csv");
  }
  if (command.csv != "-") std::cout << format_compare(result) << format_cost_compare(costs);
  return 0;
}

}  // namespace krapte
