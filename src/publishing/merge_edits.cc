#include "publishing/merge_edits.h"

#include "publishing/editorial.h"

#include <fmt/format.h>

#include <functional>

namespace lede::publishing {
namespace {

std::string Lines(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += item + "\n";
  return text;
}

std::string Joined(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

std::string LeadText(std::int64_t media_id, std::string_view caption, std::string_view credit,
                     std::string_view alt) {
  if (media_id == 0) return "(none)";
  return fmt::format("image {}\ncaption: {}\ncredit: {}\nalt: {}", media_id, caption, credit, alt);
}

std::string LeadText(const std::optional<LeadImageInput>& lead) {
  if (!lead) return "(none)";
  return LeadText(lead->media_id, lead->caption, lead->credit, lead->alt);
}

// Whether the article is live, waits, or is a draft: a colleague's
// Publish or Unpublish is a change like any other, never undone by a save
// that did not mean to touch it. The time counts only for a scheduled
// article (a published one's is set by the save that publishes it).
std::string StatusText(std::string_view status, std::optional<std::int64_t> at) {
  if (status == "scheduled" && at) return fmt::format("scheduled for {}", *at);
  return std::string(status);
}

// A field a revision keeps in its placement (nullopt in older ones).
template <typename Read>
std::function<std::optional<std::string>(const store::RevisionText&)> Placed(Read read) {
  return [read](const store::RevisionText& revision) -> std::optional<std::string> {
    if (!revision.placement) return std::nullopt;
    return read(*revision.placement);
  };
}

// One field: how to read it as text (from an input, and from a revision
// when revisions keep it) and how to copy it from one input to another.
struct Field {
  std::string_view name;
  std::string_view label;
  std::function<std::string(const ArticleInput&)> text;
  std::function<std::optional<std::string>(const store::RevisionText&)> base;
  std::function<void(ArticleInput&, const ArticleInput&)> copy;
};

const std::vector<Field>& Fields() {
  static const std::vector<Field> fields = {
      {"headline", "Headline", [](const ArticleInput& a) { return a.headline; },
       [](const store::RevisionText& r) { return std::optional(r.headline); },
       [](ArticleInput& to, const ArticleInput& from) { to.headline = from.headline; }},
      {"slug", "Slug", [](const ArticleInput& a) { return a.slug; },
       [](const store::RevisionText& r) { return std::optional(r.slug); },
       [](ArticleInput& to, const ArticleInput& from) { to.slug = from.slug; }},
      {"standfirst", "Standfirst", [](const ArticleInput& a) { return a.standfirst; },
       [](const store::RevisionText& r) { return std::optional(r.standfirst); },
       [](ArticleInput& to, const ArticleInput& from) { to.standfirst = from.standfirst; }},
      {"quick_looks", "Quick Looks", [](const ArticleInput& a) { return Lines(a.quick_looks); },
       [](const store::RevisionText& r) { return std::optional(Lines(r.quick_looks)); },
       [](ArticleInput& to, const ArticleInput& from) { to.quick_looks = from.quick_looks; }},
      {"body", "Deep Look", [](const ArticleInput& a) { return a.body; },
       [](const store::RevisionText& r) { return std::optional(r.body); },
       [](ArticleInput& to, const ArticleInput& from) {
         to.body = from.body;
         to.body_format = from.body_format;
       }},
      {"correction", "Correction", [](const ArticleInput& a) { return a.correction; },
       [](const store::RevisionText& r) { return std::optional(r.correction); },
       [](ArticleInput& to, const ArticleInput& from) { to.correction = from.correction; }},
      {"section", "Section", [](const ArticleInput& a) { return a.section; },
       Placed([](const store::RevisionText::Placement& p) { return p.section; }),
       [](ArticleInput& to, const ArticleInput& from) { to.section = from.section; }},
      {"tags", "Tags", [](const ArticleInput& a) { return Joined(a.tags); },
       Placed([](const store::RevisionText::Placement& p) { return Joined(p.tags); }),
       [](ArticleInput& to, const ArticleInput& from) { to.tags = from.tags; }},
      {"top_story", "Top story", [](const ArticleInput& a) { return std::string(a.top_story ? "yes" : "no"); },
       Placed([](const store::RevisionText::Placement& p) { return std::string(p.top_story ? "yes" : "no"); }),
       [](ArticleInput& to, const ArticleInput& from) { to.top_story = from.top_story; }},
      {"dateline", "Dateline", [](const ArticleInput& a) { return a.dateline; },
       [](const store::RevisionText& r) { return std::optional(r.dateline); },
       [](ArticleInput& to, const ArticleInput& from) { to.dateline = from.dateline; }},
      {"edition", "Edition", [](const ArticleInput& a) { return a.edition; },
       [](const store::RevisionText& r) { return std::optional(r.edition); },
       [](ArticleInput& to, const ArticleInput& from) { to.edition = from.edition; }},
      {"authors", "Authors", [](const ArticleInput& a) { return Joined(a.authors); },
       Placed([](const store::RevisionText::Placement& p) { return Joined(p.authors); }),
       [](ArticleInput& to, const ArticleInput& from) { to.authors = from.authors; }},
      {"lead_image", "Lead image", [](const ArticleInput& a) { return LeadText(a.lead_image); },
       Placed([](const store::RevisionText::Placement& p) {
         return LeadText(p.lead_media_id, p.lead_caption, p.lead_credit, p.lead_alt);
       }),
       [](ArticleInput& to, const ArticleInput& from) { to.lead_image = from.lead_image; }},
      {"status", "Status", [](const ArticleInput& a) { return StatusText(a.status, a.publish_at); },
       [](const store::RevisionText& r) -> std::optional<std::string> {
         if (!r.placement || !r.placement->status) return std::nullopt;
         return StatusText(*r.placement->status, r.placement->published_at);
       },
       [](ArticleInput& to, const ArticleInput& from) {
         to.status = from.status;
         to.publish_at = from.publish_at;
       }},
  };
  return fields;
}

}  // namespace

std::vector<FieldMerge> MergeEdits(const std::optional<store::RevisionText>& base,
                                   const ArticleInput& theirs, ArticleInput& mine) {
  std::vector<FieldMerge> merges;
  for (const Field& field : Fields()) {
    const std::string their_text = field.text(theirs);
    const std::string my_text = field.text(mine);
    if (their_text == my_text) continue;
    const std::optional<std::string> base_text = base ? field.base(*base) : std::nullopt;
    if (base_text && *base_text == their_text) continue;  // only mine changed
    if (base_text && *base_text == my_text) {
      field.copy(mine, theirs);  // only theirs changed: take it
      merges.push_back({field.name, field.label, FieldMerge::Outcome::kTookTheirs, their_text, my_text});
      continue;
    }
    merges.push_back({field.name, field.label, FieldMerge::Outcome::kConflict, their_text, my_text});
  }
  return merges;
}

void TakeTheirs(ArticleInput& mine, const ArticleInput& theirs, const std::set<std::string>& fields) {
  for (const Field& field : Fields()) {
    if (fields.count(std::string(field.name))) field.copy(mine, theirs);
  }
}

std::vector<std::string_view> MergeableFields() {
  std::vector<std::string_view> names;
  for (const Field& field : Fields()) names.push_back(field.name);
  return names;
}

}  // namespace lede::publishing
