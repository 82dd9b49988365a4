#include "http/multipart.h"

#include <strings.h>

#include <optional>

#include "http/multipart_stream.h"
#include "util/strings.h"

namespace lede::http {
namespace {

// The value of `key=` in a header's parameters ("; name=\"x\""), unquoted;
// nullopt when there is no such parameter.
std::optional<std::string_view> Parameter(std::string_view header, std::string_view key) {
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
  return std::nullopt;
}

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && strncasecmp(text.data(), prefix.data(), prefix.size()) == 0;
}

}  // namespace

Result<std::string_view> MultipartBoundary(std::string_view content_type) {
  if (!StartsWithNoCase(util::Trim(content_type), "multipart/form-data")) {
    return InvalidArgument("send the upload as multipart/form-data");
  }
  const std::string_view boundary = Parameter(content_type, "boundary").value_or("");
  if (boundary.empty() || boundary.size() > 70) {
    return InvalidArgument("the multipart body has no boundary");
  }
  return boundary;
}

PartHeaders ReadPartHeaders(std::string_view headers) {
  PartHeaders part;
  for (auto line : util::Split(headers, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (StartsWithNoCase(line, "content-disposition:")) {
      part.name = Parameter(line, "name").value_or("");
      const auto filename = Parameter(line, "filename");
      part.filename = filename.value_or("");
      part.has_filename = filename.has_value();
    } else if (StartsWithNoCase(line, "content-type:")) {
      part.content_type = util::Trim(line.substr(13));
    }
  }
  return part;
}

Result<std::vector<FormPart>> ParseMultipart(std::string_view content_type, std::string_view body) {
  LEDE_TRY(const std::string_view boundary, MultipartBoundary(content_type));
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
    if (headers_end - pos > kMaxPartHeaderBytes) {
      return InvalidArgument("a multipart part's headers are too long");
    }
    const PartHeaders headers = ReadPartHeaders(body.substr(pos, headers_end - pos));
    FormPart part{headers.name, headers.filename, headers.content_type, {}};
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

Result<std::vector<FormPart>> ReadMultipart(const Request& request) {
  if (!request.spooled) return ParseMultipart(request.Header("Content-Type"), request.body);
  if (!*request.spooled) return tl::unexpected(request.spooled->error());
  std::vector<FormPart> parts;
  for (const SpooledPart& part : **request.spooled) {
    parts.push_back({part.name, part.filename, part.content_type, part.value, part.file.get()});
  }
  return parts;
}

const FormPart* FindPart(const std::vector<FormPart>& parts, std::string_view name) {
  for (const auto& part : parts) {
    if (part.name == name) return &part;
  }
  return nullptr;
}

}  // namespace lede::http
