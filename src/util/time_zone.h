#pragma once
// A named time zone from the system's tz database (IANA names like
// "Asia/Seoul"), for showing times as a newsroom's readers and editors
// read them and for reading the times editors type. Copyable and cheap;
// safe from any thread.

#include <string>
#include <string_view>

#include "util/result.h"
#include "util/time.h"

namespace date {
class time_zone;
}

namespace lede::util {

class TimeZone {
 public:
  // UTC.
  TimeZone();
  // kInvalidArgument (field "time_zone") for a name the database lacks.
  static Result<TimeZone> Named(std::string_view name);

  const std::string& name() const { return name_; }
  // "28 November 2026, 22:38 KST".
  std::string FormatHuman(UnixSeconds seconds) const;
  // "28 Nov 2026".
  std::string FormatShortDate(UnixSeconds seconds) const;
  // "2026-11-28T22:38": an <input type=datetime-local> value.
  std::string FormatLocalInput(UnixSeconds seconds) const;
  // "2026-11-28T22:38:00+09:00".
  std::string FormatIso8601(UnixSeconds seconds) const;
  // Reads a local wall time ("2026-11-28T22:38", seconds optional; a
  // time with its own offset or Z is taken as it says). In a gap (clocks
  // going forward) the later instant; in an overlap, the earlier.
  std::optional<UnixSeconds> ParseLocal(std::string_view text) const;

 private:
  explicit TimeZone(const date::time_zone* zone);
  const date::time_zone* zone_;
  std::string name_;
};

}  // namespace lede::util
