#include "projection/hazards.h"

#include <algorithm>

#include "core/rates.h"

namespace krapte::projection {

ExitShares exit_shares(double p_early, double p_quit, double p_other) {
  const double p_exit = std::min(1.0, p_early + p_quit + p_other);
  ExitShares out;
  out.early = std::min(p_early, p_exit);
  const double early_or_quit = std::min(p_early + p_quit, p_exit);
  out.quit = early_or_quit - out.early;
  out.other = p_exit - early_or_quit;
  out.stay = 1.0 - p_exit;
  return out;
}

BandShares band_shares(const ResolvedScenario& s, int family, double pressure, double quit_attractiveness_factor) {
  BandShares out;
  fill_band_shares(s, family, pressure, quit_attractiveness_factor, out);
  return out;
}

void fill_band_shares(const ResolvedScenario& s, int family, double pressure, double quit_attractiveness_factor,
                      BandShares& out) {
  out.bands = static_cast<int>(s.exits.age_bands.size());
  out.shares.resize(static_cast<size_t>(out.bands) * 2);
  const double quit_factor = s.families[static_cast<size_t>(family)].quit_multiplier * pressure * quit_attractiveness_factor;
  for (int b = 0; b < out.bands; ++b) {
    const AgeBandRates& band = s.exits.age_bands[static_cast<size_t>(b)];
    const double quit_annual = band.quit_annual * quit_factor;
    for (int first_year = 0; first_year < 2; ++first_year) {
      const double annual = first_year ? quit_annual * s.exits.first_year_quit_factor : quit_annual;
      out.shares[static_cast<size_t>(b) * 2 + static_cast<size_t>(first_year)] =
          exit_shares(band.early_retirement_monthly_prob, monthly_prob_from_annual_rate(annual), band.other_monthly_prob);
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
                    SegmentShares& out) {
  const int segments = axis.segments();
  if (out.stay.size() != segments) out.resize(segments);
  for (int g = 0; g < segments; ++g) {
    // AOW ages are segment bounds, so a segment is wholly above or below the AOW age.
    if (axis.lower_months[static_cast<size_t>(g)] >= aow_age_months) {
      out.retire[g] = 1;
      out.early[g] = out.quit[g] = out.other[g] = out.stay[g] = 0;
      continue;
    }
    const ExitShares& e = bands.at(axis.exit_band[static_cast<size_t>(g)], first_year);
    out.retire[g] = 0;
    out.early[g] = e.early;
    out.quit[g] = e.quit;
    out.other[g] = e.other;
    out.stay[g] = e.stay;
  }
}

}  // namespace krapte::projection
