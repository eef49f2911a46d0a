#include "projection/comparison.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include "sim/run.h"

namespace krapte {

namespace {

const char* kAllFamilies = "all families";

/// One national series per replication: [replication][point].
using Samples = std::vector<std::vector<double>>;

Samples samples_of(const std::vector<LevelValues>& agents, Metric metric, int family, int points, int families) {
  Samples out;
  for (const LevelValues& run : agents) {
    std::vector<double> series(static_cast<size_t>(points), 0.0);
    for (int k = 0; k < points; ++k) {
      if (family >= 0) {
        series[static_cast<size_t>(k)] = run.at(metric, k, 0, family);
        continue;
      }
      for (int j = 0; j < families; ++j) series[static_cast<size_t>(k)] += run.at(metric, k, 0, j);
    }
    out.push_back(std::move(series));
  }
  return out;
}

double projection_value(const LevelValues& projection, Metric metric, int k, int family, int families) {
  if (family >= 0) return projection.at(metric, k, 0, family);
  double total = 0;
  for (int j = 0; j < families; ++j) total += projection.at(metric, k, 0, j);
  return total;
}

ComparedPoint compare_point(const Samples& samples, int k, double projection, double z_tolerance,
                            double tolerance_percent) {
  ComparedPoint p;
  p.point = k;
  p.projection = projection;
  const double n = static_cast<double>(samples.size());
  double mean = 0;
  for (const auto& s : samples) mean += s[static_cast<size_t>(k)];
  mean /= n;
  double squares = 0;
  for (const auto& s : samples) squares += (s[static_cast<size_t>(k)] - mean) * (s[static_cast<size_t>(k)] - mean);
  p.agents_mean = mean;
  p.agents_se = samples.size() > 1 ? std::sqrt(squares / (n - 1) / n) : 0.0;
  const double difference = mean - projection;
  const double rounding = 1e-9 * std::max(1.0, std::abs(projection));
  if (std::abs(difference) <= rounding) {
    p.z = 0;
    p.percent = 0;
  } else {
    p.z = p.agents_se > 0 ? difference / p.agents_se : std::copysign(std::numeric_limits<double>::infinity(), difference);
    p.percent = projection != 0 ? 100.0 * difference / std::abs(projection)
                                : std::copysign(std::numeric_limits<double>::infinity(), difference);
  }
  p.within = std::abs(difference) <= rounding || std::abs(difference) <= z_tolerance * p.agents_se ||
             (tolerance_percent > 0 && std::abs(difference) <= tolerance_percent / 100.0 * std::abs(projection));
  return p;
}

std::string month_label(const ResolvedScenario& s, int point) { return s.time.month_of_point(point).to_string(); }

std::string number(double x, const char* format) {
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, x);
  return buffer;
}

}  // namespace

std::vector<LevelValues> run_agents_national(const ResolvedScenario& scenario, const RunSetup& setup, int threads) {
  std::vector<LevelValues> national(static_cast<size_t>(scenario.replications));
  RunOptions options;
  options.threads = threads;
  // Each replication writes its own slot: the result does not depend on completion order.
  options.on_replication_done = [&](ReplicationSeries&& series) {
    national[static_cast<size_t>(series.replication)] = derive_level(series, Level::kNational, setup.region_of_municipality);
  };
  run_replications(scenario, setup, options);
  return national;
}

bool has_feedbacks(const ResolvedScenario& s) {
  const double move_share =
      s.exits.move_share * (s.recruitment.mode == RecruitmentMode::kCollective ? s.collective.move_share_factor : 1.0);
  const bool recruitment = s.recruitment.matching_efficiency > 0;
  const bool pressure = s.exits.pressure_sensitivity > 0;
  return recruitment || pressure || move_share > 0;
}

const std::vector<Metric>& checked_metrics() {
  static const std::vector<Metric> metrics = {Metric::kHeadcount,        Metric::kFte,
                                              Metric::kVacancyFte,       Metric::kHiresExternal,
                                              Metric::kExitsRetirement,  Metric::kExitsEarlyRetirement,
                                              Metric::kExitsQuit,        Metric::kExitsOther};
  return metrics;
}

double feedback_tolerance_percent(Metric metric) {
  switch (metric) {
    case Metric::kHeadcount:
    case Metric::kFte:
      return 1.0;
    case Metric::kVacancyFte:
      return 15.0;
    case Metric::kHiresExternal:
      return 10.0;
    default:
      return 5.0;
  }
}

bool CheckResult::pass() const {
  return std::all_of(series.begin(), series.end(), [](const ComparedSeries& s) { return s.pass; });
}

CheckResult compare_national(const ResolvedScenario& scenario, const std::vector<LevelValues>& agents,
                             const LevelValues& projection, double z_tolerance) {
  CheckResult result;
  result.replications = static_cast<int>(agents.size());
  result.feedbacks = has_feedbacks(scenario);
  result.z_tolerance = z_tolerance;
  const int points = scenario.time.points();
  const int families = scenario.family_count();
  for (int family = -1; family < families; ++family) {
    for (Metric metric : checked_metrics()) {
      ComparedSeries series;
      series.group = family < 0 ? kAllFamilies : scenario.families[static_cast<size_t>(family)].name;
      series.metric = metric;
      series.tolerance_percent = result.feedbacks ? feedback_tolerance_percent(metric) : 0.0;
      const Samples samples = samples_of(agents, metric, family, points, families);
      const int first = metric_info(metric).is_flow ? 1 : 0;  // flows at point 0 are 0 by definition
      for (int k = first; k < points; ++k) {
        const ComparedPoint p = compare_point(samples, k, projection_value(projection, metric, k, family, families),
                                              z_tolerance, series.tolerance_percent);
        if (std::abs(p.z) > series.max_abs_z || series.points.empty()) {
          series.max_abs_z = std::abs(p.z);
          series.max_z_point = k;
        }
        if (std::abs(p.percent) > series.max_abs_percent || series.points.empty()) {
          series.max_abs_percent = std::abs(p.percent);
          series.max_percent_point = k;
        }
        series.pass = series.pass && p.within;
        series.points.push_back(p);
      }
      result.series.push_back(std::move(series));
    }
  }
  return result;
}

std::string format_check(const ResolvedScenario& s, const CheckResult& result) {
  std::ostringstream out;
  out << "krapte check: " << s.name << ", mean of " << result.replications << " agent replications (seed " << s.seed
      << ") against the expected-value projection, national, " << month_label(s, 0) << " .. "
      << month_label(s, s.time.points() - 1) << "\n";
  if (result.feedbacks)
    out << "Feedbacks on (recruitment, workload pressure or moves): a month agrees if |mean - projection| <= "
        << number(result.z_tolerance, "%g") << " standard errors\nor <= the metric's tolerance in percent of the "
        << "projection (docs/validation.md).\n\n";
  else
    out << "No feedbacks: the projection is exact in expectation; a month agrees if |mean - projection| <= "
        << number(result.z_tolerance, "%g") << " standard errors.\n\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-20s %-24s %9s %-8s %12s %-8s %6s  %s\n", "group", "metric", "max |z|", "month",
                "max |diff| %", "month", "tol %", "result");
  out << line;
  int failed = 0;
  for (const ComparedSeries& series : result.series) {
    failed += series.pass ? 0 : 1;
    std::snprintf(line, sizeof line, "%-20s %-24s %9s %-8s %12s %-8s %6s  %s\n", series.group.c_str(),
                  std::string(metric_info(series.metric).name).c_str(), number(series.max_abs_z, "%.2f").c_str(),
                  month_label(s, series.max_z_point).c_str(), number(series.max_abs_percent, "%.2f").c_str(),
                  month_label(s, series.max_percent_point).c_str(),
                  series.tolerance_percent > 0 ? number(series.tolerance_percent, "%.0f").c_str() : "-",
                  series.pass ? "ok" : "FAIL");
    out << line;
  }
  const size_t total = result.series.size();
  if (failed == 0)
    out << "\nPASS: all " << total << " series agree at every month.\n";
  else
    out << "\nFAIL: " << failed << " of " << total << " series disagree in at least one month.\n";
  return out.str();
}

std::string check_csv(const ResolvedScenario& s, const CheckResult& result) {
  std::ostringstream out;
  out << "group,metric,time,agents_mean,agents_se,projection,difference,z,percent,within\n";
  char line[512];
  for (const ComparedSeries& series : result.series)
    for (const ComparedPoint& p : series.points) {
      std::snprintf(line, sizeof line, "%s,%s,%s,%.6f,%.6f,%.6f,%.6f,%s,%s,%d\n", series.group.c_str(),
                    std::string(metric_info(series.metric).name).c_str(), month_label(s, p.point).c_str(), p.agents_mean,
                    p.agents_se, p.projection, p.agents_mean - p.projection, number(p.z, "%.4f").c_str(),
                    number(p.percent, "%.4f").c_str(), p.within ? 1 : 0);
      out << line;
    }
  return out.str();
}

}  // namespace krapte
