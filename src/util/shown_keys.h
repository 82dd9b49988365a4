#pragma once
// What a response shows, as content keys ("article-12", "section-3",
// "latest"): the code that loads or renders something notes its key, and
// the page cache files the finished response under every key noted while
// it was made, so a change to one thing drops exactly the responses that
// show it. Recording is per thread: a handler runs on one thread from call
// to answer.

#include <string>
#include <string_view>
#include <vector>

namespace lede::util {

class ShownKeys {
 public:
  // Keys in the order first noted, each once.
  const std::vector<std::string>& keys() const { return keys_; }
  void Add(std::string_view key);

 private:
  std::vector<std::string> keys_;
};

// Notes `key` for the response being made on this thread; nothing when no
// ShownKeysScope is open (tools, tests, the newsroom).
void NoteShown(std::string_view key);
// "prefix-<id>", the common shape.
void NoteShown(std::string_view prefix, long long id);

// Records into `keys` until destroyed. Scopes nest; the innermost records.
class ShownKeysScope {
 public:
  explicit ShownKeysScope(ShownKeys& keys);
  ~ShownKeysScope();
  ShownKeysScope(const ShownKeysScope&) = delete;
  ShownKeysScope& operator=(const ShownKeysScope&) = delete;

 private:
  ShownKeys* previous_;
};

}  // namespace lede::util
