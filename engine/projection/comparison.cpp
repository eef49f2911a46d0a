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

ComparedPoint compare_point(const Samples& samples, int k, double projection, double z_tolerance, double tolerance) {
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
  // A mean of N counts of people moves in steps of 1/N: where every replication gave the
  // same value (a flow of a person or two), the standard error is taken as 1/N.
  const double standard_error = std::max(p.agents_se, 1.0 / n);
  const double difference = mean - projection;
  const double rounding = 1e-9 * std::max(1.0, std::abs(projection));
  if (std::abs(difference) > rounding) {
    p.z = difference / standard_error;
    p.percent = projection != 0 ? 100.0 * difference / std::abs(projection)
                                : std::copysign(std::numeric_limits<double>::infinity(), difference);
  }
  p.allowed = std::max({rounding, z_tolerance * standard_error, tolerance});
  p.within = std::abs(difference) <= p.allowed;
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
  const bool recruitment = s.recruitment.matching_efficiency > 0;
  const bool pressure = s.exits.pressure_sensitivity > 0;
  // People move in any month whose move share is positive. The collective factor applies
  // only while collective recruitment is in force (its window), as in StepContext; outside
  // it the base share holds.
  bool moves = false;
  for (int k = 1; k <= s.time.steps() && !moves; ++k) {
    const YearMonth month = s.time.month_of_point(k);
    moves = s.exits.move_share * (s.collective_in_force(month) ? s.collective.move_share_factor : 1.0) > 0;
  }
  return recruitment || pressure || moves;
}

std::vector<Metric> checked_metrics(const ResolvedScenario& s) {
  std::vector<Metric> metrics = {Metric::kHeadcount,       Metric::kFte,
                                 Metric::kVacancyFte,      Metric::kHiresExternal,
                                 Metric::kExitsRetirement, Metric::kExitsEarlyRetirement,
                                 Metric::kExitsQuit,       Metric::kExitsOther};
  if (!s.policies.trainee_programmes.empty())
    metrics.insert(metrics.end(), {Metric::kTrainees, Metric::kHiresTrainee, Metric::kExitsTrainee});
  if (!s.policies.flexpools.empty()) metrics.push_back(Metric::kFlexpoolFte);
  return metrics;
}

Tolerance approximation_tolerance(Metric metric, bool feedbacks) {
  // Vacancies are max(0, D - S) of a random supply in every scenario: their mean exceeds
  // the projection's max(0, D - E[S]) where S is near D (docs/validation.md).
  if (metric == Metric::kVacancyFte) return {0.01, true};
  if (!feedbacks) return {};
  switch (metric) {
    case Metric::kHeadcount:
    case Metric::kFte:
    case Metric::kTrainees:
      return {0.01, false};
    case Metric::kHiresExternal:
      return {0.10, false};
    default:
      return {0.05, false};
  }
}

namespace {

// Continued fraction of the incomplete beta function (modified Lentz).
double beta_continued_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  const double qab = a + b;
  double c = 1.0;
  double d = 1.0 - qab * x / (a + 1.0);
  d = 1.0 / (std::abs(d) < kTiny ? kTiny : d);
  double h = d;
  for (int m = 1; m <= 1000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((a - 1.0 + m2) * (a + m2));
    d = 1.0 + aa * d;
    d = 1.0 / (std::abs(d) < kTiny ? kTiny : d);
    c = 1.0 + aa / c;
    c = std::abs(c) < kTiny ? kTiny : c;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (a + 1.0 + m2));
    d = 1.0 + aa * d;
    d = 1.0 / (std::abs(d) < kTiny ? kTiny : d);
    c = 1.0 + aa / c;
    c = std::abs(c) < kTiny ? kTiny : c;
    const double step = d * c;
    h *= step;
    if (std::abs(step - 1.0) < 1e-15) break;
  }
  return h;
}

/// Regularised incomplete beta function I_x(a, b).
double incomplete_beta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
  return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

}  // namespace

double student_t_two_sided_tail(double t, double dof) {
  if (!(t > 0)) return 1.0;
  return incomplete_beta(dof / 2.0, 0.5, dof / (dof + t * t));
}

double bonferroni_z(int replications, size_t comparisons, double family_error) {
  constexpr double kAtLeast = 4.0;  // the criterion for a single month
  if (replications < 2 || comparisons == 0) return kAtLeast;
  const double dof = replications - 1;
  const double per_comparison = family_error / static_cast<double>(comparisons);
  double lo = 0;
  double hi = 1e4;
  for (int i = 0; i < 200; ++i) {  // the tail falls with t: bisect
    const double mid = 0.5 * (lo + hi);
    (student_t_two_sided_tail(mid, dof) > per_comparison ? lo : hi) = mid;
  }
  return std::max(kAtLeast, hi);
}

bool CheckResult::pass() const {
  return std::all_of(series.begin(), series.end(), [](const ComparedSeries& s) { return s.pass; });
}

CheckResult compare_national(const ResolvedScenario& scenario, const std::vector<LevelValues>& agents,
                             const LevelValues& projection) {
  CheckResult result;
  result.replications = static_cast<int>(agents.size());
  result.feedbacks = has_feedbacks(scenario);
  const int points = scenario.time.points();
  const int families = scenario.family_count();
  const std::vector<Metric> metrics = checked_metrics(scenario);
  for (Metric metric : metrics)
    result.comparisons += static_cast<size_t>(families + 1) * static_cast<size_t>(metric_info(metric).is_flow ? points - 1 : points);
  result.z_tolerance = bonferroni_z(result.replications, result.comparisons, result.family_error);
  for (int family = -1; family < families; ++family) {
    for (Metric metric : metrics) {
      ComparedSeries series;
      series.group = family < 0 ? kAllFamilies : scenario.families[static_cast<size_t>(family)].name;
      series.metric = metric;
      series.tolerance = approximation_tolerance(metric, result.feedbacks);
      const Samples samples = samples_of(agents, metric, family, points, families);
      const int first = metric_info(metric).is_flow ? 1 : 0;  // flows at point 0 are 0 by definition
      for (int k = first; k < points; ++k) {
        const double basis = series.tolerance.of_demand ? projection_value(projection, Metric::kDemandFte, k, family, families)
                                                        : projection_value(projection, metric, k, family, families);
        const ComparedPoint p = compare_point(samples, k, projection_value(projection, metric, k, family, families),
                                              result.z_tolerance, series.tolerance.fraction * std::abs(basis));
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
  out << (result.feedbacks ? "Feedbacks on (recruitment, workload pressure or moves): the projection approximates.\n"
                           : "No feedbacks: the projection is exact in expectation (vacancies excepted).\n");
  out << "A month agrees if |mean - projection| <= " << number(result.z_tolerance, "%.2f") << " standard errors (for "
      << result.comparisons << " comparisons: a " << number(100 * result.family_error, "%g")
      << "% chance of any false alarm)\nor <= the metric's approximation tolerance (docs/validation.md).\n\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-20s %-24s %8s %-8s %12s %-8s %-10s %s\n", "group", "metric", "max |z|", "month",
                "max |diff| %", "month", "tolerance", "result");
  out << line;
  int failed = 0;
  for (const ComparedSeries& series : result.series) {
    failed += series.pass ? 0 : 1;
    std::string tolerance = "-";
    if (series.tolerance.fraction > 0)
      tolerance = number(100 * series.tolerance.fraction, "%g") + (series.tolerance.of_demand ? "% of D" : "%");
    std::snprintf(line, sizeof line, "%-20s %-24s %8s %-8s %12s %-8s %-10s %s\n", series.group.c_str(),
                  std::string(metric_info(series.metric).name).c_str(), number(series.max_abs_z, "%.2f").c_str(),
                  month_label(s, series.max_z_point).c_str(), number(series.max_abs_percent, "%.2f").c_str(),
                  month_label(s, series.max_percent_point).c_str(), tolerance.c_str(), series.pass ? "ok" : "FAIL");
    out << line;
  }
  const size_t total = result.series.size();
  if (failed == 0)
    out << "\nPASS: all " << total << " series agree in every month.\n";
  else
    out << "\nFAIL: " << failed << " of " << total << " series disagree in at least one month.\n";
  return out.str();
}

std::string check_csv(const ResolvedScenario& s, const CheckResult& result) {
  std::ostringstream out;
  out << "group,metric,time,agents_mean,agents_se,projection,difference,z,percent,allowed,within\n";
  char line[512];
  for (const ComparedSeries& series : result.series)
    for (const ComparedPoint& p : series.points) {
      std::snprintf(line, sizeof line, "%s,%s,%s,%.6f,%.6f,%.6f,%.6f,%s,%s,%.6f,%d\n", series.group.c_str(),
                    std::string(metric_info(series.metric).name).c_str(), month_label(s, p.point).c_str(), p.agents_mean,
                    p.agents_se, p.projection, p.agents_mean - p.projection, number(p.z, "%.4f").c_str(),
                    number(p.percent, "%.4f").c_str(), p.allowed, p.within ? 1 : 0);
      out << line;
    }
  return out.str();
}

}  // namespace krapte
