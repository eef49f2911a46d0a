// Crash safety of sweep files (issue 14, docs/sweeps.md "Crash safety"): the real binary is
// stopped by SIGKILL, SIGTERM or SIGINT at moments drawn from a fixed seed over the length
// of an uninterrupted sweep; each time the file it leaves must open, hold every run that a
// reader saw done just before the signal, and a rerun of the same command must finish it
// with exactly the missing runs, to datasets bit-identical to the uninterrupted sweep's.
// While the sweep runs, `krapte summary` reads the file and `krapte report` answers as on a
// finished sweep file. The long series (SweepKillTrialsLong) has the ctest label `long`,
// which CI does not run (`ctest --preset long`).
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <regex>
#include <set>
#include <thread>

#include "sweep_test_support.h"

extern char** environ;

namespace krapte {
namespace {

namespace fs = std::filesystem;
using test::quote;
using Result = test::CliResult;

// 4 points x 6 replications over 7 years of tiny: about two seconds on two cores.
constexpr const char* kSweep = R"(replications: 6
seed: 14
set: {end: 2030-12}
axes:
  - {key: exits.move_share, values: [0.1, 0.3]}
  - {key: recruitment.mode, values: [competitive, collective]}
)";
constexpr int kRuns = 24;

/// The runs flagged done in a sweep file (point * replications + replication).
std::set<int> done_runs(const std::string& path) {
  const h5::Handle file = h5::open_file_read(path);
  std::vector<hsize_t> dims;
  const std::vector<uint8_t> flags = h5::read_flags(file, "sweep/done", dims);
  std::set<int> done;
  for (size_t i = 0; i < flags.size(); ++i)
    if (flags[i] != 0) done.insert(static_cast<int>(i));
  return done;
}

int64_t complete_attribute(const std::string& path) {
  const h5::Handle file = h5::open_file_read(path);
  const h5::Handle group(H5Gopen2(file, "sweep", H5P_DEFAULT), H5Gclose, "open /sweep");
  return h5::read_int_attribute(group, "complete");
}

/// The number in `text` captured by `pattern`'s first group, or -1.
long long number_after(const std::string& text, const std::string& pattern) {
  std::smatch match;
  return std::regex_search(text, match, std::regex(pattern)) ? std::stoll(match[1]) : -1;
}

class SweepKillTrials : public ::testing::Test {
 protected:
  SweepKillTrials() : folder_(::testing::UnitTest::GetInstance()->current_test_info()->name()) {
    spec_ = folder_.write("sweep.yaml", test::tiny_sweep_text(kSweep));
    whole_ = folder_.file("whole.h5");
    const auto started = std::chrono::steady_clock::now();
    const Result whole = krapte("sweep " + quote(spec_) + " -o " + quote(whole_) + " --quiet");
    EXPECT_EQ(whole.exit_code, 0) << whole.err;
    seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  }

  Result krapte(const std::string& args) const {
    return test::run_shell(quote(KRAPTE_BINARY) + " " + args, folder_.path());
  }

  /// Starts the sweep into `path`, sends `signal` after `delay_seconds` (having read the
  /// runs done just before, when the file is there), checks the file left behind and
  /// finishes it with a rerun. Returns the runs the file held after the signal.
  int trial(int signal, double delay_seconds, const std::string& path) {
    std::vector<std::string> args = {KRAPTE_BINARY, "sweep", spec_, "-o", path, "--quiet"};
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const std::string log = path + ".stderr";
    posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, KRAPTE_BINARY, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
      ADD_FAILURE() << "cannot start krapte";
      return 0;
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(delay_seconds));
    // What a reader sees just before the signal: every one of these runs must survive it.
    std::set<int> seen;
    if (fs::exists(path)) {
      try {
        seen = done_runs(path);
      } catch (const InputError&) {  // NOLINT(bugprone-empty-catch): renamed into place just now; nothing seen
      }
    }
    ::kill(pid, signal);
    int status = 0;
    EXPECT_EQ(::waitpid(pid, &status, 0), pid);
    if (signal == SIGKILL) {
      EXPECT_TRUE((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) || (WIFEXITED(status) && WEXITSTATUS(status) == 0));
    } else {  // a clean stop (128 + signal), or 0 if the sweep had ended first
      EXPECT_TRUE(WIFEXITED(status) && (WEXITSTATUS(status) == 128 + signal || WEXITSTATUS(status) == 0))
          << status << ": " << test::read_text(log);
    }

    std::set<int> kept;
    if (fs::exists(path)) {
      kept = done_runs(path);  // throws (fails the test) if the file does not open
      for (int run : seen) EXPECT_TRUE(kept.count(run)) << "run " << run << " was done before the signal and is lost";
      if (signal != SIGKILL && WIFEXITED(status) && WEXITSTATUS(status) != 0) {
        // A clean stop: nothing is left in flight, and summary reads the file as it is.
        const Result summary = krapte("summary " + quote(path));
        EXPECT_EQ(summary.exit_code, 0) << summary.err;
      }
    } else {
      EXPECT_TRUE(seen.empty());
    }

    const Result rerun = krapte("sweep " + quote(spec_) + " -o " + quote(path));
    EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
    const auto kept_count = static_cast<long long>(kept.size());
    if (rerun.err.find("nothing to do") == std::string::npos) {
      // No finished run recomputed: the rerun keeps every flagged run and runs the others.
      if (!kept.empty()) {
        EXPECT_EQ(number_after(rerun.err, "resuming [^:]*: (\\d+) runs already done"), kept_count) << rerun.err;
      }
      if (kept_count < kRuns) {
        EXPECT_EQ(number_after(rerun.err, "; (\\d+) runs now"), kRuns - kept_count) << rerun.err;
      }
    } else {
      EXPECT_EQ(kept_count, kRuns);
    }
    EXPECT_EQ(complete_attribute(path), 1);
    test::expect_same_datasets(whole_, path);
    for (const auto& entry : fs::directory_iterator(folder_.path()))
      EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path() << " was left behind";
    return static_cast<int>(kept.size());
  }

  /// `count` trials with `signal` at moments drawn from `seed`, uniform over 1.1 times the
  /// uninterrupted sweep's length (so some land before the file exists, some after the end).
  void trials(int signal, int count, uint64_t seed) {
    std::mt19937_64 moments(seed);
    std::uniform_real_distribution<double> fraction(0.0, 1.1);
    int empty = 0, partial = 0, full = 0;
    for (int t = 0; t < count; ++t) {
      const double delay = fraction(moments) * seconds_;
      const int kept = trial(signal, delay, folder_.file("trial" + std::to_string(t) + ".h5"));
      (kept == 0 ? empty : kept == kRuns ? full : partial) += 1;
      std::printf("trial %d: signal %d after %.3f s: %d of %d runs in the file\n", t, signal, delay, kept, kRuns);
      if (::testing::Test::HasFailure()) {
        ADD_FAILURE() << "trial " << t << " (signal " << signal << " after " << delay << " s) failed";
        return;
      }
    }
    std::printf("%d trials with signal %d (seed %llu, sweep %.2f s): %d left no run, %d some runs, %d every run\n", count,
                signal, static_cast<unsigned long long>(seed), seconds_, empty, partial, full);
  }

  test::ScratchFolder folder_;
  std::string spec_, whole_;
  double seconds_ = 0;
};

TEST_F(SweepKillTrials, FiveSigkillsAtSeededMomentsEachResumeToTheUninterruptedFile) { trials(SIGKILL, 5, 14); }

TEST_F(SweepKillTrials, SigtermAndSigintAtSeededMomentsEachResumeToTheUninterruptedFile) {
  trials(SIGTERM, 2, 1401);
  trials(SIGINT, 2, 1402);
}

TEST_F(SweepKillTrials, SummaryReadsTheFileWhileTheSweepWritesItAndReportAnswersAsOnAFinishedOne) {
  const std::string path = folder_.file("running.h5");
  std::vector<std::string> args = {KRAPTE_BINARY, "sweep", spec_, "-o", path, "--quiet"};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, KRAPTE_BINARY, nullptr, nullptr, argv.data(), environ), 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!fs::exists(path) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const Result summary = krapte("summary " + quote(path));
  int status = 0;
  const bool still_running = ::waitpid(pid, &status, WNOHANG) == 0;
  const Result report = krapte("report " + quote(path) + " -o " + quote(folder_.file("page.html")));
  const Result second = krapte("sweep " + quote(spec_) + " -o " + quote(path) + " --quiet");
  if (still_running) {
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  }
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(summary.exit_code, 0) << summary.err;
  EXPECT_NE(summary.out.find("sweep 'sweep' of scenario 'tiny', 4 points x 6 replications"), std::string::npos) << summary.out;
  // Read while the sweep was still writing: the runs flushed so far, the rest to come.
  if (still_running) {
    EXPECT_NE(summary.out.find("unfinished"), std::string::npos) << summary.out;
  }
  std::printf("summary read the file %s the sweep ended\n", still_running ? "before" : "after");
  // report draws run files; on a sweep file, running or not, it says so in one line.
  EXPECT_EQ(report.exit_code, 2);
  EXPECT_NE(report.err.find("it is a sweep file"), std::string::npos) << report.err;
  // A second writer is refused while the first runs (unless the first had already ended).
  if (second.exit_code != 0) {
    EXPECT_EQ(second.exit_code, 2);
    EXPECT_NE(second.err.find("another program has the file open"), std::string::npos) << second.err;
  }
  test::expect_same_datasets(whole_, path);
}

class SweepKillTrialsLong : public SweepKillTrials {};

TEST_F(SweepKillTrialsLong, TwentySigkillsAtSeededMomentsEachResumeToTheUninterruptedFile) { trials(SIGKILL, 20, 1414); }

}  // namespace
}  // namespace krapte
