// The real krapte executable, driven as a user would: good commands succeed, and every bad
// input exits with code 2, one line on stderr starting "krapte: error:", and no output
// file (final or temporary) left behind.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "core/version.h"
#include "output/run_file.h"
#include "cli_support.h"

extern char** environ;

namespace krapte {
namespace {

namespace fs = std::filesystem;
using test::read_text;

/// 1-based line of the first occurrence of `fragment`.
long line_of(const std::string& text, const std::string& fragment) {
  const auto pos = text.find(fragment);
  EXPECT_NE(pos, std::string::npos) << fragment;
  return 1 + std::count(text.begin(), text.begin() + static_cast<long>(pos == std::string::npos ? 0 : pos), '\n');
}

using test::quote;
using Result = test::CliResult;

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = fs::temp_directory_path() / ("krapte_cli_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::create_directories(dir_ / "io");
    fs::create_directories(dir_ / "work");
    tiny_ = test::data_path("tiny/tiny.yaml");
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  /// Runs krapte with `args` (already quoted) in the work folder.
  Result krapte(const std::string& args) const { return test::run_krapte(args, work(), dir_ / "io"); }

  fs::path work() const { return dir_ / "work"; }
  std::string in_work(const std::string& name) const { return (work() / name).string(); }

  /// Every file under the work folder (relative paths), to see what a command left.
  std::set<std::string> work_files() const {
    std::set<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(work()))
      files.insert(fs::relative(entry.path(), work()).string());
    return files;
  }

  /// A copy of tiny.yaml (and its table) in the work folder with one line changed.
  std::string tiny_variant(const std::string& name, const std::string& from, const std::string& to) const {
    std::string text = read_text(tiny_);
    const auto pos = text.find(from);
    EXPECT_NE(pos, std::string::npos) << from;
    if (pos != std::string::npos) text.replace(pos, from.size(), to);
    fs::copy_file(test::data_path("tiny/municipalities.csv"), work() / "municipalities.csv",
                  fs::copy_options::overwrite_existing);
    std::ofstream(work() / name, std::ios::binary) << text;
    return in_work(name);
  }

  /// The contract for every bad input: exit code 2, exactly one line on stderr starting
  /// "krapte: error: " and containing each fragment, and nothing new in the work folder.
  void expect_bad_input(const std::string& args, const std::vector<std::string>& fragments) const {
    const std::set<std::string> before = work_files();
    const Result r = krapte(args);
    EXPECT_EQ(r.exit_code, 2) << args << "\nstderr: " << r.err;
    EXPECT_EQ(r.err.rfind("krapte: error: ", 0), 0u) << args << "\nstderr: " << r.err;
    ASSERT_FALSE(r.err.empty()) << args;
    EXPECT_EQ(r.err.back(), '\n') << args;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << args << "\nstderr: " << r.err;
    for (const auto& fragment : fragments)
      EXPECT_NE(r.err.find(fragment), std::string::npos) << args << "\nstderr: " << r.err << "lacks: " << fragment;
    EXPECT_EQ(work_files(), before) << args << ": left files behind";
  }

  fs::path dir_;
  std::string tiny_;
};

TEST_F(Cli, VersionPrintsVersionAndCommit) {
  const Result r = krapte("--version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, std::string("krapte ") + version() + " (git " + git_commit() + ")\n");
  EXPECT_TRUE(std::regex_match(r.out, std::regex(R"(krapte \d+\.\d+\.\d+ \(git ([0-9a-f]{12}(-dirty)?|unknown)\)\n)")))
      << r.out;
  EXPECT_EQ(r.err, "");
}

TEST_F(Cli, HelpOnEveryCommand) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"--help", {"Usage:", "run", "summary", "validate", "--version"}},
      {"run --help", {"Usage:", "scenario", "-o,--output", "--replications", "--seed", "--threads", "--set", "--quiet"}},
      {"summary --help", {"Usage:", "file"}},
      {"validate --help", {"Usage:", "scenario", "--set"}},
  };
  for (const auto& [args, fragments] : cases) {
    const Result r = krapte(args);
    EXPECT_EQ(r.exit_code, 0) << args;
    EXPECT_EQ(r.err, "") << args;
    for (const auto& fragment : fragments) EXPECT_NE(r.out.find(fragment), std::string::npos) << args << " lacks " << fragment;
  }
}

TEST_F(Cli, ValidatePrintsTheResolvedScenario) {
  const Result r = krapte("validate " + quote(tiny_));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const ResolvedScenario expected = test::tiny();
  EXPECT_EQ(r.out, "# " + tiny_ + ": valid. Resolved scenario (every default filled in):\n" + expected.canonical_yaml);
  EXPECT_NE(r.out.find("onboarding:\n  months: 6\n  productivity: 0.5\n  months_after_move: 3\n"), std::string::npos);
}

TEST_F(Cli, ValidateWithSet) {
  const Result r = krapte("validate " + quote(tiny_) + " --set job_families.ict.demand_growth_annual=0.07");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  - name: \"ict\"\n    share: 0.2\n    initial_vacancy_rate: 0.1\n    demand_growth_annual: 0.07\n"),
            std::string::npos)
      << r.out;
}

TEST_F(Cli, RunThenSummary) {
  const std::string output = in_work("x.h5");
  const Result run = krapte("run " + quote(tiny_) + " -o " + quote(output) + " --replications 2 --quiet");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");  // --quiet: nothing at all
  EXPECT_EQ(work_files(), std::set<std::string>{"x.h5"});  // and no *.tmp-* left

  const RunFileContents header = read_run_file_header(output);
  EXPECT_EQ(header.scenario_name, "tiny");
  EXPECT_EQ(header.replications, 2);
  EXPECT_EQ(header.scenario_yaml, test::tiny({"replications=2"}).canonical_yaml);

  const Result summary = krapte("summary " + quote(output));
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  EXPECT_EQ(summary.err, "");
  EXPECT_NE(summary.out.find("scenario 'tiny', seed 7, 2 replications"), std::string::npos) << summary.out;
  // The first point and every December, each with one row per family and a total.
  for (const std::string month : {"2023-12", "2024-12", "2025-12", "2026-12"}) {
    EXPECT_TRUE(std::regex_search(summary.out, std::regex("\n" + month + " +total +[0-9]"))) << month << "\n" << summary.out;
    EXPECT_TRUE(std::regex_search(summary.out, std::regex("\n" + month + " +ict +[0-9]"))) << month;
  }
  EXPECT_EQ(summary.out.find("2024-06"), std::string::npos);  // not a December
}

TEST_F(Cli, RunWritesDefaultOutputName) {
  const Result run = krapte("run " + quote(tiny_) + " --replications 1 --threads 1 --quiet");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(work_files(), (std::set<std::string>{"results", "results/tiny.h5"}));
}

TEST_F(Cli, RunReportsWhenNotQuiet) {
  const Result run = krapte("run " + quote(tiny_) + " -o y.h5 --replications 1");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // stderr is not a terminal here: no progress line, only the closing message.
  EXPECT_EQ(run.err.rfind("krapte: wrote y.h5 (1 replications, 8 municipalities, ", 0), 0u) << run.err;
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
}

// ---------------------------------------------------------------------------------------
// Bad inputs

TEST_F(Cli, UnknownKey) {
  const std::string scenario = tiny_variant("typo.yaml", "  move_share: 0.4\n", "  move_shar: 0.4\n");
  const std::string where = scenario + ":" + std::to_string(line_of(read_text(scenario), "  move_shar:")) + ":3: ";
  for (const std::string command : {"run", "validate"})
    expect_bad_input(command + " " + quote(scenario),
                     {"krapte: error: " + where + "unknown key 'exits.move_shar'; did you mean 'move_share'?"});
}

TEST_F(Cli, BadSet) {
  expect_bad_input("run " + quote(tiny_) + " --set exits.move_share",
                   {"krapte: error: --set exits.move_share: expected key.path=VALUE"});
  expect_bad_input("run " + quote(tiny_) + " --set job_families.ict_x.share=0.3",
                   {"'job_families' has no item 'ict_x'; allowed: an index 0..2 or a name: beleid, ict, sociaal_domein"});
  expect_bad_input("validate " + quote(tiny_) + " --set exits.move_share=2",
                   {"(--set exits.move_share): exits.move_share: 2 is out of range; allowed: [0, 1]"});
  expect_bad_input("run " + quote(tiny_) + " --set", {"--set"});
}

TEST_F(Cli, BadNumbersOnTheCommandLine) {
  expect_bad_input("run " + quote(tiny_) + " --threads 0",
                   {"krapte: error: --threads: 0 is out of range; allowed: a whole number from 1 to 1024"});
  expect_bad_input("run " + quote(tiny_) + " --threads 1.5", {"--threads: '1.5' is not a whole number"});
  expect_bad_input("run " + quote(tiny_) + " --replications abc",
                   {"krapte: error: --replications: 'abc' is not a whole number; allowed: a whole number from 1 to 100000"});
  expect_bad_input("run " + quote(tiny_) + " --replications 0", {"--replications: 0 is out of range"});
  expect_bad_input("run " + quote(tiny_) + " --seed -1", {"--seed: -1 is out of range; allowed: a whole number from 0 to 4294967295"});
  expect_bad_input("run " + quote(tiny_) + " --seed 4294967296", {"--seed: 4294967296 is out of range"});
}

TEST_F(Cli, OutputFolderDoesNotExist) {
  const std::string output = in_work("nowhere/x.h5");
  expect_bad_input("run " + quote(tiny_) + " -o " + quote(output) + " --quiet",
                   {"krapte: error: " + output + ": the output folder '" + in_work("nowhere") + "' does not exist"});
}

TEST_F(Cli, OutputFolderIsAFile) {
  std::ofstream(work() / "plain") << "x";
  const std::string output = in_work("plain/x.h5");
  expect_bad_input("run " + quote(tiny_) + " -o " + quote(output) + " --quiet",
                   {"the output folder '" + in_work("plain") + "' is not a folder"});
}

TEST_F(Cli, OutputPathIsAFolder) {
  fs::create_directories(work() / "out.h5");
  expect_bad_input("run " + quote(tiny_) + " -o " + quote(in_work("out.h5")) + " --quiet",
                   {"krapte: error: " + in_work("out.h5") + ": the output path is a folder; allowed: a file name"});
}

TEST_F(Cli, DefaultOutputFolderBlocked) {
  std::ofstream(work() / "results") << "not a folder";
  expect_bad_input("run " + quote(tiny_) + " --quiet",
                   {"krapte: error: results/tiny.h5: cannot create the default output folder 'results'", "allowed: pass -o FILE"});
}

TEST_F(Cli, BadEmployeeFileLeavesNoOutput) {
  // Fails after the output file was opened: the temporary file must go too.
  expect_bad_input("run " + quote(tiny_) + " -o x.h5 --quiet --set population.source=file --set population.file=../bad/employees_unknown_family.csv",
                   {"employees_unknown_family.csv:3:2: job_family: unknown job family 'ICT'"});
  // validate reads the employee file too: "valid" means run can start.
  expect_bad_input("validate " + quote(tiny_) + " --set population.source=file --set population.file=../bad/employees_bad_fte.csv",
                   {"employees_bad_fte.csv:3:3: contract_fte: 1.2 is out of range; allowed: (0, 1]"});
}

TEST_F(Cli, EndBeforeStart) {
  expect_bad_input("run " + quote(tiny_) + " -o x.h5 --set end=2023-12",
                   {"(--set end): end: 2023-12 is before start 2024-01; allowed: a month on or after start"});
}

TEST_F(Cli, MissingMunicipalityTable) {
  const std::string scenario =
      tiny_variant("no_table.yaml", "municipalities: municipalities.csv", "municipalities: gemeenten.csv");
  expect_bad_input("run " + quote(scenario) + " -o x.h5",
                   {scenario + ":" + std::to_string(line_of(read_text(scenario), "  municipalities:")) +
                        ":19: data.municipalities: data file 'gemeenten.csv' (" + in_work("gemeenten.csv") +
                    ") does not exist"});
}

TEST_F(Cli, SummaryOfMissingFile) {
  expect_bad_input("summary " + quote(in_work("missing.h5")), {"krapte: error: " + in_work("missing.h5") + ": no such file"});
}

TEST_F(Cli, SummaryOfNonHdf5File) {
  expect_bad_input("summary " + quote(tiny_), {"krapte: error: " + tiny_ + ": not an HDF5 file"});
  std::ofstream(work() / "empty.h5").flush();
  expect_bad_input("summary empty.h5", {"krapte: error: empty.h5: not an HDF5 file"});
}

TEST_F(Cli, SummaryOfTruncatedFile) {
  const Result run = krapte("run " + quote(tiny_) + " -o full.h5 --replications 1 --quiet");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string bytes = read_text(work() / "full.h5");
  std::ofstream(work() / "cut.h5", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  fs::remove(work() / "full.h5");
  expect_bad_input("summary cut.h5", {"krapte: error: cut.h5: "});
}

TEST_F(Cli, UnknownCommand) {
  expect_bad_input("simulate " + quote(tiny_),
                   {"krapte: error: unknown command 'simulate'; allowed: run, ", "summary, ", "validate, schema"});
  expect_bad_input("", {"krapte: error: no command given; allowed: run, ", "validate, schema"});
  expect_bad_input("--verison", {"krapte: error: unknown option '--verison'"});
  expect_bad_input("run " + quote(tiny_) + " --bogus", {"--bogus"});
}

TEST_F(Cli, MissingScenarioFile) {
  expect_bad_input("run " + quote(in_work("absent.yaml")),
                   {"krapte: error: " + in_work("absent.yaml") + ": cannot open scenario file: No such file or directory"});
  expect_bad_input("validate absent.yaml", {"krapte: error: absent.yaml: cannot open scenario file"});
  expect_bad_input("run", {"krapte: error: scenario is required"});
}

TEST_F(Cli, ScenarioSyntaxError) {
  const std::string scenario = tiny_variant("broken.yaml", "  move_share: 0.4\n", "  move_share: [0.4\n");
  expect_bad_input("validate " + quote(scenario), {"krapte: error: " + scenario + ":", "YAML syntax error"});
}

// ---------------------------------------------------------------------------------------
// Interruption

TEST_F(Cli, SigtermLeavesNoFile) {
  const std::string output = in_work("killed.h5");
  const std::string log = (dir_ / "io" / "killed.log").string();
  // Far more replications than can finish in the time before the signal.
  const pid_t pid = test::spawn_krapte({"run", tiny_, "-o", output, "--replications", "2000", "--quiet"}, log);
  ASSERT_GT(pid, 0);

  // Wait until the run is writing (its temporary file exists), then let it work a while.
  const std::string temporary = output + ".tmp-" + std::to_string(pid);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!fs::exists(temporary) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const bool started = fs::exists(temporary);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);

  EXPECT_TRUE(started) << "the run never created " << temporary << "; log: " << read_text(log);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  EXPECT_EQ(WEXITSTATUS(status), 128 + SIGTERM) << "the run finished before SIGTERM; log: " << read_text(log);
  EXPECT_FALSE(fs::exists(output));
  EXPECT_FALSE(fs::exists(temporary));
  EXPECT_TRUE(work_files().empty()) << *work_files().begin();
}

}  // namespace
}  // namespace krapte
