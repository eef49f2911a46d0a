#include "metrics/catalogue.h"

#include <sstream>

namespace krapte {

const std::array<MetricInfo, kMetricCount>& metric_catalogue() {
  using A = Aggregation;
  static const std::array<MetricInfo, kMetricCount> catalogue = {{
      {Metric::kHeadcount, "headcount", "persons", "Employees at the end of the month (trainees and flexpool staff included).", false, A::kSum},
      {Metric::kFte, "fte", "FTE", "Summed contract FTE at the end of the month.", false, A::kSum},
      {Metric::kEffectiveFte, "effective_fte", "FTE", "Summed effective FTE: contract FTE x productivity (onboarding, trainees).", false, A::kSum},
      {Metric::kDemandFte, "demand_fte", "FTE", "Demand D: effective FTE the municipalities need.", false, A::kSum},
      {Metric::kVacancyFte, "vacancy_fte", "FTE", "Vacancies: sum over cells of max(0, D - S) at the end of the month.", false, A::kSum},
      {Metric::kVacancyRate, "vacancy_rate", "1", "Summed vacancy FTE / summed demand FTE (0 where demand is 0).", false, A::kVacancyOverDemand},
      {Metric::kTrainees, "trainees", "persons", "Employees in a trainee programme.", false, A::kSum},
      {Metric::kFlexpoolFte, "flexpool_fte", "FTE", "Flexpool FTE deployed to the cell.", false, A::kSum},
      {Metric::kMeanAge, "mean_age", "years", "Mean age of the employees (0 where there are none).", false, A::kAgeSumOverHeadcount},
      {Metric::kHeadcount55Plus, "headcount_55plus", "persons", "Employees aged 55 or over (completed years).", false, A::kSum},
      {Metric::kHiresExternal, "hires_external", "persons per month", "Hires from outside the sector during the month.", true, A::kSum},
      {Metric::kHiresTrainee, "hires_trainee", "persons per month", "Trainee intake during the month.", true, A::kSum},
      {Metric::kMovesIn, "moves_in", "persons per month", "Completed moves into the cell from another municipality of the region.", true, A::kSum},
      {Metric::kMovesOut, "moves_out", "persons per month", "Completed moves out of the cell to another municipality of the region.", true, A::kSum},
      {Metric::kExitsRetirement, "exits_retirement", "persons per month", "Exits at the AOW (state pension) age.", true, A::kSum},
      {Metric::kExitsEarlyRetirement, "exits_early_retirement", "persons per month", "Early retirements.", true, A::kSum},
      {Metric::kExitsQuit, "exits_quit", "persons per month", "Voluntary quits out of the sector (movers who found no destination included).", true, A::kSum},
      {Metric::kExitsOther, "exits_other", "persons per month", "Other exits: disability, death, dismissal, end of contract.", true, A::kSum},
      {Metric::kExitsTrainee, "exits_trainee", "persons per month", "Trainees who leave at the end of their programme.", true, A::kSum},
  }};
  return catalogue;
}

const MetricInfo* find_metric(std::string_view name) {
  for (const MetricInfo& info : metric_catalogue())
    if (info.name == name) return &info;
  return nullptr;
}

std::string metric_names() {
  std::string names;
  for (const MetricInfo& info : metric_catalogue()) names.append(names.empty() ? "" : ", ").append(info.name);
  return names;
}

std::string_view age_histogram_band_label(int band) {
  static constexpr std::array<std::string_view, kAgeHistogramBands> labels = {
      "<20", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70+"};
  return labels[band];
}

const std::array<LevelInfo, 3>& level_catalogue() {
  static const std::array<LevelInfo, 3> levels = {{
      {Level::kNational, "national", "time,job_family", ""},
      {Level::kRegion, "region", "time,region,job_family", ""},
      {Level::kMunicipality, "municipality", "time,municipality,job_family", "only with `output.municipality_level: true`"},
  }};
  return levels;
}

const LevelInfo* find_level(std::string_view group) {
  for (const LevelInfo& info : level_catalogue())
    if (info.group == group) return &info;
  return nullptr;
}

const HistogramInfo& age_histogram_info() {
  static const HistogramInfo histogram = {Level::kNational, "age_histogram", "persons",
                                          "Headcount by five-year age band (completed years), national, per job family.", false,
                                          "time,job_family,age_band"};
  return histogram;
}

const std::array<RootAttributeInfo, static_cast<int>(RootAttribute::kCount)>& root_attribute_catalogue() {
  using R = RootAttribute;
  static const std::array<RootAttributeInfo, static_cast<int>(R::kCount)> attributes = {{
      {R::kKrapteVersion, "krapte_version", false, ""},
      {R::kGitCommit, "git_commit", false, ""},
      {R::kScenarioName, "scenario_name", false, ""},
      {R::kScenarioHash, "scenario_hash", false, "FNV-1a of the resolved scenario"},
      {R::kSeed, "seed", true, ""},
      {R::kReplications, "replications", true, ""},
      {R::kStart, "start", false, ""},
      {R::kEnd, "end", false, ""},
      {R::kCreated, "created", false, "UTC, ISO 8601"},
      {R::kMode, "mode", false, "`agents`, or `expected` for the expected-value projection"},
  }};
  return attributes;
}

const std::array<AxisInfo, static_cast<int>(Axis::kCount)>& axis_catalogue() {
  static const std::array<AxisInfo, static_cast<int>(Axis::kCount)> axes = {{
      {Axis::kTime, "time", "`YYYY-MM` of each point; point 0 is the month before `start`"},
      {Axis::kMunicipality, "municipality", ""},  // its columns: kUnitColumns, kUnitKinds
      {Axis::kRegion, "region", "labour-market regions, alphabetical"},
      {Axis::kJobFamily, "job_family", "as in the scenario"},
      {Axis::kAgeBand, "age_band", "five-year bands of completed years"},
  }};
  return axes;
}

std::string axis_path(Axis axis) { return "axes/" + std::string(axis_catalogue()[static_cast<int>(axis)].name); }

namespace {

/// "[replication, time, region, job_family]": a run file's shape of datasets with these dimensions.
std::string shape_text(std::string_view dimensions) {
  std::string text = "[replication, ";
  for (const char c : dimensions) {
    if (c == ',') text += ", ";
    else text += c;
  }
  return text + "]";
}

}  // namespace

std::string output_reference_markdown() {
  std::ostringstream out;
  out << "# Output file reference\n\n"
      << "Generated from the metric catalogue in `engine/metrics/catalogue.cpp` by `krapte schema --output`;\n"
      << "a test checks that this page is current. One HDF5 file per run, readable with h5py or h5dump.\n\n"
      << "## Layout\n\n"
      << "| path | shape | what |\n|---|---|---|\n";
  out << "| `/` (attributes) | | ";
  for (const RootAttributeInfo& a : root_attribute_catalogue()) {
    out << (a.attribute == RootAttribute::kKrapteVersion ? "" : ", ") << "`" << a.name << "`";
    if (!a.description.empty()) out << " (" << a.description << ")";
  }
  out << " |\n"
      << "| `/" << kScenarioDataset << "` | scalar string | the resolved scenario as YAML (what `krapte validate` prints) |\n";
  for (const AxisInfo& axis : axis_catalogue()) {
    out << "| `/" << axis_path(axis.axis) << "` | [" << axis.name << "] | ";
    if (axis.axis == Axis::kMunicipality) {
      out << "compound: ";
      for (size_t c = 0; c < kUnitColumns.size(); ++c) out << (c ? ", " : "") << "`" << kUnitColumns[c] << "`";
      out << " (`" << kUnitKinds[0] << "`, or a unit a lever adds after them: ";
      for (size_t k = 1; k < kUnitKinds.size(); ++k) out << (k > 1 ? ", " : "") << "`" << kUnitKinds[k] << "`";
      out << ")";
    } else {
      out << axis.description;
    }
    out << " |\n";
  }
  for (const LevelInfo& level : level_catalogue())
    out << "| `/" << level.group << "/<metric>` | " << shape_text(level.dimensions) << " | "
        << (level.note.empty() ? "" : std::string(level.note) + " ") << "|\n";
  const HistogramInfo& histogram = age_histogram_info();
  out << "| `/" << level_info(histogram.level).group << "/" << histogram.name << "` | " << shape_text(histogram.dimensions)
      << " | " << histogram.description << " |\n";
  out
      << "| `/<group>/<axis>` | [axis] | coordinates (issue 15): in every group, one HDF5 dimension scale per axis its "
         "datasets name (`time`, `job_family`, `region`, `municipality` (CBS code), `age_band`, `statistic` as "
         "variable-length UTF-8 strings from `/axes` and `/sweep/summary/statistic`; `replication` and, in a sweep file, "
         "`point` as 0..n-1), attached to each dataset's axes, so `xarray.open_dataset(file, group=\"national\", "
         "engine=\"h5netcdf\")` gives named dimensions with labels (python/krapte: `krapte.load`, `krapte.tidy`). The "
         "`/axes` datasets are the scales of their own axis, `/sweep/points` is attached to `point`. In "
         "`/sweep/summary/<metric>` the `region` scale sits one group up, as a dataset there is named `region`: open such "
         "a group in xarray with `drop_variables=[\"region\"]` |\n\n"
      << "Strings are fixed-length UTF-8. In a run of the agents (`mode` = `agents`) the counts of persons\n"
      << "(metrics whose units are `persons` or `persons per month`, and the age histogram) are int32: they\n"
      << "are whole numbers; every other dataset, and every dataset of `--mode expected` (fractional\n"
      << "counts) and of sweep files, is float64. h5py and h5dump read either; convert with\n"
      << "`.astype(float)` before arithmetic that must not be integer. Datasets are chunked by replication,\n"
      << "shuffled and deflate-compressed, with attributes `" << kUnitsAttribute << "`, `" << kDescriptionAttribute << "`, `"
      << kKindAttribute << "` (stock or flow) and\n"
      << "`" << kDimensionsAttribute << "`. Stocks are end-of-month states; the flows of step k (the month of point k) are\n"
      << "stored at point k, and flows at point 0 are 0. Region and national values are sums over\n"
      << "municipalities; rates and means are formed after summing (vacancy_rate = summed vacancy FTE /\n"
      << "summed demand FTE). The file is written as `<file>.tmp-<pid>` and renamed when complete.\n\n"
      << "## Metrics\n\n| metric | kind | units | description |\n|---|---|---|---|\n";
  for (const MetricInfo& info : metric_catalogue())
    out << "| `" << info.name << "` | " << kind_text(info.is_flow) << " | " << info.units << " | "
        << info.description << " |\n";
  out << "\nAge bands: ";
  for (int b = 0; b < kAgeHistogramBands; ++b) out << (b ? ", " : "") << "`" << age_histogram_band_label(b) << "`";
  out << ".\n\nIdentity (MODEL.md §6), exact for every cell and step: headcount(k) = headcount(k-1) + hires_external\n"
      << "+ hires_trainee + moves_in - moves_out - exits_retirement - exits_early_retirement - exits_quit\n"
      << "- exits_other - exits_trainee.\n";
  return out.str();
}

}  // namespace krapte
