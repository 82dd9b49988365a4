#pragma once
// multipart/form-data (RFC 7578), as browsers send file uploads. The parts
// are views into the request body: it must outlive them.

#include <string_view>
#include <vector>

#include "util/result.h"

namespace lede::http {

struct FormPart {
  std::string_view name;
  std::string_view filename;      // empty for a plain field
  std::string_view content_type;  // as the client claims it: never trusted
  std::string_view body;
};

// kInvalidArgument when `content_type` is not multipart/form-data with a
// boundary, or the body is not well-formed (no closing boundary, a part
// without a name).
Result<std::vector<FormPart>> ParseMultipart(std::string_view content_type, std::string_view body);

// The first part named `name`, or nullptr.
const FormPart* FindPart(const std::vector<FormPart>& parts, std::string_view name);

}  // namespace lede::http
