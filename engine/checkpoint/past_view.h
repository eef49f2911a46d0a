// The scenario as it acts up to the end of a month (checkpoints and branched sweeps,
// docs/sweeps.md): its canonical YAML without what cannot have acted yet. Two scenarios
// with the same past view simulate the same months up to then bit for bit, so one's state
// at that month can continue as the other.
//
// Left out (free to differ): name, description, end, output, costs (prices only: nothing
// in the model reads them); entries of the time-keyed lists (aow_age, recruitment.tightness,
// attractiveness.path, demand_growth_paths) and levers (productivity_gains, retention,
// more_hours, demand_shocks, trainee_programmes) whose `from` is after the month; the
// collective mode when it starts after the month; the share and efficiency of a shared-
// service centre that opens after the month. Kept: everything else, including the
// flexpools and shared-service centres that open later (they add units to the municipality
// axis from the start), and the contents (not the paths) of the data files (municipality
// table, employee file, HR extracts and their function maps).
#pragma once

#include <string>

#include "core/calendar.h"
#include "scenario/resolved.h"

namespace krapte {

/// YAML text; equal text = equal past. InputError if a data file cannot be read.
std::string past_view_yaml(const ResolvedScenario& scenario, YearMonth last_month);

/// The first key path where two past views differ ("retention[0].quit_multiplier"), or ""
/// if they are equal.
std::string first_past_difference(const std::string& past_a, const std::string& past_b);

}  // namespace krapte
