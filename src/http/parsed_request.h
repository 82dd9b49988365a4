#pragma once
// What the server makes of a request Beast has parsed: our Request, or the
// 400 that refuses it. Its own unit so that the HTTP fuzzer
// (tests/fuzz/http_request_fuzzer.cc) drives exactly the server's checks.

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <string>
#include <variant>

#include "http/message.h"

namespace lede::http {

using ParsedMessage = boost::beast::http::request<boost::beast::http::string_body>;

// Takes the body out of `message`. A Response is a 400 to send before
// closing: a target that is not a path (absolute-form would let a client
// pick the host we answer as), or no Host in HTTP/1.1, two of them, or one
// that is not a host name (RFC 9112 3.2).
std::variant<Request, Response> FromParsed(ParsedMessage& message);

}  // namespace lede::http
