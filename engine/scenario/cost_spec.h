// The resolved `costs:` section (docs/costs.md): prices of staff, vacancies and measures.
// Absent (enabled = false) means no /costs datasets; the model's results never depend on it.
#pragma once

#include <vector>

namespace krapte {

/// A measure's cost entry; `given` is false when costs.measures.<lever> is absent (an error
/// only if the scenario uses that lever).
struct FixedCosts {
  bool given = false;
  double one_off_euros = 0;
  double per_year_euros = 0;
};

struct CostSpec {
  bool enabled = false;
  int price_year = 2024;
  double annual_increase = 0;
  double employer_charges = 0;
  std::vector<double> gross_per_fte_month;  // [family], euros at price_year
  double external_share = 0;
  double external_premium = 1;

  FixedCosts collective;           // per_year
  FixedCosts attractiveness;       // per_year; pay_share below
  double attractiveness_pay_share = 0;
  FixedCosts productivity_gains;   // one_off, per_year, per entry
  FixedCosts shared_services;      // one_off, per_year, per centre
  bool trainees_given = false;
  double per_trainee_month_euros = 0;
  double per_intake_euros = 0;
  bool flexpools_given = false;
  double flexpool_overhead = 0;
  bool retention_given = false;
  double retention_per_person_month_euros = 0;
  FixedCosts more_hours;           // per_year, per entry
};

}  // namespace krapte
