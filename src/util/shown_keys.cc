#include "util/shown_keys.h"

#include <algorithm>
#include <string>

namespace lede::util {
namespace {

thread_local ShownKeys* current = nullptr;

}  // namespace

void ShownKeys::Add(std::string_view key) {
  // A page notes a few dozen keys; a linear scan beats hashing them.
  if (std::find(keys_.begin(), keys_.end(), key) == keys_.end()) keys_.emplace_back(key);
}

void NoteShown(std::string_view key) {
  if (current) current->Add(key);
}

void NoteShown(std::string_view prefix, long long id) {
  if (!current) return;
  std::string key;
  key.reserve(prefix.size() + 21);
  key.append(prefix).push_back('-');
  key += std::to_string(id);
  current->Add(key);
}

ShownKeysScope::ShownKeysScope(ShownKeys& keys) : previous_(current) { current = &keys; }

ShownKeysScope::~ShownKeysScope() { current = previous_; }

}  // namespace lede::util
