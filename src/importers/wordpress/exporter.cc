#include "importers/wordpress/exporter.h"

#include <fmt/format.h>
#include <libxml/xmlwriter.h>

#include <nlohmann/json.hpp>

#include <set>

#include "util/time.h"

namespace lede::importers::wordpress {
namespace {

constexpr std::int64_t kPageIdOffset = 1'000'000'000;   // pages and media get
constexpr std::int64_t kMediaIdOffset = 2'000'000'000;  // ids clear of posts

// A thin, exception-free wrapper over xmlTextWriter writing to memory; the
// buffer is flushed to the stream after each item so memory stays flat.
class Writer {
 public:
  explicit Writer(std::ostream& out) : out_(out), buffer_(xmlBufferCreate()) {
    writer_ = xmlNewTextWriterMemory(buffer_, 0);
    xmlTextWriterSetIndent(writer_, 1);
    xmlTextWriterSetIndentString(writer_, BAD_CAST "\t");
  }
  ~Writer() {
    xmlFreeTextWriter(writer_);
    xmlBufferFree(buffer_);
  }
  void Start(const char* name) { xmlTextWriterStartElement(writer_, BAD_CAST name); }
  void End() { xmlTextWriterEndElement(writer_); }
  void Attribute(const char* name, const std::string& value) {
    xmlTextWriterWriteAttribute(writer_, BAD_CAST name, BAD_CAST value.c_str());
  }
  void Text(const char* name, const std::string& value) {
    xmlTextWriterWriteElement(writer_, BAD_CAST name, BAD_CAST value.c_str());
  }
  // CDATA, split where the text itself holds "]]>".
  void Cdata(const char* name, const std::string& value) {
    Start(name);
    std::size_t start = 0;
    while (true) {
      const auto end = value.find("]]>", start);
      const std::string part = value.substr(start, end == std::string::npos ? std::string::npos
                                                                             : end + 2 - start);
      xmlTextWriterWriteCDATA(writer_, BAD_CAST part.c_str());
      if (end == std::string::npos) break;
      start = end + 2;
    }
    End();
  }
  void Meta(const std::string& key, const std::string& value) {
    Start("wp:postmeta");
    Text("wp:meta_key", key);
    Cdata("wp:meta_value", value);
    End();
  }
  xmlTextWriterPtr raw() { return writer_; }
  void Flush() {
    xmlTextWriterFlush(writer_);
    out_.write(reinterpret_cast<const char*>(xmlBufferContent(buffer_)), xmlBufferLength(buffer_));
    xmlBufferEmpty(buffer_);
  }

 private:
  std::ostream& out_;
  xmlBufferPtr buffer_;
  xmlTextWriterPtr writer_;
};

std::string WordPressDate(util::UnixSeconds seconds) {
  std::string iso = util::FormatIso8601(seconds);  // 2026-11-28T13:38:00Z
  iso[10] = ' ';
  iso.pop_back();
  return iso;
}

}  // namespace

Status ExportWxr(store::Store& store, std::ostream& out) {
  LEDE_TRY(auto settings, store.LoadSettings());
  LEDE_TRY(auto sections, store.ListSections());
  LEDE_TRY(auto authors, store.ListAuthors());
  LEDE_TRY(auto tags, store.ListTags());
  LEDE_TRY(auto pages, store.ListPages());
  const std::string base = settings.base_url.empty() ? "https://lede.invalid" : settings.base_url;

  Writer xml(out);
  xmlTextWriterStartDocument(xml.raw(), "1.0", "UTF-8", nullptr);
  xml.Start("rss");
  xml.Attribute("version", "2.0");
  xml.Attribute("xmlns:excerpt", "http://wordpress.org/export/1.2/excerpt/");
  xml.Attribute("xmlns:content", "http://purl.org/rss/1.0/modules/content/");
  xml.Attribute("xmlns:wfw", "http://wellformedweb.org/CommentAPI/");
  xml.Attribute("xmlns:dc", "http://purl.org/dc/elements/1.1/");
  xml.Attribute("xmlns:wp", "http://wordpress.org/export/1.2/");
  xml.Start("channel");
  xml.Text("title", settings.name);
  xml.Text("link", base);
  xml.Text("description", settings.tagline);
  xml.Text("language", settings.language);
  xml.Text("wp:wxr_version", "1.2");
  xml.Text("wp:base_site_url", base);
  xml.Text("wp:base_blog_url", base);
  for (const auto& author : authors) {
    xml.Start("wp:author");
    xml.Text("wp:author_id", std::to_string(author.id));
    xml.Cdata("wp:author_login", author.slug);
    xml.Cdata("wp:author_display_name", author.name);
    // Not in WordPress's own exports; its importer ignores it, lede's reads it.
    if (!author.bio.empty()) xml.Cdata("wp:author_description", author.bio);
    xml.End();
  }
  for (const auto& section : sections) {
    xml.Start("wp:category");
    xml.Text("wp:term_id", std::to_string(section.id));
    xml.Cdata("wp:category_nicename", section.slug);
    xml.Cdata("wp:category_parent", "");
    xml.Cdata("wp:cat_name", section.name);
    if (!section.description.empty()) xml.Cdata("wp:category_description", section.description);
    xml.End();
  }
  for (const auto& tag : tags) {
    xml.Start("wp:tag");
    xml.Text("wp:term_id", std::to_string(tag.id));
    xml.Cdata("wp:tag_slug", tag.slug);
    xml.Cdata("wp:tag_name", tag.name);
    xml.End();
  }
  xml.Flush();

  for (const auto& page : pages) {
    xml.Start("item");
    xml.Text("title", page.title);
    xml.Text("link", base + page.path);
    xml.Cdata("content:encoded", page.body_html.str());
    xml.Text("wp:post_id", std::to_string(kPageIdOffset + page.id));
    xml.Cdata("wp:post_date_gmt", WordPressDate(page.created_at));
    xml.Cdata("wp:status", page.published ? "publish" : "draft");
    xml.Cdata("wp:post_type", "page");
    xml.End();
    xml.Flush();
  }

  std::set<std::int64_t> exported_media;  // shared pictures are written once
  std::int64_t after = 0;
  while (true) {
    LEDE_TRY(auto batch, store.ListAllArticles(after, 200));
    if (batch.empty()) break;
    for (const auto& article : batch) {
      after = article.id;
      const auto when = article.published_at.value_or(article.created_at);
      const std::string url = base + content::ArticlePath(article);
      if (article.lead_image && article.lead_image->media &&
          exported_media.insert(article.lead_image->media->id).second) {
        const auto& media = *article.lead_image->media;
        xml.Start("item");
        xml.Text("title", media.path);
        xml.Cdata("excerpt:encoded", article.lead_image->caption);
        xml.Cdata("content:encoded", article.lead_image->credit);
        xml.Text("wp:post_id", std::to_string(kMediaIdOffset + media.id));
        xml.Cdata("wp:status", "inherit");
        xml.Cdata("wp:post_type", "attachment");
        xml.Cdata("wp:attachment_url", media.widths.empty()
                                           ? media.source_url
                                           : fmt::format("{}/media/{}-{}.jpg", base, media.path,
                                                         media.widths.back()));
        xml.Meta("_wp_attachment_image_alt", article.lead_image->alt);
        xml.End();
      }
      xml.Start("item");
      xml.Text("title", article.headline);
      xml.Text("link", url);
      xml.Text("pubDate", util::FormatHttpDate(when));
      for (const auto& author : article.authors) xml.Cdata("dc:creator", author.slug);
      xml.Start("guid");
      xml.Attribute("isPermaLink", "false");
      xmlTextWriterWriteString(xml.raw(), BAD_CAST fmt::format("{}/?p={}", base, article.id).c_str());
      xml.End();
      xml.Cdata("content:encoded", article.body_html.str());
      xml.Cdata("excerpt:encoded", article.standfirst);
      xml.Text("wp:post_id", std::to_string(article.id));
      xml.Cdata("wp:post_date", WordPressDate(when));
      xml.Cdata("wp:post_date_gmt", article.status == content::ArticleStatus::kDraft
                                        ? "0000-00-00 00:00:00"
                                        : WordPressDate(when));
      xml.Cdata("wp:post_name", article.slug);
      xml.Cdata("wp:status", article.status == content::ArticleStatus::kPublished ? "publish"
                             : article.status == content::ArticleStatus::kScheduled ? "future"
                                                                                     : "draft");
      xml.Cdata("wp:post_type", "post");
      xml.Text("wp:is_sticky", article.top_story ? "1" : "0");
      xml.Start("category");
      xml.Attribute("domain", "category");
      xml.Attribute("nicename", article.section.slug);
      xmlTextWriterWriteCDATA(xml.raw(), BAD_CAST article.section.name.c_str());
      xml.End();
      for (const auto& tag : article.tags) {
        xml.Start("category");
        xml.Attribute("domain", "post_tag");
        xml.Attribute("nicename", tag.slug);
        xmlTextWriterWriteCDATA(xml.raw(), BAD_CAST tag.name.c_str());
        xml.End();
      }
      if (article.lead_image && article.lead_image->media) {
        xml.Meta("_thumbnail_id", std::to_string(kMediaIdOffset + article.lead_image->media->id));
      }
      if (article.body_format == content::BodyFormat::kMarkdown) {
        xml.Meta("_lede_markdown", article.body_markdown);
      }
      if (!article.quick_looks.empty()) {
        xml.Meta("_lede_quick_looks", nlohmann::json(article.quick_looks).dump());
      }
      if (!article.dateline.empty()) xml.Meta("_lede_dateline", article.dateline);
      if (!article.edition.empty()) xml.Meta("_lede_edition", article.edition);
      if (!article.correction.empty()) xml.Meta("_lede_correction", article.correction);
      if (article.updated_at) xml.Meta("_lede_updated_at", std::to_string(*article.updated_at));
      xml.End();
      xml.Flush();
    }
  }
  xml.End();  // channel
  xml.End();  // rss
  xmlTextWriterEndDocument(xml.raw());
  xml.Flush();
  if (!out) return MakeError(ErrorCode::kUnavailable, "the export could not be written");
  return {};
}

}  // namespace lede::importers::wordpress
