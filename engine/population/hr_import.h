// HR extracts (issue 15 part 4, docs/hr-import.md): the staff of the municipalities that
// population.files claims, read from their own exports (delimiter, decimal comma, dates,
// Dutch headers, function names mapped to job families) or synthesised from aggregates
// (headcount and FTE per municipality x family x age band). Bad rows are collected with their
// line and reason, so `krapte validate` can list them all before the one-line error.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "population/agents.h"
#include "scenario/resolved.h"

namespace krapte {

/// A row that was not imported: where and why. The reason never quotes a date or any field
/// the format does not read (privacy, docs/hr-import.md).
struct ImportRejection {
  int line = 0;
  int column = 0;  // 1-based; 0 = the whole row
  std::string reason;
};

struct ImportCell {
  int64_t headcount = 0;
  double fte = 0;
};

struct ImportFileSummary {
  const ImportFile* file = nullptr;
  int64_t rows_read = 0;      // data rows (comments and blank lines aside)
  int64_t rows_imported = 0;
  int64_t rows_left_out = 0;  // function mapped to "-" (out of scope on purpose)
  int64_t rows_hours_capped = 0;  // hours above the full-time week: 1 FTE
  std::vector<ImportRejection> rejected;
  std::map<std::string, int64_t> unmapped_functions;  // function name -> rows
  std::vector<ImportCell> cells;  // [municipality x family] of what was imported
};

struct ImportSummary {
  std::vector<ImportFileSummary> files;
  int synthetic_municipalities = 0;
  int64_t rejected_rows() const;
};

/// Reads every population.files entry into `population` (sized to the unit axis): agents
/// appended to the claimed municipalities, rejected rows collected in the summary. InputError
/// for what makes a whole file unreadable (a header missing, a bad function map).
ImportSummary import_population_files(const ResolvedScenario& scenario, Population& population);

/// No-op without rejected rows; else the one-line InputError: the first rejected row with
/// its location, then "and N more (lines ...)".
void throw_if_rejected(const ImportSummary& summary);

/// The import summary `krapte validate` prints: as YAML comments ("# ..."), so the output
/// stays a valid scenario. Counts per file, per municipality and family, the rejected rows.
std::string format_import_summary(const ResolvedScenario& scenario, const ImportSummary& summary);

/// An age or tenure band in completed years: "A-B" (inclusive) or "A+" (to `open_upper`).
/// false if malformed or B < A.
bool parse_year_band(const std::string& text, int open_upper, int& from_years, int& to_years);

}  // namespace krapte
