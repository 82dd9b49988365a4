#pragma once
// Errors are values. Anything that can fail returns Result<T>; the error
// carries a code (mapped to an HTTP status once, in http/), a message for
// people, and for form input the field it concerns.

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace lede {

enum class ErrorCode {
  kNotFound,
  kInvalidArgument,
  kConflict,
  kPermissionDenied,
  kUnavailable,
  kCorruption,
  kInternal,
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string field;
};

template <typename T>
using Result = tl::expected<T, Error>;

// Result<void> for operations that return nothing but may fail.
using Status = Result<void>;

inline tl::unexpected<Error> MakeError(ErrorCode code, std::string message,
                                       std::string field = {}) {
  return tl::unexpected<Error>(
      Error{code, std::move(message), std::move(field)});
}

inline tl::unexpected<Error> NotFound(std::string message) {
  return MakeError(ErrorCode::kNotFound, std::move(message));
}

inline tl::unexpected<Error> InvalidArgument(std::string message,
                                             std::string field = {}) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(message),
                   std::move(field));
}

const char* ErrorCodeName(ErrorCode code);

}  // namespace lede

// Passes an error up: `LEDE_TRY(auto x, Compute());` or `LEDE_TRY(Do());`.
#define LEDE_CONCAT_INNER(a, b) a##b
#define LEDE_CONCAT(a, b) LEDE_CONCAT_INNER(a, b)
#define LEDE_TRY_1(expr) LEDE_TRY_IMPL(LEDE_CONCAT(lede_try_, __LINE__), expr)
#define LEDE_TRY_2(decl, expr) \
  LEDE_TRY_ASSIGN(LEDE_CONCAT(lede_try_, __LINE__), decl, expr)
#define LEDE_TRY_IMPL(tmp, expr)                              \
  do {                                                        \
    auto&& tmp = (expr);                                      \
    if (!tmp) return ::tl::unexpected<::lede::Error>(tmp.error()); \
  } while (false)
#define LEDE_TRY_ASSIGN(tmp, decl, expr)                    \
  auto&& tmp = (expr);                                      \
  if (!tmp) return ::tl::unexpected<::lede::Error>(tmp.error()); \
  decl = std::move(*tmp)
#define LEDE_TRY_PICK(_1, _2, name, ...) name
#define LEDE_TRY(...) LEDE_TRY_PICK(__VA_ARGS__, LEDE_TRY_2, LEDE_TRY_1)(__VA_ARGS__)

// For bugs only, never for user input: prints and aborts.
#define LEDE_CHECK(cond)                                                   \
  do {                                                                     \
    if (!(cond)) ::lede::CheckFailed(#cond, __FILE__, __LINE__);           \
  } while (false)

namespace lede {
[[noreturn]] void CheckFailed(const char* condition, const char* file, int line);
}
