#include "cli/resources.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <sstream>

#include "core/errors.h"
#include "metrics/catalogue.h"

namespace krapte {

namespace {

// Measured (results/BENCHMARKS.md, "resource limits"): the baseline with every size class at
// 1,000 FTE per 1,000 inhabitants (19.9 million agents, 12 months, 1 thread) peaked at
// 1.60 GB: 80 bytes per agent. The baseline to 2200-12 (2,125 points x 342 municipalities x
// 10 families x 19 metrics = 1.10 GB of cell sums per replication) peaked at 4.19 GB: 3.8
// times its cell sums (the levels derived from them, their encoding, the file's buffers).
constexpr double kBytesPerAgent = 80;
constexpr double kSeriesCopies = 3.8;
// Headcount per FTE of a synthetic population (mean contract FTE 0.8 or more in every
// shipped scenario; assumption: never below 0.5, so twice the FTE is an upper bound).
constexpr double kHeadcountPerFte = 2.0;

std::string gib(double bytes) {
  char text[32];
  constexpr double kMib = 1024.0 * 1024.0;
  if (bytes < 1024.0 * kMib) {
    std::snprintf(text, sizeof text, "%.0f MiB", bytes / kMib);
  } else {
    std::snprintf(text, sizeof text, "%.1f GiB", bytes / (1024.0 * kMib));
  }
  return text;
}

double meminfo_available() {
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  double kib = 0;
  std::string unit;
  while (meminfo >> key >> kib >> unit)
    if (key == "MemAvailable:") return kib * 1024.0;
  const long pages = ::sysconf(_SC_AVPHYS_PAGES);
  const long page = ::sysconf(_SC_PAGESIZE);
  return pages > 0 && page > 0 ? static_cast<double>(pages) * static_cast<double>(page)
                               : std::numeric_limits<double>::infinity();
}

double cgroup_limit() {
  std::ifstream limit("/sys/fs/cgroup/memory.max");  // cgroup v2; "max" when unlimited
  double bytes = 0;
  return limit >> bytes ? bytes : std::numeric_limits<double>::infinity();
}

double address_space_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_AS, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return std::numeric_limits<double>::infinity();
  return static_cast<double>(limit.rlim_cur);
}

}  // namespace

double replication_bytes(const ResolvedScenario& scenario, double agents) {
  const double cells = static_cast<double>(scenario.time.points()) * static_cast<double>(scenario.unit_kind.size()) *
                       scenario.family_count() * kMetricCount;
  return agents * kBytesPerAgent + cells * sizeof(double) * kSeriesCopies;
}

double estimated_agents(const ResolvedScenario& scenario) {
  if (scenario.population.source == PopulationSource::kFile) return 0;  // bounded by the file; counted when read
  double fte = 0;
  const auto& classes = scenario.population.size_classes;
  const auto& class_of = scenario.population.size_class_of_municipality;
  for (size_t m = 0; m < scenario.municipalities.municipalities.size() && m < class_of.size(); ++m)
    if (class_of[m] >= 0 && static_cast<size_t>(class_of[m]) < classes.size())
      fte += static_cast<double>(scenario.municipalities.municipalities[m].inhabitants) *
             classes[class_of[m]].fte_per_1000_inhabitants / 1000.0;
  return fte * kHeadcountPerFte;
}

double available_memory_bytes() { return std::min({meminfo_available(), cgroup_limit(), address_space_limit()}); }

void refuse_if_out_of_memory(const std::string& what, double per_run, int in_flight, double shared, int threads) {
  const double available = available_memory_bytes();
  const double needed = per_run * in_flight + shared;
  if (needed <= available) return;
  const int fit = static_cast<int>(std::floor((available - shared) / std::max(per_run, 1.0)));
  std::ostringstream message;
  message << "needs about " << gib(needed) << " of memory (" << in_flight << " replication" << (in_flight == 1 ? "" : "s")
          << " at once x " << gib(per_run) << (shared >= 1024.0 * 1024.0 ? " + " + gib(shared) + " shared" : "") << "), more than the "
          << gib(available) << " this process can have; allowed: ";
  if (fit >= 1 && fit < threads) message << "--threads " << fit << " or fewer, or ";
  message << "an earlier end, fewer municipalities or a smaller population (docs/model.md, \"Resource limits\")";
  throw InputError(SourceLocation{what, 0, 0}, message.str());
}

}  // namespace krapte
