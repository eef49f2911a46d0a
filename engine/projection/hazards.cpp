#include "projection/hazards.h"

#include <algorithm>

#include "core/rates.h"

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
  out.shares.resize(static_cast<size_t>(out.bands) * 4);
  const double quit_factor = s.families[static_cast<size_t>(family)].quit_multiplier * pressure * quit.attractiveness_factor;
  double retained_quit = 1;  // lever 7: the family's last entry, whatever its window (the window sets the age)
  double retained_early = 1;
  for (const Retention& retention : s.policies.retention)
    if (retention.family[static_cast<size_t>(family)]) {
      retained_quit = retention.quit_multiplier;
      retained_early = retention.early_retirement_multiplier;
    }
  for (int b = 0; b < out.bands; ++b) {
    const AgeBandRates& band = s.exits.age_bands[static_cast<size_t>(b)];
    const double quit_annual = band.quit_annual * quit_factor;
    for (int first_year = 0; first_year < 2; ++first_year) {
      const double annual = first_year ? quit_annual * s.exits.first_year_quit_factor : quit_annual;
      ExitShares* entry = &out.shares[(static_cast<size_t>(b) * 2 + static_cast<size_t>(first_year)) * 2];
      entry[0] = exit_shares(band.early_retirement_monthly_prob, monthly_prob_from_annual_rate(annual),
                             band.other_monthly_prob, quit.kept_share);
      entry[1] = exit_shares(monthly_prob_from_annual_rate(band.early_retirement_annual * retained_early),
                             monthly_prob_from_annual_rate(annual * retained_quit), band.other_monthly_prob, quit.kept_share);
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
