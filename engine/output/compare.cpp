#include "output/compare.h"

#include <cmath>
#include <cstdio>
#include <limits>

#include "core/errors.h"
#include "metrics/statistics.h"
#include "output/result_reader.h"

namespace krapte {

double student_t_quantile(double probability, double nu) {
  // Normal quantile by Acklam's rational approximation, then the Cornish-Fisher terms.
  const double p = probability;
  const double q = p - 0.5;
  double z = 0;
  if (std::abs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    z = q * (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r +
                 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r +
              133.14166789178437745) * r + 3.387132872796366608) /
        (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r +
             21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r +
          42.313330701600911252) * r + 1.0);
  } else {
    double r = q < 0 ? p : 1 - p;
    r = std::sqrt(-std::log(r));
    if (r <= 5) {
      r -= 1.6;
      z = (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
               1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r +
            4.6303378461565452959) * r + 1.42343711074968357734) /
          (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
               0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r +
            2.05319162663775882187) * r + 1.0);
    } else {
      r -= 5;
      z = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
               0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r +
            5.4637849111641143699) * r + 6.6579046435011037772) /
          (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
               7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r +
            0.59983220655588793769) * r + 1.0);
    }
    if (q < 0) z = -z;
  }
  const double z2 = z * z;
  const double g1 = (z2 + 1) * z / 4;
  const double g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
  const double g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
  const double g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
  return z + g1 / nu + g2 / (nu * nu) + g3 / (nu * nu * nu) + g4 / (nu * nu * nu * nu);
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Sample {
  double mean = 0;
  double variance = 0;  // unbiased
  size_t n = 0;
};

Sample sample_of(const std::vector<double>& values) {
  Sample s;
  s.n = values.size();
  s.mean = s.n == 0 ? kNaN : mean_of(values);
  for (double v : values) s.variance += (v - s.mean) * (v - s.mean);
  s.variance = s.n > 1 ? s.variance / static_cast<double>(s.n - 1) : kNaN;
  return s;
}

double welch_half_width(const Sample& a, const Sample& b) {
  if (a.n < 2 || b.n < 2) return kNaN;
  const double va = a.variance / static_cast<double>(a.n);
  const double vb = b.variance / static_cast<double>(b.n);
  const double se = std::sqrt(va + vb);
  if (se == 0) return 0;
  const double df = (va + vb) * (va + vb) /
                    (va * va / static_cast<double>(a.n - 1) + vb * vb / static_cast<double>(b.n - 1));
  return student_t_quantile(0.95, df) * se;
}

Difference difference_of(const std::vector<double>& base, const std::vector<double>& other, bool paired) {
  const Sample a = sample_of(base);
  const Sample b = sample_of(other);
  Difference d;
  d.base = a.mean;
  d.other = b.mean;
  d.difference = b.mean - a.mean;
  d.unpaired_half_width_90 = welch_half_width(a, b);
  if (!paired) {
    d.half_width_90 = d.unpaired_half_width_90;
    return d;
  }
  std::vector<double> diffs(base.size());
  for (size_t r = 0; r < base.size(); ++r) diffs[r] = other[r] - base[r];
  const Sample s = sample_of(diffs);
  d.difference = s.mean;
  d.half_width_90 = s.n < 2 ? kNaN
                            : (s.variance == 0 ? 0.0
                                               : student_t_quantile(0.95, static_cast<double>(s.n - 1)) *
                                                     std::sqrt(s.variance / static_cast<double>(s.n)));
  return d;
}

[[noreturn]] void axes_differ(const std::string& base, const std::string& other, const std::string& what) {
  throw InputError(SourceLocation{other, 0, 0}, "cannot compare with " + base + ": the " + what +
                                                    " axes differ; allowed: runs of the same months, job families and units");
}

}  // namespace

std::string format_interval(const Difference& d, double scale, int decimals) {
  char buffer[96];
  if (std::isnan(d.half_width_90))
    std::snprintf(buffer, sizeof buffer, "%+.*f [n/a]", decimals, d.difference * scale);
  else
    std::snprintf(buffer, sizeof buffer, "%+.*f [%+.*f, %+.*f]", decimals, d.difference * scale, decimals,
                  (d.difference - d.half_width_90) * scale, decimals, (d.difference + d.half_width_90) * scale);
  return buffer;
}

Difference difference_with_interval(const std::vector<double>& base, const std::vector<double>& other, bool paired) {
  return difference_of(base, other, paired);
}

CompareResult compare_run_files(const std::string& base, const std::string& other, const CompareOptions& options) {
  const ResultReader reader_a(base);
  const ResultReader reader_b(other);
  const RunFileContents& a = reader_a.header();
  const RunFileContents& b = reader_b.header();
  if (a.time != b.time) axes_differ(base, other, "time");
  if (a.job_families != b.job_families) axes_differ(base, other, "job_family");
  if (options.level == Level::kRegion && a.regions != b.regions) axes_differ(base, other, "region");
  if (options.level == Level::kMunicipality && a.municipalities != b.municipalities) axes_differ(base, other, "municipality");

  CompareResult result;
  size_t point = a.time.size() - 1;
  if (!options.at.empty()) {
    point = a.time.size();
    for (size_t k = 0; k < a.time.size(); ++k)
      if (a.time[k] == options.at) point = k;
    if (point == a.time.size())
      throw InputError(SourceLocation{"--at " + options.at, 0, 0}, "no such month in the runs; allowed: " + a.time.front() +
                                                                       " to " + a.time.back() + " (YYYY-MM)");
  }
  result.month = a.time[point];
  result.base_replications = static_cast<int>(a.replications);
  result.other_replications = static_cast<int>(b.replications);
  result.paired = a.seed == b.seed && a.replications == b.replications;
  result.pairing_reason = result.paired
                              ? "paired by replication (same seed " + std::to_string(a.seed) + ", " +
                                    std::to_string(a.replications) + " replications: common random numbers)"
                              : "unpaired (Welch): the runs differ in seed or replication count";

  const size_t families = a.job_families.size();
  const size_t units = reader_a.units(options.level);
  std::vector<std::string> unit_names;
  if (options.level == Level::kNational) unit_names = {"national"};
  if (options.level == Level::kRegion) unit_names = a.regions;
  if (options.level == Level::kMunicipality)
    for (const auto& m : a.municipalities) unit_names.push_back(m[0]);

  for (size_t unit = 0; unit < units; ++unit) {
    for (size_t j = 0; j <= families; ++j) {  // j == families: all families
      const Families which = j < families ? Families::one(j) : Families::all();
      auto of = [&](const ResultReader& reader, Metric metric) {
        return reader.aggregate(options.level, metric, point, unit, which);
      };
      result.rows.push_back(CompareRow{unit_names[unit], which.is_all() ? all_families_label(a.job_families) : a.job_families[j],
                                       which.is_all(),
                                       difference_of(of(reader_a, Metric::kVacancyFte), of(reader_b, Metric::kVacancyFte), result.paired),
                                       difference_of(of(reader_a, Metric::kVacancyRate), of(reader_b, Metric::kVacancyRate), result.paired)});
    }
  }
  return result;
}

std::string format_compare(const CompareResult& result) {
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "vacancies at %s, other - base, with 90%% interval; %s\n", result.month.c_str(),
                result.pairing_reason.c_str());
  out += line;
  std::snprintf(line, sizeof line, "%-24s %-18s %10s %10s %24s %8s %8s %22s\n", "unit", "job_family", "base_fte",
                "other_fte", "difference_fte", "base_%", "other_%", "difference_points");
  out += line;
  double paired_total = 0;
  double unpaired_total = 0;
  for (const CompareRow& row : result.rows) {
    std::snprintf(line, sizeof line, "%-24s %-18s %10.1f %10.1f %24s %8.2f %8.2f %22s\n", row.unit.c_str(),
                  row.family.c_str(), row.vacancy_fte.base, row.vacancy_fte.other, format_interval(row.vacancy_fte, 1, 1).c_str(),
                  row.vacancy_rate.base * 100, row.vacancy_rate.other * 100, format_interval(row.vacancy_rate, 100, 2).c_str());
    out += line;
    if (row.all_families) {
      paired_total += row.vacancy_fte.half_width_90;
      unpaired_total += row.vacancy_fte.unpaired_half_width_90;
    }
  }
  if (result.paired && paired_total > 0 && !std::isnan(paired_total) && !std::isnan(unpaired_total)) {
    std::snprintf(line, sizeof line,
                  "pairing narrows the interval of the total vacancy FTE %.1f times (unpaired half width %.1f FTE, paired %.1f FTE)\n",
                  unpaired_total / paired_total, unpaired_total, paired_total);
    out += line;
  }
  return out;
}

std::string compare_csv(const CompareResult& result) {
  std::string out =
      "month,unit,job_family,pairing,base_vacancy_fte,other_vacancy_fte,difference_vacancy_fte,ci90_low_fte,ci90_high_fte,"
      "unpaired_half_width_fte,base_vacancy_rate,other_vacancy_rate,difference_vacancy_rate,ci90_low_rate,ci90_high_rate,"
      "unpaired_half_width_rate\n";
  char line[1024];
  for (const CompareRow& row : result.rows) {
    const Difference& f = row.vacancy_fte;
    const Difference& r = row.vacancy_rate;
    std::string unit = row.unit;
    if (unit.find_first_of(",\"") != std::string::npos) {
      std::string quoted = "\"";
      for (char c : unit) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
      unit = quoted + "\"";
    }
    std::snprintf(line, sizeof line, "%s,%s,%s,%s,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g\n",
                  result.month.c_str(), unit.c_str(), row.family.c_str(), result.paired ? "paired" : "unpaired", f.base,
                  f.other, f.difference, f.difference - f.half_width_90, f.difference + f.half_width_90,
                  f.unpaired_half_width_90, r.base, r.other, r.difference, r.difference - r.half_width_90,
                  r.difference + r.half_width_90, r.unpaired_half_width_90);
    out += line;
  }
  return out;
}

}  // namespace krapte
