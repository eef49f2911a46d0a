// krapte_engine: the Python extension over the engine's libraries (issue 15, part 3; one
// translation unit). Each run is written by the CLI's own RunFileWriter, into an HDF5 file in
// memory (HDF5's core driver, no backing store), and handed to Python as the file's bytes;
// python/krapte opens them with xarray (h5netcdf), so a Dataset from Python holds exactly
// what `krapte run` writes to disk, dimension scales included. compare reads such images
// with the CLI's compare code (registered under a name that h5::open_file_read opens).
// The GIL is released while the engine runs; InputError becomes ValueError (one line).
#include <oneapi/tbb/global_control.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "core/errors.h"
#include "output/compare.h"
#include "output/cost_compare.h"
#include "output/hdf5_handles.h"
#include "output/run_file.h"
#include "projection/projection.h"
#include "scenario/resolve.h"
#include "sim/replication.h"
#include "sim/run.h"
#include "sweep/plan.h"
#include "sweep/spec.h"

namespace py = pybind11;

namespace krapte {
namespace {

/// All replications of a resolved scenario (agents), as `krapte run` does, into memory.
std::vector<char> agent_run_image(const ResolvedScenario& scenario, int threads) {
  RunFileWriter writer(RunFileWriter::InMemory{}, scenario);
  const RunSetup setup = prepare_run(scenario);
  RunOptions options;
  options.threads = threads;
  options.on_replication_done = [&](ReplicationSeries&& series) { writer.write_replication(series); };
  run_replications(scenario, setup, options);
  return writer.commit_image();
}

/// `krapte run SCENARIO --set ... [--replications N] [--seed S] [--mode expected]`, in memory.
std::vector<char> run_image(const std::string& scenario_path, std::vector<std::string> overrides,
                            std::optional<int> replications, std::optional<long long> seed, const std::string& mode,
                            int requested_threads) {
  if (mode != "agents" && mode != "expected")
    throw InputError(SourceLocation{"mode=" + mode, 0, 0}, "unknown mode; allowed: agents | expected");
  if (mode == "expected" && replications)
    throw InputError("replications: the expected-value projection has exactly one replication; allowed: "
                     "mode=\"expected\" without replications");
  if (mode == "expected") overrides.push_back("replications=1");
  if (replications) overrides.push_back("replications=" + std::to_string(*replications));
  if (seed) overrides.push_back("seed=" + std::to_string(*seed));
  const ResolvedScenario scenario = load_scenario(scenario_path, overrides);
  const int threads = effective_threads(requested_threads);
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));
  if (mode == "agents") return agent_run_image(scenario, threads);
  RunFileWriter writer(RunFileWriter::InMemory{}, scenario, "expected");
  const RunSetup setup = prepare_run(scenario);
  writer.write_replication(run_projection(scenario, setup));
  return writer.commit_image();
}

/// A run file given as a path (str) or as an image (bytes): the name compare opens.
class RunSource {
 public:
  explicit RunSource(const py::object& source) {
    static std::atomic<int> counter{0};
    if (py::isinstance<py::bytes>(source)) {
      const std::string bytes = source.cast<std::string>();
      name_ = "<krapte image " + std::to_string(++counter) + ">";
      h5::register_memory_image(name_, std::vector<char>(bytes.begin(), bytes.end()));
      registered_ = true;
    } else {
      name_ = source.cast<std::string>();
    }
  }
  RunSource(const RunSource&) = delete;
  RunSource& operator=(const RunSource&) = delete;
  ~RunSource() {
    if (registered_) h5::register_memory_image(name_, {});
  }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  bool registered_ = false;
};

Level level_named(const std::string& level) {
  if (level == "national") return Level::kNational;
  if (level == "region") return Level::kRegion;
  if (level == "municipality") return Level::kMunicipality;
  throw InputError(SourceLocation{"level=" + level, 0, 0}, "unknown level; allowed: national | region | municipality");
}

/// `krapte compare BASE OTHER [--at] [--level] [--from --to]`: the table, the CSV of
/// --csv, and the CSV of --costs-csv ("" when a run has no /costs).
py::tuple compare(const py::object& base, const py::object& other, const std::string& at, const std::string& level,
                  const std::string& from, const std::string& to) {
  const RunSource a(base), b(other);
  std::string table, csv, costs_csv;
  {
    const py::gil_scoped_release release;
    CompareOptions options;
    options.at = at;
    options.level = level_named(level);
    const CompareResult result = compare_run_files(a.name(), b.name(), options);
    const CostCompareOptions cost_options{from, to, options.level == Level::kNational ? Level::kNational : Level::kRegion};
    const CostCompareResult costs = compare_run_costs(a.name(), b.name(), cost_options);
    table = format_compare(result) + format_cost_compare(costs);
    csv = compare_csv(result);
    if (costs.available) costs_csv = cost_compare_csv(costs);
  }
  return py::make_tuple(table, csv, costs_csv);
}

/// A sweep file's points, each run as `krapte sweep` runs it (the plan's resolved point,
/// run_replication per replication), one run image per point.
py::dict sweep(const std::string& spec_path, int requested_threads) {
  const int threads = effective_threads(requested_threads);
  std::vector<std::vector<char>> images;
  std::optional<SweepPlan> plan;
  {
    const py::gil_scoped_release release;
    const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));
    plan.emplace(load_sweep_spec(spec_path, /*allow_large=*/false), threads);
    for (int64_t p = 0; p < plan->points(); ++p) images.push_back(agent_run_image(plan->resolve_point(p), threads));
  }
  py::list runs, names, values;
  for (const std::vector<char>& image : images) runs.append(py::bytes(image.data(), image.size()));
  for (const SweepPoint& row : plan->rows()) {
    names.append(row.name);
    values.append(row.values);
  }
  py::dict result;
  result["name"] = plan->spec().name;
  result["keys"] = plan->keys();
  result["point_name"] = names;
  result["values"] = values;
  result["runs"] = runs;
  return result;
}

}  // namespace
}  // namespace krapte

PYBIND11_MODULE(krapte_engine, m) {
  m.doc() = "krapte's engine for Python (python/krapte wraps it: krapte.run, krapte.compare, krapte.sweep)";
  py::register_exception<krapte::InputError>(m, "InputError", PyExc_ValueError);
  m.def(
      "run_image",
      [](const std::string& scenario, const std::vector<std::string>& overrides, std::optional<int> replications,
         std::optional<long long> seed, const std::string& mode, int threads) {
        std::vector<char> image;
        {
          const py::gil_scoped_release release;
          image = krapte::run_image(scenario, overrides, replications, seed, mode, threads);
        }
        return py::bytes(image.data(), image.size());
      },
      py::arg("scenario"), py::arg("overrides") = std::vector<std::string>{}, py::arg("replications") = py::none(),
      py::arg("seed") = py::none(), py::arg("mode") = "agents", py::arg("threads") = 0,
      "The run file `krapte run` would write, as bytes (an HDF5 file made in memory).");
  m.def("compare", &krapte::compare, py::arg("base"), py::arg("other"), py::arg("at") = "", py::arg("level") = "national",
        py::arg("cost_from") = "", py::arg("cost_to") = "",
        "`krapte compare` of two run files (paths or images): (table, csv, costs_csv).");
  m.def("sweep", &krapte::sweep, py::arg("spec"), py::arg("threads") = 0,
        "Every point of a sweep file run as `krapte sweep` runs it: a dict with the run image of each point.");
}
