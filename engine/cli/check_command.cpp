// `krapte run --mode expected` and `krapte check` (MODEL.md §7, docs/validation.md): the
// expected-value projection on its own, and the agents compared against it.
#include <oneapi/tbb/global_control.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/resources.h"
#include "core/errors.h"
#include "output/run_file.h"
#include "output/text_file.h"
#include "projection/comparison.h"
#include "projection/projection.h"
#include "scenario/resolve.h"
#include "sim/replication.h"
#include "sim/run.h"

namespace krapte {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int expected_run_command(const RunCommand& command) {
  if (command.replications)
    throw InputError("--replications: the expected-value projection has exactly one replication; allowed: "
                     "--mode expected without --replications");
  std::vector<std::string> overrides = command.overrides;
  overrides.push_back("replications=1");
  if (command.seed) overrides.push_back("seed=" + std::to_string(*command.seed));  // the seed draws the initial population
  const ResolvedScenario scenario = load_scenario(command.scenario, overrides);

  const std::string output = output_path(command.output, scenario.name + "-expected.h5");
  const int threads = effective_threads(command.threads);
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));
  const auto started = std::chrono::steady_clock::now();
  RunFileWriter writer(output, scenario, "expected");  // fails early on a bad output path
  const RunSetup setup = prepare_run(scenario);
  const ReplicationSeries series = run_projection(scenario, setup);
  writer.write_replication(series);
  writer.commit();
  if (!command.quiet)
    std::fprintf(stderr, "krapte: wrote %s (expected-value projection, %d municipalities, %zu initial agents, %.2f s on %d threads)\n",
                 output.c_str(), scenario.municipality_count(), setup.initial_population.total_agents(),
                 seconds_since(started), threads);
  return 0;
}

int check_command(const CheckCommand& command) {
  std::vector<std::string> overrides = command.overrides;
  if (command.replications) overrides.push_back("replications=" + std::to_string(*command.replications));
  if (command.seed) overrides.push_back("seed=" + std::to_string(*command.seed));
  const ResolvedScenario scenario = load_scenario(command.scenario, overrides);
  if (scenario.replications < 2)
    throw InputError(SourceLocation{scenario.source_path, 0, 0},
                     "replications: " + std::to_string(scenario.replications) +
                         " gives no standard error; allowed: --replications N with N >= 2 (20 or more recommended)");
  if (!command.csv.empty()) {
    try {
      check_text_output(command.csv, "results/check.csv");
    } catch (const InputError& e) {
      throw InputError(std::string("--csv: ") + e.what());  // name the option, as before
    }
  }

  const int threads = effective_threads(command.threads);
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));
  const auto started = std::chrono::steady_clock::now();
  const RunSetup setup = prepare_run(scenario);
  {  // before the agents run: refuse what would not fit in memory (docs/model.md, "Resource limits")
    const auto agents = static_cast<double>(setup.initial_population.total_agents());
    refuse_if_out_of_memory(command.scenario, replication_bytes(scenario, agents), std::min(threads, scenario.replications),
                            replication_bytes(scenario, agents) - replication_bytes(scenario, 0), threads);
  }
  const auto projection_started = std::chrono::steady_clock::now();
  const ReplicationSeries projection = run_projection(scenario, setup);
  const double projection_seconds = seconds_since(projection_started);
  const std::vector<LevelValues> agents = run_agents_national(scenario, setup, threads);
  const CheckResult result =
      compare_national(scenario, agents, derive_level(projection, Level::kNational, setup.region_of_municipality));

  // The CSV before anything is printed: a failure to write it is the only line on stderr.
  if (!command.csv.empty()) write_text_file(command.csv, check_csv(scenario, result), "results/check.csv");
  std::cout << format_check(scenario, result);
  std::fprintf(stderr, "krapte: projection %.2f s, agents and comparison %.1f s on %d threads\n", projection_seconds,
               seconds_since(started) - projection_seconds, threads);
  if (!command.csv.empty()) std::fprintf(stderr, "krapte: wrote %s\n", command.csv.c_str());
  return result.pass() ? 0 : 1;
}

}  // namespace krapte
