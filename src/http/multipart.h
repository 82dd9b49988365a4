#pragma once
// multipart/form-data (RFC 7578), as browsers send file uploads. The parts
// are views into the request (its body, or the parts the server spooled as
// they arrived): it must outlive them.

#include <string_view>
#include <vector>

#include "http/message.h"
#include "util/result.h"

namespace lede::http {

class SpooledFile;

struct FormPart {
  std::string_view name;
  std::string_view filename;      // empty for a plain field
  std::string_view content_type;  // as the client claims it: never trusted
  std::string_view body;          // empty when `file` holds the bytes
  // A file part an upload path wrote to disk as it arrived
  // (multipart_stream.h); nullptr when the bytes are in `body`.
  const SpooledFile* file = nullptr;
};

// The request's multipart form, however it arrived: parsed from its body,
// or the parts the server spooled. Errors as ParseMultipart, or the
// spooler's (kUnavailable when the upload could not be written).
Result<std::vector<FormPart>> ReadMultipart(const Request& request);

// The most a part's header lines may hold.
inline constexpr std::size_t kMaxPartHeaderBytes = 16 * 1024;

// kInvalidArgument when `content_type` is not multipart/form-data with a
// boundary, or the body is not well-formed (no closing boundary, a part
// without a name).
Result<std::vector<FormPart>> ParseMultipart(std::string_view content_type, std::string_view body);

// The boundary a multipart/form-data Content-Type names. kInvalidArgument
// when it is not multipart/form-data or has no (or too long a) boundary.
Result<std::string_view> MultipartBoundary(std::string_view content_type);

// What a part's header lines say of it. Views into `headers`.
struct PartHeaders {
  std::string_view name;
  std::string_view filename;
  bool has_filename = false;  // filename="" counts: an empty file input
  std::string_view content_type;
};
PartHeaders ReadPartHeaders(std::string_view headers);

// The first part named `name`, or nullptr.
const FormPart* FindPart(const std::vector<FormPart>& parts, std::string_view name);

}  // namespace lede::http
