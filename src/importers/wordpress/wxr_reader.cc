#include "importers/wordpress/wxr_reader.h"

#include <fmt/format.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>

#include <cstdio>

#include "util/strings.h"

namespace lede::importers::wordpress {
namespace {

enum class Ns { kNone, kWordPress, kExcerpt, kContent, kDublinCore, kLede, kOther };

// Called for every element: plain comparisons, no regex.
Ns Classify(const xmlChar* uri) {
  if (!uri) return Ns::kNone;
  std::string_view text(reinterpret_cast<const char*>(uri));
  if (text == "http://purl.org/rss/1.0/modules/content/") return Ns::kContent;
  if (text == "http://purl.org/dc/elements/1.1/") return Ns::kDublinCore;
  if (text == "urn:lede:export:1") return Ns::kLede;
  for (std::string_view prefix : {"http://wordpress.org/export/1.", "https://wordpress.org/export/1."}) {
    if (!util::StartsWith(text, prefix)) continue;
    const std::string_view rest = text.substr(prefix.size());
    if (rest.size() < 2 || rest[0] < '0' || rest[0] > '2' || rest[1] != '/') return Ns::kOther;
    if (rest.size() == 2) return Ns::kWordPress;
    if (rest.substr(2) == "excerpt/") return Ns::kExcerpt;
    return Ns::kOther;
  }
  return Ns::kOther;
}

struct Element {
  Ns ns;
  std::string name;
};

// Driven by libxml2's SAX2 push parser: no tree is built, not even a node
// at a time (its streaming reader did, at twice the cost).
class Reader {
 public:
  Reader(const std::filesystem::path& file, const std::filesystem::path& shown_as,
         WxrHandler& handler)
      : path_(file), file_(shown_as.empty() ? file : shown_as), handler_(handler) {}

  Status Run();

 private:
  static Reader& Of(void* self) { return *static_cast<Reader*>(self); }

  static void OnError(void* self, xmlErrorPtr error) {
    Reader& reader = Of(self);
    if (!reader.error_.empty() || !error) return;
    if (error->level < XML_ERR_ERROR) return;  // warnings are not failures
    std::string message = error->message ? error->message : "malformed XML";
    while (!message.empty() && message.back() == '\n') message.pop_back();
    reader.error_ = fmt::format("{}:{}:{}: {}", reader.file_.string(), error->line,
                                std::max(1, error->int2), message);
  }

  static void OnStart(void* self, const xmlChar* local_name, const xmlChar*, const xmlChar* uri,
                      int, const xmlChar**, int attribute_count, int,
                      const xmlChar** attributes) {
    Reader& reader = Of(self);
    if (!reader.status_) return;
    reader.attributes_ = attributes;
    reader.attribute_count_ = attribute_count;
    reader.Check(reader.StartElement({Classify(uri), reinterpret_cast<const char*>(local_name)}));
  }

  static void OnEnd(void* self, const xmlChar*, const xmlChar*, const xmlChar*) {
    Reader& reader = Of(self);
    if (reader.status_) reader.Check(reader.EndElement());
  }

  static void OnText(void* self, const xmlChar* text, int length) {
    Of(self).text_.append(reinterpret_cast<const char*>(text), static_cast<std::size_t>(length));
  }

  // Entity declarations never get this far (a DOCTYPE is refused first);
  // this is the only other way to a reference.
  static void OnReference(void* self, const xmlChar*) {
    Of(self).Check(Of(self).Fail("entity references other than XML's own are refused"));
  }

  static void OnDoctype(void* self, const xmlChar*, const xmlChar*, const xmlChar*) {
    Of(self).Check(
        Of(self).Fail("a DOCTYPE is not allowed in a WordPress export (entities are refused)"));
  }

  // Keeps the first failure and stops the parser at once.
  void Check(Status status) {
    if (status || !status_) return;
    status_ = std::move(status);
    xmlStopParser(parser_);
  }

  tl::unexpected<Error> Fail(std::string_view message) {
    return InvalidArgument(fmt::format("{}:{}:{}: {}", file_.string(), xmlSAX2GetLineNumber(parser_),
                                       std::max(1, xmlSAX2GetColumnNumber(parser_)), message));
  }

  // The value of an attribute of the element being started, or "".
  std::string Attribute(std::string_view name) const {
    for (int i = 0; i < attribute_count_; ++i) {
      const xmlChar* const* attribute = attributes_ + 5 * i;  // local, prefix, URI, value, end
      if (attribute[2] == nullptr && name == reinterpret_cast<const char*>(attribute[0])) {
        return std::string(reinterpret_cast<const char*>(attribute[3]),
                           static_cast<std::size_t>(attribute[4] - attribute[3]));
      }
    }
    return "";
  }

  bool Is(std::size_t depth, Ns ns, std::string_view name) const {
    return stack_.size() > depth && stack_[depth].ns == ns && stack_[depth].name == name;
  }
  Status EnsureChannel();
  Status StartElement(const Element& element);
  Status EndElement();

  std::filesystem::path path_;  // what is read
  std::filesystem::path file_;  // what messages call it
  WxrHandler& handler_;
  xmlParserCtxtPtr parser_ = nullptr;
  Status status_;
  std::string error_;
  const xmlChar** attributes_ = nullptr;
  int attribute_count_ = 0;
  std::vector<Element> stack_;
  std::string text_;
  WxrChannel channel_;
  bool channel_sent_ = false;
  bool saw_wordpress_ = false;
  WxrAuthor author_;
  WxrTerm term_;
  WxrItem item_;
  WxrMeta meta_;
};

Status Reader::EnsureChannel() {
  if (channel_sent_) return {};
  channel_sent_ = true;
  return handler_.OnChannel(channel_);
}

Status Reader::StartElement(const Element& element) {
  const std::size_t depth = stack_.size();
  if (depth == 0 && !(element.ns == Ns::kNone && element.name == "rss")) {
    return Fail(fmt::format("not a WordPress export: the root element is <{}>, not <rss>",
                            element.name));
  }
  if (element.ns == Ns::kWordPress || element.ns == Ns::kExcerpt) saw_wordpress_ = true;
  stack_.push_back(element);
  text_.clear();
  if (depth == 2 && element.ns == Ns::kNone && element.name == "item") {
    LEDE_TRY(EnsureChannel());
    item_ = WxrItem{};
    item_.line = xmlSAX2GetLineNumber(parser_);
  } else if (depth == 2 && element.ns == Ns::kWordPress) {
    if (element.name == "author") author_ = WxrAuthor{};
    if (element.name == "category" || element.name == "tag" || element.name == "term") {
      term_ = WxrTerm{};
      term_.taxonomy = element.name == "tag" ? "post_tag" : element.name == "category" ? "category" : "";
    }
  } else if (depth == 3 && Is(2, Ns::kNone, "item") && element.ns == Ns::kNone &&
             element.name == "category") {
    item_.terms.push_back({Attribute("domain"), Attribute("nicename"), ""});
  } else if (depth == 3 && Is(2, Ns::kNone, "item") && element.ns == Ns::kWordPress &&
             element.name == "postmeta") {
    meta_ = WxrMeta{};
  } else if (depth == 3 && element.ns == Ns::kWordPress && element.name == "termmeta" &&
             (Is(2, Ns::kWordPress, "category") || Is(2, Ns::kWordPress, "tag") ||
              Is(2, Ns::kWordPress, "term"))) {
    meta_ = WxrMeta{};
  }
  return {};
}

Status Reader::EndElement() {
  if (stack_.empty()) return {};
  const Element element = stack_.back();
  stack_.pop_back();
  const std::size_t depth = stack_.size();  // the ended element's depth
  // Meta values are data, kept byte for byte (lede's own Markdown source
  // travels in one); everything else is trimmed of layout whitespace.
  std::string raw = std::move(text_);
  text_.clear();
  const std::string_view value = util::Trim(raw);
  // The trimmed text as a string, moved rather than copied when nothing was
  // trimmed (bodies are most of the file).
  auto take = [&raw, value]() -> std::string {
    return value.size() == raw.size() ? std::move(raw) : std::string(value);
  };
  const bool wp = element.ns == Ns::kWordPress;
  const std::string& name = element.name;

  if (depth == 2 && Is(1, Ns::kNone, "channel")) {
    if (element.ns == Ns::kNone) {
      if (name == "title") channel_.title = value;
      else if (name == "link") channel_.link = value;
      else if (name == "description") channel_.description = value;
      else if (name == "language") channel_.language = value;
      else if (name == "generator") channel_.generator = value;
      else if (name == "item") return handler_.OnItem(item_);
    } else if (element.ns == Ns::kLede) {
      if (name == "time_zone") channel_.time_zone = value;
    } else if (wp) {
      if (name == "wxr_version") channel_.version = value;
      else if (name == "base_site_url") channel_.base_site_url = value;
      else if (name == "base_blog_url") channel_.base_blog_url = value;
      else if (name == "author") {
        LEDE_TRY(EnsureChannel());
        return handler_.OnAuthor(author_);
      } else if (name == "category" || name == "tag" || name == "term") {
        LEDE_TRY(EnsureChannel());
        if (term_.taxonomy == "category" || term_.taxonomy == "post_tag") return handler_.OnTerm(term_);
      }
    }
    return {};
  }
  if (depth == 3 && Is(2, Ns::kWordPress, "author") && wp) {
    if (name == "author_login") author_.login = value;
    else if (name == "author_email") author_.email = value;
    else if (name == "author_display_name") author_.display_name = value;
    else if (name == "author_first_name") author_.first_name = value;
    else if (name == "author_last_name") author_.last_name = value;
    else if (name == "author_description") author_.description = value;
    return {};
  }
  if (depth == 3 && stack_.size() >= 3 && stack_[2].ns == Ns::kWordPress && wp &&
      (stack_[2].name == "category" || stack_[2].name == "tag" || stack_[2].name == "term")) {
    if (name == "category_nicename" || name == "tag_slug" || name == "term_slug") term_.slug = value;
    else if (name == "cat_name" || name == "tag_name" || name == "term_name") term_.name = value;
    else if (name == "category_parent" || name == "term_parent") term_.parent_slug = value;
    else if (name == "category_description" || name == "tag_description" ||
             name == "term_description") term_.description = value;
    else if (name == "term_taxonomy") term_.taxonomy = value;
    else if (name == "termmeta") term_.meta.push_back(meta_);
    return {};
  }
  if (depth == 3 && Is(2, Ns::kNone, "item")) {
    switch (element.ns) {
      case Ns::kNone:
        if (name == "title") item_.title = value;
        else if (name == "link") item_.link = value;
        else if (name == "guid") item_.guid = value;
        else if (name == "pubDate") item_.pub_date = value;
        else if (name == "category" && !item_.terms.empty()) item_.terms.back().name = value;
        break;
      case Ns::kDublinCore:
        if (name == "creator") {
          if (item_.creators.empty()) item_.creator = value;
          item_.creators.emplace_back(value);
        }
        break;
      case Ns::kContent:
        if (name == "encoded") item_.content = take();
        break;
      case Ns::kExcerpt:
        if (name == "encoded") item_.excerpt = take();
        break;
      case Ns::kWordPress:
        if (name == "post_id") item_.post_id = util::ParseInt(value).value_or(0);
        else if (name == "post_date") item_.post_date = value;
        else if (name == "post_date_gmt") item_.post_date_gmt = value;
        else if (name == "post_name") item_.post_name = value;
        else if (name == "status") item_.status = value;
        else if (name == "post_type") item_.post_type = value;
        else if (name == "post_parent") item_.post_parent = util::ParseInt(value).value_or(0);
        else if (name == "post_password") item_.password = value;
        else if (name == "is_sticky") item_.sticky = value == "1";
        else if (name == "attachment_url") item_.attachment_url = value;
        else if (name == "postmeta") item_.meta.push_back(meta_);
        else if (name == "comment") ++item_.comments;
        break;
      default:
        break;
    }
    return {};
  }
  if (depth == 4 && (Is(3, Ns::kWordPress, "postmeta") || Is(3, Ns::kWordPress, "termmeta")) && wp) {
    if (name == "meta_key") meta_.key = value;
    else if (name == "meta_value") meta_.value = std::move(raw);
  }
  return {};
}

Status Reader::Run() {
  std::FILE* file = std::fopen(path_.c_str(), "rb");
  if (!file) return InvalidArgument(fmt::format("{}: cannot be opened", file_.string()));
  xmlSAXHandler sax{};
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = &Reader::OnStart;
  sax.endElementNs = &Reader::OnEnd;
  sax.characters = &Reader::OnText;
  sax.cdataBlock = &Reader::OnText;
  sax.ignorableWhitespace = &Reader::OnText;
  sax.reference = &Reader::OnReference;
  sax.internalSubset = &Reader::OnDoctype;
  sax.serror = &Reader::OnError;
  // The first bytes go in with the context, to detect the encoding.
  char buffer[1 << 16];
  std::size_t got = std::fread(buffer, 1, 4, file);
  parser_ = xmlCreatePushParserCtxt(&sax, this, buffer, static_cast<int>(got), path_.c_str());
  if (!parser_) {
    std::fclose(file);
    return InvalidArgument(fmt::format("{}: cannot be read", file_.string()));
  }
  // No NOENT (entities are not substituted), no DTDLOAD, NONET: nothing
  // outside the file is ever read.
  xmlCtxtUseOptions(parser_, XML_PARSE_NONET);
  bool parsed = true;
  while (parsed && status_ && (got = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
    parsed = xmlParseChunk(parser_, buffer, static_cast<int>(got), 0) == 0;
  }
  if (parsed && status_) parsed = xmlParseChunk(parser_, nullptr, 0, 1) == 0;
  const bool well_formed = parser_->wellFormed != 0;
  std::fclose(file);
  Status status = std::move(status_);
  if (status && (!parsed || !well_formed)) {
    status = InvalidArgument(error_.empty() ? fmt::format("{}: malformed XML", file_.string())
                                            : error_);
  }
  if (status && !saw_wordpress_) {
    status = InvalidArgument(fmt::format(
        "{}: not a WordPress export: no element in the WXR namespace "
        "(http://wordpress.org/export/1.x/)",
        file_.string()));
  }
  if (status) status = EnsureChannel();
  xmlFreeParserCtxt(parser_);
  parser_ = nullptr;
  return status;
}

}  // namespace

Status ReadWxr(const std::filesystem::path& file, WxrHandler& handler,
               const std::filesystem::path& shown_as) {
  Reader reader(file, shown_as, handler);
  return reader.Run();
}

}  // namespace lede::importers::wordpress
