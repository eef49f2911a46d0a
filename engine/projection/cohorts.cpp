#include "projection/cohorts.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "metrics/flow_metrics.h"
#include "levers/registry.h"
#include "processes/exits.h"  // workload_pressure: the rate, shared with the engine
#include "scenario/monthly.h"

namespace krapte::projection {

namespace {

constexpr int kFirstYearMonths = 12;

/// The share of a slot's group still onboarding at `tenure`: the share of its FTE that came
/// by a route (hire, move) whose onboarding lasts longer than the tenure.
double onboarding_share(const RunConstants& run, const CellState& cell, int slot, int tenure) {
  const double hire = cell.slot_hire_fte[slot];
  const double move = cell.slot_move_fte[slot];
  if (!(hire + move > 0)) return 0.0;
  return ((tenure < run.hire_onboarding_months ? hire : 0.0) + (tenure < run.move_onboarding_months ? move : 0.0)) /
         (hire + move);
}

bool entry_in_first_year(const TrackedEntry& entry, int k) { return entry.tenure_months_at_point0 + k < kFirstYearMonths; }
bool entry_onboarding(const RunConstants& run, const TrackedEntry& entry, int k) {
  return entry.onboards && entry.tenure_months_at_point0 + k < run.hire_onboarding_months;
}

/// Effective FTE of an entry (MODEL.md §4.5): trainees at their programme's productivity.
double entry_effective_fte(const RunConstants& run, const TrackedEntry& entry, int k, double fte) {
  if (entry.programme != 0) return fte * run.trainee_productivity[static_cast<size_t>(entry.programme)];
  return entry_onboarding(run, entry, k) ? fte * run.onboarding_productivity : fte;
}

/// The person quantities (RunConstants::person_quantities) of `count` persons of contract
/// FTE `fte`: share x (count x amount), each lever giving its amounts.
void person_values(const RunConstants& run, double count, double fte, double* values) {
  const ResolvedScenario& s = *run.scenario;
  levers::for_each([&]<class L>(size_t i) {
    if constexpr (requires { L::person_amounts(s, fte, values); })
      L::person_amounts(s, fte, values + run.first_quantity[i]);
  });
  for (size_t q = 0; q < run.person_quantities.size(); ++q) values[q] = run.person_quantities[q].share * (count * values[q]);
}

/// The groups' share of each segment that crossed into the next one moves with them.
/// From the oldest segment down, so each segment still sees the one below unchanged.
void age_groups(const Eigen::Ref<const Eigen::ArrayXd>& crossed_share, Eigen::ArrayXXd& groups) {
  const Eigen::Index n = groups.rows();
  for (Eigen::Index c = 0; c < groups.cols(); ++c) {
    double* v = groups.col(c).data();
    for (Eigen::Index g = n - 1; g > 0; --g) v[g] += v[g - 1] * crossed_share[g - 1] - v[g] * crossed_share[g];
    v[0] -= v[0] * crossed_share[0];
  }
}

/// FTE of the arrival groups still onboarding, with tenure from ArrivalSlots::tenure.
double group_onboarding_fte(const RunConstants& run, const CellState& cell, int k, bool after_arrivals) {
  double fte = 0;
  for (int c = 0; c < run.slots.length; ++c) {
    const int tenure = run.slots.tenure(c, k, after_arrivals);
    if (tenure >= run.slots.length) continue;  // no longer followed (taken by this step's arrivals)
    const double share = onboarding_share(run, cell, c, tenure);
    if (share > 0) fte += share * cell.group_fte.col(c).sum();
  }
  return fte;
}

// Per-thread scratch of begin_step (sizes fixed by the axis, so nothing is allocated per step).
struct StepScratch {
  Eigen::ArrayX2d crossed;  // per segment: share of the persons, of the FTE that crossed into the next segment
  Eigen::ArrayXXd stay;
  Eigen::VectorXd first_year_slots, settled_slots;
  SegmentShares first_year_shares, settled_shares;
};

}  // namespace

int ArrivalSlots::tenure(int slot, int k, bool after_arrivals) const {
  // The slot holds the steps s with s % length == slot.
  const int since = ((k - slot - (after_arrivals ? 0 : 1)) % length + length) % length;
  return after_arrivals ? since : since + 1;
}

RunConstants make_run_constants(const ResolvedScenario& s, int min_initial_age_months, int max_initial_age_months) {
  RunConstants run;
  run.scenario = &s;
  const MonthlyAgePmf hire_ages = monthly_age_pmf(s.recruitment.new_hire_age_years);
  run.trainee_ages.emplace_back();  // programme 0: none
  run.trainee_productivity = trainee_productivity_table(s);
  for (const TraineeProgramme& programme : s.policies.trainee_programmes)
    run.trainee_ages.push_back(monthly_age_pmf(programme.age_years));
  int min_age = min_initial_age_months;
  int max_age = max_initial_age_months;
  auto cover = [&](const MonthlyAgePmf& ages) {  // every age at arrival is on the axis
    if (ages.pmf.size() == 0) return;
    min_age = std::min(min_age, ages.first_age_months);
    max_age = std::max(max_age, ages.last_age_months());
  };
  cover(hire_ages);
  for (const MonthlyAgePmf& ages : run.trainee_ages) cover(ages);
  if (min_age > max_age) min_age = max_age = 18 * 12;  // no one at all: any axis will do
  run.axis = make_age_axis(s, min_age, max_age);
  const AgeAxis& axis = run.axis;
  run.index_values = Eigen::ArrayXd::LinSpaced(axis.length, 0.0, static_cast<double>(axis.length - 1));
  run.hire_pmf_by_age.setZero(axis.length + s.time.steps() + 1);
  run.hire_segment_share.setZero(axis.segments());
  run.hire_segment_age_sum.setZero(axis.segments());
  for (Eigen::Index position = 0; position < hire_ages.pmf.size(); ++position) {
    const int age = hire_ages.first_age_months + static_cast<int>(position);
    const double mass = hire_ages.pmf[position];
    run.hire_pmf_by_age[age - axis.offset_months] = mass;
    const int g = axis.segment_of_age(age);
    run.hire_segment_share[g] += mass;
    run.hire_segment_age_sum[g] += mass * age;
  }
  run.mean_new_hire_fte = s.recruitment.new_hire_contract_fte.mean();
  run.hire_onboarding_months = s.onboarding.months;
  run.move_onboarding_months = s.onboarding.months_after_move;
  run.onboarding_productivity = s.onboarding.productivity;
  run.initial_tracked_months = std::max(kFirstYearMonths, s.onboarding.months);
  run.slots.length = std::max({kFirstYearMonths, s.onboarding.months, s.onboarding.months_after_move});
  levers::for_each([&]<class L>(size_t) {
    run.first_quantity.push_back(static_cast<int>(run.person_quantities.size()));
    if constexpr (requires { L::person_quantities(s, run.person_quantities); }) L::person_quantities(s, run.person_quantities);
  });
  return run;
}

void start_cell(const RunConstants& run, int family, double demand0_fte, CellState& cell) {
  const int segments = run.axis.segments();
  cell.family = family;
  cell.demand0_fte = demand0_fte;
  cell.demand_fte = demand0_fte;
  cell.pool.count.setZero(run.axis.length);
  cell.pool.fte.setZero(run.axis.length);
  for (Eigen::ArrayXd* a : {&cell.pool.segment_count, &cell.pool.segment_fte, &cell.pool.segment_age_sum, &cell.count_now,
                            &cell.fte_now, &cell.age_sum_now, &cell.stay_count, &cell.stay_fte, &cell.move_count_rate,
                            &cell.move_fte_rate})
    a->setZero(segments);
  cell.group_count.setZero(segments, run.slots.length);
  cell.group_fte.setZero(segments, run.slots.length);
  cell.slot_hire_fte.setZero(run.slots.length);
  cell.slot_move_fte.setZero(run.slots.length);
  cell.quantities.assign(run.person_quantities.size(), Eigen::ArrayXd::Zero(run.axis.length));
}

void add_initial_employee(const RunConstants& run, int age_months, int tenure_months, double contract_fte, CellState& cell) {
  const int index = run.axis.index_of_age(age_months, 0);
  const size_t quantities = run.person_quantities.size();
  thread_local std::vector<double> values;
  values.resize(quantities);
  if (quantities > 0) person_values(run, 1.0, contract_fte, values.data());
  if (tenure_months >= run.initial_tracked_months) {
    cell.pool.count[index] += 1;
    cell.pool.fte[index] += contract_fte;
    for (size_t q = 0; q < quantities; ++q) cell.quantities[q][index] += values[q];
    return;
  }
  TrackedEntry entry;
  entry.index = index;
  entry.tenure_months_at_point0 = tenure_months;
  entry.count = 1.0;
  entry.fte = contract_fte;
  entry.quantities = values;
  cell.entries.push_back(std::move(entry));
}

void finish_initial_population(const RunConstants& run, CellState& cell) {
  // Employees of the same age and tenure behave alike: one entry each.
  auto& entries = cell.entries;
  std::sort(entries.begin(), entries.end(), [](const TrackedEntry& a, const TrackedEntry& b) {
    return a.index != b.index ? a.index < b.index : a.tenure_months_at_point0 < b.tenure_months_at_point0;
  });
  size_t kept = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (kept > 0 && entries[kept - 1].index == entries[i].index &&
        entries[kept - 1].tenure_months_at_point0 == entries[i].tenure_months_at_point0) {
      entries[kept - 1].count += entries[i].count;
      entries[kept - 1].fte += entries[i].fte;
      for (size_t q = 0; q < entries[i].quantities.size(); ++q) entries[kept - 1].quantities[q] += entries[i].quantities[q];
      continue;
    }
    if (kept != i) entries[kept] = std::move(entries[i]);
    ++kept;
  }
  entries.resize(kept);
  const AgeAxis& axis = run.axis;
  Pool& pool = cell.pool;
  for (int g = 0; g < axis.segments(); ++g) {
    const auto [first, last] = axis.index_range(g, 0);
    const auto count = pool.count.segment(first, last - first);
    pool.segment_count[g] = count.sum();
    pool.segment_fte[g] = pool.fte.segment(first, last - first).sum();
    pool.segment_age_sum[g] = (count * run.index_values.segment(first, last - first)).sum() + axis.offset_months * pool.segment_count[g];
  }
}

void begin_step(const RunConstants& run, const StepRates& rates, double demand_fte, CellState& cell) {
  const int k = rates.step;
  const int aow_age_months = rates.aow_age_months;
  const ResolvedScenario& s = *run.scenario;
  const AgeAxis& axis = run.axis;
  const int segments = axis.segments();
  thread_local StepScratch t;
  if (t.crossed.rows() != segments) {
    t.crossed.setZero(segments, 2);
    t.first_year_shares.resize(segments);
    t.settled_shares.resize(segments);
  }
  Pool& pool = cell.pool;
  cell.flows = ExpectedFlows{};
  cell.flows.moves_in = cell.transfer_in;  // lever 4: moved when a centre opened, before ageing
  cell.flows.moves_out = cell.transfer_out;
  cell.transfer_in = cell.transfer_out = 0;
  cell.demand_fte = demand_fte;  // §4.3

  // §4.2 ageing: everyone is a month older; the oldest month of each segment crosses into
  // the next one, and the arrival groups lose the same share of the segment.
  cell.count_now = pool.segment_count;
  cell.fte_now = pool.segment_fte;
  cell.age_sum_now = pool.segment_age_sum + pool.segment_count;
  t.crossed.setZero();
  for (int g = 0; g + 1 < segments; ++g) {
    const int upper = axis.upper_months(g);
    const int index = axis.index_of_age(upper, k);  // the oldest index of g at point k-1
    if (index < 0 || index >= axis.length) continue;
    const double count = pool.count[index];
    const double fte = pool.fte[index];
    cell.count_now[g] -= count;
    cell.count_now[g + 1] += count;
    cell.fte_now[g] -= fte;
    cell.fte_now[g + 1] += fte;
    cell.age_sum_now[g] -= count * upper;
    cell.age_sum_now[g + 1] += count * upper;
    if (pool.segment_count[g] > 0) t.crossed(g, 0) = std::min(1.0, count / pool.segment_count[g]);
    if (pool.segment_fte[g] > 0) t.crossed(g, 1) = std::min(1.0, fte / pool.segment_fte[g]);
  }

  // Arrival groups age with the pool. A slot whose tenure stops mattering (it takes this
  // step's arrivals) counts neither as first year nor as onboarding.
  age_groups(t.crossed.col(0), cell.group_count);
  age_groups(t.crossed.col(1), cell.group_fte);
  const int slots = run.slots.length;
  t.first_year_slots.resize(slots);
  t.settled_slots.resize(slots);
  for (int c = 0; c < slots; ++c) {
    const int tenure = run.slots.tenure(c, k, false);
    const bool followed = tenure < slots;
    t.first_year_slots[c] = followed && tenure < kFirstYearMonths ? 1.0 : 0.0;
    t.settled_slots[c] = followed && tenure >= kFirstYearMonths ? 1.0 : 0.0;
  }

  // Initial staff whose tenure stops mattering join the pool at their exact age.
  auto& entries = cell.entries;
  size_t kept = 0;
  for (TrackedEntry& entry : entries) {
    if (entry.programme == 0 && entry.tenure_months_at_point0 + k >= run.initial_tracked_months) {
      const int age = entry.index + axis.offset_months + k;
      const int g = axis.segment_of_age(age);
      pool.count[entry.index] += entry.count;
      pool.fte[entry.index] += entry.fte;
      for (size_t q = 0; q < entry.quantities.size(); ++q) cell.quantities[q][entry.index] += entry.quantities[q];
      cell.count_now[g] += entry.count;
      cell.fte_now[g] += entry.fte;
      cell.age_sum_now[g] += entry.count * age;
      continue;
    }
    if (&entries[kept] != &entry) entries[kept] = std::move(entry);
    ++kept;
  }
  entries.resize(kept);

  // §4.4 exit shares of this cell: workload pressure from the vacancy rate of point k-1.
  const double pressure = workload_pressure(s.exits, cell.previous_vacancy_rate);
  if (pressure == 1.0) {
    cell.bands = &rates.base_band_shares[static_cast<size_t>(cell.family)];
  } else {
    fill_band_shares(s, cell.family, pressure, rates.quit, cell.own_bands);
    cell.bands = &cell.own_bands;
  }
  const int retention_age = rates.retention_from_age_months[static_cast<size_t>(cell.family)];
  segment_shares(axis, *cell.bands, true, aow_age_months, retention_age, t.first_year_shares);
  segment_shares(axis, *cell.bands, false, aow_age_months, retention_age, t.settled_shares);

  // First-year persons and FTE per segment (tenure after ageing < 12).
  const SegmentShares& fy = t.first_year_shares;
  const SegmentShares& st = t.settled_shares;
  const Eigen::ArrayXd& n = cell.count_now;
  const Eigen::ArrayXd& f = cell.fte_now;
  const Eigen::ArrayXd n_fy = (cell.group_count.matrix() * t.first_year_slots).array().min(n).max(0.0);
  const Eigen::ArrayXd f_fy = (cell.group_fte.matrix() * t.first_year_slots).array().min(f).max(0.0);

  ExpectedFlows& flows = cell.flows;
  flows.exits_retirement = (n * st.retire).sum();
  flows.exits_early_retirement = (n_fy * fy.early + (n - n_fy) * st.early).sum();
  flows.exits_other = (n_fy * fy.other + (n - n_fy) * st.other).sum();
  const Eigen::ArrayXd quit_count = n_fy * fy.quit + (n - n_fy) * st.quit;
  const Eigen::ArrayXd quit_fte = f_fy * fy.quit + (f - f_fy) * st.quit;
  double quits = quit_count.sum();
  double quit_fte_sum = quit_fte.sum();
  // Shares of each segment, used on the age vectors (the first-year part is spread over
  // the segment like the pool).
  cell.stay_count = (n > 0).select((n_fy * fy.stay + (n - n_fy) * st.stay) / n, st.stay);
  cell.stay_fte = (f > 0).select((f_fy * fy.stay + (f - f_fy) * st.stay) / f, st.stay);
  const double move_share = rates.mover_share_of_leaving_quits;
  cell.move_count_rate = (n > 0).select(move_share * quit_count / n, 0.0);
  cell.move_fte_rate = (f > 0).select(move_share * quit_fte / f, 0.0);

  for (TrackedEntry& entry : entries) {
    entry.moving = 0;
    const int age = entry.index + axis.offset_months + k;
    if (age >= aow_age_months) {
      flows.exits_retirement += entry.count;
      entry.stay = 0;
      continue;
    }
    const ExitShares& e = cell.bands->at(s.exit_band(age), entry_in_first_year(entry, k), age >= retention_age);
    flows.exits_early_retirement += entry.count * e.early;
    quits += entry.count * e.quit;
    quit_fte_sum += entry.fte * e.quit;
    flows.exits_other += entry.count * e.other;
    entry.stay = e.stay;
    entry.moving = move_share * e.quit;
    if (entry.programme != 0 && k >= entry.graduation_step) {
      // Lever 5: a trainee who stays through the last month stays on with retention_after.
      const double retained = s.policies.trainee_programmes[static_cast<size_t>(entry.programme) - 1].retention_after;
      flows.exits_trainee += entry.count * e.stay * (1.0 - retained);
      entry.stay = e.stay * retained;
      entry.programme = 0;
    }
  }
  cell.movers = quits * move_share;  // §4.4: a quit becomes a move candidate
  cell.mover_fte = quit_fte_sum * move_share;
  flows.exits_quit = quits - cell.movers;

  // Survivors, and §4.5 vacancies after exits (effective FTE).
  double fte = (f * cell.stay_fte).sum();
  t.stay = (fy.stay.matrix() * t.first_year_slots.transpose() + st.stay.matrix() * t.settled_slots.transpose()).array();
  cell.group_count *= t.stay;  // slots no longer followed become 0
  cell.group_fte *= t.stay;
  const double onboarding_fte = group_onboarding_fte(run, cell, k, false);
  double supply = fte - (1.0 - run.onboarding_productivity) * onboarding_fte;
  for (const TrackedEntry& entry : entries) supply += entry_effective_fte(run, entry, k, entry.fte * entry.stay);
  supply += cell.flexpool_fte;  // lever 6: last step's deployment
  cell.vacancy_fte = std::max(0.0, cell.demand_fte - supply);
}

void add_movers_to_profile(const RunConstants& run, int k, const CellState& cell, MoverProfile& profile) {
  if (!(cell.movers > 0)) return;
  const AgeAxis& axis = run.axis;
  for (int g = 0; g < axis.segments(); ++g) {
    const auto [first, last] = axis.index_range(g, k);
    const Eigen::Index n = last - first;
    if (n == 0 || cell.move_count_rate[g] == 0) continue;
    profile.count.segment(first, n) += cell.move_count_rate[g] * cell.pool.count.segment(first, n);
    profile.fte.segment(first, n) += cell.move_fte_rate[g] * cell.pool.fte.segment(first, n);
  }
  for (const TrackedEntry& entry : cell.entries) {
    if (entry.moving == 0) continue;
    profile.count[entry.index] += entry.moving * entry.count;
    profile.fte[entry.index] += entry.moving * entry.fte;
  }
  // Movers take their person quantities along (lever 8: their below-target FTE, and their
  // part in the lever, a draw per person, with it).
  for (size_t q = 0; q < cell.quantities.size(); ++q) {
    Eigen::ArrayXd& moving = profile.quantities[q];
    for (int g = 0; g < axis.segments(); ++g) {
      const auto [first, last] = axis.index_range(g, k);
      const Eigen::Index n = last - first;
      if (n == 0 || cell.move_count_rate[g] == 0) continue;
      moving.segment(first, n) += cell.move_count_rate[g] * cell.quantities[q].segment(first, n);
    }
    for (const TrackedEntry& entry : cell.entries) moving[entry.index] += entry.moving * entry.quantities[q];
  }
}

void finish_mover_profile(const RunConstants& run, int k, MoverProfile& profile) {
  const AgeAxis& axis = run.axis;
  profile.total_count = profile.count.sum();
  profile.total_fte = profile.fte.sum();
  for (Eigen::ArrayXd* a : {&profile.segment_count, &profile.segment_fte, &profile.segment_age_sum}) a->setZero(axis.segments());
  for (int g = 0; g < axis.segments(); ++g) {
    const auto [first, last] = axis.index_range(g, k);
    const auto count = profile.count.segment(first, last - first);
    profile.segment_count[g] = count.sum();
    profile.segment_fte[g] = profile.fte.segment(first, last - first).sum();
    profile.segment_age_sum[g] = (count * run.index_values.segment(first, last - first)).sum() +
                                 (axis.offset_months + k) * profile.segment_count[g];
  }
}

void finish_step(const RunConstants& run, int k, const CellArrivals& arrivals, const MoverProfile* profile,
                 CellState& cell) {
  const AgeAxis& axis = run.axis;
  Pool& pool = cell.pool;
  // Arrivals (§4.6-4.7) come in at tenure 0 after the exits; they neither age nor exit in step k.
  const double hires = arrivals.hires;
  const double hire_fte = hires * run.mean_new_hire_fte;
  const bool movers_arrive = arrivals.moves_in > 0 && profile != nullptr && profile->total_count > 0 && profile->total_fte > 0;
  // Movers bring the age profile of the region's movers (docs/model.md).
  const double mover_scale = movers_arrive ? arrivals.moves_in / profile->total_count : 0.0;
  const double mover_fte_scale = movers_arrive ? arrivals.moves_in_fte / profile->total_fte : 0.0;
  const auto hire_pmf = run.hire_pmf_by_age.segment(k, axis.length);  // by index at point k

  for (int g = 0; g < axis.segments(); ++g) {
    const auto [first, last] = axis.index_range(g, k);
    const Eigen::Index n = last - first;
    const bool arrivals_here = (hires > 0 && run.hire_segment_share[g] > 0) || (movers_arrive && profile->segment_count[g] > 0);
    if (n == 0 || (cell.count_now[g] == 0 && !arrivals_here)) continue;  // nobody of these ages, before or after
    auto count = pool.count.segment(first, n);
    auto fte = pool.fte.segment(first, n);
    const double stay_count = cell.stay_count[g];
    const double stay_fte = cell.stay_fte[g];
    if (movers_arrive) {
      count = count * stay_count + hires * hire_pmf.segment(first, n) + mover_scale * profile->count.segment(first, n);
      fte = fte * stay_fte + hire_fte * hire_pmf.segment(first, n) + mover_fte_scale * profile->fte.segment(first, n);
    } else if (hires > 0) {
      count = count * stay_count + hires * hire_pmf.segment(first, n);
      fte = fte * stay_fte + hire_fte * hire_pmf.segment(first, n);
    } else {
      count *= stay_count;
      fte *= stay_fte;
    }
  }
  // The segment sums follow from the same shares, without summing the vectors again.
  pool.segment_count = cell.count_now * cell.stay_count + hires * run.hire_segment_share;
  pool.segment_fte = cell.fte_now * cell.stay_fte + hire_fte * run.hire_segment_share;
  pool.segment_age_sum = cell.age_sum_now * cell.stay_count + hires * run.hire_segment_age_sum;
  if (movers_arrive) {
    pool.segment_count += mover_scale * profile->segment_count;
    pool.segment_fte += mover_fte_scale * profile->segment_fte;
    pool.segment_age_sum += mover_scale * profile->segment_age_sum;
  }

  // Person quantities leave with the persons (lever 8's below-target FTE: exits do not
  // depend on FTE); hires bring share x hire_amount each, movers what they had.
  for (size_t q = 0; q < cell.quantities.size(); ++q) {
    const PersonQuantity& quantity = run.person_quantities[q];
    const double hire_amount = hires * quantity.hire_amount;
    for (int g = 0; g < axis.segments(); ++g) {
      const auto [first, last] = axis.index_range(g, k);
      const Eigen::Index n = last - first;
      if (n == 0) continue;
      auto values = cell.quantities[q].segment(first, n);
      values *= cell.stay_count[g];
      if (hire_amount > 0) values += quantity.share * hire_amount * hire_pmf.segment(first, n);
      if (movers_arrive) values += mover_scale * profile->quantities[q].segment(first, n);
    }
  }

  auto& entries = cell.entries;
  size_t kept = 0;
  for (TrackedEntry& entry : entries) {
    entry.count *= entry.stay;
    entry.fte *= entry.stay;
    for (double& value : entry.quantities) value *= entry.stay;
    if (entry.count > 0) {
      if (&entries[kept] != &entry) entries[kept] = std::move(entry);
      ++kept;
    }
  }
  entries.resize(kept);

  // This step's arrival groups, in their slots (zeros when nobody arrives).
  const int slot = run.slots.slot(k);
  cell.group_count.col(slot) = hires * run.hire_segment_share;
  cell.group_fte.col(slot) = hire_fte * run.hire_segment_share;
  cell.slot_hire_fte[slot] = hire_fte;
  cell.slot_move_fte[slot] = movers_arrive ? arrivals.moves_in_fte : 0.0;
  if (movers_arrive) {
    cell.group_count.col(slot) += mover_scale * profile->segment_count;
    cell.group_fte.col(slot) += mover_fte_scale * profile->segment_fte;
  }
  cell.flows.hires_external = hires;
  if (movers_arrive) cell.flows.moves_in += arrivals.moves_in;
}

void transfer_share(double share, CellState& from, CellState& to) {
  const double persons = from.pool.segment_count.sum() +
                         std::accumulate(from.entries.begin(), from.entries.end(), 0.0,
                                         [](double sum, const TrackedEntry& e) { return sum + e.count; });
  from.transfer_out += share * persons;
  to.transfer_in += share * persons;
  const double keep = 1.0 - share;
  auto move = [&](auto& source, auto& target) {
    target += share * source;
    source *= keep;
  };
  move(from.pool.count, to.pool.count);
  move(from.pool.fte, to.pool.fte);
  move(from.pool.segment_count, to.pool.segment_count);
  move(from.pool.segment_fte, to.pool.segment_fte);
  move(from.pool.segment_age_sum, to.pool.segment_age_sum);
  move(from.group_count, to.group_count);
  move(from.group_fte, to.group_fte);
  move(from.slot_hire_fte, to.slot_hire_fte);
  move(from.slot_move_fte, to.slot_move_fte);
  for (size_t q = 0; q < from.quantities.size(); ++q) move(from.quantities[q], to.quantities[q]);
  for (TrackedEntry& entry : from.entries) {
    TrackedEntry moved = entry;
    moved.count *= share;
    moved.fte *= share;
    for (double& value : moved.quantities) value *= share;
    to.entries.push_back(std::move(moved));
    entry.count *= keep;
    entry.fte *= keep;
    for (double& value : entry.quantities) value *= keep;
  }
}

void add_trainees(const RunConstants& run, int k, int programme, double count, CellState& cell) {
  const TraineeProgramme& p = run.scenario->policies.trainee_programmes[static_cast<size_t>(programme) - 1];
  const MonthlyAgePmf& ages = run.trainee_ages[static_cast<size_t>(programme)];
  for (Eigen::Index position = 0; position < ages.pmf.size(); ++position) {
    if (!(ages.pmf[position] > 0)) continue;
    TrackedEntry entry;
    entry.index = run.axis.index_of_age(ages.first_age_months + static_cast<int>(position), k);
    entry.tenure_months_at_point0 = -k;  // tenure 0 at point k
    entry.count = count * ages.pmf[position];
    entry.fte = entry.count * p.contract_fte;
    entry.onboards = false;  // the programme's productivity applies instead
    entry.programme = programme;
    entry.graduation_step = k + std::max(1, p.duration_months);  // when the trainee months are 0
    entry.quantities.resize(run.person_quantities.size());
    if (!entry.quantities.empty()) person_values(run, entry.count, p.contract_fte, entry.quantities.data());
    cell.entries.push_back(std::move(entry));
  }
  cell.flows.hires_trainee += count;
}

double effective_fte_now(const RunConstants& run, int k, const CellState& cell) {
  const double onboarding_fte = k == 0 ? 0.0 : group_onboarding_fte(run, cell, k, true);
  double effective = cell.pool.segment_fte.sum() - (1.0 - run.onboarding_productivity) * onboarding_fte;
  for (const TrackedEntry& entry : cell.entries) effective += entry_effective_fte(run, entry, k, entry.fte);
  return effective;
}

void record_cell(const RunConstants& run, int k, CellState& cell, double* slots, double* histogram) {
  const AgeAxis& axis = run.axis;
  const Pool& pool = cell.pool;
  auto slot = [slots](Metric metric) -> double& { return slots[static_cast<int>(metric)]; };
  std::fill(slots, slots + kMetricCount, 0.0);
  double headcount = pool.segment_count.sum();
  double fte = pool.segment_fte.sum();
  double age_months_sum = pool.segment_age_sum.sum();
  double aged_55_plus = 0;
  for (int g = 0; g < axis.segments(); ++g) {
    histogram[axis.histogram_band[static_cast<size_t>(g)]] += pool.segment_count[g];
    if (axis.aged_55_plus[static_cast<size_t>(g)]) aged_55_plus += pool.segment_count[g];
  }
  double trainees = 0;
  for (const TrackedEntry& entry : cell.entries) {
    const int age = entry.index + axis.offset_months + k;
    headcount += entry.count;
    fte += entry.fte;
    age_months_sum += entry.count * age;
    if (age >= kAged55PlusMonths) aged_55_plus += entry.count;
    histogram[age_histogram_band(age)] += entry.count;
    if (entry.programme != 0) trainees += entry.count;
  }
  const double demand = cell.demand_fte;  // point 0: D(0), and 0 for a lever's unit
  const double effective = effective_fte_now(run, k, cell);
  const double vacancy = std::max(0.0, demand - effective - cell.flexpool_fte);
  cell.previous_vacancy_rate = demand > 0 ? vacancy / demand : 0.0;

  slot(Metric::kHeadcount) = headcount;
  slot(Metric::kFte) = fte;
  slot(Metric::kEffectiveFte) = effective;
  slot(Metric::kDemandFte) = demand;
  slot(Metric::kVacancyFte) = vacancy;
  slot(Metric::kMeanAge) = age_months_sum / 12.0;  // the sum of ages in years (catalogue.h)
  slot(Metric::kHeadcount55Plus) = aged_55_plus;
  slot(Metric::kTrainees) = trainees;
  slot(Metric::kFlexpoolFte) = cell.flexpool_fte;
  if (k == 0) return;
  for_each_flow(cell.flows, [&](Metric metric, double expected, int) { slot(metric) = expected; });
}

}  // namespace krapte::projection
