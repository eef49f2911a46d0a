// The real binary: a sweep point equals `krapte run` of that point alone; 1 and 2 threads
// and 1 and 2 MPI ranks give the same datasets; bad sweep files exit 2 with one line and no
// output file; `krapte summary` on a sweep file; SIGTERM stops cleanly and the rerun
// finishes the same file.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "metrics/catalogue.h"
#include "output/run_file.h"
#include "sweep_test_support.h"

extern char** environ;

namespace krapte {
namespace {

namespace fs = std::filesystem;

using test::kGrid;
using test::quote;
using test::read_text;
using Result = test::CliResult;

class SweepCli : public ::testing::Test {
 protected:
  SweepCli() : folder_(::testing::UnitTest::GetInstance()->current_test_info()->name()) {}

  Result run(const std::string& command) const { return test::run_shell(command, folder_.path()); }
  Result krapte(const std::string& args) const { return run(quote(KRAPTE_BINARY) + " " + args); }
  std::string sweep_file(const std::string& body) const { return folder_.write("sweep.yaml", test::tiny_sweep_text(body)); }

  test::ScratchFolder folder_;
};

TEST_F(SweepCli, APointEqualsKrapteRunOfThatPointAloneAndThreadsDoNotMatter) {
  const std::string spec = sweep_file(kGrid);
  const std::string sweep = folder_.file("sweep.h5");
  ASSERT_EQ(krapte("sweep " + quote(spec) + " -o " + quote(sweep) + " --threads 2 --quiet").exit_code, 0);
  ASSERT_EQ(krapte("sweep " + quote(spec) + " -o " + quote(folder_.file("one.h5")) + " --threads 1 --quiet").exit_code, 0);
  test::expect_same_datasets(sweep, folder_.file("one.h5"));

  // Point 3 is (exits.move_share=0.4, recruitment.mode=collective).
  const std::string alone = folder_.file("alone.h5");
  ASSERT_EQ(krapte("run " + quote(test::data_path("tiny/tiny.yaml")) + " --set exits.move_share=0.4 --set recruitment.mode=collective"
                   " --replications 3 --seed 11 --quiet -o " + quote(alone)).exit_code, 0);
  std::vector<std::string> datasets = {"national/age_histogram"};
  for (const char* group : {"national", "region", "municipality"})
    for (const MetricInfo& info : metric_catalogue()) datasets.push_back(std::string(group) + "/" + std::string(info.name));
  for (const std::string& name : datasets) {
    std::vector<hsize_t> sweep_dims, run_dims;
    const auto in_sweep = test::read_doubles_of(sweep, name, sweep_dims);
    const auto in_run = test::read_doubles_of(alone, name, run_dims);
    ASSERT_EQ(std::vector<hsize_t>(sweep_dims.begin() + 1, sweep_dims.end()), run_dims) << name;
    ASSERT_EQ(sweep_dims[0], 4u);
    EXPECT_EQ(std::memcmp(in_sweep.data() + 3 * in_run.size(), in_run.data(), in_run.size() * sizeof(double)), 0) << name;
  }
  const h5::Handle sweep_file = h5::open_file_read(sweep);
  const h5::Handle run_file = h5::open_file_read(alone);
  const auto points = h5::read_table(sweep_file, "sweep/points");
  EXPECT_EQ(points[2].name, "scenario_hash");
  EXPECT_EQ(points[2].texts[3], h5::read_string_attribute(run_file, "scenario_hash"));
}

TEST_F(SweepCli, BadSweepFilesExitTwoWithOneLineBeforeAnyRunAndLeaveNoFile) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"axes:\n  - {key: exits.move_shar, values: [0.1]}\n", {"sweep.yaml:3:", "unknown key 'exits.move_shar'", "did you mean"}},
      {"axes:\n  - {key: exits.move_share, values: []}\n", {"sweep.yaml:3:", "the axis is empty"}},
      {"axes:\n  - {key: exits.move_share, values: [0.1, lots]}\n", {"sweep.yaml:3:", "'lots' is not a number"}},
      {"combine: zip\naxes:\n  - {key: exits.move_share, values: [0.1, 0.2]}\n  - {key: seed, values: [1]}\n",
       {"sweep.yaml:5:", "same length"}},
      {"axes:\n  - {key: exits.move_share, range: {from: 0, to: 1, count: 1001}}\n"
       "  - {key: seed, range: {from: 1, to: 1000, step: 1}}\n",
       {"1,001,000 points", "--yes"}},
  };
  for (const auto& [body, fragments] : cases) {
    const std::string output = folder_.file("out.h5");
    const Result r = krapte("sweep " + quote(sweep_file(body)) + " -o " + quote(output));
    EXPECT_EQ(r.exit_code, 2) << body << r.err;
    EXPECT_EQ(r.err.rfind("krapte: error: ", 0), 0u) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    for (const auto& fragment : fragments) EXPECT_NE(r.err.find(fragment), std::string::npos) << r.err << "lacks " << fragment;
    EXPECT_FALSE(fs::exists(output));
    for (const auto& entry : fs::directory_iterator(folder_.path()))
      EXPECT_EQ(entry.path().filename().string().find("out.h5"), std::string::npos) << entry.path();
  }
}

/// CSV rows (header first), split on commas (the test's values have none).
std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> fields;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ',');) fields.push_back(cell);
    rows.push_back(fields);
  }
  return rows;
}

TEST_F(SweepCli, SummaryPrintsOneRowPerPointSortableAndAsCsv) {
  const std::string sweep = folder_.file("sweep.h5");
  ASSERT_EQ(krapte("sweep " + quote(sweep_file(kGrid)) + " -o " + quote(sweep) + " --quiet").exit_code, 0);
  const Result table = krapte("summary " + quote(sweep));
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("4 points x 3 replications, 12 of 12 runs done"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("National totals at 2026-12"), std::string::npos) << table.out;
  EXPECT_EQ(std::count(table.out.begin(), table.out.end(), '\n'), 2 + 1 + 4) << table.out;

  const Result csv = krapte("summary " + quote(sweep) + " --at 2025-06 --sort vacancy_rate --descending --csv -");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  const auto rows = csv_rows(csv.out);
  ASSERT_EQ(rows.size(), 5u);
  const auto& header = rows[0];
  const auto column = std::find(header.begin(), header.end(), "vacancy_rate_mean") - header.begin();
  ASSERT_LT(column, static_cast<long>(header.size()));
  EXPECT_EQ(header[2], "exits.move_share");
  for (size_t r = 1; r < rows.size(); ++r) {
    EXPECT_EQ(rows[r][4], "2025-06");
    EXPECT_EQ(rows[r][5], "3");
    if (r > 1) {
      EXPECT_GE(std::stod(rows[r - 1][column]), std::stod(rows[r][column]));
    }
  }

  const Result bad_metric = krapte("summary " + quote(sweep) + " --sort vacancies");
  EXPECT_EQ(bad_metric.exit_code, 2);
  EXPECT_NE(bad_metric.err.find("unknown metric; allowed: headcount"), std::string::npos) << bad_metric.err;
  const Result bad_month = krapte("summary " + quote(sweep) + " --at 2031-01");
  EXPECT_EQ(bad_month.exit_code, 2);
  EXPECT_NE(bad_month.err.find("allowed: 2023-12 .. 2026-12"), std::string::npos) << bad_month.err;
}

TEST_F(SweepCli, SigtermStopsCleanlyAndTheRerunFinishesTheSameFile) {
  // Long enough (about a second on two cores) to be stopped midway.
  const std::string spec = sweep_file(R"(replications: 8
set: {end: 2030-12}
axes:
  - {key: exits.move_share, values: [0.1, 0.2, 0.3, 0.4]}
  - {key: recruitment.mode, values: [competitive, collective]}
)");
  const std::string whole = folder_.file("whole.h5");
  ASSERT_EQ(krapte("sweep " + quote(spec) + " -o " + quote(whole) + " --quiet").exit_code, 0);

  const std::string stopped = folder_.file("stopped.h5");
  std::vector<std::string> args = {KRAPTE_BINARY, "sweep", spec, "-o", stopped, "--quiet"};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, KRAPTE_BINARY, nullptr, nullptr, argv.data(), environ), 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!fs::exists(stopped) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ::kill(pid, SIGTERM);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  // 143 = 128 + SIGTERM; 0 if this machine finished the whole sweep first.
  EXPECT_TRUE(WEXITSTATUS(status) == 143 || WEXITSTATUS(status) == 0) << WEXITSTATUS(status);
  const Result partial = krapte("summary " + quote(stopped));
  ASSERT_EQ(partial.exit_code, 0) << partial.err;
  const bool was_stopped = WEXITSTATUS(status) == 143;
  if (was_stopped) {
    EXPECT_NE(partial.out.find("unfinished"), std::string::npos) << partial.out;
  }

  const Result rerun = krapte("sweep " + quote(spec) + " -o " + quote(stopped));
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  if (was_stopped) {
    EXPECT_NE(rerun.err.find("resuming"), std::string::npos) << rerun.err;
  }
  test::expect_same_datasets(whole, stopped);
}

#ifdef KRAPTE_MPIEXEC
TEST_F(SweepCli, TwoMpiRanksWriteTheSameDatasetsAsOneProcess) {
  // CI runs as root; OpenMPI refuses that unless told twice.
  ::setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1);
  ::setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1);
  // Under the asan preset: OpenMPI's plugins (mca_*.so) keep their start-up allocations and
  // are unloaded before LeakSanitizer looks, so it reports leaks in "<unknown module>" that
  // no suppression can name. The ranks still run with ASan and UBSan, only without LSan.
  if (test::kAddressSanitizer) ::setenv("ASAN_OPTIONS", "abort_on_error=1:detect_leaks=0", 1);
  const std::string spec = sweep_file(kGrid);
  const std::string single = folder_.file("single.h5");
  const std::string ranks = folder_.file("ranks.h5");
  ASSERT_EQ(krapte("sweep " + quote(spec) + " -o " + quote(single) + " --threads 2 --quiet").exit_code, 0);
  const Result r = run(quote(KRAPTE_MPIEXEC) + " --oversubscribe --allow-run-as-root -np 2 " + quote(KRAPTE_BINARY) +
                       " sweep " + quote(spec) + " -o " + quote(ranks) + " --threads 1 --quiet");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_GT(test::expect_same_datasets(single, ranks), 90u);
}
#endif

}  // namespace
}  // namespace krapte
