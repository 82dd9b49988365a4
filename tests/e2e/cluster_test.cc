// A cluster as an operator runs one: PostgreSQL, two lede nodes and
// Debian's haproxy balancing between them, all on loopback. Readers vote
// and an editor rewords an article through the balancer while one node is
// killed with SIGKILL. Afterwards every acknowledged vote and edit is
// stored, the surviving node serves everything, and at no point did a node
// serve a page from before a write it had acknowledged.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/http_client.h"
#include "support/lede_process.h"
#include "support/postgres_database.h"
#include "support/test_util.h"

extern char** environ;

namespace lede {
namespace {

using nlohmann::json;
using testing::Fetch;
using testing::Get;
using testing::LedeProcess;
using testing::PostgresDatabase;
using testing::RunLede;
using namespace std::chrono_literals;

constexpr char kHaproxy[] = "/usr/sbin/haproxy";

// A loopback port nothing listens on now.
std::uint16_t FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

// haproxy in the foreground, stopped by its PID.
class Balancer {
 public:
  Balancer(const testing::TempDir& dir, std::uint16_t node_a, std::uint16_t node_b)
      : port_(FreePort()), log_(dir / "haproxy.log") {
    const auto config = dir / "haproxy.cfg";
    std::ofstream(config) << "global\n  maxconn 512\n"
                          << "defaults\n  mode http\n  timeout connect 1s\n  timeout client 10s\n"
                          << "  timeout server 10s\n  retries 2\n  option redispatch\n"
                          << "frontend site\n  bind 127.0.0.1:" << port_ << "\n  default_backend nodes\n"
                          << "backend nodes\n  balance roundrobin\n  option httpchk GET /healthz\n"
                          << "  server a 127.0.0.1:" << node_a << " check inter 200ms fall 2 rise 2\n"
                          << "  server b 127.0.0.1:" << node_b << " check inter 200ms fall 2 rise 2\n";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    const std::string config_path = config.string();
    std::vector<char*> argv{const_cast<char*>(kHaproxy), const_cast<char*>("-db"),
                            const_cast<char*>("-f"), const_cast<char*>(config_path.c_str()), nullptr};
    if (posix_spawn(&pid_, kHaproxy, &actions, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  ~Balancer() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  // Once both nodes passed their health checks (haproxy answers 503
  // until one has).
  bool Ready() const {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
      if (pid_ > 0 && Get(port_, "/healthz").status == 200) return true;
      std::this_thread::sleep_for(100ms);
    }
    return false;
  }
  std::uint16_t port() const { return port_; }
  std::string log() const {
    std::ifstream in(log_);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

 private:
  std::uint16_t port_;
  std::filesystem::path log_;
  pid_t pid_ = -1;
};

// The vote count an article page shows; -1 when it shows none.
long long ShownCount(const std::string& page) {
  static const std::regex count("data-rating-count>(\\d+)<");
  std::smatch match;
  return std::regex_search(page, match, count) ? std::stoll(match[1]) : -1;
}

struct Ledger {
  std::mutex mutex;
  std::map<std::int64_t, long long> acknowledged;  // article -> votes answered 201
  std::map<std::int64_t, long long> attempted;     // article -> votes sent
  int last_edit_acknowledged = -1;
  int last_edit_attempted = -1;
  std::vector<std::string> stale;  // what a node served after its write was answered
  int answered_by_balancer = 0;
};

TEST(ClusterTest, VotesAndEditsThroughHaproxySurviveANodeKilledMidLoad) {
  LEDE_SKIP_WITHOUT_POSTGRES();
  if (!std::filesystem::exists(kHaproxy)) GTEST_SKIP() << "no " << kHaproxy << ": ./dev test all installs haproxy";
  auto database = PostgresDatabase::Create();
  ASSERT_TRUE(database);
  testing::TempDir dir_a, dir_b, dir_balancer;
  const std::vector<std::string> common{"--db", database->url(), "--vote-limit", "off", "--access-log", "off"};
  auto with = [&](const testing::TempDir& dir, bool demo) {
    auto args = common;
    args.insert(args.end(), {"--data", dir.path().string()});
    if (demo) args.push_back("--demo");
    return args;
  };
  std::string output;
  auto a = LedeProcess::Serve(with(dir_a, true), &output);
  ASSERT_NE(a, nullptr) << output;
  auto b = LedeProcess::Serve(with(dir_b, false), &output);
  ASSERT_NE(b, nullptr) << output;
  setenv("LEDE_DB", database->url().c_str(), 1);
  auto added = RunLede({"user", "add", "ed@example.org", "--name", "Ed", "--role", "editor", "--data",
                        dir_a.path().string()});
  auto token = RunLede({"token", "add", "--user", "ed@example.org", "--data", dir_a.path().string()});
  unsetenv("LEDE_DB");
  ASSERT_EQ(added.exit_code, 0) << added.output;
  ASSERT_EQ(token.exit_code, 0) << token.output;
  const std::string bearer = "Bearer " + token.output.substr(0, token.output.find('\n'));

  Balancer balancer(dir_balancer, a->port(), b->port());
  ASSERT_TRUE(balancer.Ready()) << balancer.log();
  const std::uint16_t front = balancer.port();

  constexpr std::int64_t kVoted[] = {1, 2};
  std::map<std::int64_t, std::string> pages;
  for (auto id : kVoted) {
    const auto article = Fetch(front, "GET", "/api/v1/admin/articles/" + std::to_string(id),
                               {{"Authorization", bearer}});
    ASSERT_EQ(article.status, 200) << article.body;
    pages[id] = json::parse(article.body)["url"];
  }
  constexpr std::int64_t kEdited = 3;
  const auto original = Fetch(front, "GET", "/api/v1/admin/articles/" + std::to_string(kEdited),
                              {{"Authorization", bearer}});
  ASSERT_EQ(original.status, 200) << original.body;
  const std::string edited_page = json::parse(original.body)["url"];

  Ledger ledger;
  std::atomic<bool> a_alive{true};
  // Each read straight from every node still alive: neither may serve a
  // page from before what was answered.
  auto check_nodes = [&](const std::string& page, auto&& fresh, const std::string& what) {
    for (LedeProcess* node : {a.get(), b.get()}) {
      if (node == a.get() && !a_alive) continue;
      const auto served = Get(node->port(), page);
      if (node == a.get() && (!a_alive || served.status == 0)) continue;  // died meanwhile
      if (!fresh(served.body)) {
        std::lock_guard lock(ledger.mutex);
        ledger.stale.push_back(what + " on node " + (node == a.get() ? "A" : "B"));
      }
    }
  };

  std::atomic<bool> stop{false};
  std::vector<std::thread> load;
  for (auto id : kVoted) {
    load.emplace_back([&, id] {
      const std::string target = "/api/v1/articles/" + std::to_string(id) + "/ratings";
      while (!stop) {
        {
          std::lock_guard lock(ledger.mutex);
          ++ledger.attempted[id];
        }
        const auto vote = Fetch(front, "POST", target, {{"Content-Type", "application/json"}}, R"({"stars": 4})");
        if (vote.status != 201) continue;  // not acknowledged: the node died under it
        long long floor = 0;
        {
          std::lock_guard lock(ledger.mutex);
          floor = ++ledger.acknowledged[id];
        }
        check_nodes(pages[id], [&](const std::string& body) { return ShownCount(body) >= floor; },
                    "article " + std::to_string(id) + " showing fewer than " + std::to_string(floor) + " votes");
      }
    });
  }
  load.emplace_back([&] {  // the editor, one edit at a time
    json article = json::parse(original.body);
    for (int edit = 0; !stop; ++edit) {
      const std::string headline = "Ferry timetable, revision " + std::to_string(edit);
      article["headline"] = headline;
      {
        std::lock_guard lock(ledger.mutex);
        ledger.last_edit_attempted = edit;
      }
      const auto saved = Fetch(front, "PUT", "/api/v1/admin/articles/" + std::to_string(kEdited),
                               {{"Authorization", bearer}, {"Content-Type", "application/json"}},
                               article.dump());
      if (saved.status != 200) continue;
      {
        std::lock_guard lock(ledger.mutex);
        ledger.last_edit_acknowledged = edit;
      }
      check_nodes(edited_page, [&](const std::string& body) { return body.find(headline) != std::string::npos; },
                  "revision " + std::to_string(edit) + " missing");
    }
  });
  std::thread readers([&] {  // pages through the balancer, so both nodes cache them
    while (!stop) {
      for (const auto& [id, page] : pages) {
        if (Get(front, page).status == 200) {
          std::lock_guard lock(ledger.mutex);
          ++ledger.answered_by_balancer;
        }
      }
    }
  });

  std::this_thread::sleep_for(2s);
  a_alive = false;
  ASSERT_EQ(::kill(a->pid(), SIGKILL), 0);
  std::this_thread::sleep_for(3s);
  stop = true;
  for (auto& thread : load) thread.join();
  readers.join();

  std::lock_guard lock(ledger.mutex);
  EXPECT_TRUE(ledger.stale.empty()) << ledger.stale.size() << " stale reads, the first: " << ledger.stale.front();
  // Every acknowledged vote is stored (and no vote that was never sent).
  for (auto id : kVoted) {
    const auto rating = Get(front, "/api/v1/articles/" + std::to_string(id) + "/rating");
    ASSERT_EQ(rating.status, 200) << rating.body;
    const long long stored = json::parse(rating.body)["count"];
    EXPECT_GE(stored, ledger.acknowledged[id]) << "article " << id << ": an acknowledged vote is lost";
    EXPECT_LE(stored, ledger.attempted[id]) << "article " << id;
    EXPECT_GT(ledger.acknowledged[id], 10) << "too little load to mean anything";
    std::cout << "article " << id << ": " << ledger.acknowledged[id] << " votes acknowledged, "
              << stored << " stored, " << ledger.attempted[id] << " sent\n";
  }
  // The last acknowledged edit (or the one in flight at the end) is what
  // the surviving node serves.
  ASSERT_GE(ledger.last_edit_acknowledged, 0);
  const auto page = Get(front, edited_page);
  ASSERT_EQ(page.status, 200);
  const bool last_acknowledged =
      page.body.find("revision " + std::to_string(ledger.last_edit_acknowledged) + "<") != std::string::npos;
  const bool in_flight =
      page.body.find("revision " + std::to_string(ledger.last_edit_attempted) + "<") != std::string::npos;
  EXPECT_TRUE(last_acknowledged || in_flight) << "the page lost revision " << ledger.last_edit_acknowledged;
  // The survivor serves everything, through the balancer and straight.
  for (const std::string target : {"/", "/world/", "/search?q=ferry", "/feed/", "/sitemap.xml", "/healthz"}) {
    EXPECT_EQ(Get(front, target).status, 200) << target;
    EXPECT_EQ(Get(b->port(), target).status, 200) << target;
  }
  EXPECT_GT(ledger.answered_by_balancer, 0);
}

}  // namespace
}  // namespace lede
