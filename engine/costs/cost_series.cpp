#include "costs/cost_series.h"

#include <cmath>

namespace krapte {

const std::array<CostItemInfo, kCostItemCount>& cost_catalogue() {
  using C = CostItem;
  static const std::array<CostItemInfo, kCostItemCount> catalogue = {{
      {C::kSalary, "salary", "euros per month", "euros", "Salary cost of the staff: fte x gross salary per FTE-month x (1 + employer charges), indexed per year (trainees and flexpool staff included, at their own units).", true},
      {C::kVacancyExternal, "vacancy_external", "euros per month", "euros", "External hire (inhuur) for the share of vacancy FTE filled that way: vacancy_fte x external_share x external_premium x salary cost per FTE-month.", true},
      {C::kVacancyUnfilledFte, "vacancy_unfilled_fte", "FTE", "FTE-months", "Work not done (not money): vacancy_fte x (1 - external_share).", false},
      {C::kMeasureCollective, "measure_collective", "euros per month", "euros", "Collective recruitment (lever 1): per_year / 12 while in force, spread over the municipalities' cells by demand.", true},
      {C::kMeasureAttractiveness, "measure_attractiveness", "euros per month", "euros", "Attractiveness (lever 2): salary x pay_share x (index / attractiveness.index - 1) plus per_year / 12 by demand, while the index differs.", true},
      {C::kMeasureProductivityGains, "measure_productivity_gains", "euros per month", "euros", "Standardisation and innovation (lever 3): one_off in from, per_year / 12 while acting, over the cells in scope by demand.", true},
      {C::kMeasureSharedServices, "measure_shared_services", "euros per month", "euros", "Shared-service centres (lever 4): one_off_per_centre at opening, per_year_per_centre / 12 after, at the centres' cells.", true},
      {C::kMeasureTraineeProgrammes, "measure_trainee_programmes", "euros per month", "euros", "Trainee programmes (lever 5): trainees x per_trainee_month + hires_trainee x per_intake (their salary is in salary).", true},
      {C::kMeasureFlexpools, "measure_flexpools", "euros per month", "euros", "Flexpools (lever 6): deployed flexpool_fte x overhead x salary cost per FTE-month, where deployed.", true},
      {C::kMeasureRetention, "measure_retention", "euros per month", "euros", "Retention (lever 7): per_person_month x staff of the scheme's families aged from_age_years or over (national age histogram), spread over units by their staff aged 55+ (or all staff below 55).", true},
      {C::kMeasureMoreHours, "measure_more_hours", "euros per month", "euros", "More hours (lever 8): per_year / 12 per entry while acting, over the cells in scope by demand (the hours themselves are in salary).", true},
      {C::kTotal, "total", "euros per month", "euros", "salary + vacancy_external + every measure_* (not vacancy_unfilled_fte).", true},
  }};
  return catalogue;
}

double salary_cost_per_fte_month(const CostSpec& costs, int family, YearMonth c) {
  return costs.gross_per_fte_month[static_cast<size_t>(family)] * (1.0 + costs.employer_charges) *
         std::pow(1.0 + costs.annual_increase, c.year() - costs.price_year);
}

namespace {

// The recorded quantity of one cell (the one place that knows the series layout).
double recorded(const ReplicationSeries& series, int point, int unit, int family, Metric metric) {
  return series.cell_sums[series.shape.cell_offset(point, unit, family) + static_cast<size_t>(metric)];
}

struct PointCosts {
  const ResolvedScenario& s;
  const ReplicationSeries& series;
  CostCells& out;
  int k;

  double& at(int unit, int family, CostItem item) {
    return out.values[out.offset(k, unit, family) + static_cast<size_t>(item)];
  }
  double demand(int unit, int family) const { return recorded(series, k, unit, family, Metric::kDemandFte); }

  /// Spreads a national amount over the cells a measure covers, by their demand this month
  /// (equally if they have none), so that a cell's total is the sum of its parts.
  template <class InScope>
  void spread(double euros, CostItem item, InScope in_scope) {
    if (euros == 0) return;
    double weight_sum = 0;
    int cells = 0;
    for (int m = 0; m < s.municipality_count(); ++m)
      for (int j = 0; j < s.family_count(); ++j)
        if (in_scope(m, j)) {
          weight_sum += demand(m, j);
          ++cells;
        }
    if (cells == 0) return;
    for (int m = 0; m < s.municipality_count(); ++m)
      for (int j = 0; j < s.family_count(); ++j)
        if (in_scope(m, j)) at(m, j, item) += euros * (weight_sum > 0 ? demand(m, j) / weight_sum : 1.0 / cells);
  }

  bool real(int m) const { return s.unit_kind[static_cast<size_t>(m)] == UnitKind::kMunicipality; }

  void retention(YearMonth c) {
    const CostSpec& costs = s.costs;
    const int families = s.family_count();
    for (const Retention& r : s.policies.retention) {
      if (!r.window.active(c) || (r.quit_multiplier == 1 && r.early_retirement_multiplier == 1)) continue;
      const int first_band = r.from_age_years / 5 - 3;  // band b holds ages 5(b+3) .. 5(b+4)-1 (catalogue.h)
      const Metric share_by = r.from_age_years >= 55 ? Metric::kHeadcount55Plus : Metric::kHeadcount;
      for (int j = 0; j < families; ++j) {
        if (!r.family[static_cast<size_t>(j)]) continue;
        double eligible = 0;
        for (int b = first_band; b < kAgeHistogramBands; ++b)
          eligible += series.age_histogram[(static_cast<size_t>(k) * families + j) * kAgeHistogramBands + b];
        double weight_sum = 0;
        for (int m = 0; m < s.municipality_count(); ++m) weight_sum += recorded(series, k, m, j, share_by);
        if (eligible == 0 || weight_sum == 0) continue;
        const double euros = eligible * costs.retention_per_person_month_euros;
        for (int m = 0; m < s.municipality_count(); ++m)
          at(m, j, CostItem::kMeasureRetention) += euros * recorded(series, k, m, j, share_by) / weight_sum;
      }
    }
  }

  void compute() {
    const CostSpec& costs = s.costs;
    const YearMonth c = s.time.month_of_point(k);
    const int families = s.family_count();
    const double base_index = s.attractiveness.index;
    const double index = s.attractiveness_index(c);
    for (int m = 0; m < s.municipality_count(); ++m)
      for (int j = 0; j < families; ++j) {
        const double rate = salary_cost_per_fte_month(costs, j, c);
        const double fte = recorded(series, k, m, j, Metric::kFte);
        const double vacancy = recorded(series, k, m, j, Metric::kVacancyFte);
        at(m, j, CostItem::kSalary) = fte * rate;
        at(m, j, CostItem::kVacancyExternal) = vacancy * costs.external_share * costs.external_premium * rate;
        at(m, j, CostItem::kVacancyUnfilledFte) = vacancy * (1.0 - costs.external_share);
        at(m, j, CostItem::kMeasureTraineeProgrammes) =
            recorded(series, k, m, j, Metric::kTrainees) * costs.per_trainee_month_euros +
            recorded(series, k, m, j, Metric::kHiresTrainee) * costs.per_intake_euros;
        at(m, j, CostItem::kMeasureFlexpools) = recorded(series, k, m, j, Metric::kFlexpoolFte) * costs.flexpool_overhead * rate;
        if (index != base_index)
          at(m, j, CostItem::kMeasureAttractiveness) = fte * rate * costs.attractiveness_pay_share * (index / base_index - 1.0);
      }
    const auto all_real = [&](int m, int) { return real(m); };
    if (s.collective_in_force(c)) spread(costs.collective.per_year_euros / 12.0, CostItem::kMeasureCollective, all_real);
    if (index != base_index) spread(costs.attractiveness.per_year_euros / 12.0, CostItem::kMeasureAttractiveness, all_real);
    for (const ProductivityGain& gain : s.policies.productivity_gains) {
      if (gain.annual_gain == 0 || !gain.window.active(c)) continue;
      const double euros = costs.productivity_gains.per_year_euros / 12.0 + (c == gain.window.from ? costs.productivity_gains.one_off_euros : 0.0);
      spread(euros, CostItem::kMeasureProductivityGains, [&](int m, int j) { return real(m) && gain.scope.applies(m, j); });
    }
    for (const SharedService& ssc : s.policies.shared_services) {
      if (c < ssc.from) continue;
      const double euros = costs.shared_services.per_year_euros / 12.0 + (c == ssc.from ? costs.shared_services.one_off_euros : 0.0);
      for (int centre : ssc.centre_of_region)
        if (centre >= 0)
          spread(euros, CostItem::kMeasureSharedServices,
                 [&](int m, int j) { return m == centre && ssc.scope.family[static_cast<size_t>(j)]; });
    }
    for (const MoreHours& hours : s.policies.more_hours) {
      if (hours.participation == 0 || !hours.window.active(c)) continue;
      spread(costs.more_hours.per_year_euros / 12.0, CostItem::kMeasureMoreHours,
             [&](int m, int j) { return real(m) && hours.scope.applies(m, j); });
    }
    retention(c);
    for (int m = 0; m < s.municipality_count(); ++m)
      for (int j = 0; j < families; ++j) {
        double total = 0;
        for (const CostItemInfo& info : cost_catalogue())
          if (info.is_money && info.item != CostItem::kTotal) total += at(m, j, info.item);
        at(m, j, CostItem::kTotal) = total;
      }
  }
};

}  // namespace

CostCells compute_cost_cells(const ResolvedScenario& scenario, const ReplicationSeries& series) {
  CostCells cells;
  cells.shape = series.shape;
  cells.values.assign(static_cast<size_t>(series.shape.points) * series.shape.municipalities * series.shape.families * kCostItemCount, 0.0);
  for (int k = 1; k < series.shape.points; ++k) PointCosts{scenario, series, cells, k}.compute();
  return cells;
}

CostLevel derive_cost_level(const CostCells& cells, Level level, const std::vector<int>& region_of_unit, bool cumulative) {
  const SeriesShape& shape = cells.shape;
  CostLevel out;
  out.shape = shape;
  out.units = level == Level::kNational ? 1 : (level == Level::kRegion ? shape.regions : shape.municipalities);
  out.values.assign(out.item_size() * kCostItemCount, 0.0);
  for (int point = 0; point < shape.points; ++point)
    for (int m = 0; m < shape.municipalities; ++m) {
      const int unit = level == Level::kNational ? 0 : (level == Level::kRegion ? region_of_unit[static_cast<size_t>(m)] : m);
      for (int j = 0; j < shape.families; ++j) {
        const double* cell = &cells.values[cells.offset(point, m, j)];
        for (int i = 0; i < kCostItemCount; ++i)
          out.values[static_cast<size_t>(i) * out.item_size() + (static_cast<size_t>(point) * out.units + unit) * shape.families + j] += cell[i];
      }
    }
  if (cumulative) {
    const size_t per_point = static_cast<size_t>(out.units) * shape.families;
    for (int i = 0; i < kCostItemCount; ++i) {
      double* values = out.values.data() + static_cast<size_t>(i) * out.item_size();
      for (int point = 1; point < shape.points; ++point)
        for (size_t u = 0; u < per_point; ++u) values[point * per_point + u] += values[(point - 1) * per_point + u];
    }
  }
  return out;
}

}  // namespace krapte
