#include "output/cost_compare.h"

#include <cmath>
#include <cstdio>
#include <limits>

#include "core/errors.h"
#include "costs/cost_series.h"
#include "output/result_reader.h"

namespace krapte {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

size_t point_of(const std::vector<std::string>& time, const std::string& month, const std::string& option, size_t fallback) {
  if (month.empty()) return fallback;
  for (size_t k = 1; k < time.size(); ++k)
    if (time[k] == month) return k;
  throw InputError(SourceLocation{option + " " + month, 0, 0},
                   "no such month in the runs; allowed: " + time[1] + " to " + time.back() + " (YYYY-MM)");
}

bool has_costs(const ResultReader& reader) {
  return reader.exists("costs/" + std::string(level_info(Level::kNational).group) + "/" +
                       std::string(cost_catalogue()[static_cast<size_t>(CostItem::kTotal)].name));
}
}  // namespace

void ratio_with_interval(const std::vector<double>& cost, const std::vector<double>& avoided, double& ratio, double& half_width_90) {
  const size_t n = cost.size();
  double mean_cost = 0, mean_avoided = 0;
  for (size_t r = 0; r < n; ++r) {
    mean_cost += cost[r];
    mean_avoided += avoided[r];
  }
  mean_cost /= static_cast<double>(n);
  mean_avoided /= static_cast<double>(n);
  ratio = mean_avoided > 0 ? mean_cost / mean_avoided : kNaN;
  half_width_90 = kNaN;
  if (std::isnan(ratio) || n < 2) return;
  double variance = 0;
  for (size_t r = 0; r < n; ++r) {
    const double residual = cost[r] - ratio * avoided[r];
    variance += residual * residual;
  }
  variance /= static_cast<double>(n - 1);
  half_width_90 = student_t_quantile(0.95, static_cast<double>(n - 1)) * std::sqrt(variance / static_cast<double>(n)) / mean_avoided;
}

CostCompareResult compare_run_costs(const std::string& base, const std::string& other, const CostCompareOptions& options) {
  CostCompareResult result;
  const ResultReader reader_a(base);
  const ResultReader reader_b(other);
  const RunFileContents& a = reader_a.header();
  const RunFileContents& b = reader_b.header();
  if (!has_costs(reader_a) || !has_costs(reader_b)) return result;
  if (a.time != b.time || a.job_families != b.job_families || a.regions != b.regions)
    throw InputError(SourceLocation{other, 0, 0}, "cannot compare costs with " + base + ": the axes differ; allowed: runs of the same months, job families and regions");
  result.available = true;
  const size_t first = point_of(a.time, options.from, "--from", 1);
  const size_t last = point_of(a.time, options.to, "--to", a.time.size() - 1);
  if (last < first)
    throw InputError(SourceLocation{"--to " + options.to, 0, 0}, "is before --from " + a.time[first] + "; allowed: a month on or after --from");
  result.from = a.time[first];
  result.to = a.time[last];
  result.paired = a.seed == b.seed && a.replications == b.replications;
  const bool national = options.level == Level::kNational;
  const std::string cost_group = "costs/" + std::string(level_info(options.level).group);
  const size_t points = a.time.size();
  const size_t families = a.job_families.size();
  const size_t units = national ? 1 : a.regions.size();
  const std::vector<std::string> unit_names = national ? std::vector<std::string>{"national"} : a.regions;

  // Sum over the window and every family, per replication and unit.
  auto window_sums = [&](const std::vector<double>& data, size_t reps) {
    std::vector<double> sums(reps * units, 0.0);
    for (size_t r = 0; r < reps; ++r)
      for (size_t k = first; k <= last; ++k)
        for (size_t u = 0; u < units; ++u)
          for (size_t j = 0; j < families; ++j) sums[r * units + u] += data[((r * points + k) * units + u) * families + j];
    return sums;
  };
  const auto reps_a = static_cast<size_t>(a.replications);
  const auto reps_b = static_cast<size_t>(b.replications);
  std::vector<std::vector<double>> items_a, items_b;
  for (const CostItemInfo& info : cost_catalogue()) {
    result.item_names.emplace_back(info.name);
    items_a.push_back(window_sums(reader_a.read(options.level, cost_group, std::string(info.name)), reps_a));
    items_b.push_back(window_sums(reader_b.read(options.level, cost_group, std::string(info.name)), reps_b));
  }
  const std::vector<double> vacancy_a = window_sums(reader_a.values(options.level, Metric::kVacancyFte), reps_a);
  const std::vector<double> vacancy_b = window_sums(reader_b.values(options.level, Metric::kVacancyFte), reps_b);
  auto of_unit = [&](const std::vector<double>& sums, size_t reps, size_t u, double scale) {
    std::vector<double> values(reps);
    for (size_t r = 0; r < reps; ++r) values[r] = sums[r * units + u] * scale;
    return values;
  };
  for (size_t u = 0; u < units; ++u) {
    CostCompareRow row;
    row.unit = unit_names[u];
    for (size_t i = 0; i < items_a.size(); ++i)
      row.items.push_back(difference_with_interval(of_unit(items_a[i], reps_a, u, 1), of_unit(items_b[i], reps_b, u, 1), result.paired));
    // Avoided = base - other, in FTE-years (monthly stocks / 12): the "other" side is the base.
    const std::vector<double> years_a = of_unit(vacancy_a, reps_a, u, 1.0 / 12.0);
    const std::vector<double> years_b = of_unit(vacancy_b, reps_b, u, 1.0 / 12.0);
    row.vacancy_fte_years = difference_with_interval(years_b, years_a, result.paired);
    const std::vector<double> total_a = of_unit(items_a[static_cast<size_t>(CostItem::kTotal)], reps_a, u, 1);
    const std::vector<double> total_b = of_unit(items_b[static_cast<size_t>(CostItem::kTotal)], reps_b, u, 1);
    if (result.paired) {
      std::vector<double> cost(reps_a), avoided(reps_a);
      for (size_t r = 0; r < reps_a; ++r) {
        cost[r] = total_b[r] - total_a[r];
        avoided[r] = years_a[r] - years_b[r];
      }
      ratio_with_interval(cost, avoided, row.euros_per_fte_year, row.euros_per_fte_year_half_width_90);
    } else {
      const double avoided = row.vacancy_fte_years.difference;
      row.euros_per_fte_year = avoided > 0 ? row.items[static_cast<size_t>(CostItem::kTotal)].difference / avoided : kNaN;
      row.euros_per_fte_year_half_width_90 = kNaN;
    }
    result.rows.push_back(std::move(row));
  }
  return result;
}

std::string format_cost_compare(const CostCompareResult& result) {
  if (!result.available) return "costs: not compared (a file has no /costs: its scenario has no costs: section, docs/costs.md)\n";
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "\ncosts %s to %s, other - base, million euros (unfilled: thousand FTE-months), with 90%% interval; %s\n",
                result.from.c_str(), result.to.c_str(), result.paired ? "paired by replication" : "unpaired (Welch)");
  out += line;
  for (const CostCompareRow& row : result.rows) {
    out += row.unit + "\n";
    for (size_t i = 0; i < row.items.size(); ++i) {
      const Difference& d = row.items[i];
      const bool money = cost_catalogue()[i].is_money;
      std::snprintf(line, sizeof line, "  %-28s %12.2f %12.2f %30s\n", result.item_names[i].c_str(), d.base / (money ? 1e6 : 1e3),
                    d.other / (money ? 1e6 : 1e3), format_interval(d, money ? 1e-6 : 1e-3, 2).c_str());
      out += line;
    }
    std::snprintf(line, sizeof line, "  %-28s %12s %12s %30s\n", "vacancy_fte_years_avoided", "", "",
                  format_interval(row.vacancy_fte_years, 1, 1).c_str());
    out += line;
    if (std::isnan(row.euros_per_fte_year)) {
      std::snprintf(line, sizeof line, "  euros per vacancy FTE-year avoided: n/a (no vacancy FTE-years avoided)\n");
    } else if (std::isnan(row.euros_per_fte_year_half_width_90)) {
      std::snprintf(line, sizeof line, "  euros per vacancy FTE-year avoided: %.0f [n/a]\n", row.euros_per_fte_year);
    } else {
      std::snprintf(line, sizeof line, "  euros per vacancy FTE-year avoided: %.0f [%.0f, %.0f]\n", row.euros_per_fte_year,
                    row.euros_per_fte_year - row.euros_per_fte_year_half_width_90,
                    row.euros_per_fte_year + row.euros_per_fte_year_half_width_90);
    }
    out += line;
  }
  return out;
}

std::string cost_compare_csv(const CostCompareResult& result) {
  std::string out = "from,to,unit,pairing,item,base,other,difference,ci90_low,ci90_high\n";
  char line[1024];
  for (const CostCompareRow& row : result.rows) {
    const char* pairing = result.paired ? "paired" : "unpaired";
    auto add = [&](const std::string& item, double base, double other, double difference, double half) {
      std::snprintf(line, sizeof line, "%s,%s,\"%s\",%s,%s,%.17g,%.17g,%.17g,%.17g,%.17g\n", result.from.c_str(), result.to.c_str(),
                    row.unit.c_str(), pairing, item.c_str(), base, other, difference, difference - half, difference + half);
      out += line;
    };
    for (size_t i = 0; i < row.items.size(); ++i)
      add(result.item_names[i], row.items[i].base, row.items[i].other, row.items[i].difference, row.items[i].half_width_90);
    add("vacancy_fte_years_avoided", row.vacancy_fte_years.base, row.vacancy_fte_years.other, row.vacancy_fte_years.difference,
        row.vacancy_fte_years.half_width_90);
    add("euros_per_vacancy_fte_year_avoided", kNaN, kNaN, row.euros_per_fte_year, row.euros_per_fte_year_half_width_90);
  }
  return out;
}

}  // namespace krapte
