// `krapte run --mode expected` and `krapte check`, driven through the real binary: the
// projection's file has the agents' layout with one replication, every bad input exits 2
// with one line, and check says PASS where agents and projection must agree.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "output/hdf5_handles.h"
#include "output/run_file.h"
#include "cli_support.h"

namespace krapte {
namespace {

namespace fs = std::filesystem;
using test::read_text;

using Result = test::CliResult;

class ProjectionCli : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = fs::temp_directory_path() / ("krapte_projection_cli_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::create_directories(dir_ / "work");
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  /// Runs krapte with `args` in the work folder (a shell command line: quote what has spaces).
  Result krapte(const std::string& args) const { return test::run_krapte(args, work(), dir_); }

  void expect_bad_input(const std::string& args, const std::vector<std::string>& fragments) const {
    const Result r = krapte(args);
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.err.rfind("krapte: error: ", 0), 0u) << r.err;
    for (const auto& fragment : fragments) EXPECT_NE(r.err.find(fragment), std::string::npos) << r.err << "\nlacks: " << fragment;
    EXPECT_TRUE(fs::is_empty(work())) << args << " left a file behind";
  }

  fs::path work() const { return dir_ / "work"; }
  /// `run --mode expected` and `run` (agents) of tiny with `levers` (--set options) give
  /// the same datasets and dimensions, one replication for the projection.
  void expect_same_layout(const std::string& levers) const;
  std::string tiny() const { return test::data_path("tiny/tiny.yaml"); }

  fs::path dir_;
};

TEST_F(ProjectionCli, RunModeExpectedWritesOneReplicationInTheAgentsLayout) {
  for (const std::string& levers :
       {std::string(), std::string(" --set 'shared_services=[{families: [ict], share: 0.3, from: 2025-01}]'"
                                   " --set 'flexpools=[{family: beleid, fte_per_province: 5, from: 2024-06}]'")}) {
    expect_same_layout(levers);  // with levers, centres and pools extend the municipality axis
    if (HasFatalFailure()) return;
  }
}

TEST_F(ProjectionCli, CheckComparesTheTraineeSeriesOfAScenarioWithTrainees) {
  const Result r = krapte("check " + tiny() +
                          " --replications 6 --threads 2 --set recruitment.matching_efficiency=0"
                          " --set exits.pressure_sensitivity=0 --set exits.move_share=0 --set 'trainee_programmes=[{name: t,"
                          " family: ict, intake_per_year: 20, duration_months: 12, allocation: proportional_to_demand,"
                          " age_years: [{from: 22, to: 30, weight: 1}], from: 2024-01}]'");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("PASS: all 44 series agree"), std::string::npos) << r.out;  // (3 families + all) x 11 metrics
  for (const char* metric : {"trainees", "hires_trainee", "exits_trainee"})
    EXPECT_NE(r.out.find(std::string("all families         ") + metric), std::string::npos) << metric << "\n" << r.out;
}

void ProjectionCli::expect_same_layout(const std::string& levers) const {
  const std::string expected = (work() / "expected.h5").string();
  const std::string agents = (work() / "agents.h5").string();
  ASSERT_EQ(krapte("run " + tiny() + " --mode expected -o " + expected + " --quiet" + levers).exit_code, 0) << levers;
  ASSERT_EQ(krapte("run " + tiny() + " -o " + agents + " --quiet" + levers).exit_code, 0) << levers;
  EXPECT_EQ(read_run_file_header(expected).replications, 1);
  {
    const h5::Handle file = h5::open_file_read(expected);
    EXPECT_EQ(h5::read_string_attribute(file, "mode"), "expected");
    const h5::Handle other = h5::open_file_read(agents);
    EXPECT_EQ(h5::read_string_attribute(other, "mode"), "agents");
  }
  for (const MetricInfo& info : metric_catalogue())
    for (const char* group : {"national", "region", "municipality"}) {
      std::vector<hsize_t> projection_dims, agent_dims;
      (void)read_run_dataset(expected, group, std::string(info.name), projection_dims);
      (void)read_run_dataset(agents, group, std::string(info.name), agent_dims);
      ASSERT_EQ(projection_dims.size(), agent_dims.size()) << group << "/" << info.name;
      EXPECT_EQ(projection_dims[0], 1u);
      for (size_t d = 1; d < agent_dims.size(); ++d) EXPECT_EQ(projection_dims[d], agent_dims[d]) << group << "/" << info.name;
    }
  const Result summary = krapte("summary " + expected);
  EXPECT_EQ(summary.exit_code, 0) << summary.err;
  fs::remove(expected);
  fs::remove(agents);
}

TEST_F(ProjectionCli, EveryBadInputExitsTwoWithOneLine) {
  expect_bad_input("run " + tiny() + " --mode banana -o x.h5", {"'banana' is not a mode", "allowed: agents, expected"});
  expect_bad_input("run " + tiny() + " --mode expected --replications 3 -o x.h5",
                   {"--replications", "one replication", "allowed:"});
  expect_bad_input("check " + tiny() + " --replications 1", {"--replications", "allowed"});
  expect_bad_input("check " + tiny() + " --set replications=1", {"replications", "allowed: --replications N with N >= 2"});
  expect_bad_input("check " + tiny() + " --replications 2 --csv no/such/folder/check.csv", {"--csv", "does not exist"});
}

TEST_F(ProjectionCli, CheckPassesWhereAgentsAndProjectionMustAgreeAndWritesTheTable) {
  const Result r = krapte("check " + tiny() +
                          " --replications 6 --threads 2 --csv check.csv --set recruitment.matching_efficiency=0"
                          " --set exits.pressure_sensitivity=0 --set exits.move_share=0");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("No feedbacks"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("PASS: all 32 series agree"), std::string::npos) << r.out;  // (3 families + all) x 8 metrics
  const std::string csv = read_text(work() / "check.csv");
  EXPECT_EQ(csv.rfind("group,metric,time,agents_mean,agents_se,projection,difference,z,percent,allowed,within\n", 0), 0u);
  EXPECT_NE(csv.find("all families,exits_quit,2026-12,"), std::string::npos);
}

}  // namespace
}  // namespace krapte
