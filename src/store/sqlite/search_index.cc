// The index's text: what a reader would read in each field, reduced to
// words. Bodies here are the sanitiser's output (well formed, quoted
// attributes), so dropping tags needs no HTML5 parse: that is done once,
// when the body is saved. Only the words matter to the index, so a
// reference it does not know becomes a space, not an error.
#include "store/sqlite/search_index.h"

#include "store/sqlite/search_query.h"
#include "store/sqlite/search_rank.h"
#include "store/sqlite/search_tokens.h"

#include <cstring>

#include "util/strings.h"

namespace lede::store::sqlite {
namespace {

// A decoded reference's character; a space for what no text may hold (NUL,
// surrogates, past U+10FFFF, control characters).
void AppendCodePoint(std::string& out, unsigned long code) {
  if (code < 0x20 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
    out += ' ';
  } else {
    util::AppendUtf8(out, static_cast<char32_t>(code));
  }
}

// Decodes the reference at text[i] ('&'), appending it; returns the index
// after it.
std::size_t DecodeReference(std::string_view text, std::size_t i, std::string& out) {
  const std::size_t end = text.find(';', i);
  if (end == std::string_view::npos || end - i > 12) {
    out += ' ';
    return i + 1;
  }
  const std::string_view name = text.substr(i + 1, end - i - 1);
  static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
      {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "},
      {"rsquo", "\u2019"}, {"lsquo", "\u2018"}, {"hellip", "\u2026"}};
  if (!name.empty() && name[0] == '#') {
    const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    const std::string digits(name.substr(hex ? 2 : 1));
    char* parsed_end = nullptr;
    const unsigned long code = std::strtoul(digits.c_str(), &parsed_end, hex ? 16 : 10);
    if (digits.empty() || *parsed_end != '\0') {
      out += ' ';
    } else {
      AppendCodePoint(out, code);
    }
    return end + 1;
  }
  for (const auto& [known, value] : kNamed) {
    if (name == known) {
      out += value;
      return end + 1;
    }
  }
  out += ' ';
  return end + 1;
}

void SearchTextFunction(sqlite3_context* context, int, sqlite3_value** argv) {
  const auto* text = sqlite3_value_text(argv[0]);
  if (!text) {
    sqlite3_result_text(context, "", 0, SQLITE_STATIC);
    return;
  }
  const std::string result =
      SearchTextOf(std::string_view(reinterpret_cast<const char*>(text),
                                    static_cast<std::size_t>(sqlite3_value_bytes(argv[0]))),
                   sqlite3_value_int(argv[1]) != 0);
  sqlite3_result_text(context, result.data(), static_cast<int>(result.size()), SQLITE_TRANSIENT);
}

}  // namespace

std::string SearchTextOf(std::string_view text, bool is_html) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (is_html && c == '<') {
      // A tag ends at the first '>' outside a quoted attribute value. Its
      // place becomes a space: tags mostly end words (paragraphs, items).
      char quote = 0;
      std::size_t j = i + 1;
      for (; j < text.size(); ++j) {
        if (quote) {
          if (text[j] == quote) quote = 0;
        } else if (text[j] == '"' || text[j] == '\'') {
          quote = text[j];
        } else if (text[j] == '>') {
          break;
        }
      }
      out += ' ';
      i = j + 1;
    } else if (is_html && c == '&') {
      i = DecodeReference(text, i, out);
    } else {
      out += static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? ' ' : c;
      ++i;
    }
  }
  return out;
}

Status RegisterSearchFunctions(sqlite3* db) {
  const int code = sqlite3_create_function_v2(
      db, "lede_search_text", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
      SearchTextFunction, nullptr, nullptr, nullptr);
  if (code != SQLITE_OK) {
    return MakeError(ErrorCode::kInternal, "cannot register lede_search_text");
  }
  return RegisterRankFunctions(db);
}

Status ReindexArticle(Database& db, std::int64_t article_id) {
  LEDE_TRY(auto remove, db.Prepare("DELETE FROM article_search WHERE rowid = ?1"));
  LEDE_TRY(remove->Bind(1, article_id).Run());
  LEDE_TRY(auto insert, db.Prepare(
      "INSERT INTO article_search (rowid, headline, standfirst, quick_looks, body, keywords) "
      "SELECT id, headline, standfirst, quick_looks, body, keywords FROM article_search_source "
      "WHERE id = ?1"));
  LEDE_TRY(insert->Bind(1, article_id).Run());
  // Its words join the vocabulary that prefixes expand from.
  LEDE_TRY(auto text, db.Prepare(
      "SELECT headline, standfirst, quick_looks, body, keywords FROM article_search WHERE rowid = ?1"));
  text->Bind(1, article_id);
  LEDE_TRY(bool indexed, text->Step());
  if (!indexed) return {};
  std::vector<std::string> texts;
  for (int column = 0; column < 5; ++column) texts.push_back(text->Text(column));
  text->Reset();
  LEDE_TRY(const auto tokenizer, SearchTokenizer::Open(db.raw()));
  return AddToVocabulary(db, *tokenizer, texts);
}

}  // namespace lede::store::sqlite
