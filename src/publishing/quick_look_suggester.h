#pragma once
// Suggests Quick Looks for an article: an extractive summary made inside
// lede, with no network and no model. The body's sentences are ranked by
// TextRank over TF-IDF cosine similarity (a sentence matters when it is
// like many others), nudged towards the lead (news puts the point first)
// and towards the headline's words; the best are taken without repeating
// one another, in the order the body has them, each shortened to the house
// length at a clause boundary.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lede::publishing {

struct SuggestOptions {
  std::size_t min_bullets = 3;
  std::size_t max_bullets = 5;
  std::size_t max_characters = 200;  // per bullet, counted in characters
};

struct Suggestion {
  std::string text;         // the bullet, at most max_characters
  std::size_t sentence = 0; // index of the body sentence it came from
};

// `body_text` is plain text (see PlainTextOfBody). Fewer than min_bullets
// only when the body has fewer usable sentences.
std::vector<Suggestion> SuggestQuickLooks(std::string_view body_text, std::string_view headline,
                                          const SuggestOptions& options = {});

// The body's sentences as the suggester splits them (for tests and the
// measurement of how often it picks a sentence a person chose).
std::vector<std::string> SplitSentences(std::string_view text);

// Plain text of a Markdown body, paragraphs kept apart.
std::string PlainTextOfMarkdown(std::string_view markdown);

// Cuts `sentence` to at most `max_characters` at the last clause boundary
// (", ", "; ", ": ", " - ", " and ", " but ", " while ", " which ") that
// leaves at least a third of the budget, else at a word; ends with ".".
std::string ShortenToClause(std::string_view sentence, std::size_t max_characters);

}  // namespace lede::publishing
