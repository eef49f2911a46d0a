// The cohorts of one municipality x job family cell in the expected-value projection
// (MODEL.md §7), and the cell's part of one month step (§4.2-4.5, the arrivals of
// §4.6-4.7, and §4.9 recording).
//
// What is followed, and why that is enough for the rules:
// - One pool of expected persons and their contract FTE by age in months. Exit
//   probabilities depend on age only through the exit band and the AOW age, so the pool
//   is scaled one age segment at a time; segment sums (persons, FTE, sum of ages) are
//   carried from step to step instead of being summed again.
// - Initial employees whose tenure still matters (tenure < max(12, onboarding.months)) are
//   few (about one in seven) and are followed one by one with their own age and tenure:
//   without arrivals the projection is therefore exact (docs/validation.md). Trainees
//   (lever 5) are followed the same way, by age and intake, until they have graduated and
//   their first year is over.
// - People who arrive during the run (hires, movers) are added to the pool at their ages;
//   each step's arrivals are also an "arrival group", followed per age segment while its
//   tenure matters: it says how much of a segment is in its first year (the first-year
//   quit factor) and how much FTE is still onboarding. Inside a segment the first-year
//   people are taken to have the pool's age profile (docs/model.md, "The expected-value
//   projection").
// - Person quantities: what a lever follows with the persons (lever 8: the contract FTE
//   below each entry's target, of the participants and of the others), by age like the
//   pool, per followed entry and in the movers' profile: exits, moves and transfers take it
//   with the persons, and the lever's own rule changes it (levers/more_hours.cpp).
#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <vector>

#include "metrics/catalogue.h"
#include "core/calendar.h"
#include "processes/flows.h"
#include "projection/age_axis.h"
#include "projection/hazards.h"
#include "scenario/resolved.h"

namespace krapte::projection {

/// Where the arrival groups of a cell are kept: a ring of slots, one per step while tenure
/// matters (max(12, the onboarding months of hires and of movers)). Step s writes slot
/// s % length (zeros when nobody arrives), so the tenure of a slot is the same in every
/// cell. A slot holds the step's hires and movers together: they age and leave alike and
/// differ only in how long they onboard, so the slot also keeps the FTE each route brought.
struct ArrivalSlots {
  int length = 12;
  int slot(int step) const { return step % length; }
  /// Tenure of the group in `slot` after step k's ageing, before its arrivals (1..length),
  /// or at point k after them (0..length-1).
  int tenure(int slot, int k, bool after_arrivals) const;
};

/// A quantity that a lever follows with the persons (engine/levers: its person_quantities
/// and person_amounts). `count` persons of contract FTE x bring share x (count x amount(x));
/// hires bring share x (hires x hire_amount), hire_amount the mean amount of a new hire.
struct PersonQuantity {
  double share = 1;
  double hire_amount = 0;
};

/// Constants of one projection run, shared by every cell.
struct RunConstants {
  const ResolvedScenario* scenario = nullptr;
  AgeAxis axis;
  Eigen::ArrayXd index_values;          // 0, 1, ..., length-1
  /// New-hire age pmf by age - offset_months (zero outside its support): at point k the
  /// hires' share at index i is hire_pmf_by_age.segment(k, length)[i].
  Eigen::ArrayXd hire_pmf_by_age;
  Eigen::ArrayXd hire_segment_share;    // new-hire age mass per segment
  Eigen::ArrayXd hire_segment_age_sum;  // sum of pmf x age in months per segment
  double mean_new_hire_fte = 1;
  int hire_onboarding_months = 0;
  int move_onboarding_months = 0;
  double onboarding_productivity = 1;
  int initial_tracked_months = 12;      // initial staff with tenure below this are followed one by one
  ArrivalSlots slots;
  /// Trainee programmes (lever 5), indexed by programme + 1 like the agents' trainee_programme.
  std::vector<MonthlyAgePmf> trainee_ages;
  std::vector<double> trainee_productivity;
  /// The levers' person quantities [q], and the first q of each lever of levers::All.
  std::vector<PersonQuantity> person_quantities;
  std::vector<int> first_quantity;
};

RunConstants make_run_constants(const ResolvedScenario& scenario, int min_initial_age_months, int max_initial_age_months);

/// What every cell reads in step k: MODEL.md §4 with the levers in force in its month.
struct StepRates {
  int step = 0;
  YearMonth month;
  int aow_age_months = 0;
  bool collective = false;            // lever 1 in force
  double matching_efficiency = 0;     // with attractiveness and the collective bonus
  QuitRule quit;
  double mover_share_of_leaving_quits = 0;     // move candidates among the quits that leave
  std::vector<int> retention_from_age_months;  // [family] (INT_MAX: no retention lever in force)
  std::vector<BandShares> base_band_shares;    // [family] without workload pressure
  std::vector<double> demand_factor;           // [unit * families + j]: D(k) / D(0)
};

/// Expected persons and contract FTE by age index, with their sums per age segment at the
/// last recorded point (persons, FTE, persons x age in months).
struct Pool {
  Eigen::ArrayXd count, fte;
  Eigen::ArrayXd segment_count, segment_fte, segment_age_sum;
};

/// People of one age and tenure followed one by one while their tenure matters: initial
/// employees in their first year or onboarding, and trainees (lever 5) until they graduate
/// and their first year is over.
struct TrackedEntry {
  int index = 0;
  int tenure_months_at_point0 = 0;  // negative for people who arrive during the run
  double count = 0;
  double fte = 0;
  bool onboards = true;  // initial staff onboard by tenure; trainees do not
  int programme = 0;     // trainee programme + 1; 0 once graduated, and for everyone else
  int graduation_step = 0;
  double stay = 1;    // share that stays in the current step
  double moving = 0;  // share that becomes a move candidate in the current step
  std::vector<double> quantities;  // person quantities [q] of the entry's persons
};

/// Expected flows of one step (MODEL.md §6).
using ExpectedFlows = Flows<double>;

/// What the region's placement gives a cell in one step.
struct CellArrivals {
  double hires = 0;
  double moves_in = 0;
  double moves_in_fte = 0;
};

/// The movers of a region and family in one step: their age profile by index (count and
/// FTE), its totals, and its sums per age segment.
struct MoverProfile {
  Eigen::ArrayXd count, fte;
  double total_count = 0;
  double total_fte = 0;
  Eigen::ArrayXd segment_count, segment_fte, segment_age_sum;
  std::vector<Eigen::ArrayXd> quantities;  // person quantities [q] the movers bring, by index
};

/// Lever 4: work a centre took over from one cell: share x D(0) of the source x the source's
/// demand factor, so it follows the growth, gains and shocks it had in the municipality.
struct TakenWork {
  size_t source_cell = 0;  // [unit * families + j]
  double share = 0;        // moved share of the source's work x (1 - efficiency)
};

struct CellState {
  int family = 0;
  double demand0_fte = 0;
  double work_kept = 1;              // lever 4: share of its work the cell kept
  std::vector<TakenWork> taken_work;  // lever 4: a centre's work, from its sources
  double previous_vacancy_rate = 0;
  Pool pool;
  /// Arrival groups, persons and contract FTE: [age segment][slot] (ArrivalSlots), and the
  /// FTE each slot's hires and movers brought when they arrived [slot].
  Eigen::ArrayXXd group_count, group_fte;
  Eigen::ArrayXd slot_hire_fte, slot_move_fte;
  std::vector<TrackedEntry> entries;
  std::vector<Eigen::ArrayXd> quantities;  // person quantities [q], by age index like the pool
  double flexpool_fte = 0;      // lever 6: deployed to the cell at the last step 8
  double transfer_in = 0;       // lever 4: persons moved when a centre opened this step
  double transfer_out = 0;

  // The current step, between begin_step() and finish_step().
  double demand_fte = 0;
  double vacancy_fte = 0;   // V after exits, lowered by placement
  double movers = 0;        // expected quits that want a move
  double mover_fte = 0;
  ExpectedFlows flows;
  Eigen::ArrayXd count_now, fte_now, age_sum_now;  // segment sums at point k before exits
  Eigen::ArrayXd stay_count, stay_fte;              // per segment: share of persons / FTE that stays
  Eigen::ArrayXd move_count_rate, move_fte_rate;    // per segment: share that leaves as a mover
  const BandShares* bands = nullptr;
  BandShares own_bands;      // used when workload pressure acts
};

/// Point 0: the cell's initial employees (age, tenure after the §3 cap, contract FTE).
void start_cell(const RunConstants& run, int family, double demand0_fte, CellState& cell);
void add_initial_employee(const RunConstants& run, int age_months, int tenure_months, double contract_fte, CellState& cell);
void finish_initial_population(const RunConstants& run, CellState& cell);

/// Steps 2-5 of MODEL.md §4 for step k: ageing, demand, exits (trainees graduate),
/// vacancies after exits (with last step's flexpool deployment).
void begin_step(const RunConstants& run, const StepRates& rates, double demand_fte, CellState& cell);

/// Adds the cell's movers of step k (after begin_step) to the region's profile, by age.
void add_movers_to_profile(const RunConstants& run, int k, const CellState& cell, MoverProfile& profile);
/// Segment sums and totals of a finished profile.
void finish_mover_profile(const RunConstants& run, int k, MoverProfile& profile);

/// Applies the exits to the age vectors and adds the arrivals of step k; `profile` is the
/// region's movers (may be null when nobody moves in).
void finish_step(const RunConstants& run, int k, const CellArrivals& arrivals, const MoverProfile* profile,
                 CellState& cell);

/// Lever 4: moves `share` of everyone in `from` (every cohort, arrival group and followed
/// entry, with their tenure and onboarding) to `to`, counted as moves of the coming step.
void transfer_share(double share, CellState& from, CellState& to);

/// Lever 5: `count` trainees of `programme` (index + 1) arrive at point k, with the
/// programme's age distribution and contract FTE.
void add_trainees(const RunConstants& run, int k, int programme, double count, CellState& cell);

/// Effective FTE at point k after the step's arrivals (onboarding and trainee productivity).
double effective_fte_now(const RunConstants& run, int k, const CellState& cell);

/// Writes the cell's metric slots for point k (catalogue order; flows only for k > 0),
/// adds its headcount by age band to `histogram` [band] and sets previous_vacancy_rate.
void record_cell(const RunConstants& run, int k, CellState& cell, double* slots, double* histogram);

}  // namespace krapte::projection
