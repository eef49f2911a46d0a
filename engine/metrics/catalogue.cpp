#include "metrics/catalogue.h"

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

std::string_view age_histogram_band_label(int band) {
  static constexpr std::array<std::string_view, kAgeHistogramBands> labels = {
      "<20", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70+"};
  return labels[band];
}

}  // namespace krapte
