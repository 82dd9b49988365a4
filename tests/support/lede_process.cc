#include "support/lede_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <regex>

#include "support/test_store.h"

namespace lede::testing {
namespace {

// Under the sanitizers the demo newsroom takes about a minute to draw (its
// pictures go through cairo, whose large buffers ASan maps afresh each
// time), against three seconds in a normal build. ./dev makes one demo
// with the normal build and names it in LEDE_TEST_DEMO: a command that
// would write the demo into an empty folder starts from a copy instead.
// What the demo writes is tested by the normal build's run.
void CopyDemoTemplate(const std::vector<std::string>& args) {
  const char* demo = std::getenv("LEDE_TEST_DEMO");
  if (!demo || OnPostgres()) return;
  const bool writes_demo = std::find(args.begin(), args.end(), "--demo") != args.end() ||
                           (!args.empty() && args.front() == "demo");
  const auto data = std::find(args.begin(), args.end(), "--data");
  if (!writes_demo || data == args.end() || data + 1 == args.end()) return;
  const std::filesystem::path dir = *(data + 1);
  std::error_code error;
  if (std::filesystem::exists(dir / "lede.db", error)) return;
  std::filesystem::create_directories(dir, error);
  std::filesystem::copy(demo, dir,
                        std::filesystem::copy_options::recursive |
                            std::filesystem::copy_options::skip_existing,
                        error);
}

// The child's environment: this one's, and on PostgreSQL (test_store.h)
// LEDE_DB naming the database of the data folder the command names, unless
// the test chose a store itself (--db, LEDE_DB, lede migrate's --from/--to).
std::vector<std::string> ChildEnvironment(const std::vector<std::string>& args) {
  std::vector<std::string> environment;
  for (char** variable = environ; *variable; ++variable) environment.emplace_back(*variable);
  const auto data = std::find(args.begin(), args.end(), "--data");
  const bool chosen = std::getenv("LEDE_DB") || std::find(args.begin(), args.end(), "--db") != args.end() ||
                      (!args.empty() && args.front() == "migrate");
  if (OnPostgres() && !chosen && data != args.end() && data + 1 != args.end()) {
    const std::string url = DatabaseFor(*(data + 1));
    if (!url.empty()) environment.push_back("LEDE_DB=" + url);
  }
  return environment;
}

pid_t Spawn(const std::vector<std::string>& args, int* output_fd) {
  CopyDemoTemplate(args);
  // Built before fork: the child only execs.
  std::vector<std::string> environment = ChildEnvironment(args);
  std::vector<char*> envp;
  for (auto& variable : environment) envp.push_back(variable.data());
  envp.push_back(nullptr);
  static std::string binary = LEDE_BINARY;
  std::vector<char*> argv;
  argv.push_back(binary.data());
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) return -1;
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    dup2(pipe_fds[1], STDERR_FILENO);
    execve(binary.c_str(), argv.data(), envp.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  *output_fd = pipe_fds[0];
  return pid;
}

int WaitFor(pid_t pid, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      if (WIFEXITED(status)) return WEXITSTATUS(status);
      if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
      return -1;
    }
    usleep(10000);
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  return -1;
}

}  // namespace

std::unique_ptr<LedeProcess> LedeProcess::Serve(const std::vector<std::string>& args,
                                                std::string* failure_output) {
  std::vector<std::string> full = {"serve", "--listen", "127.0.0.1:0"};
  full.insert(full.end(), args.begin(), args.end());
  std::unique_ptr<LedeProcess> process(new LedeProcess());
  process->pid_ = Spawn(full, &process->output_fd_);
  if (process->pid_ < 0) return nullptr;

  // Read until the URL line, then hand the pipe to a thread that keeps it
  // drained (the access log writes a line per request).
  const std::regex url_line(R"(serving http://127\.0\.0\.1:(\d+)/)");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::string seen;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd poll_fd{process->output_fd_, POLLIN, 0};
    if (poll(&poll_fd, 1, 200) <= 0) continue;
    char chunk[4096];
    const ssize_t n = read(process->output_fd_, chunk, sizeof chunk);
    if (n <= 0) break;
    seen.append(chunk, static_cast<std::size_t>(n));
    std::smatch match;
    if (std::regex_search(seen, match, url_line)) {
      process->port_ = static_cast<std::uint16_t>(std::stoi(match[1]));
      break;
    }
  }
  process->output_ = seen;
  if (process->port_ == 0) {
    if (failure_output) *failure_output = seen;
    return nullptr;  // the destructor stops and reaps it
  }
  LedeProcess* raw = process.get();
  process->reader_ = std::thread([raw] {
    char chunk[4096];
    while (true) {
      const ssize_t n = read(raw->output_fd_, chunk, sizeof chunk);
      if (n <= 0) break;
      std::lock_guard lock(raw->mutex_);
      raw->output_.append(chunk, static_cast<std::size_t>(n));
    }
  });
  return process;
}

LedeProcess::~LedeProcess() {
  if (pid_ > 0) Stop(SIGKILL);
  if (reader_.joinable()) reader_.join();
  if (output_fd_ >= 0) close(output_fd_);
}

int LedeProcess::Stop(int signal) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  const int status = WaitFor(pid_, std::chrono::seconds(30));
  pid_ = -1;
  return status;
}

std::string LedeProcess::Output() {
  std::lock_guard lock(mutex_);
  return output_;
}

RunResult RunLede(const std::vector<std::string>& args) {
  RunResult result;
  int fd = -1;
  const pid_t pid = Spawn(args, &fd);
  if (pid < 0) return result;
  char chunk[4096];
  while (true) {
    pollfd poll_fd{fd, POLLIN, 0};
    if (poll(&poll_fd, 1, 120000) <= 0) break;
    const ssize_t n = read(fd, chunk, sizeof chunk);
    if (n <= 0) break;
    result.output.append(chunk, static_cast<std::size_t>(n));
  }
  close(fd);
  result.exit_code = WaitFor(pid, std::chrono::seconds(120));
  return result;
}

}  // namespace lede::testing
