// The age axis of the expected-value projection (MODEL.md §7). Cohort vectors are indexed
// by a birth month i, with age_months = i + offset_months + k at point k: ageing (§4.2)
// then moves nothing. Ages are cut into segments at every age where a rule or an output
// changes (exit bands, AOW ages of the schedule, retention ages of lever 7, 55 years,
// the histogram's five-year bands), so one segment has one exit probability per step and one output slot, and a
// whole segment can be scaled at once.
#pragma once

#include <Eigen/Core>

#include <utility>
#include <vector>

#include "scenario/resolved.h"

namespace krapte::projection {

struct AgeAxis {
  int offset_months = 0;  // age at index 0 at point 0
  int length = 0;         // indices 0 .. length-1
  std::vector<int> lower_months;  // segment g holds ages [lower_months[g], lower_months[g+1]); lower_months[0] is 0
  std::vector<int> exit_band;     // [g] MODEL.md §4.4 band of the segment's ages
  std::vector<int> histogram_band;
  std::vector<uint8_t> aged_55_plus;

  int segments() const { return static_cast<int>(lower_months.size()); }
  /// First age above segment g (a large number for the last segment).
  int upper_months(int g) const;
  int index_of_age(int age_months, int point) const { return age_months - offset_months - point; }
  int segment_of_age(int age_months) const;
  /// Indices [first, last) of segment g at point k, clipped to the axis.
  std::pair<int, int> index_range(int g, int point) const {
    const auto clip = [this](int index) { return index < 0 ? 0 : (index > length ? length : index); };
    const int first = g == 0 ? 0 : clip(index_of_age(lower_months[static_cast<size_t>(g)], point));
    const int last = g + 1 == segments() ? length : clip(index_of_age(lower_months[static_cast<size_t>(g) + 1], point));
    return {first, last > first ? last : first};
  }
};

/// `min_age_months` and `max_age_months` bound every age at arrival (the initial
/// population and the new-hire distribution); the axis covers them for all T steps.
AgeAxis make_age_axis(const ResolvedScenario& scenario, int min_age_months, int max_age_months);

/// The new-hire age distribution in whole months (MODEL.md §4.7: ages drawn in years and
/// floored to months): pmf[a] = P(age_months = a) for a = first_age_months + position.
struct MonthlyAgePmf {
  int first_age_months = 0;
  Eigen::ArrayXd pmf;
  int last_age_months() const { return first_age_months + static_cast<int>(pmf.size()) - 1; }
};
MonthlyAgePmf monthly_age_pmf(const PiecewiseDistribution& age_years);

}  // namespace krapte::projection
