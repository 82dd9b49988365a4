// Search at scale: builds a site of N generated articles whose words follow
// a Zipf distribution over a 40,000-word vocabulary (as words in real text
// do: a few in every article, most in few), then times 1,000 mixed reader
// queries in-process through Catalog::Search (what the page and the API
// call) and writes them out for the HTTP run (bench/search).
//   search_bench DATA_DIR [ARTICLES] [QUERIES_FILE]

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <random>

#include "app/app.h"
#include "publishing/html_sanitizer.h"

namespace {

using lede::content::Article;

class Words {
 public:
  explicit Words(std::mt19937& random) : random_(random) {
    static constexpr const char* kSyllables[] = {
        "ka", "ri", "to", "men", "sa", "lo", "ver", "an", "do", "pe", "gu", "ta", "lin", "mo",
        "ber", "che", "ste", "ul", "ni", "ra", "fo", "dri", "el", "quo", "zan", "bi", "wes", "ho"};
    std::uniform_int_distribution<int> syllable(0, std::size(kSyllables) - 1), length(2, 4);
    std::map<std::string, bool> seen;
    while (vocabulary_.size() < 40000) {
      std::string word;
      for (int i = length(random_); i > 0; --i) word += kSyllables[syllable(random_)];
      if (!seen[word]) {
        seen[word] = true;
        vocabulary_.push_back(word);
      }
    }
    double total = 0;
    for (std::size_t rank = 0; rank < vocabulary_.size(); ++rank) {
      total += 1.0 / std::pow(rank + 1.0, 1.05);
      cumulative_.push_back(total);
    }
  }
  const std::string& Zipf() {
    std::uniform_real_distribution<double> pick(0, cumulative_.back());
    const auto it = std::lower_bound(cumulative_.begin(), cumulative_.end(), pick(random_));
    return vocabulary_[static_cast<std::size_t>(it - cumulative_.begin())];
  }
  // A word whose rank is log-uniform in [low, high): topics, not glue.
  const std::string& Ranked(int low, int high) {
    std::uniform_real_distribution<double> pick(std::log(low), std::log(high));
    return vocabulary_[static_cast<std::size_t>(std::exp(pick(random_)))];
  }
  std::string Sentence(int words) {
    std::string text;
    for (int i = 0; i < words; ++i) text += (i ? " " : "") + Zipf();
    text[0] = static_cast<char>(std::toupper(text[0]));
    return text;
  }

 private:
  std::mt19937& random_;
  std::vector<std::string> vocabulary_;
  std::vector<double> cumulative_;
};

struct Query {
  std::string kind;
  std::string url_query;  // q=...&section=...
  lede::publishing::SearchRequest request;
};

std::string Encode(std::string_view text) {
  std::string out;
  for (char c : text) out += c == ' ' ? std::string("%20") : c == '"' ? std::string("%22") : std::string(1, c);
  return out;
}

double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<std::size_t>(p * values.size()))];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: search_bench DATA_DIR [ARTICLES] [QUERIES_FILE]\n");
    return 2;
  }
  const int count = argc > 2 ? std::atoi(argv[2]) : 100000;
  auto opened = lede::app::App::Open({.data_dir = argv[1]});
  if (!opened) {
    std::fprintf(stderr, "%s\n", opened.error().message.c_str());
    return 1;
  }
  auto& app = **opened;
  auto& store = app.store();
  std::mt19937 random(20261202);
  Words words(random);
  // A data dir already built with these articles is reused: the same text
  // is generated (so the queries are the same) but not stored again.
  auto existing = store.CountArticles();
  const bool reuse = existing && *existing == count;
  std::vector<std::int64_t> sections;
  for (const char* name : {"World", "Politics", "Business", "Science", "Culture", "Sport"}) {
    auto section = reuse ? store.FindSection(lede::util::ToLowerAscii(name))
                         : store.CreateSection({0, name, lede::util::ToLowerAscii(name), "", 0});
    if (!section) {
      std::fprintf(stderr, "%s\n", section.error().message.c_str());
      return 1;
    }
    sections.push_back(section->id);
  }
  std::vector<std::string> headlines;
  const auto start = std::chrono::steady_clock::now();
  const std::int64_t first_time = 1'500'000'000;
  for (int done = 0; done < count;) {
    auto batch = store.BeginBatch();
    if (!batch) {
      std::fprintf(stderr, "%s\n", batch.error().message.c_str());
      return 1;
    }
    for (int i = 0; i < 1000 && done < count; ++i, ++done) {
      Article article;
      article.headline = words.Sentence(8 + static_cast<int>(random() % 5));
      article.slug = fmt::format("article-{}", done + 1);
      article.standfirst = words.Sentence(20 + static_cast<int>(random() % 10)) + ".";
      for (int q = 0; q < 3; ++q) article.quick_looks.push_back(words.Sentence(10) + ".");
      std::string body;
      for (int p = 0; p < 6; ++p) body += "<p>" + words.Sentence(90 + static_cast<int>(random() % 40)) + ".</p>\n";
      article.body_markdown = body;
      article.body_format = lede::content::BodyFormat::kHtml;
      article.body_html = lede::publishing::SanitizeHtml(body);
      article.section_id = sections[random() % sections.size()];
      article.status = lede::content::ArticleStatus::kPublished;
      article.published_at = first_time + done * 3000;
      article.created_at = *article.published_at;
      if (auto saved = reuse ? lede::Result<Article>(article) : store.CreateArticle(article); !saved) {
        std::fprintf(stderr, "%s\n", saved.error().message.c_str());
        return 1;
      }
      if (headlines.size() < 2000) headlines.push_back(article.headline);
    }
    if (auto committed = (*batch)->Commit(); !committed) {
      std::fprintf(stderr, "%s\n", committed.error().message.c_str());
      return 1;
    }
  }
  const double build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  // Index size: the FTS5 tables' pages, over the articles.
  sqlite3* db = nullptr;
  sqlite3_open_v2((std::string(argv[1]) + "/lede.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT SUM(pgsize), SUM(CASE WHEN name = 'article_search_content' THEN pgsize END) "
                     "FROM dbstat WHERE name LIKE 'article_search%'",
                     -1, &stmt, nullptr);
  sqlite3_step(stmt);
  const double index_bytes = sqlite3_column_double(stmt, 0), content_bytes = sqlite3_column_double(stmt, 1);
  sqlite3_finalize(stmt);
  sqlite3_close(db);

  // The mix: what readers type, mostly topic words.
  std::vector<Query> queries;
  const char* section_slugs[] = {"world", "politics", "business", "science", "culture", "sport"};
  for (int i = 0; i < 1000; ++i) {
    const int roll = static_cast<int>(random() % 100);
    Query query;
    std::string text;
    if (roll < 35) {
      query.kind = "one word";
      text = words.Ranked(20, 20000);
    } else if (roll < 55) {
      query.kind = "two words";
      text = words.Ranked(20, 20000) + " " + words.Ranked(20, 20000);
    } else if (roll < 65) {
      query.kind = "three words";
      text = words.Ranked(10, 5000) + " " + words.Ranked(10, 5000) + " " + words.Ranked(10, 5000);
    } else if (roll < 75) {
      query.kind = "quoted phrase";
      std::string headline = headlines[random() % headlines.size()];
      std::transform(headline.begin(), headline.end(), headline.begin(), ::tolower);
      std::vector<std::string> parts;
      for (auto part : lede::util::Split(headline, ' ')) parts.emplace_back(part);
      const std::size_t at = random() % (parts.size() - 1);
      text = "\"" + parts[at] + " " + parts[at + 1] + "\"";
    } else if (roll < 85) {
      query.kind = "prefix";
      const std::string& word = words.Ranked(20, 20000);
      text = word.substr(0, std::min<std::size_t>(word.size(), 3 + random() % 4));
    } else if (roll < 90) {
      query.kind = "common word";
      text = words.Ranked(1, 20);
    } else if (roll < 95) {
      query.kind = "word in a section";
      text = words.Ranked(20, 20000);
      query.request.section = section_slugs[random() % 6];
    } else {
      query.kind = "typo";
      text = words.Ranked(100, 5000);
      text.insert(text.size() / 2, "q");
    }
    query.request.text = text;
    query.url_query = "q=" + Encode(text);
    if (!query.request.section.empty()) query.url_query += "&section=" + query.request.section;
    queries.push_back(std::move(query));
  }
  if (argc > 3) {
    std::ofstream out(argv[3]);
    for (const auto& query : queries) out << "/search?" << query.url_query << "\n";
  }

  // Warm once (as a running server is), then time each query.
  for (const auto& query : queries) (void)app.catalog().Search(query.request);
  std::vector<double> all;
  std::map<std::string, std::vector<double>> by_kind;
  std::int64_t hits = 0;
  for (const auto& query : queries) {
    const auto t0 = std::chrono::steady_clock::now();
    auto result = app.catalog().Search(query.request);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (!result) {
      std::fprintf(stderr, "%s: %s\n", query.request.text.c_str(), result.error().message.c_str());
      return 1;
    }
    hits += result->result.total;
    all.push_back(ms);
    by_kind[query.kind].push_back(ms);
  }
  // Related coverage, as every article page asks for it: 200 articles
  // spread over the archive.
  std::vector<double> related_ms;
  std::size_t related_found = 0;
  for (int i = 0; i < 200; ++i) {
    auto article = store.FindArticle(1 + static_cast<std::int64_t>(i) * (count / 200));
    if (!article) continue;
    const auto t0 = std::chrono::steady_clock::now();
    auto related = store.FindRelated(*article, {}, 4, first_time + 3000LL * count);
    related_ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    if (related) related_found += related->size();
  }
  std::printf("built %d articles in %.1f s (%.0f articles/s, indexing included)\n", count, build_seconds,
              count / build_seconds);
  std::printf("search index: %.1f MiB, %.0f bytes per article (%.0f of them the indexed text itself)\n",
              index_bytes / 1048576, index_bytes / count, content_bytes / count);
  std::printf("1000 queries in-process (Catalog::Search): p50 %.2f ms, p99 %.2f ms, max %.2f ms, "
              "mean matches %.0f\n",
              Percentile(all, 0.5), Percentile(all, 0.99), Percentile(all, 1.0),
              static_cast<double>(hits) / all.size());
  std::printf("related coverage for 200 articles (Store::FindRelated): p50 %.2f ms, p99 %.2f ms, "
              "%.1f found on average\n",
              Percentile(related_ms, 0.5), Percentile(related_ms, 0.99),
              static_cast<double>(related_found) / std::max<std::size_t>(1, related_ms.size()));
  for (const auto& [kind, times] : by_kind) {
    std::printf("  %-18s %4zu queries  p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms\n", kind.c_str(),
                times.size(), Percentile(times, 0.5), Percentile(times, 0.99), Percentile(times, 1.0));
  }
  return 0;
}
