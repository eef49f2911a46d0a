#include "sweep/stop.h"

namespace krapte {

namespace {

std::atomic<bool> g_stop{false};
volatile std::sig_atomic_t g_signal = 0;
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs a lock-free flag");

extern "C" void raise_stop_flag(int signal_number) {
  g_signal = signal_number;
  g_stop.store(true);
}

}  // namespace

StopOnSignals::StopOnSignals() {
  g_stop.store(false);
  g_signal = 0;
  struct sigaction action{};
  action.sa_handler = raise_stop_flag;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &previous_int_);
  sigaction(SIGTERM, &action, &previous_term_);
}

StopOnSignals::~StopOnSignals() {
  sigaction(SIGINT, &previous_int_, nullptr);
  sigaction(SIGTERM, &previous_term_, nullptr);
}

const std::atomic<bool>& StopOnSignals::flag() { return g_stop; }
int StopOnSignals::signal_number() { return g_signal; }
void StopOnSignals::raise_stop() { g_stop.store(true); }

}  // namespace krapte
