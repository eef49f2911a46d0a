// MODEL.md §4.4 exits as expectations. The agent model draws one uniform u against
// P = min(1, p_early + p_quit + p_other) and splits it into early retirement (u < p_early),
// quit (u < p_early + p_quit) and other; the expected share of each reason is therefore
// early = min(p_early, P), quit = min(p_early + p_quit, P) - early, other = P - the rest.
// The monthly probabilities come from the scenario (early, other) and, for quits, from the
// rate composition both models share (scenario/monthly.h quit_annual_rate, with pressure,
// then monthly_prob_from_annual_rate); only the expectation is computed here.
#pragma once

#include <Eigen/Core>

#include <vector>

#include "projection/age_axis.h"
#include "scenario/monthly.h"
#include "scenario/resolved.h"

namespace krapte::projection {

/// Expected shares of a cohort that leave in one month, by reason, and that stay.
struct ExitShares {
  double early = 0;
  double quit = 0;
  double other = 0;
  double stay = 1;
};

/// `kept_share_of_quits`: the share of quits that stay with their employer instead (the
/// `collective.prevented_moves: stay` extension); they count as stayers, and `quit` is
/// what leaves (movers included).
ExitShares exit_shares(double p_early, double p_quit, double p_other, double kept_share_of_quits = 0);

/// What the quit rule of one step adds to the scenario's rates: attractiveness(c)^(-quit
/// elasticity) (lever 2) and the prevented moves that stay (lever 1 extension).
struct QuitRule {
  double attractiveness_factor = 1;
  double kept_share = 0;
};

/// Exit shares of one job family in one municipality for one step:
/// [band][first year][retained]. "Retained": at or above the retention age of lever 7,
/// whose multipliers are the family's last retention entry (as the agents take them).
struct BandShares {
  int bands = 0;
  std::vector<ExitShares> shares;
  const ExitShares& at(int band, bool first_year, bool retained) const {
    return shares[exit_row_index(band, first_year, retained)];
  }
};

/// `pressure` from workload_pressure(). The multiplications are in the engine's order.
BandShares band_shares(const ResolvedScenario& scenario, int family, double pressure, const QuitRule& quit);
/// The same into an existing table (no allocation once it has its size).
void fill_band_shares(const ResolvedScenario& scenario, int family, double pressure, const QuitRule& quit, BandShares& out);

/// The same per age segment for one pool (first-year or settled), with AOW retirement:
/// a segment at or above the AOW age in force retires entirely (stay = 0). Segments at or
/// above `retention_from_age_months` take the retained shares (retention ages are segment
/// bounds).
struct SegmentShares {
  Eigen::ArrayXd retire, early, quit, other, stay;
  void resize(int segments);
};

void segment_shares(const AgeAxis& axis, const BandShares& bands, bool first_year, int aow_age_months,
                    int retention_from_age_months, SegmentShares& out);

}  // namespace krapte::projection
