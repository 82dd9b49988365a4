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
using ParsedHeader = boost::beast::http::request_header<>;

// Checked on a request's raw header bytes, before Beast reads them: a
// header line continued on the next (obs-fold, RFC 9112 5.2). Refused
// outright: a folded Content-Length or Transfer-Encoding is read one way
// by one server and another way by the next. A 400's text, or nullptr.
const char* RawHeaderProblem(std::string_view raw_header);

// Checked once the header is parsed, before any body is read: how the
// body is framed. A Transfer-Encoding must be exactly "chunked" (RFC 9112
// 6.3: any other coding, or chunked not last, leaves the length unknown),
// once, and never beside a Content-Length. A 400's text, or nullptr; the
// connection is closed after it.
const char* FramingProblem(const ParsedHeader& header);

// Takes the body out of `message`. A Response is a 400 to send before
// closing: a target that is not a path (absolute-form would let a client
// pick the host we answer as), or no Host in HTTP/1.1, two of them, or one
// that is not a host name (RFC 9112 3.2).
std::variant<Request, Response> FromParsed(ParsedMessage& message);
// The same for a header whose body is read elsewhere (an upload spooled
// to disk); the Request's body is left empty.
std::variant<Request, Response> FromParsedHeader(const ParsedHeader& header);

}  // namespace lede::http
