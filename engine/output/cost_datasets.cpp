#include "output/cost_datasets.h"

#include <sstream>

#include "scenario/monthly.h"
namespace krapte {

CostDatasets CostDatasets::create(hid_t file, const ResolvedScenario& scenario, const std::vector<hsize_t>& leading,
                                  const std::string& leading_names) {
  CostDatasets result;
  if (!scenario.costs.enabled) return result;
  result.scenario_ = &scenario;
  result.region_of_unit_ = region_of_unit(scenario);
  const auto points = static_cast<hsize_t>(scenario.time.points());
  const auto families = static_cast<hsize_t>(scenario.family_count());
  const h5::Handle costs = h5::create_group(file, "costs");
  struct Group {
    Level level;
    const char* name;
    std::vector<hsize_t> dims;
    const char* unit_dimension;
  };
  std::vector<Group> groups = {{Level::kNational, "national", {points, families}, ""},
                               {Level::kRegion, "region", {points, static_cast<hsize_t>(scenario.region_count()), families}, "region,"}};
  if (scenario.write_municipality_level && scenario.write_municipality_costs)
    groups.push_back({Level::kMunicipality, "municipality",
                      {points, static_cast<hsize_t>(scenario.municipality_count()), families}, "municipality,"});
  for (const Group& group : groups) {
    const h5::Handle handle = h5::create_group(costs, group.name);
    // The municipality level is large: its cumulative variants are left to the reader.
    for (const bool cumulative : {false, true}) {
      if (cumulative && group.level == Level::kMunicipality) continue;
      result.levels_.push_back({group.level, cumulative, group.dims.size()});
      for (const CostItemInfo& info : cost_catalogue()) {
        std::vector<hsize_t> dims = leading;
        dims.insert(dims.end(), group.dims.begin(), group.dims.end());
        const std::string name = std::string(info.name) + (cumulative ? "_cumulative" : "");
        result.datasets_.push_back(h5::create_chunked_doubles(handle, name, dims, leading.size(), false));
        const hid_t dataset = result.datasets_.back();
        h5::write_attribute(dataset, "units", std::string(cumulative ? info.cumulative_units : info.units));
        h5::write_attribute(dataset, "description",
                            std::string(info.description) + (cumulative ? " Summed over the months from start to each point." : ""));
        h5::write_attribute(dataset, "kind", std::string(cumulative ? "stock" : (info.is_money ? "flow" : "stock")));
        h5::write_attribute(dataset, "dimensions", leading_names + ",time," + group.unit_dimension + "job_family");
      }
    }
  }
  return result;
}

EncodedReplication CostDatasets::encode(const ReplicationSeries& series) const {
  EncodedReplication encoded;
  if (!enabled()) return encoded;
  const CostCells cells = compute_cost_cells(*scenario_, series);
  for (const LevelSpec& level : levels_) {
    const CostLevel values = derive_cost_level(cells, level.level, region_of_unit_, level.cumulative);
    for (const CostItemInfo& info : cost_catalogue())
      encoded.chunks.push_back(h5::encode_chunk(values.item(info.item), values.item_size()));
  }
  return encoded;
}

void CostDatasets::write(const std::vector<hsize_t>& leading_index, const EncodedReplication& replication) const {
  size_t i = 0;
  for (const LevelSpec& level : levels_)
    for (int item = 0; item < kCostItemCount; ++item, ++i) {
      std::vector<hsize_t> offset = leading_index;
      offset.resize(leading_index.size() + level.run_rank, 0);
      h5::write_encoded_chunk(datasets_[i], offset, replication.chunks[i]);
    }
}

std::string cost_reference_markdown() {
  std::ostringstream out;
  out << "\n## Costs\n\n"
      << "Only when the scenario has a `costs:` section (docs/costs.md). `/costs/national/<item>` [replication, time,\n"
      << "job_family], `/costs/region/<item>` [replication, time, region, job_family] and, with\n"
      << "`output.municipality_level: true` and `output.municipality_costs: true`, `/costs/municipality/<item>` [replication, time, municipality, job_family];\n"
      << "national and region also as `<item>_cumulative` (summed over the months from start to each point). Costs\n"
      << "are flows of the month of point k (0 at point 0), in euros of that year (indexed by `costs.annual_increase`).\n"
      << "In every cell, total = salary + vacancy_external + the sum of the measure_* items.\n\n"
      << "| item | units | cumulative units | description |\n|---|---|---|---|\n";
  for (const CostItemInfo& info : cost_catalogue())
    out << "| `" << info.name << "` | " << info.units << " | " << info.cumulative_units << " | " << info.description << " |\n";
  return out.str();
}

}  // namespace krapte
