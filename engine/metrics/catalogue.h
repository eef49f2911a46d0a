// The metric catalogue (MODEL.md §6) and the layout of result files: every metric (name,
// unit, description, stock or flow, how a level's value is derived from cell sums), the
// levels (groups and dimensions), the age histogram, the axes and their columns, the root
// attributes. It is the one definition of the layout: output/result_datasets.cpp writes
// files from it, the readers name datasets by it, and docs/output.md is generated from it
// (output_reference_markdown(), `krapte schema --output`).
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "population/cell_tally.h"

namespace krapte {

enum class Metric : int {
  kHeadcount,
  kFte,
  kEffectiveFte,
  kDemandFte,
  kVacancyFte,
  kVacancyRate,
  kTrainees,
  kFlexpoolFte,
  kMeanAge,
  kHeadcount55Plus,
  kHiresExternal,
  kHiresTrainee,
  kMovesIn,
  kMovesOut,
  kExitsRetirement,
  kExitsEarlyRetirement,
  kExitsQuit,
  kExitsOther,
  kExitsTrainee,
  kCount
};
inline constexpr int kMetricCount = static_cast<int>(Metric::kCount);

/// A level of the result files: the nation, the labour-market regions, the municipalities
/// (and the units levers add after them).
enum class Level { kNational, kRegion, kMunicipality };

/// How a level (municipality, region, nation) gets its value from the cells' sums.
/// Cells store additive sums only; ratios are formed after summing (MODEL.md conventions:
/// rates at every level are summed vacancy FTE over summed demand).
enum class Aggregation {
  kSum,                 // the value is the sum over cells
  kVacancyOverDemand,   // vacancy_fte / demand_fte (0 where demand is 0); cell slot unused
  kAgeSumOverHeadcount, // cell slot holds the sum of ages in years; value = sum / headcount
};

struct MetricInfo {
  Metric metric;
  std::string_view name;
  std::string_view units;
  std::string_view description;
  bool is_flow;
  Aggregation aggregation;
};

const std::array<MetricInfo, kMetricCount>& metric_catalogue();
inline const MetricInfo& metric_info(Metric m) { return metric_catalogue()[static_cast<int>(m)]; }
/// The metric of that name, nullptr if none.
const MetricInfo* find_metric(std::string_view name);
/// Every metric name, comma-separated (for "allowed: ..." in errors).
std::string metric_names();

// kAgeHistogramBands and age_histogram_band(): population/cell_tally.h (the exit pass tallies them).
std::string_view age_histogram_band_label(int band);

// ---- The layout of result files -------------------------------------------------------------

/// The attributes every result dataset carries (values: MetricInfo, HistogramInfo).
inline constexpr std::string_view kUnitsAttribute = "units";
inline constexpr std::string_view kDescriptionAttribute = "description";
inline constexpr std::string_view kKindAttribute = "kind";              // kind_text()
inline constexpr std::string_view kDimensionsAttribute = "dimensions";  // leading names, then the level's
inline std::string_view kind_text(bool is_flow) { return is_flow ? "flow" : "stock"; }

/// A level's group and its dimensions after the leading ones ([replication] in a run file,
/// [point, replication] in a sweep file).
struct LevelInfo {
  Level level;
  std::string_view group;       // "national": /national/<metric>
  std::string_view dimensions;  // "time,region,job_family"
  std::string_view note;        // for docs/output.md
};
const std::array<LevelInfo, 3>& level_catalogue();
inline const LevelInfo& level_info(Level level) { return level_catalogue()[static_cast<int>(level)]; }
/// The level whose group is `group`, nullptr if none.
const LevelInfo* find_level(std::string_view group);

/// The national age histogram: the one result dataset that is not a metric.
struct HistogramInfo {
  Level level;
  std::string_view name;
  std::string_view units;
  std::string_view description;
  bool is_flow;
  std::string_view dimensions;
};
const HistogramInfo& age_histogram_info();

/// The root attributes of a result file, in the order they are written.
enum class RootAttribute : int {
  kKrapteVersion,
  kGitCommit,
  kScenarioName,
  kScenarioHash,
  kSeed,
  kReplications,
  kStart,
  kEnd,
  kCreated,
  kMode,
  kCount
};
struct RootAttributeInfo {
  RootAttribute attribute;
  std::string_view name;
  bool is_integer;               // int64; else a string
  std::string_view description;  // for docs/output.md ("" = the name says it)
};
const std::array<RootAttributeInfo, static_cast<int>(RootAttribute::kCount)>& root_attribute_catalogue();
inline std::string_view root_attribute(RootAttribute a) { return root_attribute_catalogue()[static_cast<int>(a)].name; }
/// The dataset of the resolved scenario (canonical YAML, scalar string).
inline constexpr std::string_view kScenarioDataset = "scenario";

/// The axes under /axes, in the order they are written.
enum class Axis : int { kTime, kMunicipality, kRegion, kJobFamily, kAgeBand, kCount };
struct AxisInfo {
  Axis axis;
  std::string_view name;         // /axes/<name>, and the dimension's name
  std::string_view description;  // for docs/output.md
};
const std::array<AxisInfo, static_cast<int>(Axis::kCount)>& axis_catalogue();
/// "axes/<name>".
std::string axis_path(Axis axis);
/// The columns of the compound /axes/municipality, and the values of its kind column in
/// the order of scenario/resolved.h UnitKind (municipalities first, then the units levers add).
inline constexpr std::array<std::string_view, 5> kUnitColumns = {"code", "name", "province", "region", "kind"};
inline constexpr std::array<std::string_view, 3> kUnitKinds = {"municipality", "shared_service_centre", "flexpool"};

/// The output reference page (docs/output.md is this text; a test keeps it current).
std::string output_reference_markdown();

}  // namespace krapte
