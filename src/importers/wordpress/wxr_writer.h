#pragma once
// Writing WXR: a thin, exception-free wrapper over libxml2's xmlTextWriter
// that buffers in memory and hands each finished item to the stream, so
// memory stays flat however large the site. Every text it writes is made
// valid for XML 1.0 first: characters XML cannot hold (control characters,
// U+FFFE, U+FFFF) and bytes that are not UTF-8 are dropped and counted, so
// the file is always readable and the caller can say what lost what.

#include <libxml/xmlwriter.h>

#include <ostream>
#include <string>
#include <string_view>

#include "util/result.h"

namespace lede::importers::wordpress {

// `text` without what XML 1.0 cannot hold; `dropped` counts what went.
std::string XmlSafe(std::string_view text, std::size_t& dropped);

class WxrWriter {
 public:
  explicit WxrWriter(std::ostream& out);
  ~WxrWriter();
  WxrWriter(const WxrWriter&) = delete;
  WxrWriter& operator=(const WxrWriter&) = delete;

  void StartDocument();
  void EndDocument();
  void Start(const char* name);
  void End();
  void Attribute(const char* name, std::string_view value);
  // Escaped text inside the element started last.
  void String(std::string_view value);
  // <name>value</name>, escaped.
  void Text(const char* name, std::string_view value);
  // <name><![CDATA[value]]></name>, split where the value holds "]]>".
  void Cdata(const char* name, std::string_view value);
  // <category domain=".." nicename=".."><![CDATA[name]]></category>
  void ItemTerm(std::string_view domain, std::string_view nicename, std::string_view name);
  // <wp:postmeta> / <wp:termmeta> with a key and a value.
  void Meta(std::string_view key, std::string_view value, const char* element = "wp:postmeta");

  // Characters dropped since the last call (see XmlSafe).
  std::size_t TakeDropped();
  // Hands what is buffered to the stream. kUnavailable when the stream
  // refused it (a full disk, a closed pipe); nothing more is written then.
  Status Flush();

 private:
  std::string Safe(std::string_view text) { return XmlSafe(text, dropped_); }
  void WriteCdata(std::string_view value);

  std::ostream& out_;
  xmlBufferPtr buffer_;
  xmlTextWriterPtr writer_;
  std::size_t dropped_ = 0;
  bool failed_ = false;
};

}  // namespace lede::importers::wordpress
