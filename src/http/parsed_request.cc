#include "http/parsed_request.h"

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

const char* HostProblem(const ParsedMessage& message) {
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

}  // namespace

std::variant<Request, Response> FromParsed(ParsedMessage& message) {
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
  request.body = std::move(message.body());
  return request;
}

}  // namespace lede::http
