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

std::string output_reference_markdown() {
  std::ostringstream out;
  out << "# Output file reference\n\n"
      << "Generated from the metric catalogue in `engine/metrics/catalogue.cpp` by `krapte schema --output`;\n"
      << "a test checks that this page is current. One HDF5 file per run, readable with h5py or h5dump.\n\n"
      << "## Layout\n\n"
      << "| path | shape | what |\n|---|---|---|\n"
      << "| `/` (attributes) | | `krapte_version`, `git_commit`, `scenario_name`, `scenario_hash` (FNV-1a of the resolved "
         "scenario), `seed`, `replications`, `start`, `end`, `created` (UTC, ISO 8601), `mode` (`agents`, or `expected` for the expected-value projection) |\n"
      << "| `/scenario` | scalar string | the resolved scenario as YAML (what `krapte validate` prints) |\n"
      << "| `/axes/time` | [time] | `YYYY-MM` of each point; point 0 is the month before `start` |\n"
      << "| `/axes/municipality` | [municipality] | compound: `code`, `name`, `province`, `region`, `kind` (`municipality`, "
         "or a unit a lever adds after them: `shared_service_centre`, `flexpool`) |\n"
      << "| `/axes/region` | [region] | labour-market regions, alphabetical |\n"
      << "| `/axes/job_family` | [job_family] | as in the scenario |\n"
      << "| `/axes/age_band` | [age_band] | five-year bands of completed years |\n"
      << "| `/national/<metric>` | [replication, time, job_family] | |\n"
      << "| `/region/<metric>` | [replication, time, region, job_family] | |\n"
      << "| `/municipality/<metric>` | [replication, time, municipality, job_family] | only with `output.municipality_level: true` |\n"
      << "| `/national/age_histogram` | [replication, time, job_family, age_band] | headcount by age band |\n"
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
      << "shuffled and deflate-compressed, with attributes `units`, `description`, `kind` (stock or flow) and\n"
      << "`dimensions`. Stocks are end-of-month states; the flows of step k (the month of point k) are\n"
      << "stored at point k, and flows at point 0 are 0. Region and national values are sums over\n"
      << "municipalities; rates and means are formed after summing (vacancy_rate = summed vacancy FTE /\n"
      << "summed demand FTE). The file is written as `<file>.tmp-<pid>` and renamed when complete.\n\n"
      << "## Metrics\n\n| metric | kind | units | description |\n|---|---|---|---|\n";
  for (const MetricInfo& info : metric_catalogue())
    out << "| `" << info.name << "` | " << (info.is_flow ? "flow" : "stock") << " | " << info.units << " | "
        << info.description << " |\n";
  out << "\nAge bands: ";
  for (int b = 0; b < kAgeHistogramBands; ++b) out << (b ? ", " : "") << "`" << age_histogram_band_label(b) << "`";
  out << ".\n\nIdentity (MODEL.md §6), exact for every cell and step: headcount(k) = headcount(k-1) + hires_external\n"
      << "+ hires_trainee + moves_in - moves_out - exits_retirement - exits_early_retirement - exits_quit\n"
      << "- exits_other - exits_trainee.\n";
  return out.str();
}

}  // namespace krapte
