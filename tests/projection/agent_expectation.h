// A third, deliberately naive computation of the no-feedback model, for tests: without
// recruitment, pressure and moves every agent leaves independently of every other, so the
// expected value and the variance of each national series are sums over the initial
// agents of per-agent survival and exit probabilities (MODEL.md §4.4, written out here
// again from the text, one agent and one month at a time).
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/rates.h"
#include "metrics/catalogue.h"
#include "population/agents.h"
#include "scenario/resolved.h"

namespace krapte::test {

/// Mean and variance of a national series [point][family] for each metric it covers.
struct AgentMoments {
  int points = 0;
  int families = 0;
  std::vector<double> mean, variance;  // [metric][point][family]

  size_t at(Metric m, int point, int family) const {
    return (static_cast<size_t>(m) * points + point) * families + family;
  }
};

/// Exact for a scenario without feedbacks: headcount, FTE, effective FTE, the four exit
/// flows (retirement, early retirement, quit, other), the sum of ages and the 55+ count.
inline AgentMoments no_feedback_moments(const ResolvedScenario& s, const Population& population) {
  AgentMoments out;
  out.points = s.time.points();
  out.families = s.family_count();
  out.mean.assign(static_cast<size_t>(kMetricCount) * out.points * out.families, 0.0);
  out.variance = out.mean;
  const double attractiveness = std::pow(s.attractiveness.index, -s.attractiveness.quit_elasticity);
  for (const MunicipalityAgents& agents : population.by_municipality)
    for (size_t i = 0; i < agents.size(); ++i) {
      const int j = agents.family[i];
      const double fte = agents.contract_fte[i];
      double alive = 1.0;  // probability the agent is still there
      auto add = [&](Metric m, int k, double value, double variance) {
        out.mean[out.at(m, k, j)] += value;
        out.variance[out.at(m, k, j)] += variance;
      };
      for (int k = 0; k < out.points; ++k) {
        const int age = agents.age_months[i] + k;
        const int tenure = agents.tenure_months[i] + k;
        if (k > 0) {
          const YearMonth c = s.time.month_of_point(k);
          double early = 0, quit = 0, other = 0, retire = 0;
          if (age >= s.aow_age_months(c)) {
            retire = 1;
          } else {
            const AgeBandRates& band = s.exits.age_bands[static_cast<size_t>(s.exit_band(age))];
            double quit_annual = band.quit_annual * (s.families[static_cast<size_t>(j)].quit_multiplier * 1.0 * attractiveness);
            if (tenure < 12) quit_annual *= s.exits.first_year_quit_factor;
            const double p_early = band.early_retirement_monthly_prob;
            const double p_quit = monthly_prob_from_annual_rate(quit_annual);
            const double p_exit = std::min(1.0, p_early + p_quit + band.other_monthly_prob);
            // One uniform u: early if u < p_early, quit if u < p_early + p_quit, other if u < p_exit.
            early = std::min(p_early, p_exit);
            quit = std::min(p_early + p_quit, p_exit) - early;
            other = p_exit - std::min(p_early + p_quit, p_exit);
          }
          const Metric flows[] = {Metric::kExitsRetirement, Metric::kExitsEarlyRetirement, Metric::kExitsQuit,
                                  Metric::kExitsOther};
          const double shares[] = {retire, early, quit, other};
          for (int r = 0; r < 4; ++r) {
            const double p = alive * shares[r];
            add(flows[r], k, p, p * (1 - p));
          }
          alive *= 1.0 - (retire + early + quit + other);
        }
        const double productivity = tenure < s.onboarding.months ? s.onboarding.productivity : 1.0;
        add(Metric::kHeadcount, k, alive, alive * (1 - alive));
        add(Metric::kFte, k, alive * fte, fte * fte * alive * (1 - alive));
        add(Metric::kEffectiveFte, k, alive * fte * productivity, 0.0);
        add(Metric::kMeanAge, k, alive * age / 12.0, 0.0);  // the sum of ages, as the cells store it
        add(Metric::kHeadcount55Plus, k, age >= 55 * 12 ? alive : 0.0, 0.0);
      }
    }
  return out;
}

}  // namespace krapte::test
