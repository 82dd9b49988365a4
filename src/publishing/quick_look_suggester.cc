#include "publishing/quick_look_suggester.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "publishing/html_sanitizer.h"
#include "publishing/markdown.h"
#include "util/strings.h"

namespace lede::publishing {
namespace {

using Vector = std::unordered_map<std::string, double>;

const std::unordered_set<std::string_view>& StopWords() {
  static const std::unordered_set<std::string_view> kWords = {
      "a", "about", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
      "as", "at", "be", "because", "been", "before", "being", "between", "both", "but", "by",
      "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for",
      "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him",
      "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "last", "more",
      "most", "much", "my", "new", "no", "nor", "not", "now", "of", "off", "on", "once", "one",
      "only", "or", "other", "our", "out", "over", "own", "said", "same", "says", "she", "should",
      "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these",
      "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was",
      "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
      "with", "would", "year", "years", "you", "your"};
  return kWords;
}

// Lowercased words of letters and digits, stop words and one-letter words
// dropped, a plural "s" folded so "ferries"/"ferry" stay apart but
// "routes"/"route" meet.
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (word.size() > 1 && !StopWords().contains(word)) {
      if (word.size() > 3 && word.back() == 's' && word[word.size() - 2] != 's') word.pop_back();
      words.push_back(word);
    }
    word.clear();
  };
  for (char ch : text) {
    const auto byte = static_cast<unsigned char>(ch);
    if (std::isalnum(byte) || byte >= 0x80) {
      word += static_cast<char>(byte < 0x80 ? std::tolower(byte) : byte);
    } else if (ch != '\'') {
      flush();
    }
  }
  flush();
  return words;
}

double Cosine(const Vector& a, const Vector& b) {
  double dot = 0, na = 0, nb = 0;
  for (const auto& [word, weight] : a) {
    na += weight * weight;
    if (auto it = b.find(word); it != b.end()) dot += weight * it->second;
  }
  for (const auto& [word, weight] : b) nb += weight * weight;
  return na > 0 && nb > 0 ? dot / std::sqrt(na * nb) : 0;
}

bool IsAbbreviation(std::string_view before) {
  // The word that ends with the full stop.
  const auto space = before.find_last_of(" \n(");
  const std::string word =
      util::ToLowerAscii(space == std::string_view::npos ? before : before.substr(space + 1));
  static const std::unordered_set<std::string> kAbbreviations = {
      "mr", "mrs", "ms", "dr", "prof", "st", "gen", "gov", "sen", "rep", "jr", "sr", "inc",
      "ltd", "co", "corp", "no", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "a.m", "p.m", "jan",
      "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec"};
  return (word.size() == 1 && std::isalpha(static_cast<unsigned char>(word[0]))) ||
         kAbbreviations.contains(word);
}

}  // namespace

std::vector<std::string> SplitSentences(std::string_view text) {
  std::vector<std::string> sentences;
  std::string current;
  auto flush = [&] {
    const auto trimmed = util::Trim(current);
    if (!trimmed.empty()) sentences.emplace_back(trimmed);
    current.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch == '\n') {
      // A paragraph ends a sentence; a single line break does not.
      if (i + 1 < text.size() && text[i + 1] == '\n') {
        flush();
      } else {
        current += ' ';
      }
      continue;
    }
    current += ch;
    // CJK full stops and marks end a sentence by themselves.
    for (std::string_view mark : {"。", "！", "？"}) {
      if (current.size() >= mark.size() && current.ends_with(mark)) flush();
    }
    if (ch != '.' && ch != '!' && ch != '?') continue;
    // "Dr." and "U.S." do not end a sentence.
    if (ch == '.' && IsAbbreviation(std::string_view(current).substr(0, current.size() - 1))) {
      continue;
    }
    // A stop inside a word ("3.5", "lede.news") is not an end.
    if (i + 1 < text.size() && std::isalnum(static_cast<unsigned char>(text[i + 1]))) continue;
    // Closing quotes and brackets belong to the sentence they end.
    std::size_t next = i + 1;
    while (next < text.size()) {
      if (text[next] == '"' || text[next] == ')' || text[next] == '\'') {
        current += text[next++];
      } else if (text.substr(next, 3) == "\u201d" || text.substr(next, 3) == "\u2019") {
        current += text.substr(next, 3);
        next += 3;
      } else {
        break;
      }
    }
    i = next - 1;
    flush();
  }
  flush();
  return sentences;
}

std::string PlainTextOfMarkdown(std::string_view markdown) {
  // Each block becomes its own paragraph, so headings and list items are
  // never glued to the next sentence.
  std::string text;
  for (auto block : util::Split(markdown, '\n')) {
    const auto line = util::Trim(block);
    if (line.empty()) continue;
    text += HtmlToText(RenderMarkdown(line).str());
    text += "\n\n";
  }
  return text;
}

std::string ShortenToClause(std::string_view sentence, std::size_t max_characters) {
  std::string text(util::Trim(sentence));
  // Character count to byte offset.
  std::size_t characters = 0, cut = text.size();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (characters == max_characters) {
        cut = i;
        break;
      }
      ++characters;
    }
  }
  if (cut == text.size()) return text;
  const std::string_view head = std::string_view(text).substr(0, cut - 1);
  std::size_t best = std::string_view::npos;
  for (std::string_view boundary : {", ", "; ", ": ", " - ", " \u2014 ", " and ", " but ",
                                    " while ", " which ", " after ", " because "}) {
    const auto at = head.rfind(boundary);
    if (at != std::string_view::npos && at >= cut / 3 && (best == std::string_view::npos || at > best)) {
      best = at;
    }
  }
  if (best == std::string_view::npos) best = head.rfind(' ');
  if (best == std::string_view::npos) best = head.size();
  std::string shortened(util::Trim(head.substr(0, best)));
  while (!shortened.empty() && std::string_view(",;:-").find(shortened.back()) != std::string_view::npos) {
    shortened.pop_back();
  }
  return shortened + ".";
}

std::vector<Suggestion> SuggestQuickLooks(std::string_view body_text, std::string_view headline,
                                          const SuggestOptions& options) {
  const std::vector<std::string> sentences = SplitSentences(body_text);
  const std::size_t n = sentences.size();
  if (n == 0) return {};
  // TF-IDF per sentence.
  std::vector<std::vector<std::string>> words(n);
  std::unordered_map<std::string, int> document_frequency;
  for (std::size_t i = 0; i < n; ++i) {
    words[i] = Words(sentences[i]);
    std::unordered_set<std::string> seen(words[i].begin(), words[i].end());
    for (const auto& word : seen) ++document_frequency[word];
  }
  std::vector<Vector> vectors(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (const auto& word : words[i]) vectors[i][word] += 1;
    for (auto& [word, weight] : vectors[i]) {
      weight *= std::log(1.0 + static_cast<double>(n) / document_frequency[word]);
    }
  }
  // TextRank: PageRank over the similarity graph.
  std::vector<std::vector<double>> similarity(n, std::vector<double>(n, 0));
  std::vector<double> out_weight(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      similarity[i][j] = similarity[j][i] = Cosine(vectors[i], vectors[j]);
    }
    out_weight[i] = std::accumulate(similarity[i].begin(), similarity[i].end(), 0.0);
  }
  constexpr double kDamping = 0.85;
  std::vector<double> rank(n, 1.0 / static_cast<double>(n));
  for (int iteration = 0; iteration < 50; ++iteration) {
    std::vector<double> next(n, (1 - kDamping) / static_cast<double>(n));
    for (std::size_t j = 0; j < n; ++j) {
      if (out_weight[j] == 0) continue;
      for (std::size_t i = 0; i < n; ++i) {
        next[i] += kDamping * rank[j] * similarity[j][i] / out_weight[j];
      }
    }
    rank = std::move(next);
  }
  // Lead and headline nudges; too short or too long sentences lose.
  Vector headline_vector;
  for (const auto& word : Words(headline)) headline_vector[word] += 1;
  std::vector<double> score(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double lead = 1.0 / (1.0 + static_cast<double>(i));
    score[i] = rank[i] * static_cast<double>(n) + 0.6 * lead + 0.8 * Cosine(vectors[i], headline_vector);
    if (words[i].size() < 4) score[i] *= 0.3;
    if (sentences[i].ends_with('?')) score[i] *= 0.5;
  }
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return score[a] > score[b]; });
  // About one bullet per four sentences, within the house range.
  const std::size_t wanted =
      std::clamp<std::size_t>((n + 3) / 4, options.min_bullets, options.max_bullets);
  std::vector<std::size_t> chosen;
  for (std::size_t index : order) {
    if (chosen.size() >= wanted) break;
    if (words[index].size() < 3) continue;
    const bool repeats = std::any_of(chosen.begin(), chosen.end(), [&](std::size_t other) {
      return similarity[index][other] > 0.5;
    });
    if (!repeats) chosen.push_back(index);
  }
  // A body that keeps saying one thing still gets the house minimum.
  for (std::size_t index : order) {
    if (chosen.size() >= options.min_bullets) break;
    if (words[index].size() < 3 ||
        std::find(chosen.begin(), chosen.end(), index) != chosen.end()) {
      continue;
    }
    chosen.push_back(index);
  }
  std::sort(chosen.begin(), chosen.end());
  std::vector<Suggestion> suggestions;
  for (std::size_t index : chosen) {
    suggestions.push_back({ShortenToClause(sentences[index], options.max_characters), index});
  }
  return suggestions;
}

}  // namespace lede::publishing
