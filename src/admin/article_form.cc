#include "admin/article_form.h"

#include <fmt/format.h>

#include <algorithm>

#include "content/quick_looks.h"
#include "admin/word_diff.h"
#include "media/library.h"
#include "util/strings.h"
#include "util/time.h"

namespace lede::admin {

publishing::ArticleInput ArticleFromForm(const http::Request& request, const util::TimeZone& zone) {
  publishing::ArticleInput input;
  auto field = [&](std::string_view name) { return request.FormField(name).value_or(""); };
  input.headline = field("headline");
  input.slug = std::string(util::Trim(field("slug")));
  input.standfirst = field("standfirst");
  input.body = field("body");
  // Browsers send CR LF in textareas; the stored Markdown keeps LF.
  std::erase(input.body, '\r');
  input.body_format = field("body_format") == "html" ? "html" : "markdown";
  for (auto& look : request.FormFields("quick_look")) {
    if (!util::Trim(look).empty()) input.quick_looks.push_back(std::move(look));
  }
  input.section = field("section");
  const std::string tags = field("tags");  // outlives the views Split makes
  for (auto tag : util::Split(tags, ',')) {
    if (!util::Trim(tag).empty()) input.tags.emplace_back(util::Trim(tag));
  }
  for (auto& author : request.FormFields("authors")) {
    if (!util::Trim(author).empty()) input.authors.push_back(std::move(author));
  }
  input.dateline = field("dateline");
  input.edition = field("edition");
  input.top_story = !field("top_story").empty();
  input.correction = field("correction");
  if (auto media_id = util::ParseInt(field("lead_media_id")); media_id && *media_id > 0) {
    input.lead_image = publishing::LeadImageInput{*media_id, field("lead_caption"),
                                                  field("lead_credit"), field("lead_alt")};
  }
  const std::string action = field("action");
  input.status = action == "publish"    ? "published"
                 : action == "schedule" ? "scheduled"
                 : action == "save"     ? field("current_status")
                                        : "draft";
  if (input.status.empty() || action == "unpublish") input.status = "draft";
  if (auto time = zone.ParseLocal(field("publish_at"))) input.publish_at = *time;
  if (auto version = util::ParseInt(field("version"))) input.version = *version;
  return input;
}

std::string FormWithout(std::string_view body, std::initializer_list<std::string_view> names) {
  std::string kept;
  for (auto pair : util::Split(body, '&')) {
    const auto name = util::UrlDecode(pair.substr(0, pair.find('=')), true);
    if (!name || std::find(names.begin(), names.end(), *name) != names.end()) continue;
    kept += (kept.empty() ? "" : "&") + std::string(pair);
  }
  return kept;
}

std::set<std::string> TheirsChosen(const http::Request& request) {
  std::set<std::string> fields;
  for (const std::string_view name : publishing::MergeableFields()) {
    if (request.FormField("merge_" + std::string(name)) == "theirs") fields.emplace(name);
  }
  return fields;
}

theme::Data ConflictData(const publishing::Reconciled& reconciled) {
  theme::Data conflict;
  conflict.set("version", std::to_string(reconciled.stored.version));
  theme::Data taken{theme::Data::type::list};
  theme::Data clashes{theme::Data::type::list};
  for (const auto& field : reconciled.fields) {
    theme::Data item;
    item.set("field", std::string(field.field));
    item.set("label", std::string(field.label));
    if (field.outcome == publishing::FieldMerge::Outcome::kTookTheirs) {
      taken.push_back(item);
      continue;
    }
    // Theirs struck through where it differs, the editor's underlined.
    item.set("diff", DiffHtml(DiffWords(field.theirs, field.mine)));
    item.set("theirs", field.theirs);
    clashes.push_back(item);
  }
  conflict.set("taken", taken);
  conflict.set("has_taken", !taken.is_empty_list());
  conflict.set("fields", clashes);
  return conflict;
}

theme::Data ArticleFormData(const publishing::ArticleInput& input, store::Store& store,
                            const util::TimeZone& zone, const Error* error) {
  theme::Data form;
  form.set("headline", input.headline);
  form.set("slug", input.slug);
  form.set("standfirst", input.standfirst);
  form.set("body", input.body);
  form.set("body_format", input.body_format);
  form.set("is_html", input.body_format == "html");
  form.set("dateline", input.dateline);
  form.set("edition", input.edition);
  form.set("top_story", input.top_story);
  form.set("correction", input.correction);
  form.set("current_status", input.status);
  form.set("zone", zone.name());
  if (input.version) form.set("version", std::to_string(*input.version));
  if (input.publish_at) {
    // datetime-local wants "YYYY-MM-DDTHH:MM", in the site's zone.
    form.set("publish_at", zone.FormatLocalInput(*input.publish_at));
  }
  std::string tags;
  for (const auto& tag : input.tags) tags += (tags.empty() ? "" : ", ") + tag;
  form.set("tags", tags);

  // Eight slots: the bullets written, then empty ones to add (without
  // JavaScript a form cannot grow).
  theme::Data looks{theme::Data::type::list};
  for (std::size_t i = 0; i < content::kMaxQuickLooksToPublish; ++i) {
    theme::Data look;
    look.set("number", std::to_string(i + 1));
    look.set("text", i < input.quick_looks.size() ? input.quick_looks[i] : "");
    look.set("count", std::to_string(i < input.quick_looks.size()
                                         ? content::CountCharacters(input.quick_looks[i])
                                         : 0));
    looks.push_back(look);
  }
  form.set("quick_looks", looks);
  form.set("max_look", std::to_string(content::kMaxQuickLookCharacters));

  theme::Data sections{theme::Data::type::list};
  for (const auto& section : store.ListSections().value_or(std::vector<content::Section>{})) {
    theme::Data option;
    option.set("slug", section.slug);
    option.set("name", section.name);
    option.set("selected", section.slug == input.section);
    sections.push_back(option);
  }
  form.set("sections", sections);
  theme::Data authors{theme::Data::type::list};
  for (const auto& author : store.ListAuthors().value_or(std::vector<content::Author>{})) {
    theme::Data option;
    option.set("slug", author.slug);
    option.set("name", author.name);
    option.set("checked", std::find(input.authors.begin(), input.authors.end(), author.slug) !=
                              input.authors.end());
    authors.push_back(option);
  }
  form.set("authors", authors);

  if (input.lead_image) {
    theme::Data lead;
    lead.set("media_id", std::to_string(input.lead_image->media_id));
    lead.set("caption", input.lead_image->caption);
    lead.set("credit", input.lead_image->credit);
    lead.set("alt", input.lead_image->alt);
    if (auto media = store.FindMedia(input.lead_image->media_id);
        media && !media->widths.empty()) {
      // The 960 variant where there is one: the panel is 20rem wide, on a
      // phone the screen's width.
      const int width = media->widths.size() > 1 ? media->widths[1] : media->widths.front();
      lead.set("thumb", "/media/" + media::VariantPath(*media, width));
    }
    form.set("lead", lead);
  }
  if (error) {
    form.set("error", error->message);
    std::string field = error->field;
    if (field.starts_with("lead_image")) field = field == "lead_image" ? "lead_media" : field;
    std::replace(field.begin(), field.end(), '.', '_');
    if (!field.empty()) form.set("error_" + field, error->message);
  }
  return form;
}

}  // namespace lede::admin
