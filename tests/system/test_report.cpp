// `krapte report`: the page's assembly (slots, escaping, job-family names) and the real
// executable driven as a user would. A good report is one HTML file and nothing else; every
// bad input (missing file, not a run file, axes that differ, an output that cannot be
// written, missing page parts) exits with code 2, one line "krapte: error: ...", and leaves
// no output behind, an earlier page of the same name included.
// The data in the page is checked against the HDF5 files by test_report_data.py; the page
// in a browser by report_browser.cjs.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/errors.h"
#include "output/hdf5_handles.h"
#include "report/report_data.h"
#include "report/report_page.h"
#include "cli_support.h"

namespace krapte {
namespace {

namespace fs = std::filesystem;
using test::read_text;

using test::quote;

// ---- page assembly --------------------------------------------------------------------------

TEST(ReportPage, JobFamiliesHaveTheirSectorNames) {
  EXPECT_EQ(job_family_display_name("sociaal_domein"), "Sociaal domein");
  EXPECT_EQ(job_family_display_name("ruimtelijk_domein"), "Ruimtelijk domein");
  EXPECT_EQ(job_family_display_name("bestuur_management"), "Bestuur en management");
  EXPECT_EQ(job_family_display_name("financien"), "Financi\xC3\xABn");
  EXPECT_EQ(job_family_display_name("handhaving"), "Toezicht en handhaving");
  EXPECT_EQ(job_family_display_name("ict"), "ICT en informatievoorziening");
  EXPECT_EQ(job_family_display_name("jeugd_zorg"), "Jeugd zorg");  // unknown key: readable
}

TEST(ReportPage, ScriptsCannotCloseTheirElement) {
  EXPECT_EQ(script_safe("a = '</script>'; b = '</SCRIPT'; c = '<!-- x'"),
            "a = '<\\/script>'; b = '<\\/SCRIPT'; c = '<\\!-- x'");
  EXPECT_EQ(script_safe("x < y && y </ z"), "x < y && y </ z");
  EXPECT_EQ(html_escape("a & <b> \"c\""), "a &amp; &lt;b&gt; &quot;c&quot;");
}

TEST(ReportPage, SlotsAreFilledInOrderAndOnlyOnce) {
  ReportAssets assets;
  assets.page_template =
      "<title>{{TITLE}}</title><style>{{STYLE}}</style><script>{{VEGA}}</script><script>{{VEGA_LITE}}</script>"
      "<script>{{VEGA_EMBED}}</script><g>{{GEO_MUNICIPALITIES}}</g><r>{{GEO_REGIONS}}</r><d>{{DATA}}</d><s>{{SCRIPT}}</"
      "s>";
  assets.style = "p{}</style>";
  assets.vega = "vega {{DATA}}";  // a value is never searched for slots
  assets.vega_lite = "vl";
  assets.vega_embed = "embed";
  assets.geo_municipalities = "{\"gm\":1}";
  assets.geo_regions = "{\"am\":1}";
  assets.script = "run()";
  const std::string page = render_report_page(assets, "A & B", "{\"x\":\"</script>\"}");
  EXPECT_EQ(page,
            "<title>A &amp; B</title><style>p{}<\\/style></style><script>vega {{DATA}}</script><script>vl</script>"
            "<script>embed</script><g>{\"gm\":1}</g><r>{\"am\":1}</r><d>{\"x\":\"<\\/script>\"}</d><s>run()</s>");
  assets.page_template = "{{STYLE}}{{TITLE}}";
  EXPECT_INPUT_ERROR(render_report_page(assets, "t", "{}"), "the page template lacks {{STYLE}}",
                     "in the order TITLE, STYLE");
}

TEST(ReportPage, MissingPartsNameTheFileAndTheRemedy) {
  ReportAssetPaths paths = default_report_asset_paths();
  const ReportAssets assets = load_report_assets(paths);  // the source tree's, after npm ci
  EXPECT_NE(assets.vega.find("vega"), std::string::npos);
  EXPECT_NE(assets.geo_municipalities.find("gemeente_2024"), std::string::npos);
  paths.page_dir = "/nonexistent/report";
  EXPECT_INPUT_ERROR(load_report_assets(paths), "/nonexistent/report/report.html",
                     "a part of the report page is missing");
}

// ---- the executable ---------------------------------------------------------------------------

using Result = test::CliResult;

class ReportCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    shared_ = fs::temp_directory_path() / ("krapte_report_" + std::to_string(::getpid()));
    fs::create_directories(shared_);
    const std::string tiny = test::data_path("tiny/tiny.yaml");
    const std::string runs[][2] = {
        {"a.h5", ""}, {"b.h5", "--set exits.move_share=0.1"}, {"short.h5", "--set end=2025-06"},
        {"centres.h5", "--set 'shared_services=[{share: 0.3, from: 2025-01}]'"}};
    for (const auto& [name, extra] : runs) {
      const std::string command = quote(KRAPTE_BINARY) + " run " + quote(tiny) + " -o " +
                                  quote((shared_ / name).string()) + " --replications 2 --quiet " + extra;
      ASSERT_EQ(std::system(command.c_str()), 0) << command;
    }
  }
  static void TearDownTestSuite() {
    std::error_code ignored;
    fs::remove_all(shared_, ignored);
  }
  void SetUp() override {
    static int counter = 0;
    dir_ = shared_ / ("case" + std::to_string(counter++));
    fs::create_directories(dir_ / "io");
    fs::create_directories(dir_ / "work");
  }

  static std::string run_file(const std::string& name) { return quote((shared_ / name).string()); }
  std::string in_work(const std::string& name) const { return (dir_ / "work" / name).string(); }

  Result krapte(const std::string& args, const std::string& environment = "") const {
    return test::run_krapte(args, dir_ / "work", dir_ / "io", environment);
  }

  std::set<std::string> work_files() const {
    std::set<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir_ / "work"))
      files.insert(fs::relative(entry.path(), dir_ / "work").string() + ":" +
                   (entry.is_regular_file() ? read_text(entry.path()) : std::string("<folder>")));
    return files;
  }

  /// Exit code 2, one line "krapte: error: ..." with every fragment, the work folder unchanged.
  void expect_bad_input(const std::string& args, const std::vector<std::string>& fragments,
                        const std::string& environment = "") const {
    const std::set<std::string> before = work_files();
    const Result r = krapte(args, environment);
    EXPECT_EQ(r.exit_code, 2) << args << "\nstderr: " << r.err;
    EXPECT_EQ(r.err.rfind("krapte: error: ", 0), 0u) << args << "\nstderr: " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << args << "\nstderr: " << r.err;
    for (const auto& fragment : fragments)
      EXPECT_NE(r.err.find(fragment), std::string::npos) << args << "\nstderr: " << r.err << "lacks: " << fragment;
    EXPECT_EQ(work_files(), before) << args << ": changed or left files";
    EXPECT_EQ(r.out, "") << args;
  }

  static fs::path shared_;
  fs::path dir_;
};

fs::path ReportCli::shared_;

TEST_F(ReportCli, WritesOnePageAndNothingElse) {
  const Result r = krapte("report " + run_file("a.h5") + " " + run_file("b.h5") + " -o page.html");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("krapte: wrote page.html (2 result files, ", 0), 0u) << r.err;
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir_ / "work")) names.insert(entry.path().filename().string());
  EXPECT_EQ(names, std::set<std::string>{"page.html"});
  const std::string page = read_text(in_work("page.html"));
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find("<title>Personeelstekorten gemeenten: a / b</title>"), std::string::npos);
  EXPECT_NE(page.find("id=\"krapte-data\""), std::string::npos);
  EXPECT_EQ(page.find("{{"), page.find("{{...}}"));  // no slot left but the template's comment
  EXPECT_EQ(krapte("report " + run_file("a.h5") + " -o page.html --quiet").err, "");
}

// A lever that adds units (shared-service centres, flexpools) after the municipalities
// still compares with the baseline: the page maps the municipalities only.
TEST_F(ReportCli, ALeverThatAddsUnitsComparesWithTheBaseline) {
  const Result r = krapte("report " + run_file("a.h5") + " " + run_file("centres.h5") + " -o page.html");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string page = read_text(in_work("page.html"));
  EXPECT_NE(page.find("\"code\":\"GM0008\""), std::string::npos);
  EXPECT_EQ(page.find("\"code\":\"SSC01-"), std::string::npos);  // centres are not on the map
  const Result alone = krapte("report " + run_file("centres.h5") + " -o alone.html");
  EXPECT_EQ(alone.exit_code, 0) << alone.err;
}

TEST_F(ReportCli, MissingFile) {
  expect_bad_input("report " + run_file("a.h5") + " missing.h5 -o page.html", {"missing.h5", "no such file"});
}

TEST_F(ReportCli, NotAnHdf5File) {
  std::ofstream(in_work("notes.h5")) << "not HDF5\n";
  expect_bad_input("report notes.h5 -o page.html", {"notes.h5", "not an HDF5 file"});
}

TEST_F(ReportCli, AnHdf5FileThatIsNotARunFile) {
  {
    const h5::Handle file = h5::create_file(in_work("other.h5"));
    h5::create_group(file, "axes");
  }
  expect_bad_input("report other.h5 -o page.html", {"other.h5", "not a krapte run file"});
}

TEST_F(ReportCli, FilesWhoseAxesDiffer) {
  expect_bad_input("report " + run_file("a.h5") + " " + run_file("short.h5") + " -o page.html",
                   {"short.h5", "time axis differs from that of the first file", "2023-12..2025-06 (19)"});
}

TEST_F(ReportCli, OutputFolderMissingOrNotAFolder) {
  expect_bad_input("report " + run_file("a.h5") + " -o nowhere/page.html", {"nowhere/page.html", "does not exist"});
  fs::create_directories(in_work("folder.html"));
  expect_bad_input("report " + run_file("a.h5") + " -o folder.html", {"the output path is a folder"});
}

TEST_F(ReportCli, OutputThatIsNotARegularFile) {
  // A rename over a device or a pipe would replace it by the page: refused, left as it was.
  expect_bad_input("report " + run_file("a.h5") + " -o /dev/null", {"/dev/null", "not a regular file"});
  const std::string pipe = in_work("pipe");
  ASSERT_EQ(mkfifo(pipe.c_str(), 0600), 0);
  expect_bad_input("report " + run_file("a.h5") + " -o " + pipe, {"pipe", "not a regular file"});
  EXPECT_TRUE(fs::is_fifo(pipe));
  fs::remove(pipe);
}

TEST_F(ReportCli, UnwritableOutput) {
  // /proc refuses new files, even to root (for whom permission bits do not count).
  expect_bad_input("report " + run_file("a.h5") + " -o /proc/krapte-report.html", {"cannot write the output file"});
}

TEST_F(ReportCli, OutputMustNotBeAnInput) {
  fs::copy_file(shared_ / "a.h5", in_work("a.h5"));
  expect_bad_input("report a.h5 -o a.h5", {"the output file is one of the result files"});
  expect_bad_input("report a.h5 -o ./a.h5", {"the output file is one of the result files"});
}

TEST_F(ReportCli, AnEarlierPageSurvivesABadInput) {
  std::ofstream(in_work("page.html")) << "earlier page";
  expect_bad_input("report " + run_file("a.h5") + " missing.h5 -o page.html", {"no such file"});
  EXPECT_EQ(read_text(in_work("page.html")), "earlier page");
}

TEST_F(ReportCli, MissingPagePartsOrLibraries) {
  expect_bad_input("report " + run_file("a.h5") + " -o page.html", {"/nonexistent/report.html", "tools/report"},
                   "KRAPTE_REPORT_PAGE_DIR=/nonexistent");
  fs::create_directories(in_work("pagedir"));
  for (const char* part : {"report.html", "report.css", "report.js"})
    fs::copy_file(test::source_path("tools/report/") + part, in_work("pagedir/") + part);
  expect_bad_input("report " + run_file("a.h5") + " -o page.html", {"vega.min.js", "npm ci"},
                   "KRAPTE_REPORT_PAGE_DIR=" + quote(in_work("pagedir")));
  expect_bad_input("report " + run_file("a.h5") + " -o page.html", {"gemeente_2024.topojson", "scenarios/data/geo"},
                   "KRAPTE_REPORT_GEO_DIR=/nonexistent/geo");
}

TEST_F(ReportCli, CommandLineMistakes) {
  expect_bad_input("report", {"files is required"});
  expect_bad_input("report " + run_file("a.h5"), {"--output is required"});
}

}  // namespace
}  // namespace krapte
