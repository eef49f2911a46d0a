// The initial population (MODEL.md §3): synthetic from the municipality table and the
// scenario's distributions, or read from an employee-level CSV, or mixed: HR extracts for
// some municipalities (population.files, hr_import.h), synthetic for the rest.
#pragma once

#include "population/agents.h"
#include "scenario/resolved.h"

namespace krapte {

/// The population at point 0. Depends on the seed only, never on the replication, so all
/// replications start from the same people. Parallel over municipalities.
Population build_initial_population(const ResolvedScenario& scenario);

/// Synthetic source: each cell (municipality, family) drawn until its summed contract FTE
/// reaches inhabitants x fte_per_1000(size class) / 1000 x share.
Population build_synthetic_population(const ResolvedScenario& scenario);

/// File source: one row per employee. Columns (header names):
///   municipality_code, job_family, contract_fte,
///   one of age_years | age_months | birth_month (YYYY-MM),
///   one of tenure_years | tenure_months | hire_month (YYYY-MM).
/// Ages and tenures are taken at point 0 (the month before start). InputError with
/// file:line:column on an unknown code or family, a bad number or an impossible value.
/// With `claimed_by` (a population.files entry in krapte's own columns), a row for a
/// municipality the entry does not claim is an error too, and ids are made per cell.
Population read_employee_file(const ResolvedScenario& scenario, const std::string& path,
                              const ImportFile* claimed_by = nullptr);

}  // namespace krapte
