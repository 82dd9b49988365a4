#pragma once
// The demo's words: sections, reporters and stories, all written for lede.

#include <span>
#include <string_view>
#include <vector>

namespace lede::demo {

struct SectionText {
  std::string_view name;
  std::string_view description;
  // Paragraphs any story of the section can carry in its Deep Look.
  std::vector<std::string_view> background;
};

struct ReporterText {
  std::string_view name;
  std::string_view bio;
};

struct StoryText {
  int section;  // index into Sections()
  std::string_view headline;
  std::string_view standfirst;
  std::string_view dateline;
  std::vector<std::string_view> quick_looks;
  std::vector<std::string_view> tags;
  std::string_view lede;  // the story's own opening paragraphs (Markdown)
};

std::span<const SectionText> Sections();
std::span<const ReporterText> Reporters();
std::span<const StoryText> Stories();

}  // namespace lede::demo
