// The binary: `krapte run --checkpoint-at/--checkpoint` and `--from-checkpoint` give the
// run file of the uninterrupted run; a changed past, another krapte, a truncated or
// damaged checkpoint are one line and exit code 2.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "cli_support.h"
#include "metrics/catalogue.h"
#include "output/hdf5_handles.h"
#include "output/run_file.h"

namespace krapte {

namespace {

class CheckpointCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("krapte_test_checkpoint_cli_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string at(const std::string& name) const { return (dir_ / name).string(); }
  test::CliResult krapte(const std::string& args) const {
    return test::run_krapte(args + " --quiet", dir_, dir_);
  }
  std::string tiny() const { return test::quote(test::data_path("tiny/tiny.yaml")); }
  // The checkpoint at 2025-03 and the uninterrupted run file.
  void write_checkpoint() {
    ASSERT_EQ(krapte("run " + tiny() + " -o full.h5 --threads 2 --checkpoint-at 2025-03 --checkpoint at.ckpt.h5").exit_code, 0);
  }
  void expect_refused(const test::CliResult& result, const std::string& fragment) const {
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_NE(result.err.find("krapte: error: "), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(fragment), std::string::npos) << result.err;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
    EXPECT_FALSE(std::filesystem::exists(at("out.h5")));
  }

  std::filesystem::path dir_;
};

void expect_same_results(const std::string& a, const std::string& b) {
  int compared = 0;
  for (const char* group : {"national", "region", "municipality"})
    for (const MetricInfo& info : metric_catalogue()) {
      std::vector<hsize_t> dims_a, dims_b;
      const auto data_a = read_run_dataset(a, group, std::string(info.name), dims_a);
      const auto data_b = read_run_dataset(b, group, std::string(info.name), dims_b);
      ASSERT_EQ(dims_a, dims_b);
      EXPECT_EQ(std::memcmp(data_a.data(), data_b.data(), data_a.size() * sizeof(double)), 0) << group << "/" << info.name;
      ++compared;
    }
  std::vector<hsize_t> dims_a, dims_b;
  EXPECT_EQ(read_run_dataset(a, "national", "age_histogram", dims_a), read_run_dataset(b, "national", "age_histogram", dims_b));
  EXPECT_EQ(compared, 3 * kMetricCount);
}

}  // namespace

TEST_F(CheckpointCli, ContinuedRunFileIsTheUninterruptedOneAtOneAndTwoThreads) {
  write_checkpoint();
  ASSERT_TRUE(std::filesystem::exists(at("at.ckpt.h5")));
  ASSERT_EQ(krapte("run " + tiny() + " -o plain.h5 --threads 1").exit_code, 0);
  expect_same_results(at("plain.h5"), at("full.h5"));  // writing a checkpoint changes nothing
  for (const char* threads : {"1", "2"}) {
    SCOPED_TRACE(threads);
    const auto result = krapte("run " + tiny() + " -o continued.h5 --from-checkpoint at.ckpt.h5 --threads " + threads);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    expect_same_results(at("plain.h5"), at("continued.h5"));
  }
}

TEST_F(CheckpointCli, AChangedPastIsRefusedNamingTheKey) {
  write_checkpoint();
  expect_refused(krapte("run " + tiny() + " -o out.h5 --from-checkpoint at.ckpt.h5 --set exits.pressure_sensitivity=2"),
                 "at.ckpt.h5: exits.pressure_sensitivity: differs from the checkpoint");
  expect_refused(krapte("run " + tiny() + " -o out.h5 --from-checkpoint at.ckpt.h5 --set 'recruitment.tightness=[{from: 2025-01, factor: 0.95}, {from: 2025-03, factor: 0.9}]'"),
                 "recruitment.tightness[1]: differs from the checkpoint");
  // The same entry from the next month acts only after the checkpoint.
  EXPECT_EQ(krapte("run " + tiny() + " -o later.h5 --from-checkpoint at.ckpt.h5 --set 'recruitment.tightness=[{from: 2025-01, factor: 0.95}, {from: 2025-04, factor: 0.9}]'").exit_code, 0);
  expect_refused(krapte("run " + tiny() + " -o out.h5 --from-checkpoint at.ckpt.h5 --mode expected"), "--mode agents");
  expect_refused(krapte("run " + tiny() + " -o out.h5 --from-checkpoint full.h5"), "full.h5: format: not a krapte checkpoint");
  expect_refused(krapte("run " + tiny() + " -o out.h5 --checkpoint-at 2027-01 --checkpoint c.h5"), "--checkpoint-at: 2027-01 is outside the run");
  expect_refused(krapte("run " + tiny() + " -o out.h5 --checkpoint-at 2025-01"), "--checkpoint-at: needs its partner");
}

TEST_F(CheckpointCli, ACheckpointOfAnotherKrapteIsRefused) {
  write_checkpoint();
  {
    h5::Handle file = h5::open_file_write(at("at.ckpt.h5"));
    ASSERT_GE(H5Adelete(file, "krapte_version"), 0);
    h5::write_attribute(file, "krapte_version", std::string("0.0.1"));
  }
  expect_refused(krapte("run " + tiny() + " -o out.h5 --from-checkpoint at.ckpt.h5"), "krapte_version: written by krapte 0.0.1");
}

TEST_F(CheckpointCli, TruncatedOrDamagedCheckpointsAreRefused) {
  write_checkpoint();
  const auto size = std::filesystem::file_size(at("at.ckpt.h5"));
  std::filesystem::copy_file(at("at.ckpt.h5"), at("truncated.h5"));
  std::filesystem::resize_file(at("truncated.h5"), size / 2);
  expect_refused(krapte("run " + tiny() + " -o out.h5 --from-checkpoint truncated.h5"), "truncated.h5: ");
  // One byte of an agent column's stored chunk flipped: its checksum no longer matches.
  std::filesystem::copy_file(at("at.ckpt.h5"), at("damaged.h5"));
  haddr_t address = 0;
  hsize_t bytes = 0;
  {
    const h5::Handle file = h5::open_file_read(at("damaged.h5"));
    const h5::Handle dataset = h5::open_dataset(file, "replication/1/agents/age_months");
    const hsize_t offset[1] = {0};
    unsigned filter_mask = 0;
    ASSERT_GE(H5Dget_chunk_info_by_coord(dataset, offset, &filter_mask, &address, &bytes), 0);
  }
  ASSERT_GT(bytes, 16u);
  {
    std::fstream out(at("damaged.h5"), std::ios::in | std::ios::out | std::ios::binary);
    out.seekg(static_cast<std::streamoff>(address + bytes / 2));
    char byte = 0;
    out.read(&byte, 1);
    byte = static_cast<char>(byte ^ 0x5a);
    out.seekp(static_cast<std::streamoff>(address + bytes / 2));
    out.write(&byte, 1);
  }
  expect_refused(krapte("run " + tiny() + " -o out.h5 --from-checkpoint damaged.h5"),
                 "damaged.h5: the checkpoint is damaged or incomplete");
  EXPECT_EQ(krapte("run " + tiny() + " -o ok.h5 --from-checkpoint at.ckpt.h5").exit_code, 0);  // the original still works
}

}  // namespace krapte
