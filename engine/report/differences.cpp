#include "report/differences.h"

#include "output/compare.h"

namespace krapte {

Differences last_month_differences(const std::string& base_file, const std::string& other_file, int other_index) {
  CompareOptions options;
  options.level = Level::kNational;  // at: "" = the last point
  const CompareResult compared = compare_run_files(base_file, other_file, options);
  Differences result;
  result.other = other_index;
  result.paired = compared.paired;
  result.method = compared.pairing_reason;
  auto stat = [](const Difference& d) {
    // A NaN half width (fewer than 2 replications) gives a NaN interval: shown as "no interval".
    return DifferenceStat{d.base, d.other, d.difference, d.difference - d.half_width_90,
                          d.difference + d.half_width_90};
  };
  for (const CompareRow& row : compared.rows)
    result.rows.push_back(
        DifferenceRow{row.all_families ? "" : row.family, stat(row.vacancy_fte), stat(row.vacancy_rate)});
  return result;
}

}  // namespace krapte
