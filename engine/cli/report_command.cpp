// `krapte report FILE.h5 [FILE2.h5 ...] -o OUT.html`: one self-contained HTML page with the
// charts and maps of docs/report.md. The page is written to "OUT.html.tmp-<pid>" and
// renamed when complete; every bad input leaves nothing behind.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "cli/commands.h"
#include "core/errors.h"
#include "output/output_path.h"
#include "output/run_file.h"
#include "report/report_data.h"
#include "report/report_page.h"

namespace krapte {

namespace {

namespace fs = std::filesystem;

/// The temporary output file, removed unless committed.
class TemporaryOutput {
 public:
  explicit TemporaryOutput(const std::string& path)
      : path_(path), temporary_(path + ".tmp-" + std::to_string(::getpid())) {
    check_output_path(path, "results/report.html");
    std::ofstream probe(temporary_, std::ios::binary | std::ios::trunc);
    if (!probe)
      throw InputError(SourceLocation{path, 0, 0}, "cannot write the output file (" +
                                                       std::string(std::strerror(errno)) +
                                                       "); allowed: a writable file in an existing folder");
    created_ = true;
    set_pending_temporary_file(temporary_);  // SIGINT/SIGTERM remove it (cli/main.cpp)
  }
  TemporaryOutput(const TemporaryOutput&) = delete;
  TemporaryOutput& operator=(const TemporaryOutput&) = delete;
  ~TemporaryOutput() {
    if (!created_) return;
    std::error_code ignored;
    fs::remove(temporary_, ignored);
    set_pending_temporary_file("");
  }

  void commit(const std::string& content) {
    {
      std::ofstream out(temporary_, std::ios::binary | std::ios::trunc);
      out.write(content.data(), static_cast<std::streamsize>(content.size()));
      out.close();
      if (!out)
        throw InputError(SourceLocation{path_, 0, 0}, "cannot write the output file (" +
                                                          std::string(std::strerror(errno)) +
                                                          "); allowed: a writable file with room on its disk");
    }
    std::error_code error;
    fs::rename(temporary_, path_, error);
    if (error)
      throw InputError(SourceLocation{path_, 0, 0}, "cannot rename the finished file into place: " + error.message());
    created_ = false;
    set_pending_temporary_file("");
  }

 private:
  std::string path_;
  std::string temporary_;
  bool created_ = false;
};

bool same_file(const std::string& a, const std::string& b) {
  std::error_code error;
  return fs::exists(a, error) && fs::exists(b, error) && fs::equivalent(a, b, error);
}

}  // namespace

int report_command(const ReportCommand& command) {
  if (command.output.empty())
    throw InputError("no output file given; allowed: -o FILE.html (for example -o results/report.html)");
  for (const std::string& file : command.files)
    if (file == command.output || same_file(file, command.output))
      throw InputError(SourceLocation{command.output, 0, 0},
                       "the output file is one of the result files; allowed: a new file such as results/report.html");
  // Fail on a bad output path or missing page parts before reading large files.
  const ReportAssets assets = load_report_assets(default_report_asset_paths());
  TemporaryOutput output(command.output);

  const ReportData data = build_report_data(command.files);
  std::string title = "Personeelstekorten gemeenten: ";
  for (size_t i = 0; i < data.scenarios.size(); ++i) title += (i ? " / " : "") + data.scenarios[i].label;
  const std::string page = render_report_page(assets, title, report_data_json(data));
  output.commit(page);
  if (!command.quiet)
    std::fprintf(stderr, "krapte: wrote %s (%zu result file%s, %.1f MB)\n", command.output.c_str(),
                 command.files.size(), command.files.size() == 1 ? "" : "s", static_cast<double>(page.size()) / 1e6);
  return 0;
}

}  // namespace krapte
