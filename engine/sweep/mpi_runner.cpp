#include "sweep/mpi_runner.h"

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#if KRAPTE_MPI
#include <mpi.h>
#endif

namespace krapte {

bool started_by_mpi_launcher() {
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(variable) != nullptr) return true;
  return false;
}

#if KRAPTE_MPI

bool built_with_mpi() { return true; }

namespace {

enum Tag : int { kRequest = 1, kAssign = 2, kResult = 3, kError = 4, kFinished = 5 };
// Rank 0 answers requests and results within this, and an idle rank checks as often.
constexpr auto kPoll = std::chrono::milliseconds(1);

void check_mpi(int status, const char* what) {
  if (status != MPI_SUCCESS) throw std::runtime_error(std::string("MPI: cannot ") + what);
}

/// A finished run as bytes: [point, replication, chunk count, chunk sizes...] then the chunks.
std::vector<char> pack(const SweepRun& run, const EncodedReplication& encoded) {
  std::vector<int64_t> header = {run.point, run.replication, static_cast<int64_t>(encoded.chunks.size())};
  size_t payload = 0;
  for (const auto& chunk : encoded.chunks) {
    header.push_back(static_cast<int64_t>(chunk.bytes.size()));
    payload += chunk.bytes.size();
  }
  std::vector<char> bytes(header.size() * sizeof(int64_t) + payload);
  std::memcpy(bytes.data(), header.data(), header.size() * sizeof(int64_t));
  char* at = bytes.data() + header.size() * sizeof(int64_t);
  for (const auto& chunk : encoded.chunks) {
    std::memcpy(at, chunk.bytes.data(), chunk.bytes.size());
    at += chunk.bytes.size();
  }
  return bytes;
}

std::pair<SweepRun, EncodedReplication> unpack(const std::vector<char>& bytes) {
  auto header_at = [&](size_t i) {
    int64_t value = 0;
    if ((i + 1) * sizeof(int64_t) > bytes.size()) throw std::runtime_error("MPI: a truncated run message");
    std::memcpy(&value, bytes.data() + i * sizeof(int64_t), sizeof value);
    return value;
  };
  const SweepRun run{header_at(0), static_cast<int>(header_at(1))};
  const auto chunks = static_cast<size_t>(header_at(2));
  EncodedReplication encoded;
  size_t offset = (3 + chunks) * sizeof(int64_t);
  for (size_t c = 0; c < chunks; ++c) {
    const auto size = static_cast<size_t>(header_at(3 + c));
    if (offset + size > bytes.size()) throw std::runtime_error("MPI: a truncated run message");
    encoded.chunks.push_back(h5::EncodedChunk{std::vector<unsigned char>(bytes.begin() + static_cast<long>(offset),
                                                                         bytes.begin() + static_cast<long>(offset + size))});
    offset += size;
  }
  return {run, std::move(encoded)};
}

std::vector<char> receive_bytes(const MPI_Status& probed) {
  int count = 0;
  check_mpi(MPI_Get_count(&probed, MPI_BYTE, &count), "size a message");
  std::vector<char> bytes(static_cast<size_t>(count));
  check_mpi(MPI_Recv(bytes.data(), count, MPI_BYTE, probed.MPI_SOURCE, probed.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
            "receive a message");
  return bytes;
}

void send_bytes(const std::vector<char>& bytes, int destination, Tag tag) {
  check_mpi(MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, destination, tag, MPI_COMM_WORLD),
            "send a message");
}

std::vector<char> as_bytes(const std::vector<int64_t>& values) {
  std::vector<char> bytes(values.size() * sizeof(int64_t));
  if (!values.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

std::vector<int64_t> as_integers(const std::vector<char>& bytes) {
  std::vector<int64_t> values(bytes.size() / sizeof(int64_t));
  if (!values.empty()) std::memcpy(values.data(), bytes.data(), values.size() * sizeof(int64_t));
  return values;
}

/// Rank 0: its own threads take runs from the queue like any rank; its main thread answers
/// the other ranks and writes what they send.
int64_t coordinate(const SweepPlan& plan, SweepFile& file, const SweepRunOptions& options, const MpiSession& mpi,
                   const std::atomic<bool>& stop) {
  RunQueue queue(plan.points(), plan.replications(), [&](int64_t p, int r) { return file.done(p, r); });
  std::atomic<bool> quit{false};
  std::atomic<int64_t> written{0};
  std::exception_ptr local_error;
  const RunLoop loop = writing_loop(queue, file, options, written);
  std::thread local([&] {
    try {
      run_loop(plan, options.threads, loop, quit);
    } catch (...) {
      local_error = std::current_exception();
      quit = true;
    }
  });

  std::map<int, std::vector<SweepRun>> outstanding;  // per rank: handed out, not yet received
  std::string remote_error;
  int active = mpi.size() - 1;
  while (active > 0) {
    if (stop) quit = true;
    int arrived = 0;
    MPI_Status status;
    check_mpi(MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status), "probe");
    if (!arrived) {
      std::this_thread::sleep_for(kPoll);
      continue;
    }
    const int from = status.MPI_SOURCE;
    const std::vector<char> bytes = receive_bytes(status);
    if (status.MPI_TAG == kRequest) {
      const std::vector<int64_t> wanted = as_integers(bytes);
      std::vector<int64_t> assigned;  // (point, replication) pairs; none = no more
      for (int64_t i = 0; !quit && !wanted.empty() && i < wanted[0]; ++i) {
        const std::optional<SweepRun> run = queue.next(from);
        if (!run) break;
        outstanding[from].push_back(*run);
        assigned.insert(assigned.end(), {run->point, run->replication});
      }
      send_bytes(as_bytes(assigned), from, kAssign);
    } else if (status.MPI_TAG == kResult) {
      const auto [run, encoded] = unpack(bytes);
      file.write_run(run.point, run.replication, encoded);
      // A copy, not the binding: clang 14 (the fuzz preset) cannot capture structured bindings.
      const SweepRun done = run;
      std::erase_if(outstanding[from], [&done](const SweepRun& r) { return r.point == done.point && r.replication == done.replication; });
      ++written;
      if (options.on_run_written) options.on_run_written(run);
    } else if (status.MPI_TAG == kError) {
      if (remote_error.empty()) remote_error = "rank " + std::to_string(from) + ": " + std::string(bytes.begin(), bytes.end());
      quit = true;
    } else if (status.MPI_TAG == kFinished) {
      for (const SweepRun& run : outstanding[from]) queue.give_back(run);  // dropped by a rank that stopped
      outstanding.erase(from);
      --active;
    }
  }
  local.join();
  if (local_error) std::rethrow_exception(local_error);
  if (!remote_error.empty()) throw std::runtime_error(remote_error);
  // Runs given back after this rank's threads had found the queue empty.
  if (!quit) run_loop(plan, options.threads, loop, stop);
  return written.load();
}

/// A rank other than 0: asks for a run whenever a thread is free, computes and encodes it,
/// sends it to rank 0.
int64_t work(const SweepPlan& plan, const SweepRunOptions& options, const std::atomic<bool>& stop) {
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<SweepRun> inbox;
  std::deque<std::vector<char>> outbox;
  bool no_more = false;
  bool compute_finished = false;
  int in_hand = 0;  // assigned and not yet in the outbox
  std::atomic<bool> quit{false};
  std::string error;
  int64_t computed = 0;

  RunLoop loop;
  loop.next = [&]() -> std::optional<SweepRun> {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return !inbox.empty() || no_more || quit; });
    if (quit || inbox.empty()) return std::nullopt;
    const SweepRun run = inbox.front();
    inbox.pop_front();
    return run;
  };
  loop.done = [&](const SweepRun& run, ReplicationSeries&& series) {
    std::vector<char> message = pack(run, encode_replication(plan.layout(), series));
    const std::lock_guard lock(mutex);
    outbox.push_back(std::move(message));
    --in_hand;
    ++computed;
  };
  std::thread compute([&] {
    try {
      run_loop(plan, options.threads, loop, quit);
    } catch (const std::exception& e) {
      const std::lock_guard lock(mutex);
      error = e.what();
      quit = true;
    }
    const std::lock_guard lock(mutex);
    compute_finished = true;
  });

  bool request_pending = false;
  for (;;) {
    bool busy = false;
    if (stop && !quit) {
      const std::lock_guard lock(mutex);
      quit = true;
    }
    changed.notify_all();
    std::deque<std::vector<char>> sending;
    bool finished = false;
    int wanted = 0;
    {
      const std::lock_guard lock(mutex);
      sending.swap(outbox);
      finished = compute_finished;
      wanted = quit || no_more ? 0 : options.threads - in_hand;
    }
    for (const auto& message : sending) send_bytes(message, 0, kResult);
    busy = !sending.empty();
    if (finished && sending.empty()) break;
    if (!request_pending && wanted > 0) {
      send_bytes(as_bytes({wanted}), 0, kRequest);
      request_pending = true;
    }
    int arrived = 0;
    MPI_Status status;
    check_mpi(MPI_Iprobe(0, kAssign, MPI_COMM_WORLD, &arrived, &status), "probe");
    if (arrived) {
      const std::vector<int64_t> assigned = as_integers(receive_bytes(status));
      request_pending = false;
      busy = true;
      const std::lock_guard lock(mutex);
      if (assigned.empty()) no_more = true;
      for (size_t i = 0; i + 1 < assigned.size(); i += 2) {
        inbox.push_back(SweepRun{assigned[i], static_cast<int>(assigned[i + 1])});
        ++in_hand;
      }
    }
    if (!busy) std::this_thread::sleep_for(kPoll);
  }
  compute.join();
  // Rank 0 answers every request: take the answer, so that no message is left unreceived.
  if (request_pending) {
    MPI_Status status;
    check_mpi(MPI_Probe(0, kAssign, MPI_COMM_WORLD, &status), "probe");
    (void)receive_bytes(status);
  }
  if (!error.empty()) send_bytes(std::vector<char>(error.begin(), error.end()), 0, kError);
  send_bytes({}, 0, kFinished);
  return computed;
}

}  // namespace

MpiSession::MpiSession() {
  if (!started_by_mpi_launcher()) return;
  int provided = 0;
  check_mpi(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "initialise");
  initialised_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() {
  if (initialised_) MPI_Finalize();
}

MpiSession::Agreement MpiSession::agree(bool ok) const {
  if (!active()) return {ok, ok};
  int mine = ok ? 1 : 0;
  std::vector<int> all(static_cast<size_t>(size_));
  check_mpi(MPI_Allgather(&mine, 1, MPI_INT, all.data(), 1, MPI_INT, MPI_COMM_WORLD), "gather");
  Agreement agreement;
  for (int flag : all) agreement.all_ok = agreement.all_ok && flag == 1;
  agreement.rank0_ok = all[0] == 1;
  return agreement;
}

int64_t run_sweep_mpi(const SweepPlan& plan, SweepFile* file, const SweepRunOptions& options, const MpiSession& mpi,
                      const std::atomic<bool>& stop) {
  if (mpi.rank() == 0) return coordinate(plan, *file, options, mpi, stop);
  return work(plan, options, stop);
}

#else  // built without MPI: one process, and mpirun is refused by the caller

bool built_with_mpi() { return false; }

MpiSession::MpiSession() = default;
MpiSession::~MpiSession() = default;
MpiSession::Agreement MpiSession::agree(bool ok) const { return {ok, ok}; }

int64_t run_sweep_mpi(const SweepPlan& plan, SweepFile* file, const SweepRunOptions& options, const MpiSession&,
                      const std::atomic<bool>& stop) {
  return run_sweep_locally(plan, *file, options, stop);
}

#endif

}  // namespace krapte
