// A clean stop on SIGINT or SIGTERM: while a StopOnSignals lives, either signal only raises
// a flag. Runs in flight are then dropped, and the sweep file is closed with every finished
// run in it (docs/sweeps.md, "Stopping and resuming").
#pragma once

#include <atomic>
#include <csignal>

namespace krapte {

class StopOnSignals {
 public:
  /// Installs the handlers and clears the flag.
  StopOnSignals();
  /// Puts back the handlers that were there before.
  ~StopOnSignals();
  StopOnSignals(const StopOnSignals&) = delete;
  StopOnSignals& operator=(const StopOnSignals&) = delete;

  /// Raised by the handler (or by raise_stop()).
  static const std::atomic<bool>& flag();
  /// The signal that raised it (SIGINT, SIGTERM), or 0.
  static int signal_number();
  /// Raises the flag without a signal (e.g. an MPI rank told to stop by rank 0).
  static void raise_stop();

 private:
  struct sigaction previous_int_{};
  struct sigaction previous_term_{};
};

}  // namespace krapte
