// The HDF5 file read back equals what was computed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "output/cost_datasets.h"
#include "output/result_reader.h"
#include "output/run_file.h"
#include "output/summary.h"
#include "sim_support.h"
#include "test_support.h"

namespace krapte {

namespace {
std::string temp_file(const std::string& name) {
  const auto folder = std::filesystem::temp_directory_path() / "krapte_test_output";
  std::filesystem::create_directories(folder);
  return (folder / name).string();
}
}  // namespace

TEST(RunFile, ReadBackEqualsWhatWasComputed) {
  const ResolvedScenario s = test::tiny({"replications=3"});
  const auto all = test::run_all(s, prepare_run(s), 2);
  const std::string path = temp_file("readback.h5");
  {
    RunFileWriter writer(path, s);
    for (int r = s.replications - 1; r >= 0; --r) writer.write_replication(all[r]);  // any order
    EXPECT_TRUE(std::filesystem::exists(writer.temporary_path()));
    EXPECT_FALSE(std::filesystem::exists(path));
    writer.commit();
  }
  ASSERT_TRUE(std::filesystem::exists(path));

  const RunFileContents header = read_run_file_header(path);
  EXPECT_EQ(header.scenario_name, "tiny");
  EXPECT_EQ(header.seed, 7);
  EXPECT_EQ(header.replications, 3);
  EXPECT_EQ(header.scenario_yaml, s.canonical_yaml);
  ASSERT_EQ(header.time.size(), 37u);
  EXPECT_EQ(header.time.front(), "2023-12");
  EXPECT_EQ(header.time.back(), "2026-12");
  EXPECT_EQ(header.job_families, (std::vector<std::string>{"beleid", "ict", "sociaal_domein"}));
  EXPECT_EQ(header.regions, (std::vector<std::string>{"Noord", "West", "Zuid"}));
  ASSERT_EQ(header.municipalities.size(), 8u);
  EXPECT_EQ(header.municipalities[5], (std::vector<std::string>{"GM0006", "Fryswâld", "Zuid", "Zuid"}));

  const std::vector<int> region_of = test::sim_support_region_of(s);
  for (const auto& [level, group] : {std::pair{Level::kNational, "national"}, std::pair{Level::kRegion, "region"},
                                     std::pair{Level::kMunicipality, "municipality"}}) {
    for (const MetricInfo& info : metric_catalogue()) {
      std::vector<hsize_t> dims;
      const auto data = read_run_dataset(path, group, std::string(info.name), dims);
      ASSERT_EQ(dims[0], 3u);
      ASSERT_EQ(dims[1], 37u);
      for (int r = 0; r < 3; ++r) {
        const LevelValues expected = derive_level(all[r], level, region_of);
        const size_t n = expected.metric_size();
        for (size_t i = 0; i < n; ++i)
          ASSERT_EQ(data[r * n + i], expected.metric(info.metric)[i]) << group << "/" << info.name << " r" << r;
      }
    }
  }
  std::vector<hsize_t> dims;
  const auto histogram = read_run_dataset(path, "national", "age_histogram", dims);
  ASSERT_EQ(dims, (std::vector<hsize_t>{3, 37, 3, static_cast<hsize_t>(kAgeHistogramBands)}));
  for (int r = 0; r < 3; ++r)
    for (size_t i = 0; i < all[r].age_histogram.size(); ++i)
      ASSERT_EQ(histogram[r * all[r].age_histogram.size() + i], all[r].age_histogram[i]);
  // The histogram adds up to the headcount.
  const auto headcount = read_run_dataset(path, "national", "headcount", dims);
  for (int k = 0; k < 37; ++k) {
    double from_histogram = 0;
    for (int j = 0; j < 3; ++j)
      for (int b = 0; b < kAgeHistogramBands; ++b) from_histogram += histogram[((0 * 37 + k) * 3 + j) * kAgeHistogramBands + b];
    EXPECT_EQ(from_histogram, headcount[k * 3] + headcount[k * 3 + 1] + headcount[k * 3 + 2]);
  }
  std::filesystem::remove(path);
}

TEST(RunFile, EveryDatasetCarriesItsCatalogueAttributes) {
  const ResolvedScenario s = test::tiny({"replications=1", "output.municipality_level=false"});
  const auto all = test::run_all(s, prepare_run(s), 1);
  const std::string path = temp_file("attributes.h5");
  {
    RunFileWriter writer(path, s);
    writer.write_replication(all[0]);
    writer.commit();
  }
  const h5::Handle file = h5::open_file_read(path);
  EXPECT_FALSE(h5::exists(file, "municipality"));  // switched off
  for (const char* group : {"national", "region"})
    for (const MetricInfo& info : metric_catalogue()) {
      const std::string name = std::string(group) + "/" + std::string(info.name);
      const h5::Handle dataset(H5Dopen2(file, name.c_str(), H5P_DEFAULT), H5Dclose, "open " + name);
      EXPECT_EQ(h5::read_string_attribute(dataset, "units"), info.units) << name;
      EXPECT_EQ(h5::read_string_attribute(dataset, "description"), info.description) << name;
      EXPECT_EQ(h5::read_string_attribute(dataset, "kind"), info.is_flow ? "flow" : "stock") << name;
    }
  for (const char* attribute : {"krapte_version", "git_commit", "scenario_name", "scenario_hash", "created", "start", "end"})
    EXPECT_FALSE(h5::read_string_attribute(file, attribute).empty()) << attribute;
  std::filesystem::remove(path);
}

TEST(RunFile, OutputReferencePageIsCurrent) {
  EXPECT_EQ(test::read_text(test::source_path("docs/output.md")), output_reference_markdown() + cost_reference_markdown()) << "docs/output.md is stale: run `krapte schema --output > docs/output.md`";
}

TEST(RunFile, AnUncommittedWriterLeavesNothing) {
  const ResolvedScenario s = test::tiny({"replications=1"});
  const std::string path = temp_file("abandoned.h5");
  std::string temporary;
  {
    RunFileWriter writer(path, s);
    temporary = writer.temporary_path();
  }
  EXPECT_FALSE(std::filesystem::exists(temporary));
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(Summary, MeanAndPercentilesOverReplications) {
  std::vector<double> values = {5, 1, 4, 2, 3};
  EXPECT_DOUBLE_EQ(percentile(values, 0.0), 1);
  EXPECT_DOUBLE_EQ(percentile(values, 0.5), 3);
  EXPECT_DOUBLE_EQ(percentile(values, 0.05), 1.2);  // numpy: np.percentile([1..5], 5) = 1.2
  EXPECT_DOUBLE_EQ(percentile(values, 0.95), 4.8);

  const ResolvedScenario s = test::tiny({"replications=4"});
  const auto all = test::run_all(s, prepare_run(s), 2);
  const std::string path = temp_file("summary.h5");
  {
    RunFileWriter writer(path, s);
    for (const auto& series : all) writer.write_replication(series);
    writer.commit();
  }
  const auto rows = summarize_run_file(path);
  // Point 0 and the Decembers 2024, 2025, 2026; three families and the total each.
  ASSERT_EQ(rows.size(), 4u * 4u);
  const SummaryRow& total_2026 = rows.back();
  EXPECT_EQ(total_2026.month, "2026-12");
  EXPECT_EQ(total_2026.family, "total");
  double mean = 0;
  for (const auto& series : all) mean += test::national(series, 36, Metric::kHeadcount);
  EXPECT_DOUBLE_EQ(total_2026.headcount.mean, mean / 4);
  EXPECT_LE(total_2026.headcount.p05, total_2026.headcount.mean);
  EXPECT_GE(total_2026.headcount.p95, total_2026.headcount.mean);
  std::filesystem::remove(path);
}

TEST(ResultReader, AllFamiliesAreFormedFromTheFamiliesSumsByTheLevelsRule) {
  const ResolvedScenario s = test::tiny({"replications=2", "output.municipality_level=true"});
  const auto all = test::run_all(s, prepare_run(s), 2);
  const std::string path = temp_file("reader.h5");
  {
    RunFileWriter writer(path, s);
    for (const auto& series : all) writer.write_replication(series);
    writer.commit();
  }
  const ResultReader reader(path);
  ASSERT_EQ(reader.runs(), 2u);
  const size_t families = reader.header().job_families.size();
  const size_t k = reader.header().time.size() - 1;
  for (const Level level : {Level::kNational, Level::kRegion, Level::kMunicipality}) {
    const size_t unit = reader.units(level) - 1;
    const auto rate = reader.aggregate(level, Metric::kVacancyRate, k, unit, Families::all());
    const auto age = reader.aggregate(level, Metric::kMeanAge, k, unit, Families::all());
    const auto vacancy = reader.aggregate(level, Metric::kVacancyFte, k, unit, Families::all());
    for (size_t r = 0; r < reader.runs(); ++r) {
      double v = 0, d = 0, ages = 0, people = 0;
      for (size_t j = 0; j < families; ++j) {
        v += reader.at(level, Metric::kVacancyFte, r, k, unit, j);
        d += reader.at(level, Metric::kDemandFte, r, k, unit, j);
        ages += reader.at(level, Metric::kMeanAge, r, k, unit, j) * reader.at(level, Metric::kHeadcount, r, k, unit, j);
        people += reader.at(level, Metric::kHeadcount, r, k, unit, j);
      }
      ASSERT_GT(d, 0);
      EXPECT_EQ(vacancy[r], v);
      EXPECT_EQ(rate[r], v / d);  // Σ vacancy / Σ demand, not a mean of the families' rates
      EXPECT_EQ(age[r], people > 0 ? ages / people : 0.0);
      // One family: the stored value.
      EXPECT_EQ(reader.aggregate(level, Metric::kVacancyRate, k, unit, Families::one(1))[r],
                reader.at(level, Metric::kVacancyRate, r, k, unit, 1));
    }
  }
  // Every unit of tiny is a municipality (the kind column); none is labelled by its code.
  for (size_t u = 0; u < reader.units(Level::kMunicipality); ++u) EXPECT_TRUE(reader.header().is_municipality(u));
  EXPECT_EQ(all_families_label({"beleid", "ict"}), "total");
  EXPECT_EQ(all_families_label({"beleid", "total"}), "(total)");
  std::filesystem::remove(path);
}

TEST(ResultReader, UnitsThatLeversAddAreKnownByTheirKind) {
  const ResolvedScenario s = test::tiny({"replications=1", "shared_services=[{share: 0.3, from: 2025-01}]"});
  std::vector<bool> expected;
  for (int u = 0; u < s.municipality_count(); ++u) expected.push_back(s.unit_kind[u] == UnitKind::kMunicipality);
  ASSERT_NE(std::count(expected.begin(), expected.end(), false), 0) << "the lever adds no unit";
  const auto all = test::run_all(s, prepare_run(s), 1);
  const std::string path = temp_file("kinds.h5");
  {
    RunFileWriter writer(path, s);
    writer.write_replication(all[0]);
    writer.commit();
  }
  const RunFileContents header = read_run_file_header(path);
  ASSERT_EQ(header.unit_kinds.size(), expected.size());
  for (size_t u = 0; u < expected.size(); ++u) EXPECT_EQ(header.is_municipality(u), expected[u]) << header.unit_kinds[u];
  std::filesystem::remove(path);
}

}  // namespace krapte
