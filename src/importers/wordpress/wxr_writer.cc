#include "importers/wordpress/wxr_writer.h"

#include "util/strings.h"

namespace lede::importers::wordpress {
namespace {

const xmlChar* X(const char* text) { return reinterpret_cast<const xmlChar*>(text); }
const xmlChar* X(const std::string& text) { return reinterpret_cast<const xmlChar*>(text.c_str()); }

// XML 1.0's Char production.
bool AllowedInXml(char32_t code) {
  if (code < 0x20) return code == 0x09 || code == 0x0A || code == 0x0D;
  return code != 0xFFFE && code != 0xFFFF;
}

}  // namespace

std::string XmlSafe(std::string_view text, std::size_t& dropped) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      if (AllowedInXml(byte)) {
        out += text[pos];
      } else {
        ++dropped;
      }
      ++pos;
      continue;
    }
    const auto sequence = util::DecodeUtf8(text, pos);
    if (!sequence) {
      ++dropped;
      ++pos;
      continue;
    }
    if (AllowedInXml(sequence->code)) {
      out.append(text.substr(pos, sequence->length));
    } else {
      ++dropped;
    }
    pos += sequence->length;
  }
  return out;
}

WxrWriter::WxrWriter(std::ostream& out) : out_(out), buffer_(xmlBufferCreate()) {
  writer_ = xmlNewTextWriterMemory(buffer_, 0);
  xmlTextWriterSetIndent(writer_, 1);
  xmlTextWriterSetIndentString(writer_, X("\t"));
}

WxrWriter::~WxrWriter() {
  xmlFreeTextWriter(writer_);
  xmlBufferFree(buffer_);
}

void WxrWriter::StartDocument() { xmlTextWriterStartDocument(writer_, "1.0", "UTF-8", nullptr); }
void WxrWriter::EndDocument() { xmlTextWriterEndDocument(writer_); }
void WxrWriter::Start(const char* name) { xmlTextWriterStartElement(writer_, X(name)); }
void WxrWriter::End() { xmlTextWriterEndElement(writer_); }

void WxrWriter::Attribute(const char* name, std::string_view value) {
  xmlTextWriterWriteAttribute(writer_, X(name), X(Safe(value)));
}

void WxrWriter::String(std::string_view value) {
  xmlTextWriterWriteString(writer_, X(Safe(value)));
}

void WxrWriter::Text(const char* name, std::string_view value) {
  xmlTextWriterWriteElement(writer_, X(name), X(Safe(value)));
}

void WxrWriter::WriteCdata(std::string_view raw) {
  const std::string value = Safe(raw);
  std::size_t start = 0;
  while (true) {
    const auto end = value.find("]]>", start);
    const std::string part =
        value.substr(start, end == std::string::npos ? std::string::npos : end + 2 - start);
    xmlTextWriterWriteCDATA(writer_, X(part));
    if (end == std::string::npos) break;
    start = end + 2;
  }
}

void WxrWriter::Cdata(const char* name, std::string_view value) {
  Start(name);
  WriteCdata(value);
  End();
}

void WxrWriter::ItemTerm(std::string_view domain, std::string_view nicename, std::string_view name) {
  Start("category");
  Attribute("domain", domain);
  Attribute("nicename", nicename);
  WriteCdata(name);
  End();
}

void WxrWriter::Meta(std::string_view key, std::string_view value, const char* element) {
  Start(element);
  Text("wp:meta_key", key);
  Cdata("wp:meta_value", value);
  End();
}

std::size_t WxrWriter::TakeDropped() { return std::exchange(dropped_, 0); }

Status WxrWriter::Flush() {
  xmlTextWriterFlush(writer_);
  if (!failed_) {
    out_.write(reinterpret_cast<const char*>(xmlBufferContent(buffer_)), xmlBufferLength(buffer_));
    if (xmlBufferLength(buffer_) > 0) out_.flush();
    failed_ = !out_;
  }
  xmlBufferEmpty(buffer_);
  if (failed_) return MakeError(ErrorCode::kUnavailable, "the export could not be written");
  return {};
}

}  // namespace lede::importers::wordpress
