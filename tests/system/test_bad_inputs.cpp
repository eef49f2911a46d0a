// Issue 14, section 3: bad inputs that used to get through (silently accepted YAML, lost
// error locations, a full disk, CSV writers that did not check their writes, damaged sweep
// files). Each case: exit code 2, one line on stderr "krapte: error: ...", no file left.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "cli_support.h"

namespace krapte {
namespace {

namespace fs = std::filesystem;
using test::quote;
using test::read_text;

class BadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = fs::temp_directory_path() / ("krapte_bad_input_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::create_directories(dir_ / "io");
    fs::create_directories(dir_ / "work");
    fs::copy_file(test::data_path("tiny/tiny.yaml"), work() / "tiny.yaml");
    fs::copy_file(test::data_path("tiny/municipalities.csv"), work() / "municipalities.csv");
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  fs::path work() const { return dir_ / "work"; }
  void write(const std::string& name, const std::string& text) const { std::ofstream(work() / name, std::ios::binary) << text; }
  test::CliResult krapte(const std::string& args, const std::string& environment = "") const {
    return test::run_krapte(args, work(), dir_ / "io", environment);
  }
  std::set<std::string> work_files() const {
    std::set<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(work())) files.insert(fs::relative(entry.path(), work()).string());
    return files;
  }
  /// Exit code 2, exactly one line on stderr starting "krapte: error: " with every
  /// fragment, nothing on stdout and nothing new in the work folder.
  void expect_bad_input(const std::string& args, const std::vector<std::string>& fragments,
                        const std::string& environment = "") const {
    const std::set<std::string> before = work_files();
    const test::CliResult r = krapte(args, environment);
    EXPECT_EQ(r.exit_code, 2) << args << "\nstderr: " << r.err;
    EXPECT_EQ(r.err.rfind("krapte: error: ", 0), 0u) << args << "\nstderr: " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << args << "\nstderr: " << r.err;
    EXPECT_EQ(r.out, "") << args;
    for (const auto& fragment : fragments)
      EXPECT_NE(r.err.find(fragment), std::string::npos) << args << "\nstderr: " << r.err << "lacks: " << fragment;
    EXPECT_EQ(work_files(), before) << args << ": left files behind";
  }
  /// A small sweep over tiny in the work folder (sweep.yaml).
  void write_sweep(const std::string& scenario = "tiny.yaml", const std::string& values = "[0.2, 0.4]") const {
    write("sweep.yaml", "scenario: " + scenario + "\nname: small\nreplications: 2\nset:\n  end: 2024-12\naxes:\n"
                        "  - {key: exits.move_share, values: " + values + "}\n");
  }

  fs::path dir_;
};

// ---- YAML that yaml-cpp accepts silently ------------------------------------------------

TEST_F(BadInput, ACommaOutsideAnyFlowCollectionIsOneLineNotAHang) {
  // Found by tests/fuzz/fuzz_scenario: yaml-cpp 0.7's LoadAll looped forever on each of these
  // (results/FUZZING.md); `timeout 60` turns a hang into a failure instead of a stuck suite.
  const std::string timeout = "timeout 60";
  write("finding.yaml", read_text(test::source_path("tests/fuzz/regressions/fuzz_scenario/yaml-cpp-hang-on-a-comma-outside-flow")));
  expect_bad_input("validate finding.yaml",
                   {"finding.yaml:3:7: YAML syntax error: a ',' outside any [ ] list or { } map", "allowed: ','"}, timeout);
  write("comma.yaml", ",\n");
  expect_bad_input("validate comma.yaml", {"comma.yaml:1:1: YAML syntax error: a ','"}, timeout);
  write("list.yaml", "- 1\n,\n");
  expect_bad_input("run list.yaml -o out.h5", {"list.yaml:2:1: YAML syntax error: a ','"}, timeout);
  write("sweep.yaml", "- {key: seed, values: [1, 2]}\n, x}\n");
  expect_bad_input("sweep sweep.yaml -o s.h5", {"sweep.yaml:2:1: YAML syntax error: a ','"}, timeout);
  // A ',' inside a value is still a ','.
  write("fine.yaml", "extends: tiny.yaml\ndescription: one, two\n");
  EXPECT_EQ(krapte("validate fine.yaml", timeout).exit_code, 0);
}


TEST_F(BadInput, UnclosedQuoteAtTheEndOfTheFile) {
  write("quote.yaml", "extends: tiny.yaml\nname: quote\ndescription: \"never closed\n");
  expect_bad_input("validate quote.yaml", {"quote.yaml:3:14: YAML syntax error: the quoted value opened here is never closed"});
  write("single.yaml", read_text(work() / "tiny.yaml") + "description: 'it''s open\n");
  expect_bad_input("run single.yaml -o out.h5", {"single.yaml:", "never closed; allowed: a closing '"});
}

TEST_F(BadInput, ASecondYamlDocumentIsRefused) {
  write("two.yaml", read_text(work() / "tiny.yaml") + "---\nname: ignored\n");
  expect_bad_input("run two.yaml -o out.h5", {"two.yaml:", "a second YAML document (after '---')"});
  write("sweep.yaml", "scenario: tiny.yaml\nname: s\naxes:\n  - {key: seed, values: [1, 2]}\n---\nname: t\n");
  expect_bad_input("sweep sweep.yaml -o s.h5", {"sweep.yaml:", "one document per sweep file"});
}

TEST_F(BadInput, DuplicateTopLevelKeyInAFileThatExtends) {
  write("twice.yaml", "extends: tiny.yaml\nname: a\nseed: 3\nname: b\n");
  expect_bad_input("run twice.yaml -o out.h5", {"twice.yaml:4:1: key 'name' appears twice (first on line 2)"});
}

TEST_F(BadInput, DuplicateNestedKeyInAFileThatExtends) {
  write("nested.yaml", "extends: tiny.yaml\nexits:\n  move_share: 0.1\n  move_share: 0.2\n");
  expect_bad_input("run nested.yaml -o out.h5", {"nested.yaml:4:3: key 'exits.move_share' appears twice (first on line 3)"});
}

TEST_F(BadInput, DuplicateKeyInTheBaseOfAFileThatExtends) {
  write("base.yaml", read_text(work() / "tiny.yaml") + "seed: 9\n");
  write("child.yaml", "extends: base.yaml\nname: child\n");
  expect_bad_input("validate child.yaml", {"base.yaml:", "key 'seed' appears twice"});
}

TEST_F(BadInput, UnknownKeysInAFileThatExtendsKeepTheirLineAndColumn) {
  write("top.yaml", "extends: tiny.yaml\nname: top\nnmae: x\n");
  expect_bad_input("validate top.yaml", {"top.yaml:3:1: unknown key 'nmae'; did you mean 'name'?"});
  write("deep.yaml", "extends: tiny.yaml\nexits:\n  first_year_quit_factor: 2\n  mvoe_share: 0.1\n");
  expect_bad_input("validate deep.yaml", {"deep.yaml:4:3: unknown key 'exits.mvoe_share'; did you mean 'move_share'?"});
  write("range.yaml", "extends: tiny.yaml\nexits:\n  move_share: 3\n");
  expect_bad_input("run range.yaml -o out.h5", {"range.yaml:3:15: exits.move_share: 3 is out of range"});
}

TEST_F(BadInput, SetOfAnUnknownKeyNamesSet) {
  expect_bad_input("validate tiny.yaml --set unknown.key=1", {"tiny.yaml (--set unknown.key): unknown key 'unknown'"});
  expect_bad_input("run tiny.yaml -o out.h5 --set exits.bogus.deeper=1", {"(--set exits.bogus.deeper): unknown key 'exits.bogus'"});
}

TEST_F(BadInput, ANulByteGivesOneLine) {
  write("nul.yaml", read_text(work() / "tiny.yaml") + std::string("description: a\0b\n", 17));
  expect_bad_input("run nul.yaml -o out.h5", {"nul.yaml:", "a NUL byte; allowed: a text file"});
  write("nulkey.yaml", std::string("extends: tiny.yaml\n\"a\\0b\": 1\n"));
  expect_bad_input("validate nulkey.yaml", {"nulkey.yaml:2:1: unknown key 'a\\0b'"});
}

// Found by tests/fuzz/fuzz_scenario: yaml-cpp 0.7 looped forever on this file.
TEST_F(BadInput, InvalidUtf8IsRefusedNotAHang) {
  fs::copy_file(test::source_path("tests/fuzz/regressions/fuzz_scenario/yaml-cpp-hang-on-invalid-utf8"), work() / "hang.yaml");
  expect_bad_input("validate hang.yaml", {"hang.yaml:4:", "a byte that is not UTF-8; allowed: a text file (UTF-8)"});
  write("latin1.yaml", "extends: tiny.yaml\ndescription: caf\xe9\n");
  expect_bad_input("run latin1.yaml -o out.h5", {"latin1.yaml:2:17: a byte that is not UTF-8"});
}

TEST_F(BadInput, ANewlineInAKeyGivesOneLine) {
  write("newline.yaml", "extends: tiny.yaml\n\"two\\nlines\": 1\n");
  expect_bad_input("validate newline.yaml", {"unknown key 'two\\nlines'"});
}

TEST_F(BadInput, AnErrorInTheSweepsBaseScenarioHasItsLine) {
  write("base.yaml", "extends: tiny.yaml\nname: base\nexits:\n  first_year_quit_factor: -3\n");
  write_sweep("base.yaml");
  expect_bad_input("sweep sweep.yaml -o s.h5", {"base.yaml:4:27: exits.first_year_quit_factor: -3 is out of range"});
  write("base.yaml", "extends: tiny.yaml\nname: base\nexits:\n  bogus: 1\n");
  expect_bad_input("sweep sweep.yaml -o s.h5", {"base.yaml:4:", "unknown key 'exits.bogus'"});
}

// ---- Full disks and writers that must check their writes ---------------------------------
// A full disk is simulated with the file-size limit (ulimit -f, in 512-byte blocks, with
// SIGXFSZ ignored so that write() fails with EFBIG as it fails with ENOSPC on a full disk).

constexpr const char* kSmallFileLimit = "ulimit -f 64; trap '' XFSZ;";
// 512 bytes: room for the error line on stderr (a captured file too), not for a CSV table.
constexpr const char* kOneBlockFileLimit = "ulimit -f 1; trap '' XFSZ;";

TEST_F(BadInput, RunOnAFullDiskRemovesItsTemporaryFile) {
  expect_bad_input("run tiny.yaml -o out.h5 --quiet", {"out.h5: cannot write the file: the file would exceed the file-size limit"},
                   kSmallFileLimit);
}

TEST_F(BadInput, SweepOnAFullDiskIsOneLine) {
  write_sweep();
  const test::CliResult r = krapte("sweep sweep.yaml -o s.h5 --quiet", kSmallFileLimit);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("krapte: error: s.h5: cannot write the file: the file would exceed the file-size limit"), std::string::npos)
      << r.err;
  // What it left: never an "internal error" from summary (a damaged file is a bad input).
  if (fs::exists(work() / "s.h5")) {
    const test::CliResult summary = krapte("summary s.h5");
    EXPECT_NE(summary.exit_code, 1) << summary.err;
    if (summary.exit_code != 0) {
      EXPECT_EQ(summary.exit_code, 2) << summary.err;
      EXPECT_EQ(std::count(summary.err.begin(), summary.err.end(), '\n'), 1) << summary.err;
      EXPECT_EQ(summary.err.rfind("krapte: error: s.h5: ", 0), 0u) << summary.err;
    }
  }
}

TEST_F(BadInput, SummaryOfADamagedSweepFileSaysWhetherAResumeCanRepairIt) {
  write_sweep();
  ASSERT_EQ(krapte("sweep sweep.yaml -o s.h5 --quiet").exit_code, 0);
  // Cut the file short, as a full disk or a lost node can leave it.
  const std::string bytes = read_text(work() / "s.h5");
  std::ofstream(work() / "s.h5", std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() * 3 / 4);
  expect_bad_input("summary s.h5", {"krapte: error: s.h5: "});
  const test::CliResult r = krapte("summary s.h5");
  EXPECT_TRUE(r.err.find("resume") != std::string::npos || r.err.find("not a krapte sweep file") != std::string::npos) << r.err;
}

TEST_F(BadInput, SummaryCsvToDevFull) {
  write_sweep();
  ASSERT_EQ(krapte("sweep sweep.yaml -o s.h5 --quiet").exit_code, 0);
  expect_bad_input("summary s.h5 --csv /dev/full", {"/dev/full: the output path exists and is not a regular file"});
  // Standard output on a full device: the CSV lost is an error, not exit 0.
  const test::CliResult r = test::run_shell("cd " + quote(work().string()) + " && { " + quote(KRAPTE_BINARY) +
                                                " summary s.h5 --csv - >/dev/full; }",
                                            dir_ / "io");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.err.rfind("krapte: error: standard output: cannot write the CSV", 0), 0u) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST_F(BadInput, SummaryCsvOnAFullDiskKeepsTheEarlierFile) {
  write_sweep("tiny.yaml", "[0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65]");  // a CSV over 512 bytes
  ASSERT_EQ(krapte("sweep sweep.yaml -o s.h5 --quiet").exit_code, 0);
  write("points.csv", "earlier\n");
  expect_bad_input("summary s.h5 --csv points.csv", {"points.csv: cannot write the file: the file would exceed the file-size limit"},
                   kOneBlockFileLimit);
  EXPECT_EQ(read_text(work() / "points.csv"), "earlier\n");
}

TEST_F(BadInput, CheckCsvToDevFullPrintsNothingFirst) {
  expect_bad_input("check tiny.yaml --replications 2 --set end=2024-06 --csv /dev/full",
                   {"/dev/full: the output path exists and is not a regular file"});
}

TEST_F(BadInput, CompareCsvOnAFullDisk) {
  ASSERT_EQ(krapte("run tiny.yaml -o a.h5 --quiet --replications 1 --set end=2024-06").exit_code, 0);
  expect_bad_input("compare a.h5 a.h5 --csv d.csv", {"d.csv: cannot write the file: the file would exceed the file-size limit"},
                   kOneBlockFileLimit);
}

}  // namespace
}  // namespace krapte

namespace krapte {
namespace {

// ---- Resource limits (issue 14, part 5; docs/model.md "Resource limits") -----------------

// tiny to 2200-12: 2,125 points; 64 replications at once need about 1.5 GiB by the estimate,
// more than the 1 GiB address space allowed here, so the run is refused before it starts.
constexpr const char* kOneGibAddressSpace = "ulimit -v 1048576;";

TEST_F(BadInput, ARunThatWouldNotFitInMemoryIsRefusedBeforeItStarts) {
  if (test::kAddressSanitizer) GTEST_SKIP() << "ulimit -v and AddressSanitizer's shadow memory do not mix";
  expect_bad_input("run tiny.yaml -o out.h5 --set end=2200-12 --replications 64 --threads 64",
                   {"tiny.yaml: needs about ", "of memory (64 replications at once x ", "this process can have",
                    "allowed: --threads ", "or fewer"},
                   kOneGibAddressSpace);
  expect_bad_input("check tiny.yaml --set end=2200-12 --replications 64 --threads 64", {"tiny.yaml: needs about "},
                   kOneGibAddressSpace);
  // The same limit lets a small run through.
  const test::CliResult small = krapte("run tiny.yaml -o small.h5 --set end=2024-06 --replications 2 --quiet", kOneGibAddressSpace);
  EXPECT_EQ(small.exit_code, 0) << small.err;
}

TEST_F(BadInput, ASweepThatWouldNotFitInMemoryIsRefusedBeforeItsFile) {
  if (test::kAddressSanitizer) GTEST_SKIP() << "ulimit -v and AddressSanitizer's shadow memory do not mix";
  write("big.yaml", "scenario: tiny.yaml\nname: big\nreplications: 64\nset:\n  end: 2200-12\naxes:\n"
                    "  - {key: exits.move_share, values: [0.2, 0.4]}\n");
  expect_bad_input("sweep big.yaml -o big.h5 --threads 64", {"big.yaml: needs about ", "this process can have"},
                   kOneGibAddressSpace);
}

}  // namespace
}  // namespace krapte
