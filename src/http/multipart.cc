#include "http/multipart.h"

#include <strings.h>

#include "util/strings.h"

namespace lede::http {
namespace {

// The value of `key=` in a header's parameters ("; name=\"x\""), unquoted.
std::string_view Parameter(std::string_view header, std::string_view key) {
  std::size_t pos = 0;
  while ((pos = header.find(';', pos)) != std::string_view::npos) {
    ++pos;
    std::string_view rest = util::Trim(header.substr(pos));
    if (rest.size() > key.size() && strncasecmp(rest.data(), key.data(), key.size()) == 0 &&
        rest[key.size()] == '=') {
      rest = rest.substr(key.size() + 1);
      if (!rest.empty() && rest.front() == '"') {
        const auto end = rest.find('"', 1);
        return end == std::string_view::npos ? std::string_view{} : rest.substr(1, end - 1);
      }
      return rest.substr(0, rest.find(';'));
    }
  }
  return {};
}

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && strncasecmp(text.data(), prefix.data(), prefix.size()) == 0;
}

}  // namespace

Result<std::vector<FormPart>> ParseMultipart(std::string_view content_type, std::string_view body) {
  if (!StartsWithNoCase(util::Trim(content_type), "multipart/form-data")) {
    return InvalidArgument("send the upload as multipart/form-data");
  }
  const std::string_view boundary = Parameter(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 70) {
    return InvalidArgument("the multipart body has no boundary");
  }
  const std::string delimiter = "--" + std::string(boundary);
  std::size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) return InvalidArgument("the multipart body is empty");
  std::vector<FormPart> parts;
  while (true) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n") return InvalidArgument("a multipart boundary is malformed");
    pos += 2;
    const auto headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) return InvalidArgument("a multipart part is cut off");
    FormPart part;
    for (auto line : util::Split(body.substr(pos, headers_end - pos), '\n')) {
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (StartsWithNoCase(line, "content-disposition:")) {
        part.name = Parameter(line, "name");
        part.filename = Parameter(line, "filename");
      } else if (StartsWithNoCase(line, "content-type:")) {
        part.content_type = util::Trim(line.substr(13));
      }
    }
    if (part.name.empty()) return InvalidArgument("a multipart part has no name");
    const std::size_t content = headers_end + 4;
    const auto next = body.find("\r\n" + delimiter, content);
    if (next == std::string_view::npos) {
      return InvalidArgument("the upload was cut off before its end");
    }
    part.body = body.substr(content, next - content);
    parts.push_back(part);
    pos = next + 2;
  }
}

const FormPart* FindPart(const std::vector<FormPart>& parts, std::string_view name) {
  for (const auto& part : parts) {
    if (part.name == name) return &part;
  }
  return nullptr;
}

}  // namespace lede::http
