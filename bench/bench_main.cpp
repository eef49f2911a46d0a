// The main() of the benchmark binaries made of several files (bench_month_step holds the floor too).
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
