#include "output/summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "output/result_reader.h"
#include "output/run_file.h"

namespace krapte {

double percentile(std::vector<double>& values, double q) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const double position = q * static_cast<double>(values.size() - 1);
  const auto below = static_cast<size_t>(std::floor(position));
  const size_t above = std::min(below + 1, values.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return values[below] + fraction * (values[above] - values[below]);
}

namespace {

SummaryStat stat_of(std::vector<double> values) {
  SummaryStat s;
  double sum = 0;
  for (double v : values) sum += v;
  s.mean = values.empty() ? 0.0 : sum / static_cast<double>(values.size());
  s.p05 = percentile(values, 0.05);
  s.p95 = percentile(values, 0.95);
  return s;
}

}  // namespace

std::vector<SummaryRow> summarize_run_file(const std::string& path) {
  const RunFileContents header = read_run_file_header(path);
  std::vector<hsize_t> dims;
  const auto headcount = read_run_dataset(path, "national", "headcount", dims);
  const auto fte = read_run_dataset(path, "national", "fte", dims);
  const auto demand = read_run_dataset(path, "national", "demand_fte", dims);
  const auto vacancy = read_run_dataset(path, "national", "vacancy_fte", dims);
  const size_t reps = dims[0];
  const size_t points = dims[1];
  const size_t families = dims[2];
  auto at = [&](const std::vector<double>& data, size_t r, size_t k, size_t j) { return data[(r * points + k) * families + j]; };

  std::vector<SummaryRow> rows;
  for (size_t k = 0; k < points; ++k) {
    if (k != 0 && header.time[k].substr(5) != "12") continue;
    for (size_t j = 0; j <= families; ++j) {  // j == families: the total
      std::vector<double> h(reps), f(reps), d(reps), v(reps), rate(reps);
      for (size_t r = 0; r < reps; ++r) {
        if (j < families) {
          h[r] = at(headcount, r, k, j);
          f[r] = at(fte, r, k, j);
          d[r] = at(demand, r, k, j);
          v[r] = at(vacancy, r, k, j);
        } else {
          for (size_t jj = 0; jj < families; ++jj) {
            h[r] += at(headcount, r, k, jj);
            f[r] += at(fte, r, k, jj);
            d[r] += at(demand, r, k, jj);
            v[r] += at(vacancy, r, k, jj);
          }
        }
        rate[r] = d[r] > 0 ? v[r] / d[r] : 0.0;
      }
      rows.push_back(SummaryRow{header.time[k], j < families ? header.job_families[j] : all_families_label(header.job_families),
                                j == families, stat_of(h), stat_of(f), stat_of(d), stat_of(v), stat_of(rate)});
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
