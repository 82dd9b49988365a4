#include "store/postgres/change_channel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "store/postgres/connection.h"
#include "support/postgres_database.h"
#include "support/test_util.h"

namespace lede::store::postgres {
namespace {

using testing::PostgresDatabase;
using namespace std::chrono_literals;

// What one listening node was told, recorded by its handlers (which run on
// its listener thread).
struct Heard {
  std::mutex mutex;
  std::vector<std::string> keys;
  int everything = 0;

  ChangeChannel::Handlers Handlers(std::chrono::milliseconds slow = 0ms) {
    return {.drop =
                [this, slow](const std::vector<std::string>& dropped) {
                  // A slow drop: the announcer must still wait for it.
                  std::this_thread::sleep_for(slow);
                  std::lock_guard lock(mutex);
                  keys.insert(keys.end(), dropped.begin(), dropped.end());
                },
            .drop_all =
                [this] {
                  std::lock_guard lock(mutex);
                  ++everything;
                },
            .listening = nullptr};
  }
  std::vector<std::string> Keys() {
    std::lock_guard lock(mutex);
    return keys;
  }
  int Everything() {
    std::lock_guard lock(mutex);
    return everything;
  }
};

class ChangeChannelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LEDE_SKIP_WITHOUT_POSTGRES();
    database_ = PostgresDatabase::Create();
    ASSERT_TRUE(database_);
  }

  std::unique_ptr<ChangeChannel> Listening(Heard& heard, std::chrono::milliseconds slow = 0ms) {
    auto channel = ChangeChannel::Open(database_->url());
    EXPECT_TRUE(channel);
    if (!channel) return nullptr;
    (*channel)->Listen(heard.Handlers(slow));
    EXPECT_TRUE((*channel)->AwaitListening(5s));
    return std::move(*channel);
  }

  // Connections to this test's database, the counting one included.
  std::int64_t Connections() {
    auto connection = Connection::Open(database_->url());
    EXPECT_TRUE(connection);
    if (!connection) return -1;
    auto count = (*connection)
                     ->Prepare("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
                     .value();
    auto row = count->Step();
    return row && *row ? count->Int(0) : -1;
  }

  std::unique_ptr<PostgresDatabase> database_;
};

// Best effort: a write already committed is answered even when the other
// nodes cannot be told (they drop everything once they hear again).
TEST(ChangeChannel, AnUnreachableDatabaseIsAWarningNotAFailure) {
  auto channel = ChangeChannel::Open("postgres://lede@127.0.0.1:1/news");
  ASSERT_TRUE(channel) << "nothing is connected before the first announcement";
  (*channel)->Publish({"article:1"});
  (*channel)->Publish({});
  EXPECT_FALSE((*channel)->AwaitListening(10ms));
}

TEST_F(ChangeChannelTest, AnAnnouncementReturnsOnlyOnceTheOtherNodeDroppedWhatItNamed) {
  Heard heard_a, heard_b;
  auto a = Listening(heard_a);
  auto b = Listening(heard_b, /*slow=*/300ms);
  ASSERT_TRUE(a && b);
  a->Publish({"article:1", "section:world"});
  EXPECT_EQ(heard_b.Keys(), (std::vector<std::string>{"article:1", "section:world"}));
  EXPECT_TRUE(heard_a.Keys().empty()) << "a node is not told its own announcements";
  EXPECT_EQ(heard_b.Everything(), 0);
}

TEST_F(ChangeChannelTest, ACommandThatDoesNotListenStillWaitsForTheNodes) {
  Heard heard;
  auto node = Listening(heard, /*slow=*/300ms);
  ASSERT_TRUE(node);
  auto command = ChangeChannel::Open(database_->url());  // lede import: no Listen
  ASSERT_TRUE(command);
  (*command)->Publish({});
  EXPECT_EQ(heard.Everything(), 1);
}

TEST_F(ChangeChannelTest, TooManyKeysForOneNotificationAreEverything) {
  Heard heard;
  auto node = Listening(heard);
  auto writer = ChangeChannel::Open(database_->url());
  ASSERT_TRUE(node && writer);
  std::vector<std::string> keys;
  for (int i = 0; i < 1000; ++i) keys.push_back("article:" + std::to_string(100000 + i));
  (*writer)->Publish(keys);
  EXPECT_EQ(heard.Everything(), 1);
  EXPECT_TRUE(heard.Keys().empty());
}

// Most commands (lede user add, token list) announce nothing: they open
// no connection for it.
TEST_F(ChangeChannelTest, OpensAConnectionOnlyToAnnounce) {
  const auto before = Connections();
  auto channel = ChangeChannel::Open(database_->url());
  ASSERT_TRUE(channel);
  EXPECT_EQ(Connections(), before);
  (*channel)->Publish({"article:1"});
  EXPECT_EQ(Connections(), before + 1);
}

TEST_F(ChangeChannelTest, AwaitListeningSaysWhetherTheListenerIsUp) {
  auto channel = ChangeChannel::Open(database_->url());
  ASSERT_TRUE(channel);
  EXPECT_FALSE((*channel)->AwaitListening(50ms)) << "Listen was never called";
  Heard heard;
  (*channel)->Listen(heard.Handlers());
  EXPECT_TRUE((*channel)->AwaitListening(5s));
}

}  // namespace
}  // namespace lede::store::postgres
