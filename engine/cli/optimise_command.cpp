// `krapte optimise OPT.yaml [-o PACKAGE.yaml] [--threads N] [--quiet]` (docs/optimise.md):
// search on the expected-value projection with NLopt, verify the best candidates with agent
// replications under common random numbers, write the chosen package as a runnable scenario.
#include <oneapi/tbb/global_control.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>

#include "cli/commands.h"
#include "core/errors.h"
#include "optimise/evaluate.h"
#include "optimise/journal.h"
#include "optimise/spec.h"
#include "output/compare.h"
#include "output/output_path.h"
#include "scenario/resolve.h"
#include "scenario/schema.h"
#include "sim/run.h"

namespace krapte {

namespace {

std::string variables_text(const OptimiseSpec& spec, const std::vector<double>& x) {
  std::string text;
  const std::vector<double> r = rounded_point(spec, x);
  for (size_t i = 0; i < r.size(); ++i) text += (i ? ", " : "") + spec.variables[i].path + "=" + format_number(r[i]);
  return text;
}

std::string value_text(OptimiseMetric metric, double value) {
  char buffer[64];
  if (metric == OptimiseMetric::kTotalCost) std::snprintf(buffer, sizeof buffer, "EUR %.3f bn", value / 1e9);
  else if (metric == OptimiseMetric::kVacancyFteYears) std::snprintf(buffer, sizeof buffer, "%.1f FTE-years", value);
  else std::snprintf(buffer, sizeof buffer, "%.4f", value);
  return buffer;
}

struct Interval {
  double mean = 0, half = 0;
};
Interval interval_of(const std::vector<double>& values) {
  Interval i;
  const double n = static_cast<double>(values.size());
  for (double v : values) i.mean += v;
  i.mean /= n;
  double variance = 0;
  for (double v : values) variance += (v - i.mean) * (v - i.mean);
  variance /= n - 1;
  i.half = variance > 0 ? student_t_quantile(0.95, n - 1) * std::sqrt(variance / n) : 0.0;
  return i;
}

struct Verified {
  std::vector<double> x;
  int evaluation = 0;
  PointValues projection;
  Interval objective;
  std::vector<Interval> margins;
  std::vector<double> probability;  // share of replications in which the constraint holds
  bool holds_on_average() const {
    for (const Interval& m : margins)
      if (m.mean < 0) return false;
    return true;
  }
};

/// The best distinct points of the search (integers rounded): feasible ones by objective,
/// then the least infeasible.
std::vector<int> candidates(const OptimiseSpec& spec, const SearchResult& search, int count) {
  std::vector<int> order(search.history.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const SearchEvaluation& ea = search.history[static_cast<size_t>(a)];
    const SearchEvaluation& eb = search.history[static_cast<size_t>(b)];
    if (ea.feasible() != eb.feasible()) return ea.feasible();
    return ea.feasible() ? ea.objective < eb.objective : ea.worst_violation() < eb.worst_violation();
  });
  std::vector<int> chosen;
  std::vector<std::vector<double>> seen;
  for (int i : order) {
    const std::vector<double> r = rounded_point(spec, search.history[static_cast<size_t>(i)].x);
    if (std::find(seen.begin(), seen.end(), r) != seen.end()) continue;
    seen.push_back(r);
    chosen.push_back(i);
    if (static_cast<int>(chosen.size()) == count) break;
  }
  return chosen;
}

Verified verify(const OptimiseSpec& spec, const std::vector<double>& x, int threads) {
  Verified v;
  v.x = rounded_point(spec, x);
  const ResolvedScenario s = point_scenario(spec, x, spec.verify_replications);
  const RunSetup setup = prepare_run(s);
  std::vector<PointValues> per_replication(static_cast<size_t>(s.replications));
  RunOptions options;
  options.threads = threads;
  options.on_replication_done = [&](ReplicationSeries&& series) {
    per_replication[static_cast<size_t>(series.replication)] = measure_point(spec, s, series);
  };
  run_replications(s, setup, options);
  std::vector<double> objective;
  for (const PointValues& p : per_replication) objective.push_back(p.objective);
  v.objective = interval_of(objective);
  for (size_t c = 0; c < spec.constraints.size(); ++c) {
    std::vector<double> margins;
    int holds = 0;
    for (const PointValues& p : per_replication) {
      margins.push_back(p.margins[c]);
      holds += p.margins[c] >= 0 ? 1 : 0;
    }
    v.margins.push_back(interval_of(margins));
    v.probability.push_back(static_cast<double>(holds) / static_cast<double>(per_replication.size()));
  }
  return v;
}

/// The chosen package as one self-contained scenario: the resolved text with an absolute
/// data path, written through a temporary name.
void write_package(const OptimiseSpec& spec, const std::vector<double>& x, const std::string& output) {
  const ResolvedScenario point = point_scenario(spec, x);
  std::vector<std::string> overrides = point_overrides(spec, x);
  overrides.push_back("name=" + spec.name + "-package");
  overrides.push_back("description=\"krapte optimise " + spec.path + ": " + variables_text(spec, x) + "\"");
  overrides.push_back("data.municipalities=" + std::filesystem::absolute(point.municipalities.path).string());
  if (point.population.source == PopulationSource::kFile)
    overrides.push_back("population.file=" + std::filesystem::absolute(point.population.file).string());
  for (size_t i = 0; i < point.population.files.size(); ++i)  // HR extracts (docs/hr-import.md)
    overrides.push_back("population.files." + std::to_string(i) + ".file=" + std::filesystem::absolute(point.population.files[i].path).string());
  for (size_t i = 0; i < point.population.formats.size(); ++i)
    if (!point.population.formats[i].function_map.empty())
      overrides.push_back("population.formats." + std::to_string(i) + ".function_map=" +
                          std::filesystem::absolute(point.population.formats[i].function_map).string());
  const ResolvedScenario package = load_scenario(spec.scenario, overrides);
  const std::string temporary = output + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary);
    out << "# The package chosen by krapte optimise " << spec.path << " (docs/optimise.md); run it with krapte run.\n"
        << package.canonical_yaml;
    if (!out) {
      std::filesystem::remove(temporary);
      throw InputError(SourceLocation{output, 0, 0}, "cannot write the package file");
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, output, error);
  if (error) throw InputError(SourceLocation{output, 0, 0}, "cannot write the package file: " + error.message());
}

}  // namespace

int optimise_command(const OptimiseCommand& command) {
  const OptimiseSpec spec = load_optimise_spec(command.file);
  const std::string output = output_path(command.output, spec.name + "-package.yaml");
  check_output_path(output, "results/package.yaml");
  const int threads = effective_threads(command.threads);
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));
  const auto started = std::chrono::steady_clock::now();
  const auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
  const bool terminal = ::isatty(STDERR_FILENO);

  // Resuming: the journal beside the package answers the points already evaluated.
  EvaluationJournal journal(output + ".journal", journal_key(spec, load_scenario(spec.scenario, spec.set).hash));
  double objective_scale = journal.scale();  // |objective| at the start point: COBYLA sees values near 1
  SearchProblem problem;
  for (const DecisionVariable& v : spec.variables) {
    problem.lower.push_back(v.lower);
    problem.upper.push_back(v.upper);
  }
  problem.start = spec.start;
  problem.constraint_count = static_cast<int>(spec.constraints.size());
  bool replayed = false;
  problem.evaluate = [&](const std::vector<double>& x) {
    if (const SearchEvaluation* known = journal.find(x)) {
      replayed = true;
      return *known;
    }
    replayed = false;
    if (objective_scale == 0) {
      PointValues values;
      (void)evaluate_on_projection(spec, x, 1.0, &values);
      objective_scale = std::abs(values.objective) > 0 ? std::abs(values.objective) : 1.0;
      journal.set_scale(objective_scale);
    }
    SearchEvaluation e = evaluate_on_projection(spec, x, objective_scale);
    journal.append(e);
    return e;
  };
  double best_feasible = std::nan("");
  problem.on_evaluation = [&](const SearchEvaluation& e, int n) {
    if (e.feasible() && (std::isnan(best_feasible) || e.objective < best_feasible)) best_feasible = e.objective;
    if (!command.quiet) {
      const double elapsed = seconds();
      std::fprintf(stderr, "%soptimise: evaluation %d/%d%s  objective %.6g  worst violation %.3g  best feasible %s  %.1f s, at most %.0f s left%s",
                   terminal ? "\r" : "", n, spec.search.max_evaluations, replayed ? " (replayed)" : "", e.objective * objective_scale, e.worst_violation(),
                   std::isnan(best_feasible) ? "none" : value_text(spec.objective, best_feasible * objective_scale).c_str(), elapsed,
                   elapsed / n * (spec.search.max_evaluations - n), terminal ? "   " : "\n");
      std::fflush(stderr);
    }
    return true;
  };
  const SearchResult search = nlopt_search(problem, spec.search);
  const double search_seconds = seconds();
  if (!command.quiet && terminal) std::fprintf(stderr, "\n");

  std::printf("optimise %s: %zu variables, %zu constraints, %s on the expected-value projection\n", spec.name.c_str(),
              spec.variables.size(), spec.constraints.size(),
              spec.search.algorithm == SearchAlgorithm::kCobyla ? "COBYLA" : spec.search.algorithm == SearchAlgorithm::kBobyqa ? "BOBYQA" : "Nelder-Mead");
  std::printf("search: %zu evaluations in %.1f s (%.2f evaluations/s): %s\n", search.history.size(), search_seconds,
              static_cast<double>(search.history.size()) / search_seconds, search.stop_reason.c_str());
  const SearchEvaluation& best = search.history[static_cast<size_t>(search.best)];
  if (!search.feasible) {
    PointValues values;
    (void)evaluate_on_projection(spec, best.x, objective_scale, &values);
    std::printf("INFEASIBLE: no evaluated point meets every constraint on the projection; the closest point:\n  %s\n",
                variables_text(spec, best.x).c_str());
    for (size_t c = 0; c < spec.constraints.size(); ++c)
      std::printf("  %s: %s (margin %+.4g%s)\n", spec.constraints[c].label().c_str(),
                  value_text(spec.constraints[c].metric, values.constraint_values[c]).c_str(), values.margins[c],
                  values.worst_region[c].empty() ? "" : (", worst region " + values.worst_region[c]).c_str());
    std::printf("no package written\n");
    return 1;
  }

  const std::vector<int> chosen_points = candidates(spec, search, std::max(1, spec.verify_candidates));
  std::vector<Verified> verified;
  for (size_t i = 0; i < chosen_points.size(); ++i) {
    const SearchEvaluation& e = search.history[static_cast<size_t>(chosen_points[i])];
    PointValues values;
    (void)evaluate_on_projection(spec, e.x, objective_scale, &values);
    std::printf("candidate %zu (evaluation %d%s): %s\n", i + 1, chosen_points[i] + 1, e.feasible() ? "" : ", infeasible on the projection",
                variables_text(spec, e.x).c_str());
    std::printf("  projection: objective %s", value_text(spec.objective, values.objective).c_str());
    for (size_t c = 0; c < spec.constraints.size(); ++c)
      std::printf("; %s: %s (margin %+.4g)", spec.constraints[c].label().c_str(),
                  value_text(spec.constraints[c].metric, values.constraint_values[c]).c_str(), values.margins[c]);
    std::printf("\n");
    if (spec.verify_candidates == 0) {
      Verified v;
      v.x = rounded_point(spec, e.x);
      v.projection = values;
      verified.push_back(v);
      continue;
    }
    if (!command.quiet) std::fprintf(stderr, "optimise: verifying candidate %zu with %d agent replications (%.1f s so far)\n", i + 1,
                                     spec.verify_replications, seconds());
    Verified v = verify(spec, e.x, threads);
    v.evaluation = chosen_points[i];
    v.projection = values;
    std::printf("  agents (%d replications, common random numbers): objective %s [%s, %s]\n", spec.verify_replications,
                value_text(spec.objective, v.objective.mean).c_str(), value_text(spec.objective, v.objective.mean - v.objective.half).c_str(),
                value_text(spec.objective, v.objective.mean + v.objective.half).c_str());
    for (size_t c = 0; c < spec.constraints.size(); ++c)
      std::printf("    %s: margin %+.4g [%+.4g, %+.4g], holds in %.0f%% of replications\n", spec.constraints[c].label().c_str(),
                  v.margins[c].mean, v.margins[c].mean - v.margins[c].half, v.margins[c].mean + v.margins[c].half,
                  100 * v.probability[c]);
    verified.push_back(v);
  }
  // The chosen package: the first candidate (in the projection's order) whose constraints
  // hold on average over the agents; if none does, the first (best on the projection).
  size_t chosen = 0;
  if (spec.verify_candidates > 0)
    for (size_t i = 0; i < verified.size(); ++i)
      if (verified[i].holds_on_average()) {
        chosen = i;
        break;
      }
  write_package(spec, verified[chosen].x, output);
  std::printf("chosen: candidate %zu (%s)%s -> %s (%.1f s in all)\n", chosen + 1, variables_text(spec, verified[chosen].x).c_str(),
              spec.verify_candidates > 0 && !verified[chosen].holds_on_average() ? ", its constraints do not hold on average over the agents" : "",
              output.c_str(), seconds());
  return 0;
}

}  // namespace krapte
