#include "output/summary.h"

#include <cstdio>

#include "output/result_reader.h"

namespace krapte {

std::vector<SummaryRow> summarize_run_file(const std::string& path) {
  const ResultReader reader(path);
  const RunFileContents& header = reader.header();
  const size_t families = header.job_families.size();
  std::vector<SummaryRow> rows;
  for (size_t k = 0; k < header.time.size(); ++k) {
    if (k != 0 && header.time[k].substr(5) != "12") continue;
    for (size_t j = 0; j <= families; ++j) {  // j == families: all families
      const Families which = j < families ? Families::one(j) : Families::all();
      auto stat = [&](Metric metric) { return spread_of(reader.aggregate(Level::kNational, metric, k, 0, which)); };
      rows.push_back(SummaryRow{header.time[k], which.is_all() ? all_families_label(header.job_families) : header.job_families[j],
                                which.is_all(), stat(Metric::kHeadcount), stat(Metric::kFte), stat(Metric::kDemandFte),
                                stat(Metric::kVacancyFte), stat(Metric::kVacancyRate)});
    }
  }
  return rows;
}

std::string format_summary(const std::string& path, const std::vector<SummaryRow>& rows) {
  const RunFileContents header = read_run_file_header(path);
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "%s: scenario '%s', seed %lld, %lld replications; mean [5th-95th percentile]\n",
                path.c_str(), header.scenario_name.c_str(), static_cast<long long>(header.seed),
                static_cast<long long>(header.replications));
  out += line;
  std::snprintf(line, sizeof line, "%-7s  %-18s  %-25s  %-25s  %-25s  %-25s  %-22s\n", "month", "job_family", "headcount",
                "fte", "demand_fte", "vacancy_fte", "vacancy_rate (%)");
  out += line;
  auto cell = [](const SummaryStat& s, double scale, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f [%.*f-%.*f]", decimals, s.mean * scale, decimals, s.p05 * scale, decimals,
                  s.p95 * scale);
    return std::string(buffer);
  };
  for (const SummaryRow& row : rows) {
    std::snprintf(line, sizeof line, "%-7s  %-18s  %-25s  %-25s  %-25s  %-25s  %-22s\n", row.month.c_str(),
                  row.family.c_str(), cell(row.headcount, 1, 0).c_str(), cell(row.fte, 1, 0).c_str(),
                  cell(row.demand_fte, 1, 0).c_str(), cell(row.vacancy_fte, 1, 0).c_str(),
                  cell(row.vacancy_rate, 100, 2).c_str());
    out += line;
  }
  return out;
}

}  // namespace krapte
