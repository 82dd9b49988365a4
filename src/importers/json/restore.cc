// Restoring a backup as it is read: nlohmann's SAX interface hands over the
// file token by token, each element of a top-level array is built alone,
// restored and dropped. What stays in memory is the old-to-new id maps (16
// bytes an object), not the site. Version 1 files listed their arrays in
// alphabetical order (articles before the sections they name): those are
// read whole first, as before.

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "importers/json/backup.h"
#include "publishing/html_sanitizer.h"

namespace lede::importers::json {
namespace {

using nlohmann::json;

// Old id → new id. Backups list objects in id order, so this is a sorted
// vector appended to, searched by halves.
class IdMap {
 public:
  void Add(std::int64_t old_id, std::int64_t new_id) {
    if (!pairs_.empty() && pairs_.back().first >= old_id) {
      pairs_.insert(std::lower_bound(pairs_.begin(), pairs_.end(), std::pair{old_id, std::int64_t{0}}),
                    {old_id, new_id});
      return;
    }
    pairs_.emplace_back(old_id, new_id);
  }
  Result<std::int64_t> Find(std::int64_t old_id, std::string_view what) const {
    const auto it = std::lower_bound(pairs_.begin(), pairs_.end(), std::pair{old_id, std::int64_t{0}});
    if (it == pairs_.end() || it->first != old_id) {
      return InvalidArgument(
          fmt::format("a reference to {} {} that is not in the backup before it", what, old_id));
    }
    return it->second;
  }

 private:
  std::vector<std::pair<std::int64_t, std::int64_t>> pairs_;
};

// The arrays a backup holds, in the order a restore needs them: each kind
// after the kinds it refers to.
constexpr std::string_view kSections[] = {"settings", "sections", "authors", "users", "tags",
                                          "media",    "articles", "pages",   "votes", "redirects"};

// Restores elements one at a time. nlohmann reports a missing key or a
// wrong type by exception; Add converts those.
class Restorer {
 public:
  Restorer(store::Store& store, store::PeopleStore& people, RestoreReport& report)
      : store_(store), people_(people), report_(report) {}

  // A top-level scalar: format, version, secret.
  Status Field(std::string_view key, const json& value) {
    try {
      return ReadField(key, value);
    } catch (const std::exception& error) {
      return InvalidArgument(fmt::format("{}: {}", key, error.what()));
    }
  }

  // Before the first element: the header must have come first.
  bool HeaderRead() const { return format_seen_ && version_ > 0; }
  Status CheckHeader() const {
    if (!format_seen_) return InvalidArgument("not a lede backup");
    if (version_ == 0) return InvalidArgument("a backup without a version");
    return {};
  }

  // One element of the array `kind` (for "settings", the object itself).
  Status Add(std::string_view kind, const json& element, std::size_t index) {
    Status status;
    try {
      status = Dispatch(kind, element);
    } catch (const json::exception& error) {
      status = InvalidArgument(error.what());
    } catch (const std::exception& error) {
      status = InvalidArgument(error.what());
    }
    if (!status) {
      return InvalidArgument(kind == "settings" ? fmt::format("settings: {}", status.error().message)
                                                : fmt::format("{}[{}]: {}", kind, index,
                                                              status.error().message));
    }
    return {};
  }

 private:
  Status ReadField(std::string_view key, const json& value) {
    if (key == "format") {
      if (!value.is_string() || value.get<std::string>() != "lede-backup") {
        return InvalidArgument("not a lede backup");
      }
      format_seen_ = true;
    } else if (key == "version") {
      if (!value.is_number_integer() || value.get<int>() < 1 || value.get<int>() > kBackupVersion) {
        return InvalidArgument(fmt::format("backup version {} is not one this lede reads", value.dump()));
      }
      version_ = value.get<int>();
    } else if (key == "secret") {
      const std::string hex = value.get<std::string>();
      std::string bytes;
      for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
      }
      report_.secret = bytes;
    } else if (std::find(std::begin(kSections), std::end(kSections), key) != std::end(kSections)) {
      return InvalidArgument(fmt::format("{}: not a list", key));
    }
    return {};
  }

  Status Dispatch(std::string_view kind, const json& e) {
    if (kind == "settings") return Settings(e);
    if (kind == "sections") return Section(e);
    if (kind == "authors") return Author(e);
    if (kind == "users") return User(e);
    if (kind == "tags") return Tag(e);
    if (kind == "media") return Media(e);
    if (kind == "articles") return Article(e);
    if (kind == "pages") return Page(e);
    if (kind == "votes") return Vote(e);
    if (kind == "redirects") return Redirect(e);
    return {};  // a kind a newer lede added to version 2: ignored
  }

  Status Settings(const json& stored) {
    content::SiteSettings settings;
    for (auto& [key, field] : content::TextSettings(settings)) {
      if (stored.contains(key)) *field = stored.at(std::string(key)).get<std::string>();
    }
    settings.rating_structured_data = stored.value(std::string(content::kRatingStructuredDataKey), false);
    return store_.SaveSettings(settings);
  }
  Status Section(const json& s) {
    // Backups from before sections had a place in the menu: every section
    // was in it.
    const std::string menu = s.value("menu", "shown");
    const content::MenuPlace place = menu == "waiting"  ? content::MenuPlace::kWaiting
                                     : menu == "hidden" ? content::MenuPlace::kHidden
                                                        : content::MenuPlace::kShown;
    LEDE_TRY(auto made, store_.CreateSection({0, s.at("name"), s.at("slug"), s.value("description", ""),
                                              s.value("menu_order", 0), place}));
    sections_.Add(s.at("id"), made.id);
    return {};
  }
  Status Author(const json& a) {
    LEDE_TRY(auto made, store_.CreateAuthor({0, a.at("name"), a.at("slug"), a.value("bio", "")}));
    authors_.Add(a.at("id"), made.id);
    return {};
  }
  Status User(const json& u) {
    content::User user;
    user.email = u.at("email");
    user.name = u.at("name");
    const auto role = content::ParseRole(u.value("role", ""));
    if (!role) return InvalidArgument(fmt::format("user {}: unknown role", user.email));
    user.role = *role;
    user.disabled = u.value("disabled", false);
    user.created_at = u.value("created_at", std::int64_t{0});
    if (u.contains("author_id") && !u.at("author_id").is_null()) {
      LEDE_TRY(user.author_id, authors_.Find(u.at("author_id"), "author"));
    }
    LEDE_TRY(people_.CreateUser(user, u.value("password_hash", "")));
    ++report_.users;
    return {};
  }
  Status Tag(const json& t) {
    LEDE_TRY(auto made, store_.CreateTag({0, t.at("name"), t.at("slug")}));
    tags_.Add(t.at("id"), made.id);
    return {};
  }
  Status Media(const json& m) {
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
    item.original = m.value("original", "");
    item.webp = m.value("webp", false);
    item.crops = m.value("crops", false);
    if (m.contains("focal_x") && m.at("focal_x").is_number_integer()) item.focal_x = m.at("focal_x").get<int>();
    if (m.contains("focal_y") && m.at("focal_y").is_number_integer()) item.focal_y = m.at("focal_y").get<int>();
    item.original_width = m.value("original_width", 0);
    item.original_height = m.value("original_height", 0);
    LEDE_TRY(auto made, store_.CreateMedia(item));
    media_.Add(m.at("id"), made.id);
    return {};
  }
  Status Article(const json& a) {
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
    LEDE_TRY(article.section_id, sections_.Find(a.at("section_id"), "section"));
    for (std::int64_t id : a.value("tag_ids", std::vector<std::int64_t>{})) {
      LEDE_TRY(auto tag, tags_.Find(id, "tag"));
      article.tag_ids.push_back(tag);
    }
    for (std::int64_t id : a.value("author_ids", std::vector<std::int64_t>{})) {
      LEDE_TRY(auto author, authors_.Find(id, "author"));
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
      LEDE_TRY(auto media_id, media_.Find(lead.at("media_id"), "media item"));
      article.lead_image = content::LeadImage{media_id, lead.value("caption", ""),
                                              lead.value("credit", ""), lead.value("alt", ""), {}};
    }
    auto made = store_.CreateArticle(article);
    if (!made) return InvalidArgument(fmt::format("article {}: {}", article.slug, made.error().message));
    articles_.Add(a.at("id"), made->id);
    ++report_.articles;
    return {};
  }
  Status Page(const json& p) {
    content::Page page;
    page.path = p.at("path");
    page.title = p.at("title");
    page.body_html = publishing::SanitizeHtml(p.value("body_html", ""));
    page.published = p.value("published", false);
    page.created_at = p.value("created_at", std::int64_t{0});
    page.updated_at = p.value("updated_at", std::int64_t{0});
    if (p.contains("author_id") && !p.at("author_id").is_null()) {
      LEDE_TRY(page.author_id, authors_.Find(p.at("author_id"), "author"));
    }
    LEDE_TRY(store_.SavePage(page));
    return {};
  }
  Status Vote(const json& v) {
    LEDE_TRY(auto article_id, articles_.Find(v.at("article_id"), "article"));
    LEDE_TRY(store_.RestoreVote({article_id, v.at("stars"), v.at("voter"), v.value("ip_hash", ""),
                                 v.value("feedback", ""), v.value("created_at", std::int64_t{0})}));
    ++report_.votes;
    return {};
  }
  Status Redirect(const json& r) {
    return store_.SaveRedirect(r.at("from").get<std::string>(), r.at("to").get<std::string>(),
                               r.value("created_at", std::int64_t{0}));
  }

  store::Store& store_;
  store::PeopleStore& people_;
  RestoreReport& report_;
  bool format_seen_ = false;
  int version_ = 0;
  IdMap sections_, authors_, tags_, media_, articles_;
};

// Builds each top-level array element (and the settings object) as a small
// json value and hands it to the Restorer when it closes.
class StreamingReader : public nlohmann::json_sax<json> {
 public:
  explicit StreamingReader(Restorer& restorer) : restorer_(restorer) {}

  // Why parsing stopped; ok when it did not.
  const Status& status() const { return status_; }
  // True when an array came before the header: a version 1 file.
  bool needs_whole_document() const { return needs_whole_document_; }

  bool null() override { return Value(json()); }
  bool boolean(bool value) override { return Value(json(value)); }
  bool number_integer(number_integer_t value) override { return Value(json(value)); }
  bool number_unsigned(number_unsigned_t value) override { return Value(json(value)); }
  bool number_float(number_float_t value, const string_t&) override { return Value(json(value)); }
  bool string(string_t& value) override { return Value(json(std::move(value))); }
  bool binary(binary_t&) override { return Fail(InvalidArgument("binary data in a backup")); }
  bool start_object(std::size_t) override {
    if (!started_) return started_ = true;
    return Value(json::object());
  }
  bool key(string_t& key) override {
    if (stack_.empty() && !in_array_) {
      top_key_ = key;
    } else {
      key_ = key;
    }
    return true;
  }
  bool end_object() override { return End(); }
  bool start_array(std::size_t) override {
    if (stack_.empty() && !in_array_ && started_) {
      if (!restorer_.HeaderRead()) {
        needs_whole_document_ = true;
        return false;
      }
      in_array_ = true;
      index_ = 0;
      return true;
    }
    return Value(json::array());
  }
  bool end_array() override { return End(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& error) override {
    return Fail(InvalidArgument(fmt::format("byte {}: not JSON: {}", position, error.what())));
  }

 private:
  bool Fail(Status status) {
    status_ = std::move(status);
    return false;
  }
  bool Value(json value) {
    if (stack_.empty()) {
      if (!started_) return Fail(InvalidArgument("not a lede backup: it is not a JSON object"));
      if (value.is_structured()) {
        if (!in_array_ && !restorer_.HeaderRead()) {
          needs_whole_document_ = true;
          return false;
        }
        element_ = std::move(value);
        stack_.push_back(&element_);
        return true;
      }
      if (in_array_) return Fail(InvalidArgument(fmt::format("{}[{}]: not an object", top_key_, index_)));
      if (auto field = restorer_.Field(top_key_, value); !field) return Fail(field);
      return true;
    }
    json& parent = *stack_.back();
    json* placed = nullptr;
    if (parent.is_object()) {
      placed = &(parent[key_] = std::move(value));
    } else {
      parent.push_back(std::move(value));
      placed = &parent.back();
    }
    // Children are finished before their parent grows again, so this
    // pointer into the parent stays valid while it is on the stack.
    if (placed->is_structured()) stack_.push_back(placed);
    return true;
  }
  bool End() {
    if (stack_.empty()) {
      in_array_ = false;  // the end of a top-level array, or of the whole file
      return true;
    }
    stack_.pop_back();
    if (!stack_.empty()) return true;
    auto added = restorer_.Add(top_key_, element_, index_++);
    element_ = json();
    if (!added) return Fail(added);
    return true;
  }

  Restorer& restorer_;
  Status status_;
  bool needs_whole_document_ = false;
  bool started_ = false;
  bool in_array_ = false;
  std::string top_key_;
  std::string key_;
  std::size_t index_ = 0;
  json element_;
  std::vector<json*> stack_;
};

// A version 1 file, read whole, restored in dependency order.
Status RestoreDocument(Restorer& restorer, std::ifstream& in) {
  json document;
  try {
    document = json::parse(in);
  } catch (const json::parse_error& error) {
    return InvalidArgument(fmt::format("byte {}: not JSON: {}", error.byte, error.what()));
  }
  if (!document.is_object()) return InvalidArgument("not a lede backup");
  for (const char* field : {"format", "version", "secret"}) {
    if (document.contains(field)) LEDE_TRY(restorer.Field(field, document.at(field)));
  }
  LEDE_TRY(restorer.CheckHeader());
  for (std::string_view kind : kSections) {
    const auto it = document.find(std::string(kind));
    if (it == document.end()) continue;
    if (kind == "settings") {
      LEDE_TRY(restorer.Add(kind, *it, 0));
      continue;
    }
    if (!it->is_array()) return InvalidArgument(fmt::format("{}: not a list", kind));
    std::size_t index = 0;
    for (const auto& element : *it) LEDE_TRY(restorer.Add(kind, element, index++));
  }
  return {};
}

}  // namespace

Result<RestoreReport> RestoreBackup(store::Store& store, store::PeopleStore& people,
                                    const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return InvalidArgument(fmt::format("{}: cannot be read", file.string()));
  LEDE_TRY(auto count, store.CountArticles());
  if (count > 0) {
    return MakeError(ErrorCode::kConflict,
                     fmt::format("{}: a backup is restored into an empty site; this one has {} "
                                 "articles",
                                 file.string(), count));
  }
  // Streamed first; read whole only when the file turns out to be a
  // version 1 one (its arrays before its header).
  bool needs_whole = false;
  const auto restore = [&](bool whole) -> Result<RestoreReport> {
    RestoreReport report;
    LEDE_TRY(auto batch, store.BeginBatch());
    Restorer restorer(store, people, report);
    Status restored;
    if (whole) {
      restored = RestoreDocument(restorer, in);
    } else {
      StreamingReader reader(restorer);
      const bool parsed = json::sax_parse(in, &reader);
      needs_whole = reader.needs_whole_document();
      restored = reader.status();
      if (parsed) restored = restorer.CheckHeader();
    }
    if (!whole && needs_whole) return report;  // rolled back; read again below
    // The batch rolls back as it goes: nothing of the backup stays.
    if (!restored) return InvalidArgument(fmt::format("{}: {}", file.string(), restored.error().message));
    LEDE_TRY(batch->Commit());
    return report;
  };
  auto streamed = restore(false);
  if (!needs_whole) return streamed;
  in.clear();
  in.seekg(0);
  return restore(true);
}

}  // namespace lede::importers::json
