#pragma once
// Deterministic, realistic-looking WordPress post text for the import
// benchmarks (make_wxr writes it into exports; import_bench feeds it to the
// conversion and sanitising steps directly).

#include <string>

namespace lede::bench {

class SyntheticPosts {
 public:
  int Next(int bound) {
    state_ = state_ * 1103515245u + 12345u;
    return static_cast<int>((state_ >> 16) % static_cast<unsigned>(bound));
  }

  std::string Word() { return kWords[Next(kWordCount)]; }

  std::string Sentence(int words) {
    std::string text;
    for (int i = 0; i < words; ++i) {
      if (i) text += ' ';
      text += kWords[Next(kWordCount)];
    }
    text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text + ".";
  }

  std::string Paragraph() {
    std::string text;
    const int sentences = 4 + Next(4);
    for (int i = 0; i < sentences; ++i) text += (i ? " " : "") + Sentence(8 + Next(12));
    return text;
  }

  // Block markup, a Quick Looks list, 5-7 paragraphs, a [caption] and a
  // link to an earlier post (1..`earlier`): about 5.5 KB. Every sixth body
  // also has a table, which the sanitiser's fast path for plain markup
  // declines: about the share of the real exports' bodies (in
  // ../shared/testdata) that need the full HTML5 parse.
  std::string Body(long earlier) {
    std::string body = "<!-- wp:paragraph -->\n<p>" + Paragraph() + "</p>\n<!-- /wp:paragraph -->\n";
    body += "<!-- wp:heading --><h2>Quick Looks</h2><!-- /wp:heading -->\n<ul><li>" + Sentence(7) +
            "</li><li>" + Sentence(6) + "</li><li>" + Sentence(8) + "</li></ul>\n";
    for (int p = 0; p < 4 + Next(3); ++p) body += "<p>" + Paragraph() + "</p>\n";
    body += "[caption id=\"attachment_1\" width=\"600\"]<img src=\"https://gazette.example/a.jpg\" "
            "alt=\"A view\" /> A view of the " + Word() + "[/caption]\n";
    body += "<p>" + Paragraph() + " <a href=\"https://gazette.example/?p=" +
            std::to_string(1 + Next(static_cast<int>(earlier))) + "\">Earlier coverage</a>.</p>\n";
    if (++bodies_ % 6 == 0) {
      body += "<table><tr><th>" + Word() + "</th><th>Votes</th></tr><tr><td>" + Word() + "</td><td>" +
              std::to_string(Next(100000)) + "</td></tr></table>\n";
    }
    return body;
  }

 private:
  static constexpr const char* kWords[] = {
      "council", "harbour", "budget",   "river",    "school",   "market",  "minister",
      "station", "report",  "league",   "festival", "research", "bridge",  "energy",
      "housing", "library", "court",    "village",  "museum",   "airport", "union",
      "forecast", "election", "season", "theatre",  "hospital", "farm",    "trade"};
  static constexpr int kWordCount = sizeof kWords / sizeof kWords[0];
  unsigned state_ = 12345;
  long bodies_ = 0;
};

}  // namespace lede::bench
