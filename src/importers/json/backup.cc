#include "importers/json/backup.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include <cstdlib>

#include "publishing/html_sanitizer.h"
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
          {"source_url", item.source_url}, {"created_at", item.created_at}};
}

Result<std::int64_t> Mapped(const std::map<std::int64_t, std::int64_t>& ids, std::int64_t old,
                            std::string_view what) {
  const auto it = ids.find(old);
  if (it == ids.end()) {
    return InvalidArgument(fmt::format("a reference to {} {} that is not in the backup", what, old));
  }
  return it->second;
}

// Everything but reading the file. nlohmann reports a missing key or a
// wrong type by exception; RestoreBackup converts those at its edge.
Status Restore(store::Store& store, store::PeopleStore& people, const json& document,
               RestoreReport& report) {
  if (document.value("format", "") != "lede-backup") return InvalidArgument("not a lede backup");
  if (document.value("version", 0) != kBackupVersion) {
    return InvalidArgument(fmt::format("backup version {} is not one this lede reads",
                                       document.value("version", 0)));
  }
  content::SiteSettings settings;
  const json& stored_settings = document.at("settings");
  for (auto& [key, field] : content::TextSettings(settings)) {
    if (stored_settings.contains(key)) *field = stored_settings.at(std::string(key)).get<std::string>();
  }
  settings.rating_structured_data =
      stored_settings.value(std::string(content::kRatingStructuredDataKey), false);
  LEDE_TRY(store.SaveSettings(settings));

  std::map<std::int64_t, std::int64_t> sections, authors, tags, media, articles;
  for (const auto& s : document.at("sections")) {
    LEDE_TRY(auto made, store.CreateSection({0, s.at("name"), s.at("slug"), s.value("description", ""),
                                             s.value("menu_order", 0)}));
    sections[s.at("id")] = made.id;
  }
  for (const auto& a : document.at("authors")) {
    LEDE_TRY(auto made, store.CreateAuthor({0, a.at("name"), a.at("slug"), a.value("bio", "")}));
    authors[a.at("id")] = made.id;
  }
  for (const auto& u : document.value("users", json::array())) {
    content::User user;
    user.email = u.at("email");
    user.name = u.at("name");
    const auto role = content::ParseRole(u.value("role", ""));
    if (!role) return InvalidArgument(fmt::format("user {}: unknown role", user.email));
    user.role = *role;
    user.disabled = u.value("disabled", false);
    user.created_at = u.value("created_at", std::int64_t{0});
    if (u.contains("author_id") && !u.at("author_id").is_null()) {
      LEDE_TRY(user.author_id, Mapped(authors, u.at("author_id"), "author"));
    }
    LEDE_TRY(people.CreateUser(user, u.value("password_hash", "")));
    ++report.users;
  }
  for (const auto& t : document.at("tags")) {
    LEDE_TRY(auto made, store.CreateTag({0, t.at("name"), t.at("slug")}));
    tags[t.at("id")] = made.id;
  }
  for (const auto& m : document.at("media")) {
    content::MediaItem item;
    item.path = m.at("path");
    item.mime_type = m.value("mime_type", "image/jpeg");
    item.width = m.value("width", 0);
    item.height = m.value("height", 0);
    item.widths = m.value("widths", std::vector<int>{});
    item.alt = m.value("alt", "");
    item.caption = m.value("caption", "");
    item.credit = m.value("credit", "");
    item.source_url = m.value("source_url", "");
    item.created_at = m.value("created_at", std::int64_t{0});
    LEDE_TRY(auto made, store.CreateMedia(item));
    media[m.at("id")] = made.id;
  }
  for (const auto& a : document.at("articles")) {
    content::Article article;
    article.slug = a.at("slug");
    article.headline = a.at("headline");
    article.standfirst = a.value("standfirst", "");
    article.body_format = a.value("body_format", "markdown") == "html" ? content::BodyFormat::kHtml
                                                                      : content::BodyFormat::kMarkdown;
    article.body_markdown = a.value("body_source", "");
    // A backup is a file anyone may have edited: its markup is sanitised
    // like any other (a clean backup comes through byte for byte).
    article.body_html = publishing::SanitizeHtml(a.value("body_html", ""));
    LEDE_TRY(article.section_id, Mapped(sections, a.at("section_id"), "section"));
    for (std::int64_t id : a.value("tag_ids", std::vector<std::int64_t>{})) {
      LEDE_TRY(auto tag, Mapped(tags, id, "tag"));
      article.tag_ids.push_back(tag);
    }
    for (std::int64_t id : a.value("author_ids", std::vector<std::int64_t>{})) {
      LEDE_TRY(auto author, Mapped(authors, id, "author"));
      article.author_ids.push_back(author);
    }
    article.quick_looks = a.value("quick_looks", std::vector<std::string>{});
    article.dateline = a.value("dateline", "");
    article.edition = a.value("edition", "");
    article.top_story = a.value("top_story", false);
    const auto status = content::ParseArticleStatus(a.value("status", "draft"));
    if (!status) return InvalidArgument(fmt::format("article {}: unknown status", article.slug));
    article.status = *status;
    if (!a.at("published_at").is_null()) article.published_at = a.at("published_at").get<std::int64_t>();
    if (!a.at("updated_at").is_null()) article.updated_at = a.at("updated_at").get<std::int64_t>();
    article.created_at = a.value("created_at", std::int64_t{0});
    article.correction = a.value("correction", "");
    if (a.contains("lead_image")) {
      const auto& lead = a.at("lead_image");
      LEDE_TRY(auto media_id, Mapped(media, lead.at("media_id"), "media item"));
      article.lead_image = content::LeadImage{media_id, lead.value("caption", ""),
                                              lead.value("credit", ""), lead.value("alt", ""), {}};
    }
    auto made = store.CreateArticle(article);
    if (!made) {
      return InvalidArgument(fmt::format("article {}: {}", article.slug, made.error().message));
    }
    articles[a.at("id")] = made->id;
    ++report.articles;
  }
  for (const auto& p : document.at("pages")) {
    content::Page page;
    page.path = p.at("path");
    page.title = p.at("title");
    page.body_html = publishing::SanitizeHtml(p.value("body_html", ""));
    page.published = p.value("published", false);
    page.created_at = p.value("created_at", std::int64_t{0});
    page.updated_at = p.value("updated_at", std::int64_t{0});
    if (p.contains("author_id") && !p.at("author_id").is_null()) {
      LEDE_TRY(page.author_id, Mapped(authors, p.at("author_id"), "author"));
    }
    LEDE_TRY(store.SavePage(page));
  }
  for (const auto& v : document.at("votes")) {
    LEDE_TRY(auto article_id, Mapped(articles, v.at("article_id"), "article"));
    LEDE_TRY(store.RestoreVote({article_id, v.at("stars"), v.at("voter"), v.value("ip_hash", ""),
                                v.value("feedback", ""), v.value("created_at", std::int64_t{0})}));
    ++report.votes;
  }
  for (const auto& r : document.at("redirects")) {
    LEDE_TRY(store.SaveRedirect(r.at("from").get<std::string>(), r.at("to").get<std::string>(),
                                r.value("created_at", std::int64_t{0})));
  }
  if (document.contains("secret")) {
    const std::string hex = document.at("secret");
    std::string bytes;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
      bytes += static_cast<char>(std::strtol(hex.substr(i, 2).c_str(), nullptr, 16));
    }
    report.secret = bytes;
  }
  return {};
}

}  // namespace

Status ExportBackup(store::Store& store, store::PeopleStore& people, std::ostream& out,
                    const std::optional<std::string>& secret) {
  LEDE_TRY(auto settings, store.LoadSettings());
  LEDE_TRY(auto sections, store.ListSections());
  LEDE_TRY(auto authors, store.ListAuthors());
  LEDE_TRY(auto tags, store.ListTags());
  LEDE_TRY(auto pages, store.ListPages());
  LEDE_TRY(auto votes, store.ListAllVotes());
  LEDE_TRY(auto redirects, store.ListRedirects());
  // In id order throughout, so a restore into an empty site gives every
  // object the id it had.
  const auto by_id = [](const auto& a, const auto& b) { return a.id < b.id; };
  std::sort(sections.begin(), sections.end(), by_id);
  std::sort(authors.begin(), authors.end(), by_id);

  json document{{"format", "lede-backup"}, {"version", kBackupVersion}};
  json settings_json = json::object();
  for (const auto& [key, value] : content::TextSettings(settings)) settings_json[std::string(key)] = *value;
  settings_json[std::string(content::kRatingStructuredDataKey)] = settings.rating_structured_data;
  document["settings"] = settings_json;
  document["sections"] = json::array();
  for (const auto& section : sections) {
    document["sections"].push_back({{"id", section.id}, {"name", section.name}, {"slug", section.slug},
                                    {"description", section.description},
                                    {"menu_order", section.menu_order}});
  }
  document["authors"] = json::array();
  for (const auto& author : authors) {
    document["authors"].push_back(
        {{"id", author.id}, {"name", author.name}, {"slug", author.slug}, {"bio", author.bio}});
  }
  document["tags"] = json::array();
  for (const auto& tag : tags) {
    document["tags"].push_back({{"id", tag.id}, {"name", tag.name}, {"slug", tag.slug}});
  }
  document["media"] = json::array();
  document["articles"] = json::array();
  std::map<std::int64_t, bool> media_seen;
  for (std::int64_t after = 0;;) {
    LEDE_TRY(auto batch, store.ListAllArticles(after, 500));
    if (batch.empty()) break;
    for (const auto& article : batch) {
      after = article.id;
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
        if (article.lead_image->media && !media_seen[article.lead_image->media_id]) {
          media_seen[article.lead_image->media_id] = true;
          document["media"].push_back(MediaJson(*article.lead_image->media));
        }
      }
      document["articles"].push_back(std::move(entry));
    }
  }
  std::sort(document["media"].begin(), document["media"].end(),
            [](const json& a, const json& b) { return a.at("id") < b.at("id"); });
  document["pages"] = json::array();
  for (const auto& page : pages) {
    document["pages"].push_back({{"path", page.path}, {"title", page.title},
                                 {"body_html", page.body_html.str()}, {"published", page.published},
                                 {"created_at", page.created_at}, {"updated_at", page.updated_at},
                                 {"author_id", page.author_id ? json(*page.author_id) : json()}});
  }
  document["votes"] = json::array();
  for (const auto& vote : votes) {
    document["votes"].push_back({{"article_id", vote.article_id}, {"stars", vote.stars},
                                 {"voter", vote.voter}, {"ip_hash", vote.ip_hash},
                                 {"feedback", vote.feedback}, {"created_at", vote.created_at}});
  }
  document["redirects"] = json::array();
  for (const auto& redirect : redirects) {
    document["redirects"].push_back({{"from", redirect.from_path}, {"to", redirect.to_path},
                                     {"created_at", redirect.created_at}});
  }
  document["users"] = json::array();
  LEDE_TRY(auto users, people.ListUsers());
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
    document["users"].push_back(std::move(entry));
  }
  if (secret) {
    std::string hex;
    for (unsigned char byte : *secret) hex += fmt::format("{:02x}", byte);
    document["secret"] = hex;
  }
  out << document.dump(1) << "\n";
  if (!out) return MakeError(ErrorCode::kUnavailable, "the backup could not be written");
  return {};
}

Result<RestoreReport> RestoreBackup(store::Store& store, store::PeopleStore& people,
                                    const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return InvalidArgument(fmt::format("{}: cannot be read", file.string()));
  json document;
  try {
    document = json::parse(in);
  } catch (const json::parse_error& error) {
    return InvalidArgument(fmt::format("{}: byte {}: not JSON: {}", file.string(), error.byte,
                                       error.what()));
  }
  LEDE_TRY(auto count, store.CountArticles());
  if (count > 0) {
    return MakeError(ErrorCode::kConflict,
                     fmt::format("{}: a backup is restored into an empty site; this one has {} "
                                 "articles",
                                 file.string(), count));
  }
  RestoreReport report;
  LEDE_TRY(auto batch, store.BeginBatch());
  Status restored;
  try {
    restored = Restore(store, people, document, report);
  } catch (const json::exception& error) {
    restored = InvalidArgument(fmt::format("not a valid lede backup: {}", error.what()));
  }
  if (!restored) {
    // The batch rolls back as it goes: nothing of the backup stays.
    return InvalidArgument(fmt::format("{}: {}", file.string(), restored.error().message));
  }
  LEDE_TRY(batch->Commit());
  return report;
}

}  // namespace lede::importers::json
