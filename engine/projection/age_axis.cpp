#include "projection/age_axis.h"

#include <algorithm>
#include <climits>
#include <cmath>

#include "scenario/monthly.h"
#include "metrics/catalogue.h"

namespace krapte::projection {

namespace {
constexpr int kNoUpperBound = INT_MAX / 4;
}  // namespace

int AgeAxis::upper_months(int g) const {
  return g + 1 < segments() ? lower_months[static_cast<size_t>(g) + 1] : kNoUpperBound;
}

int AgeAxis::segment_of_age(int age_months) const {
  const auto it = std::upper_bound(lower_months.begin(), lower_months.end(), age_months);
  return std::max(0, static_cast<int>(it - lower_months.begin()) - 1);
}

AgeAxis make_age_axis(const ResolvedScenario& s, int min_age_months, int max_age_months) {
  AgeAxis axis;
  const int steps = s.time.steps();
  // Arrivals at step k sit at index age - offset - k >= 0 for every k <= T.
  axis.offset_months = min_age_months - steps;
  axis.length = std::max(1, max_age_months - axis.offset_months + 1);

  std::vector<int> bounds;
  for (int years = 1; years <= kMaxAgeYears; ++years)
    if (s.band_of_age_years[static_cast<size_t>(years)] != s.band_of_age_years[static_cast<size_t>(years) - 1])
      bounds.push_back(years * 12);
  for (const AowEntry& entry : s.aow_age) bounds.push_back(entry.age_months);
  for (const Retention& retention : s.policies.retention) bounds.push_back(retention.from_age_years * 12);  // lever 7
  bounds.push_back(kAged55PlusMonths);
  for (int band = 1; band < kAgeHistogramBands; ++band) bounds.push_back((band + 3) * 60);  // age_histogram_band()
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  bounds.erase(std::remove_if(bounds.begin(), bounds.end(), [](int b) { return b <= 0; }), bounds.end());

  axis.lower_months.push_back(0);
  axis.lower_months.insert(axis.lower_months.end(), bounds.begin(), bounds.end());
  for (int lower : axis.lower_months) {
    axis.exit_band.push_back(s.exit_band(lower));
    axis.histogram_band.push_back(age_histogram_band(lower));
    axis.aged_55_plus.push_back(lower >= kAged55PlusMonths ? 1 : 0);
  }
  return axis;
}

MonthlyAgePmf monthly_age_pmf(const PiecewiseDistribution& age_years) {
  double lo = 1e300;
  double hi = -1e300;
  for (const DistributionBin& bin : age_years.bins()) {
    if (!(bin.weight > 0)) continue;
    lo = std::min(lo, bin.from);
    hi = std::max(hi, bin.to);
  }
  MonthlyAgePmf out;
  if (lo > hi) return out;
  out.first_age_months = static_cast<int>(std::floor(lo * 12.0));
  const int last = static_cast<int>(std::floor(hi * 12.0));
  out.pmf.setZero(last - out.first_age_months + 1);
  // An agent's age is floor(12 x) for x drawn in years: month a holds x in [a/12, (a+1)/12).
  for (int a = out.first_age_months; a <= last; ++a)
    out.pmf[a - out.first_age_months] = age_years.mass_between(a / 12.0, (a + 1) / 12.0);
  return out;
}

}  // namespace krapte::projection
