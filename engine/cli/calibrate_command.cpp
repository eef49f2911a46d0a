// `krapte calibrate CALIB.yaml` (docs/backcast.md): fit scenario keys to published figures
// by least squares on the expected-value projection, bootstrap the fit over the figures'
// rounding, write the fitted scenario, and check it with agent replications.
#include <oneapi/tbb/global_control.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "calibrate/calibration_fit.h"
#include "calibrate/fitted_scenario.h"
#include "cli/commands.h"
#include "core/errors.h"
#include "output/output_path.h"
#include "output/summary.h"  // percentile()
#include "projection/comparison.h"
#include "scenario/resolve.h"
#include "sim/replication.h"
#include "sim/run.h"

namespace krapte {

namespace {

struct AgentCheck {
  int replications = 0;
  std::vector<double> mean, p05, p95;  // per target
};

AgentCheck check_with_agents(const CalibrationSpec& spec, const CalibrationResult& result, int replications, int threads) {
  std::vector<std::string> overrides = fit_overrides(spec, result.fitted);
  overrides.push_back("replications=" + std::to_string(replications));
  const ResolvedScenario scenario = load_scenario(spec.scenario, overrides);
  const RunSetup setup = prepare_run(scenario);
  const std::vector<LevelValues> national = run_agents_national(scenario, setup, threads);
  AgentCheck check;
  check.replications = replications;
  std::vector<std::vector<double>> per_target(spec.targets.size());
  for (const LevelValues& replication : national) {
    const std::vector<double> values = target_values(spec, scenario, replication);
    for (size_t i = 0; i < values.size(); ++i) per_target[i].push_back(values[i]);
  }
  for (auto& values : per_target) {  // percentile() reorders values
    double mean = 0;
    for (double v : values) mean += v / static_cast<double>(values.size());
    check.mean.push_back(mean);
    check.p05.push_back(percentile(values, 0.05));
    check.p95.push_back(percentile(values, 0.95));
  }
  return check;
}

std::string format_value(const FitTarget& t, double value) {
  char text[48];
  if (t.quantity == TargetQuantity::kHeadcount || t.quantity == TargetQuantity::kFte)
    std::snprintf(text, sizeof text, "%.0f", value);
  else
    std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

std::string report(const CalibrationSpec& spec, const CalibrationResult& result, const AgentCheck& agents) {
  std::ostringstream out;
  char line[512];
  std::snprintf(line, sizeof line, "calibrate %s: %zu parameters, %zu targets; %s, %d evaluations (%s)", spec.name.c_str(),
                spec.parameters.size(), spec.targets.size(), algorithm_name(spec.algorithm).c_str(), result.evaluations,
                result.stop_reason.c_str());
  out << line;
  if (spec.bootstrap > 0) out << "; " << spec.bootstrap << " bootstrap refits (" << result.bootstrap_evaluations << " evaluations)";
  std::snprintf(line, sizeof line, "; sum of squared relative residuals %.3g\n\n", result.sum_of_squares);
  out << line;
  std::snprintf(line, sizeof line, "%-28s %12s %10s %12s %12s   %s\n", "parameter", "fitted", "sd", "5th pct", "95th pct", "bounds");
  out << line;
  for (size_t i = 0; i < spec.parameters.size(); ++i) {
    const FitParameter& p = spec.parameters[i];
    const bool has = !result.uncertainty.empty();
    std::snprintf(line, sizeof line, "%-28s %12.6g %10s %12s %12s   [%g, %g]%s\n", p.name.c_str(), result.fitted[i],
                  has ? (std::ostringstream() << result.uncertainty[i].standard_deviation).str().c_str() : "-",
                  has ? (std::ostringstream() << result.uncertainty[i].p05).str().c_str() : "-",
                  has ? (std::ostringstream() << result.uncertainty[i].p95).str().c_str() : "-", p.lower, p.upper,
                  (result.fitted[i] - p.lower < 1e-6 * (p.upper - p.lower) || p.upper - result.fitted[i] < 1e-6 * (p.upper - p.lower))
                      ? "  at a bound"
                      : "");
    out << line;
  }
  out << "\n";
  std::snprintf(line, sizeof line, "%-22s %10s %10s %10s %10s %9s", "target", "observed", "rounding", "projection", "residual",
                "resid %");
  out << line;
  if (agents.replications > 0) {
    std::snprintf(line, sizeof line, "   agents (%d replications): mean [5th-95th]", agents.replications);
    out << line;
  }
  out << "\n";
  for (size_t i = 0; i < spec.targets.size(); ++i) {
    const FitTarget& t = spec.targets[i];
    const double residual = result.model[i] - t.observed;
    std::snprintf(line, sizeof line, "%-22s %10s %10g %10s %10s %+8.2f%%", t.label().c_str(), format_value(t, t.observed).c_str(),
                  t.rounding, format_value(t, result.model[i]).c_str(), format_value(t, residual).c_str(),
                  100.0 * residual / t.observed);
    out << line;
    if (agents.replications > 0)
      out << "   " << format_value(t, agents.mean[i]) << " [" << format_value(t, agents.p05[i]) << "-"
          << format_value(t, agents.p95[i]) << "]";
    out << "\n";
  }
  return out.str();
}

std::string csv_text(const CalibrationSpec& spec, const CalibrationResult& result, const AgentCheck& agents) {
  std::ostringstream out;
  out << "target,model,year,observed,rounding,projection,residual,residual_pct,agents_mean,agents_p05,agents_p95\n";
  char line[512];
  for (size_t i = 0; i < spec.targets.size(); ++i) {
    const FitTarget& t = spec.targets[i];
    const double residual = result.model[i] - t.observed;
    std::snprintf(line, sizeof line, "%s,%s,%d,%.10g,%.10g,%.10g,%.10g,%.6g,", t.label().c_str(), quantity_name(t.quantity).c_str(),
                  t.year, t.observed, t.rounding, result.model[i], residual, 100.0 * residual / t.observed);
    out << line;
    if (agents.replications > 0) {
      std::snprintf(line, sizeof line, "%.10g,%.10g,%.10g\n", agents.mean[i], agents.p05[i], agents.p95[i]);
      out << line;
    } else {
      out << ",,\n";
    }
  }
  return out.str();
}

}  // namespace

int calibrate_command(const CalibrateCommand& command) {
  CalibrationSpec spec = load_calibration_spec(command.file);
  if (command.check_replications) spec.check_replications = *command.check_replications;
  if (command.bootstrap) spec.bootstrap = *command.bootstrap;
  if (spec.check_replications == 1)
    throw InputError(SourceLocation{command.file, 0, 0},
                     "check_replications: 1 gives no spread; allowed: 0 (no agent check) or 2 and more");
  const std::string output = output_path(command.output, spec.name + "-fitted.yaml");
  check_output_path(output, "results/backcast-fitted.yaml");
  if (!command.csv.empty()) check_output_path(command.csv, "results/backcast-residuals.csv");
  // The scenario must load with the start values (and the targets' years lie in it) before the fit.
  {
    std::vector<double> start;
    for (const FitParameter& p : spec.parameters) start.push_back(p.start);
    std::vector<std::string> overrides = fit_overrides(spec, start);
    const ResolvedScenario scenario = load_scenario(spec.scenario, overrides);
    LevelValues empty;
    empty.units = 1;
    empty.shape.points = scenario.time.points();
    empty.shape.families = scenario.family_count();
    empty.values.assign(static_cast<size_t>(kMetricCount) * empty.metric_size(), 0.0);
    target_values(spec, scenario, empty);
  }

  const int threads = effective_threads(command.threads);
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));
  const CalibrationResult result = calibrate(spec);
  AgentCheck agents;
  if (spec.check_replications > 0) agents = check_with_agents(spec, result, spec.check_replications, threads);

  std::cout << report(spec, result, agents);
  write_text_file_atomically(output, fitted_scenario_yaml(spec, result, output));
  if (!command.csv.empty()) write_text_file_atomically(command.csv, csv_text(spec, result, agents));
  if (!command.quiet)
    std::fprintf(stderr, "krapte: wrote %s%s%s (fit %.1f s on %d threads)\n", output.c_str(), command.csv.empty() ? "" : " and ",
                 command.csv.c_str(), result.seconds, threads);
  return 0;
}

}  // namespace krapte
