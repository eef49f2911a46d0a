// The real binary: the datasets of a run file are bit-identical at 1 and 2 threads (the
// file's `created` attribute is the only difference allowed).
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "metrics/catalogue.h"
#include "output/run_file.h"
#include "test_support.h"

namespace krapte {

TEST(RunFileThreads, DatasetsAreBitIdenticalAtOneAndTwoThreads) {
  const auto folder = std::filesystem::temp_directory_path() / "krapte_test_threads";
  std::filesystem::create_directories(folder);
  const std::string one = (folder / "one.h5").string();
  const std::string two = (folder / "two.h5").string();
  for (const auto& [file, threads] : {std::pair{one, 1}, std::pair{two, 2}}) {
    const std::string command = std::string(KRAPTE_BINARY) + " run " + test::data_path("tiny/tiny.yaml") + " -o " + file +
                                " --replications 4 --quiet --threads " + std::to_string(threads);
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  const RunFileContents a = read_run_file_header(one);
  const RunFileContents b = read_run_file_header(two);
  EXPECT_EQ(a.scenario_yaml, b.scenario_yaml);
  EXPECT_EQ(a.time, b.time);
  EXPECT_EQ(a.municipalities, b.municipalities);
  int compared = 0;
  for (const char* group : {"national", "region", "municipality"})
    for (const MetricInfo& info : metric_catalogue()) {
      std::vector<hsize_t> dims_a, dims_b;
      const auto data_a = read_run_dataset(one, group, std::string(info.name), dims_a);
      const auto data_b = read_run_dataset(two, group, std::string(info.name), dims_b);
      ASSERT_EQ(dims_a, dims_b);
      ASSERT_EQ(std::memcmp(data_a.data(), data_b.data(), data_a.size() * sizeof(double)), 0) << group << "/" << info.name;
      ++compared;
    }
  std::vector<hsize_t> dims_a, dims_b;
  const auto hist_a = read_run_dataset(one, "national", "age_histogram", dims_a);
  const auto hist_b = read_run_dataset(two, "national", "age_histogram", dims_b);
  EXPECT_EQ(hist_a, hist_b);
  EXPECT_EQ(compared, 3 * kMetricCount);
  std::filesystem::remove_all(folder);
}

}  // namespace krapte
