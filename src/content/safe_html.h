#pragma once
// SafeHtml is markup that a page may include unescaped. Only the sanitiser
// and the Markdown renderer (publishing/) make one from text, and a store
// gives back as one what it stored as one; every other piece of code can
// copy and read a SafeHtml but not make one. So a new way into the store (a
// restore, an API, an import) cannot skip the sanitiser by mistake: it has
// no other way to get a body to store.

#include <string>
#include <string_view>
#include <utility>

namespace lede::publishing {
struct SafeHtmlMint;
}
namespace lede::store {
struct SafeHtmlStorage;
}

namespace lede::content {

class SafeHtml {
 public:
  SafeHtml() = default;  // empty markup is safe

  const std::string& str() const { return html_; }
  std::string_view view() const { return html_; }
  bool empty() const { return html_.empty(); }
  bool operator==(const SafeHtml&) const = default;

 private:
  friend struct publishing::SafeHtmlMint;
  friend struct store::SafeHtmlStorage;
  explicit SafeHtml(std::string html) : html_(std::move(html)) {}

  std::string html_;
};

}  // namespace lede::content
