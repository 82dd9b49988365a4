#include "http/parsed_request.h"

#include <strings.h>

#include <cstring>

namespace lede::http {
namespace {

namespace bhttp = boost::beast::http;

Method ToMethod(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get: return Method::kGet;
    case bhttp::verb::head: return Method::kHead;
    case bhttp::verb::post: return Method::kPost;
    case bhttp::verb::put: return Method::kPut;
    case bhttp::verb::patch: return Method::kPatch;
    case bhttp::verb::delete_: return Method::kDelete;
    case bhttp::verb::options: return Method::kOptions;
    default: return Method::kOther;
  }
}

bool IsHostCharacter(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
         (ch != '\0' && std::strchr("-._~:[]%!$&'()*+,;=", ch) != nullptr);
}

const char* HostProblem(const ParsedHeader& message) {
  int count = 0;
  std::string_view value;
  for (const auto& field : message) {
    if (field.name() != bhttp::field::host) continue;
    ++count;
    value = std::string_view(field.value().data(), field.value().size());
  }
  if (count > 1) return "A request may carry one Host header only\n";
  if (count == 0) {
    return message.version() >= 11 ? "An HTTP/1.1 request needs a Host header\n" : nullptr;
  }
  for (const char ch : value) {
    if (!IsHostCharacter(ch)) return "The Host header is not a host name\n";
  }
  return nullptr;
}

bool IsTokenSpace(char ch) { return ch == ' ' || ch == '\t'; }

}  // namespace

const char* RawHeaderProblem(std::string_view raw) {
  // Every line after the request line; the header ends with an empty one.
  for (std::size_t at = raw.find('\n'); at != std::string_view::npos && at + 1 < raw.size();
       at = raw.find('\n', at + 1)) {
    if (IsTokenSpace(raw[at + 1])) {
      return "A header line continued on the next (obsolete line folding) is not accepted\n";
    }
  }
  return nullptr;
}

const char* FramingProblem(const ParsedHeader& header) {
  int codings = 0;
  bool lengths = false;
  std::string_view coding;
  for (const auto& field : header) {
    if (field.name() == bhttp::field::transfer_encoding) {
      ++codings;
      coding = std::string_view(field.value().data(), field.value().size());
    } else if (field.name() == bhttp::field::content_length) {
      lengths = true;
    }
  }
  if (codings == 0) return nullptr;
  while (!coding.empty() && IsTokenSpace(coding.front())) coding.remove_prefix(1);
  while (!coding.empty() && IsTokenSpace(coding.back())) coding.remove_suffix(1);
  const bool chunked = coding.size() == 7 && strncasecmp(coding.data(), "chunked", 7) == 0;
  if (codings > 1 || !chunked) {
    return "Transfer-Encoding must be \"chunked\", once: no other coding is accepted\n";
  }
  if (lengths) return "A request may not carry both Content-Length and Transfer-Encoding\n";
  return nullptr;
}

std::variant<Request, Response> FromParsedHeader(const ParsedHeader& message) {
  Request request;
  request.method = ToMethod(message.method());
  request.target = std::string(message.target());
  if (request.target.empty() || request.target.front() != '/') {
    return Response::Text(400, "The request target must be a path\n");
  }
  if (const char* problem = HostProblem(message)) return Response::Text(400, problem);
  const auto question = request.target.find('?');
  request.path = request.target.substr(0, question);
  if (question != std::string::npos) request.query = request.target.substr(question + 1);
  request.headers.reserve(16);
  for (const auto& field : message) {
    request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  return request;
}

std::variant<Request, Response> FromParsed(ParsedMessage& message) {
  auto parsed = FromParsedHeader(message.base());
  if (auto* request = std::get_if<Request>(&parsed)) request->body = std::move(message.body());
  return parsed;
}

}  // namespace lede::http
