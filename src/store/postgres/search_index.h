#pragma once
// What PostgreSQL's search reads an article by (search.cc): one
// article_search row per public article, a tsvector weighted A headline,
// B standfirst and Quick Looks, C dateline, tags and bylines, D body.

#include <string>
#include <string_view>

namespace lede::store::postgres {

// `column` with "<" and ">" as two private-use characters: the text search
// parser reads "<gate>" as a tag and drops it (search.cc turns them back).
std::string Bracketed(std::string_view column);

}  // namespace lede::store::postgres
