#pragma once
// Time as whole seconds since the Unix epoch, UTC. A Clock is passed to
// anything that asks "what time is it" so tests can move time.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lede::util {

using UnixSeconds = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual UnixSeconds Now() const = 0;
};

// The wall clock. Safe from any thread.
class SystemClock final : public Clock {
 public:
  UnixSeconds Now() const override;
};

// "2026-11-28T13:38:00Z" (RFC 3339, UTC).
std::string FormatIso8601(UnixSeconds seconds);
// "28 November 2026, 13:38 UTC": how readers see times.
std::string FormatHuman(UnixSeconds seconds);
// "28 Nov 2026".
std::string FormatShortDate(UnixSeconds seconds);
// "Sat, 28 Nov 2026 13:38:00 GMT" (HTTP dates).
std::string FormatHttpDate(UnixSeconds seconds);
// Reads that form back ("Tue, 01 Dec 2026 22:37:17 GMT", RFC 9110's
// IMF-fixdate); nullopt for anything else.
std::optional<UnixSeconds> ParseHttpDate(std::string_view text);

// Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" with optional "Z" or
// "+HH:MM"/"-HH:MM"; a space may replace the 'T'. nullopt when malformed or
// out of range (month 13, 31 February...).
std::optional<UnixSeconds> ParseIso8601(std::string_view text);

}  // namespace lede::util
