#pragma once
// An article's content as a WordPress site shows it. WordPress has no
// Quick Looks, dateline, edition or correction, so lede's export writes
// them into the post content around the body, in the places a reader
// expects them (marked with lede-* classes a theme may style):
//
//   <p class="lede-dateline"><strong>SEOUL</strong> — Morning Edition</p>
//   <h2 class="lede-quick-looks">Quick Looks</h2>
//   <ul class="lede-quick-looks"><li>...</li></ul>
//   <h2 class="lede-deep-look">Deep Look</h2>
//   ...the body...
//   <p class="lede-correction"><strong>Correction:</strong> ...</p>
//
// lede's importer takes exactly that back off (the exact values travel in
// _lede_* post meta), so export and import give the same site. Sanitised
// bodies carry no class attributes, so the markers are unambiguous.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lede::importers::wordpress {

struct WxrItem;

struct ArticleExtras {
  std::string dateline;
  std::string edition;
  std::vector<std::string> quick_looks;
  std::string correction;
};

// The post content for `body_html` (sanitised HTML) with its extras.
std::string WrapForWordPress(std::string_view body_html, const ArticleExtras& extras);

// True for an item lede exported (its `_lede_content` meta): its content
// is lede's HTML, wrapped, not WordPress's to convert.
bool IsLedeContent(const WxrItem& item);

// What WrapForWordPress added, taken off again: the body alone. Content
// without the markers comes back as it was.
std::string UnwrapLedeContent(std::string_view content);

// WordPress has no photo credit field: newsrooms end the caption with it,
// "A harbour at dawn (Photo/Jane Doe)". CaptionWithCredit writes that form
// (a credit that names its kind, "Illustration: ...", is kept as it is);
// SplitCredit reads it back into caption and credit, and leaves captions
// whose last parentheses are not a credit alone.
std::string CaptionWithCredit(const std::string& caption, const std::string& credit);
std::pair<std::string, std::string> SplitCredit(const std::string& caption);

// WordPress turns every line break inside a paragraph into <br> when it
// shows classic content (wpautop); HTML treats it as a space. So line
// breaks within text become spaces, except inside <pre>, <textarea> and
// <script> and between two tags.
std::string JoinSoftLineBreaks(std::string_view html);

}  // namespace lede::importers::wordpress
