#pragma once
// Runs the real lede binary for integration tests: `lede serve` on a free
// loopback port (--listen 127.0.0.1:0), stopped by its own PID only.

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lede::testing {

class LedeProcess {
 public:
  // Starts `lede serve --listen 127.0.0.1:0 {args}` and waits (up to 60 s)
  // for the line with its URL. nullptr when it exits or never says it.
  static std::unique_ptr<LedeProcess> Serve(const std::vector<std::string>& args,
                                            std::string* failure_output = nullptr);
  ~LedeProcess();

  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Sends `signal` and waits up to 30 s; returns the exit status (or
  // 128+signal when killed by one; -1 on timeout, after a SIGKILL).
  int Stop(int signal);
  // Everything the process wrote to stdout and stderr so far.
  std::string Output();

 private:
  LedeProcess() = default;
  pid_t pid_ = -1;
  int output_fd_ = -1;
  std::uint16_t port_ = 0;
  std::thread reader_;
  std::mutex mutex_;
  std::string output_;
};

struct RunResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs `lede {args}` to completion (killed after 120 s).
RunResult RunLede(const std::vector<std::string>& args);

}  // namespace lede::testing
