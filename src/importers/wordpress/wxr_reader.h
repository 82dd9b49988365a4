#pragma once
// Reads a WordPress eXtended RSS export (WXR 1.0 to 1.2) as a stream: memory
// stays flat however large the file. Elements count only when their
// namespace really is WordPress's (http or https, export/1.0 to 1.2); a
// "wp:" prefix bound to anything else is ignored. A DOCTYPE is refused
// outright, so entity expansion (billion laughs) and external entities
// (XXE) never happen, and nothing is fetched from the network.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "util/result.h"

namespace lede::importers::wordpress {

struct WxrChannel {
  std::string title;
  std::string link;
  std::string description;
  std::string base_site_url;
  std::string base_blog_url;
  std::string version;  // "" when the file has no <wp:wxr_version>
  std::string language;
  std::string generator;  // "lede" for lede's own exports
  std::string time_zone;  // lede's exports only (lede:time_zone)
};

struct WxrAuthor {
  std::string login;
  std::string email;
  std::string display_name;
  std::string first_name;
  std::string last_name;
  std::string description;  // lede's exports only (wp:author_description)
};

struct WxrMeta {
  std::string key;
  std::string value;
};

struct WxrTerm {
  std::string taxonomy;  // "category" or "post_tag"
  std::string slug;
  std::string name;
  std::string parent_slug;
  std::string description;
  std::vector<WxrMeta> meta;  // <wp:termmeta>
};

// A <category> on an item: domain "category", "post_tag", "post_format"...
// (empty when the file omits it).
struct WxrItemTerm {
  std::string domain;
  std::string nicename;
  std::string name;
};

struct WxrItem {
  int line = 0;  // where <item> starts, for messages
  std::string title;
  std::string link;
  std::string guid;
  std::string creator;                // the first dc:creator
  std::vector<std::string> creators;  // all of them (lede writes one per author)
  std::string content;
  std::string excerpt;
  std::string pub_date;
  std::string post_date;
  std::string post_date_gmt;
  std::string post_name;
  std::string status;
  std::string post_type;
  std::string password;
  std::string attachment_url;
  std::int64_t post_id = 0;
  std::int64_t post_parent = 0;
  bool sticky = false;
  std::vector<WxrItemTerm> terms;
  std::vector<WxrMeta> meta;
  int comments = 0;
};

class WxrHandler {
 public:
  virtual ~WxrHandler() = default;
  // Called once, before the first author, term or item (or at the end).
  virtual Status OnChannel(const WxrChannel&) { return {}; }
  virtual Status OnAuthor(const WxrAuthor&) { return {}; }
  virtual Status OnTerm(const WxrTerm&) { return {}; }
  virtual Status OnItem(const WxrItem&) { return {}; }
};

// Reads `file`, calling `handler` as elements complete. A handler error
// stops the read and is returned. kInvalidArgument, with the message
// "FILE:LINE:COLUMN: what", when the file is not well-formed XML, holds a
// DOCTYPE, or is not a WordPress export.
// `shown_as` names the file in messages (the original, when reading a
// repaired copy); empty means `file`.
Status ReadWxr(const std::filesystem::path& file, WxrHandler& handler,
               const std::filesystem::path& shown_as = {});

}  // namespace lede::importers::wordpress
