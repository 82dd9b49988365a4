#include "importers/json/backup.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "util/time.h"

namespace lede::importers::json {
namespace {

using nlohmann::json;

std::string StatusName(content::ArticleStatus status) {
  return std::string(content::ArticleStatusName(status));
}

json MediaJson(const content::MediaItem& item) {
  return {{"id", item.id},           {"path", item.path},       {"mime_type", item.mime_type},
          {"width", item.width},     {"height", item.height},   {"widths", item.widths},
          {"alt", item.alt},         {"caption", item.caption}, {"credit", item.credit},
          {"source_url", item.source_url}, {"created_at", item.created_at},
          // An upload's files (data/originals/, the WebP twins and crops
          // in data/media/) travel beside the backup: what says they exist.
          {"original", item.original}, {"webp", item.webp}, {"crops", item.crops},
          {"focal_x", item.focal_x ? json(*item.focal_x) : json()},
          {"focal_y", item.focal_y ? json(*item.focal_y) : json()},
          {"original_width", item.original_width}, {"original_height", item.original_height}};
}

std::string_view MenuName(content::MenuPlace menu) {
  switch (menu) {
    case content::MenuPlace::kWaiting: return "waiting";
    case content::MenuPlace::kShown: return "shown";
    case content::MenuPlace::kHidden: return "hidden";
  }
  return "shown";
}

// Writes one top-level array element by element: only one element is in
// memory at a time, whatever the size of the site.
class ArrayWriter {
 public:
  ArrayWriter(std::ostream& out, std::string_view name) : out_(out) {
    out_ << ",\n\"" << name << "\": [";
  }
  ~ArrayWriter() { out_ << (first_ ? "]" : "\n]"); }
  void Add(const json& element) {
    out_ << (first_ ? "\n" : ",\n") << element.dump();
    first_ = false;
  }

 private:
  std::ostream& out_;
  bool first_ = true;
};

json ArticleJson(const content::Article& article) {
  json entry{{"id", article.id},
             {"slug", article.slug},
             {"headline", article.headline},
             {"standfirst", article.standfirst},
             {"body_format", article.body_format == content::BodyFormat::kHtml ? "html" : "markdown"},
             {"body_source", article.body_markdown},
             {"body_html", article.body_html.str()},
             {"section_id", article.section_id},
             {"tag_ids", article.tag_ids},
             {"author_ids", article.author_ids},
             {"quick_looks", article.quick_looks},
             {"dateline", article.dateline},
             {"edition", article.edition},
             {"top_story", article.top_story},
             {"status", StatusName(article.status)},
             {"published_at", article.published_at ? json(*article.published_at) : json()},
             {"updated_at", article.updated_at ? json(*article.updated_at) : json()},
             {"created_at", article.created_at},
             {"correction", article.correction}};
  if (article.lead_image) {
    entry["lead_image"] = {{"media_id", article.lead_image->media_id},
                           {"caption", article.lead_image->caption},
                           {"credit", article.lead_image->credit},
                           {"alt", article.lead_image->alt}};
  }
  return entry;
}

}  // namespace

Status ExportBackup(store::Store& store, store::PeopleStore& people, std::ostream& out,
                    const std::optional<std::string>& secret) {
  constexpr int kPage = 500;
  LEDE_TRY(auto settings, store.LoadSettings());
  // "format" and "version" first, then each kind before the kinds that
  // refer to it, so that a restore can read the file as it goes (restore.cc).
  out << "{\"format\": \"lede-backup\", \"version\": " << kBackupVersion;
  json settings_json = json::object();
  for (const auto& [key, value] : content::TextSettings(settings)) settings_json[std::string(key)] = *value;
  settings_json[std::string(content::kRatingStructuredDataKey)] = settings.rating_structured_data;
  out << ",\n\"settings\": " << settings_json.dump();
  // In id order throughout, so a restore into an empty site gives every
  // object the id it had.
  const auto by_id = [](const auto& a, const auto& b) { return a.id < b.id; };
  {
    LEDE_TRY(auto sections, store.ListSections());
    std::sort(sections.begin(), sections.end(), by_id);
    ArrayWriter array(out, "sections");
    for (const auto& section : sections) {
      array.Add({{"id", section.id}, {"name", section.name}, {"slug", section.slug},
                 {"description", section.description}, {"menu_order", section.menu_order},
                 {"menu", MenuName(section.menu)}});
    }
  }
  {
    LEDE_TRY(auto authors, store.ListAuthors());
    std::sort(authors.begin(), authors.end(), by_id);
    ArrayWriter array(out, "authors");
    for (const auto& author : authors) {
      array.Add({{"id", author.id}, {"name", author.name}, {"slug", author.slug}, {"bio", author.bio}});
    }
  }
  {
    LEDE_TRY(auto users, people.ListUsers());
    ArrayWriter array(out, "users");
    for (const auto& user : users) {
      json entry{{"email", user.email},          {"name", user.name},
                 {"role", content::RoleName(user.role)}, {"disabled", user.disabled},
                 {"created_at", user.created_at},
                 {"author_id", user.author_id ? json(*user.author_id) : json()}};
      // A password hash is a secret like the site's: only when asked for.
      if (secret) {
        LEDE_TRY(auto hash, people.PasswordHash(user.id));
        entry["password_hash"] = std::move(hash);
      }
      array.Add(entry);
    }
  }
  {
    LEDE_TRY(auto tags, store.ListTags());
    std::sort(tags.begin(), tags.end(), by_id);
    ArrayWriter array(out, "tags");
    for (const auto& tag : tags) array.Add({{"id", tag.id}, {"name", tag.name}, {"slug", tag.slug}});
  }
  {
    ArrayWriter array(out, "media");
    for (std::int64_t after = 0;;) {
      LEDE_TRY(auto page, store.ListAllMedia(after, kPage));
      if (page.empty()) break;
      for (const auto& item : page) array.Add(MediaJson(item));
      after = page.back().id;
    }
  }
  {
    ArrayWriter array(out, "articles");
    for (std::int64_t after = 0;;) {
      LEDE_TRY(auto page, store.ListAllArticles(after, kPage));
      if (page.empty()) break;
      for (const auto& article : page) array.Add(ArticleJson(article));
      after = page.back().id;
    }
  }
  {
    LEDE_TRY(auto pages, store.ListPages());
    ArrayWriter array(out, "pages");
    for (const auto& page : pages) {
      array.Add({{"path", page.path}, {"title", page.title}, {"body_html", page.body_html.str()},
                 {"published", page.published}, {"created_at", page.created_at},
                 {"updated_at", page.updated_at},
                 {"author_id", page.author_id ? json(*page.author_id) : json()}});
    }
  }
  {
    ArrayWriter array(out, "votes");
    for (std::int64_t after = 0;;) {
      LEDE_TRY(auto page, store.ListAllVotes(after, kPage));
      if (page.empty()) break;
      for (const auto& vote : page) {
        array.Add({{"article_id", vote.article_id}, {"stars", vote.stars}, {"voter", vote.voter},
                   {"ip_hash", vote.ip_hash}, {"feedback", vote.feedback},
                   {"created_at", vote.created_at}});
      }
      after = page.back().id;
    }
  }
  {
    ArrayWriter array(out, "redirects");
    for (std::string after;;) {
      LEDE_TRY(auto page, store.ListRedirects(after, kPage));
      if (page.empty()) break;
      for (const auto& redirect : page) {
        array.Add({{"from", redirect.from_path}, {"to", redirect.to_path},
                   {"created_at", redirect.created_at}});
      }
      after = page.back().from_path;
    }
  }
  if (secret) {
    std::string hex;
    for (unsigned char byte : *secret) hex += fmt::format("{:02x}", byte);
    out << ",\n\"secret\": " << json(hex).dump();
  }
  out << "\n}\n";
  if (!out) return MakeError(ErrorCode::kUnavailable, "the backup could not be written");
  return {};
}

}  // namespace lede::importers::json
