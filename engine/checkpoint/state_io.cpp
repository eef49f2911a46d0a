#include "checkpoint/state_io.h"

#include <algorithm>

#include "checkpoint/columns.h"
#include "output/hdf5_handles.h"

namespace krapte::checkpoint {

namespace {

// The agents of every unit, concatenated in unit order, with the count per unit.
template <class T>
std::vector<T> concatenated(const Population& population, std::vector<T> MunicipalityAgents::*column) {
  std::vector<T> all;
  all.reserve(population.total_agents());
  for (const MunicipalityAgents& agents : population.by_municipality)
    all.insert(all.end(), (agents.*column).begin(), (agents.*column).end());
  return all;
}

template <class T>
void split(const std::vector<T>& all, const std::vector<int64_t>& counts, Population& population,
           std::vector<T> MunicipalityAgents::*column) {
  size_t first = 0;
  for (size_t m = 0; m < counts.size(); ++m) {
    auto& target = population.by_municipality[m].*column;
    target.assign(all.begin() + static_cast<std::ptrdiff_t>(first),
                  all.begin() + static_cast<std::ptrdiff_t>(first + static_cast<size_t>(counts[m])));
    first += static_cast<size_t>(counts[m]);
  }
}

template <class F>
void for_each_agent_column(F&& f) {
  f("id", &MunicipalityAgents::id);
  f("family", &MunicipalityAgents::family);
  f("age_months", &MunicipalityAgents::age_months);
  f("tenure_months", &MunicipalityAgents::tenure_months);
  f("contract_fte", &MunicipalityAgents::contract_fte);
  f("onboarding_months_left", &MunicipalityAgents::onboarding_months_left);
  f("trainee_programme", &MunicipalityAgents::trainee_programme);
  f("trainee_months_left", &MunicipalityAgents::trainee_months_left);
}

template <class F>
void for_each_cell_vector(F&& f) {
  f("demand_fte", &SimState::demand_fte);
  f("vacancy_fte", &SimState::vacancy_fte);
  f("previous_vacancy_rate", &SimState::previous_vacancy_rate);
  f("flexpool_fte", &SimState::flexpool_fte);
  f("work_kept", &SimState::work_kept);
}

}  // namespace

void write_progress(hid_t group, const ReplicationProgress& progress) {
  const SimState& state = progress.state;
  h5::write_attribute(group, "replication", static_cast<int64_t>(progress.series.replication));
  h5::write_attribute(group, "step", static_cast<int64_t>(progress.step));

  const h5::Handle agents = h5::create_group(group, "agents");
  std::vector<int64_t> counts;
  for (const MunicipalityAgents& unit : state.population.by_municipality) counts.push_back(static_cast<int64_t>(unit.size()));
  write_column(agents, "count", counts);
  for_each_agent_column([&](const char* name, auto column) { write_column(agents, name, concatenated(state.population, column)); });

  const h5::Handle cells = h5::create_group(group, "cells");
  for_each_cell_vector([&](const char* name, auto member) { write_column(cells, name, state.*member); });

  const h5::Handle centres = h5::create_group(group, "centre_work");
  std::vector<int64_t> work_counts;
  std::vector<int32_t> family;
  std::vector<uint64_t> source_cell;
  std::vector<double> share;
  for (const auto& unit : state.centre_work) {
    work_counts.push_back(static_cast<int64_t>(unit.size()));
    for (const CentreWork& work : unit) {
      family.push_back(work.family);
      source_cell.push_back(work.source_cell);
      share.push_back(work.share);
    }
  }
  write_column(centres, "count", work_counts);
  write_column(centres, "family", family);
  write_column(centres, "source_cell", source_cell);
  write_column(centres, "share", share);

  // The points recorded so far (0 .. step); the arrays are point-major.
  const ReplicationSeries& series = progress.series;
  const size_t points = static_cast<size_t>(progress.step) + 1;
  const size_t per_point = series.shape.cell_values() / static_cast<size_t>(series.shape.points);
  const size_t histogram_per_point = series.shape.histogram_values() / static_cast<size_t>(series.shape.points);
  const h5::Handle recorded = h5::create_group(group, "series");
  write_column(recorded, "cell_sums",
               std::vector<double>(series.cell_sums.begin(), series.cell_sums.begin() + static_cast<std::ptrdiff_t>(points * per_point)));
  write_column(recorded, "age_histogram",
               std::vector<double>(series.age_histogram.begin(),
                                   series.age_histogram.begin() + static_cast<std::ptrdiff_t>(points * histogram_per_point)));
}

ReplicationProgress read_progress(hid_t group, const ResolvedScenario& scenario, const RunSetup& setup) {
  ReplicationProgress progress(scenario, setup);
  SimState& state = progress.state;
  const int replication = static_cast<int>(h5::read_int_attribute(group, "replication"));
  const int step = static_cast<int>(h5::read_int_attribute(group, "step"));
  if (step < 0 || step > scenario.time.steps()) throw h5::Error("step " + std::to_string(step) + " is outside the run");
  progress.step = step;
  const size_t units = static_cast<size_t>(scenario.municipality_count());
  const size_t cells = units * static_cast<size_t>(scenario.family_count());

  const h5::Handle agents(H5Gopen2(group, "agents", H5P_DEFAULT), H5Gclose, "open agents");
  const std::vector<int64_t> counts = read_column<int64_t>(agents, "count", units);
  int64_t total = 0;
  for (int64_t count : counts) {
    if (count < 0) throw h5::Error("a negative agent count");
    total += count;
  }
  for_each_agent_column([&](const char* name, auto column) {
    using Column = std::remove_reference_t<decltype(std::declval<MunicipalityAgents&>().*column)>;
    const auto all = read_column<typename Column::value_type>(agents, name, static_cast<size_t>(total));
    split(all, counts, state.population, column);
  });
  // The same headroom for arrivals as a fresh SimState (capacity changes no value).
  for (auto& unit : state.population.by_municipality) unit.reserve(unit.size() + unit.size() / 4 + 16);

  const h5::Handle cell_group(H5Gopen2(group, "cells", H5P_DEFAULT), H5Gclose, "open cells");
  for_each_cell_vector([&](const char* name, auto member) { state.*member = read_column<double>(cell_group, name, cells); });

  const h5::Handle centres(H5Gopen2(group, "centre_work", H5P_DEFAULT), H5Gclose, "open centre_work");
  const std::vector<int64_t> work_counts = read_column<int64_t>(centres, "count", units);
  int64_t works = 0;
  for (int64_t count : work_counts) works += std::max<int64_t>(count, 0);
  const auto family = read_column<int32_t>(centres, "family", static_cast<size_t>(works));
  const auto source_cell = read_column<uint64_t>(centres, "source_cell", static_cast<size_t>(works));
  const auto share = read_column<double>(centres, "share", static_cast<size_t>(works));
  size_t next = 0;
  for (size_t m = 0; m < units; ++m)
    for (int64_t i = 0; i < work_counts[m]; ++i, ++next) {
      if (family[next] < 0 || family[next] >= scenario.family_count() || source_cell[next] >= cells)
        throw h5::Error("centre_work refers to a cell outside the scenario");
      state.centre_work[m].push_back(CentreWork{family[next], static_cast<size_t>(source_cell[next]), share[next]});
    }

  ReplicationSeries& series = progress.series;
  series.replication = replication;
  series.shape = SeriesShape{scenario.time.points(), scenario.municipality_count(), scenario.family_count(),
                             scenario.region_count()};
  const size_t points = static_cast<size_t>(step) + 1;
  const size_t per_point = series.shape.cell_values() / static_cast<size_t>(series.shape.points);
  const size_t histogram_per_point = series.shape.histogram_values() / static_cast<size_t>(series.shape.points);
  const h5::Handle recorded(H5Gopen2(group, "series", H5P_DEFAULT), H5Gclose, "open series");
  series.cell_sums = read_column<double>(recorded, "cell_sums", points * per_point);
  series.age_histogram = read_column<double>(recorded, "age_histogram", points * histogram_per_point);
  fit_series_to(scenario, series);
  return progress;
}

}  // namespace krapte::checkpoint
