// `krapte optimise OPT.yaml [-o PACKAGE.yaml] [--threads N] [--quiet]` (docs/optimise.md):
// search on the expected-value projection with NLopt, verify the best candidates with agent
// replications under common random numbers, write the chosen package as a runnable scenario.
#include <oneapi/tbb/global_control.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <fstream>
#include <iostream>
#include <mutex>

#include "cli/commands.h"
#include "core/errors.h"
#include "optimise/evaluate.h"
#include "optimise/journal.h"
#include "optimise/solve.h"
#include "optimise/spec.h"
#include "output/text_file.h"
#include "report/front_page.h"
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
  for (size_t i = 0; i < r.size(); ++i) {
    const DecisionVariable& v = spec.variables[i];
    text += (i ? ", " : "") + v.path + (v.on_off() ? "[" + v.choice + "]=" + (r[i] == 1 ? "on" : "off") : "=" + format_number(r[i]));
  }
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
std::vector<int> candidates(const OptimiseSpec& spec, const SolveResult& search, int count) {
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

/// One problem's search (the file's, or one level of a front), journaled at `journal_path`.
struct ProblemRun {
  SolveResult search;
  double objective_scale = 1;  // the journal's: objective values in the history are divided by it
  double seconds = 0;
};

ProblemRun run_problem(const OptimiseSpec& spec, const std::string& journal_path, bool quiet, const std::string& label) {
  const auto started = std::chrono::steady_clock::now();
  const auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
  const bool terminal = ::isatty(STDERR_FILENO);
  // Resuming: the journal answers the points already evaluated.
  EvaluationJournal journal(journal_path, journal_key(spec, load_scenario(spec.scenario, spec.set).hash));
  double objective_scale = journal.scale();  // |objective| at the start point: COBYLA sees values near 1
  bool replayed = false;
  auto evaluate = [&](const std::vector<double>& x) {
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
  int on_off = 0;
  for (const DecisionVariable& v : spec.variables) on_off += v.on_off() ? 1 : 0;
  auto progress = [&](const SearchEvaluation& e, int n, int search) {
    if (e.feasible() && (std::isnan(best_feasible) || e.objective < best_feasible)) best_feasible = e.objective;
    if (quiet) return;
    const double elapsed = seconds();
    // At most: every search's evaluations (max_evaluations each; one evaluation per
    // combination without continuous variables) at the mean rate so far. Greedy on/off
    // searches have no known count.
    int continuous = 0;
    for (const DecisionVariable& v : spec.variables) continuous += v.on_off() ? 0 : 1;
    const int per_search = continuous > 0 ? spec.search.max_evaluations : 1;
    const int budget = on_off == 0 ? per_search : spec.on_off == OnOffSearch::kExhaustive ? per_search * ((1 << on_off) + 1) : -1;
    const std::string where = on_off > 0 ? " (on/off combination " + std::to_string(search) + ")" : "";
    char left[64];
    if (budget < 0) std::snprintf(left, sizeof left, "time left unknown (greedy)");
    else std::snprintf(left, sizeof left, "at most %.0f s left", elapsed / n * std::max(0, budget - n));
    std::fprintf(stderr, "%soptimise%s: evaluation %d%s%s%s  objective %.6g  worst violation %.3g  best feasible %s  %.1f s, %s%s",
                 terminal ? "\r" : "", label.c_str(), n, budget > 0 ? ("/" + std::to_string(budget)).c_str() : "", where.c_str(),
                 replayed ? " (replayed)" : "", e.objective * objective_scale, e.worst_violation(),
                 std::isnan(best_feasible) ? "none" : value_text(spec.objective, best_feasible * objective_scale).c_str(), elapsed, left,
                 terminal ? "   " : "\n");
    std::fflush(stderr);
  };
  ProblemRun run;
  run.search = solve_optimisation(spec, evaluate, progress);
  run.objective_scale = objective_scale == 0 ? 1.0 : objective_scale;
  run.seconds = seconds();
  if (!quiet && terminal) std::fprintf(stderr, "\n");
  return run;
}

int report_package(const OptimiseSpec& spec, const SolveResult& search, double objective_scale, const std::string& output, int threads,
                   bool quiet, const std::function<double()>& seconds) {
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
    if (!quiet) std::fprintf(stderr, "optimise: verifying candidate %zu with %d agent replications (%.1f s so far)\n", i + 1,
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


/// The front's files are <package without .yaml>-front.csv and -front.html.
std::string front_stem(const std::string& output) {
  return output.size() > 5 && output.substr(output.size() - 5) == ".yaml" ? output.substr(0, output.size() - 5) : output;
}

/// The cost-versus-gap front (docs/optimise.md, "Front"): the search once per level of the
/// varied constraint (each journaled on its own; a level equal to the file's max reuses the
/// file's search), then for each level the best point among EVERY point evaluated at any
/// level that meets that level and the other constraints. A point that meets a tight level
/// meets every looser one, so the front never rises as the level loosens. Each level's point
/// is verified with the agents (common random numbers) as the candidates are.
void run_front(const OptimiseSpec& spec, const ProblemRun& main_run, const std::string& output, const ReportAssets& assets, int threads,
               bool quiet) {
  const size_t c_front = static_cast<size_t>(spec.front.constraint);
  // Every evaluation with its raw objective and raw constraint values.
  struct Point {
    std::vector<double> x;
    double objective = 0;
    std::vector<double> g;  // scaled constraints of its own run
    double front_max = 0;   // the varied constraint's max in that run
    double front_value = 0; // its raw value
  };
  std::vector<Point> points;
  auto collect = [&](const ProblemRun& run, const OptimiseSpec& s) {
    const OptimiseConstraint& c = s.constraints[c_front];
    for (const SearchEvaluation& e : run.search.history)
      points.push_back(Point{e.x, e.objective * run.objective_scale, e.constraints, c.max, e.constraints[c_front] * constraint_scale(c) + c.max});
  };
  collect(main_run, spec);
  std::vector<OptimiseSpec> level_specs;
  for (const double level : spec.front.levels) {
    OptimiseSpec s = spec;
    s.constraints[c_front].max = level;
    level_specs.push_back(s);
    if (level == spec.constraints[c_front].max) continue;
    if (!quiet) std::fprintf(stderr, "optimise: front level %s\n", format_number(level).c_str());
    const ProblemRun run = run_problem(s, output + ".front-" + format_number(level) + ".journal", quiet, " front " + format_number(level));
    collect(run, s);
  }
  auto meets = [&](const Point& p, double level) {
    for (size_t c = 0; c < p.g.size(); ++c)
      if (c != c_front && p.g[c] > 0) return false;
    return p.front_max == level ? p.g[c_front] <= 0 : p.front_value <= level;
  };
  std::vector<FrontPageRow> rows;
  std::string csv = "level,feasible,objective,agents_objective_mean,agents_objective_ci90_low,agents_objective_ci90_high,"
                    "agents_margin_mean,agents_margin_ci90_low,agents_margin_ci90_high,agents_probability,point\n";
  const OptimiseConstraint& varied = spec.constraints[c_front];
  const std::string level_label = varied.label().substr(0, varied.label().rfind(" <= "));
  std::printf("front: the best %s for each level of %s <= max (every point evaluated at any level counts)\n",
              spec.objective == OptimiseMetric::kTotalCost ? "total_cost" : "vacancy_fte_years", level_label.c_str());
  for (size_t l = 0; l < spec.front.levels.size(); ++l) {
    const double level = spec.front.levels[l];
    int best = -1;
    for (size_t i = 0; i < points.size(); ++i)
      if (meets(points[i], level) && (best < 0 || points[i].objective < points[static_cast<size_t>(best)].objective)) best = static_cast<int>(i);
    FrontPageRow row;
    row.level = level;
    row.feasible = best >= 0;
    char line[512];
    if (!row.feasible) {
      std::snprintf(line, sizeof line, "  max %-10s no evaluated point meets it\n", format_number(level).c_str());
      std::printf("%s", line);
      rows.push_back(row);
      csv += format_number(level) + ",false,nan,nan,nan,nan,nan,nan,nan,nan,\"\"\n";
      continue;
    }
    const Point& p = points[static_cast<size_t>(best)];
    row.objective = p.objective;
    row.point = variables_text(spec, p.x);
    std::printf("  max %-10s projection %s at %s\n", format_number(level).c_str(), value_text(spec.objective, p.objective).c_str(), row.point.c_str());
    Verified v;
    if (spec.verify_candidates > 0) {
      if (!quiet) std::fprintf(stderr, "optimise: verifying the front at %s with %d agent replications\n", format_number(level).c_str(),
                               spec.verify_replications);
      v = verify(level_specs[l], p.x, threads);
      row.verified = true;
      row.agents_mean = v.objective.mean;
      row.agents_low = v.objective.mean - v.objective.half;
      row.agents_high = v.objective.mean + v.objective.half;
      row.probability = v.probability[c_front];
      std::printf("    agents (%d replications): objective %s [%s, %s]; margin %+.4g [%+.4g, %+.4g], holds in %.0f%% of replications\n",
                  spec.verify_replications, value_text(spec.objective, row.agents_mean).c_str(), value_text(spec.objective, row.agents_low).c_str(),
                  value_text(spec.objective, row.agents_high).c_str(), v.margins[c_front].mean, v.margins[c_front].mean - v.margins[c_front].half,
                  v.margins[c_front].mean + v.margins[c_front].half, 100 * row.probability);
    }
    char numbers[512];
    if (row.verified)
      std::snprintf(numbers, sizeof numbers, "%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g", p.objective, row.agents_mean, row.agents_low,
                    row.agents_high, v.margins[c_front].mean, v.margins[c_front].mean - v.margins[c_front].half,
                    v.margins[c_front].mean + v.margins[c_front].half, row.probability);
    else
      std::snprintf(numbers, sizeof numbers, "%.17g,nan,nan,nan,nan,nan,nan,nan", p.objective);
    csv += format_number(level) + ",true," + numbers + ",\"" + row.point + "\"\n";
    rows.push_back(row);
  }
  const std::string stem = front_stem(output);
  write_text_file(stem + "-front.csv", csv, "results/front.csv");
  FrontPage page;
  page.title = "krapte optimise " + spec.name + ": cost-versus-gap front";
  page.level_label = level_label;
  page.level_is_rate = varied.metric == OptimiseMetric::kVacancyRate;
  page.objective_label = (spec.objective == OptimiseMetric::kTotalCost ? "total_cost " : "vacancy_fte_years ") +
                         (spec.from.empty() ? std::string("over the run") : spec.from + ".." + spec.to);
  page.objective_in_euros = spec.objective == OptimiseMetric::kTotalCost;
  page.rows = rows;
  write_text_file(stem + "-front.html", render_front_page(assets, page), "results/front.html");
  std::printf("front -> %s-front.csv, %s-front.html\n", stem.c_str(), stem.c_str());
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

  // The front's files and the page's parts are checked before the search, not after it.
  ReportAssets assets;
  if (spec.front.enabled) {
    check_text_output(front_stem(output) + "-front.csv", "results/front.csv");
    check_text_output(front_stem(output) + "-front.html", "results/front.html");
    assets = load_report_assets(default_report_asset_paths());
  }
  const ProblemRun main_run = run_problem(spec, output + ".journal", command.quiet, "");
  const SolveResult& search = main_run.search;
  const double objective_scale = main_run.objective_scale;
  const double search_seconds = main_run.seconds;

  std::printf("optimise %s: %zu variables, %zu constraints, %s on the expected-value projection\n", spec.name.c_str(),
              spec.variables.size(), spec.constraints.size(),
              spec.search.algorithm == SearchAlgorithm::kCobyla ? "COBYLA" : spec.search.algorithm == SearchAlgorithm::kBobyqa ? "BOBYQA" : "Nelder-Mead");
  std::printf("search: %zu evaluations in %.1f s (%.2f evaluations/s): %s\n", search.history.size(), search_seconds,
              static_cast<double>(search.history.size()) / search_seconds, search.stop_reason.c_str());
  const int status = report_package(spec, search, objective_scale, output, threads, command.quiet, seconds);
  if (spec.front.enabled) run_front(spec, main_run, output, assets, threads, command.quiet);
  return status;
}

}  // namespace krapte
