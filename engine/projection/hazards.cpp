#include "projection/hazards.h"

#include <algorithm>

#include "core/rates.h"
#include "scenario/monthly.h"

namespace krapte::projection {

ExitShares exit_shares(double p_early, double p_quit, double p_other, double kept_share_of_quits) {
  const double p_exit = std::min(1.0, p_early + p_quit + p_other);
  ExitShares out;
  out.early = std::min(p_early, p_exit);
  const double early_or_quit = std::min(p_early + p_quit, p_exit);
  const double quit = early_or_quit - out.early;
  out.quit = quit * (1.0 - kept_share_of_quits);
  out.other = p_exit - early_or_quit;
  out.stay = 1.0 - p_exit + quit * kept_share_of_quits;
  return out;
}

BandShares band_shares(const ResolvedScenario& s, int family, double pressure, const QuitRule& quit) {
  BandShares out;
  fill_band_shares(s, family, pressure, quit, out);
  return out;
}

void fill_band_shares(const ResolvedScenario& s, int family, double pressure, const QuitRule& quit, BandShares& out) {
  out.bands = static_cast<int>(s.exits.age_bands.size());
  out.shares.resize(static_cast<size_t>(out.bands) * exit_rows_per_band);
  const RetentionMultipliers retained = retention_multipliers(s, family);
  for (int b = 0; b < out.bands; ++b) {
    const AgeBandRates& band = s.exits.age_bands[static_cast<size_t>(b)];
    const double quit_annual = quit_annual_rate(s, family, b, pressure, quit.attractiveness_factor);
    for (int first_year = 0; first_year < 2; ++first_year) {
      const double annual = first_year ? quit_annual * s.exits.first_year_quit_factor : quit_annual;
      out.shares[exit_row_index(b, first_year != 0, false)] =
          exit_shares(band.early_retirement_monthly_prob, monthly_prob_from_annual_rate(annual), band.other_monthly_prob,
                      quit.kept_share);
      out.shares[exit_row_index(b, first_year != 0, true)] =
          exit_shares(monthly_prob_from_annual_rate(band.early_retirement_annual * retained.early_retirement),
                      monthly_prob_from_annual_rate(annual * retained.quit), band.other_monthly_prob, quit.kept_share);
    }
  }
}

void SegmentShares::resize(int segments) {
  retire.setZero(segments);
  early.setZero(segments);
  quit.setZero(segments);
  other.setZero(segments);
  stay.setOnes(segments);
}

void segment_shares(const AgeAxis& axis, const BandShares& bands, bool first_year, int aow_age_months,
                    int retention_from_age_months, SegmentShares& out) {
  const int segments = axis.segments();
  if (out.stay.size() != segments) out.resize(segments);
  for (int g = 0; g < segments; ++g) {
    // AOW ages are segment bounds, so a segment is wholly above or below the AOW age.
    if (axis.lower_months[static_cast<size_t>(g)] >= aow_age_months) {
      out.retire[g] = 1;
      out.early[g] = out.quit[g] = out.other[g] = out.stay[g] = 0;
      continue;
    }
    const bool retained = axis.lower_months[static_cast<size_t>(g)] >= retention_from_age_months;
    const ExitShares& e = bands.at(axis.exit_band[static_cast<size_t>(g)], first_year, retained);
    out.retire[g] = 0;
    out.early[g] = e.early;
    out.quit[g] = e.quit;
    out.other[g] = e.other;
    out.stay[g] = e.stay;
  }
}

}  // namespace krapte::projection
