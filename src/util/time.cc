#include "util/time.h"

#include <chrono>

#include <fmt/format.h>

#include "util/strings.h"

namespace lede::util {
namespace {

constexpr std::string_view kMonths[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::string_view kDays[] = {"Sun", "Mon", "Tue", "Wed",
                                      "Thu", "Fri", "Sat"};

struct CivilTime {
  std::chrono::year_month_day date;
  int hour, minute, second;
  unsigned weekday;
};

CivilTime ToCivil(UnixSeconds seconds) {
  using namespace std::chrono;
  const sys_seconds point{std::chrono::seconds(seconds)};
  const auto day = floor<days>(point);
  const hh_mm_ss time{point - day};
  return {year_month_day{day}, static_cast<int>(time.hours().count()),
          static_cast<int>(time.minutes().count()),
          static_cast<int>(time.seconds().count()),
          weekday{day}.c_encoding()};
}

}  // namespace

UnixSeconds SystemClock::Now() const {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

std::string FormatIso8601(UnixSeconds seconds) {
  const auto civil = ToCivil(seconds);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                     static_cast<int>(civil.date.year()),
                     static_cast<unsigned>(civil.date.month()),
                     static_cast<unsigned>(civil.date.day()), civil.hour,
                     civil.minute, civil.second);
}

std::string FormatHuman(UnixSeconds seconds) {
  const auto civil = ToCivil(seconds);
  return fmt::format("{} {} {}, {:02}:{:02} UTC",
                     static_cast<unsigned>(civil.date.day()),
                     kMonths[static_cast<unsigned>(civil.date.month()) - 1],
                     static_cast<int>(civil.date.year()), civil.hour,
                     civil.minute);
}

std::string FormatShortDate(UnixSeconds seconds) {
  const auto civil = ToCivil(seconds);
  return fmt::format(
      "{} {} {}", static_cast<unsigned>(civil.date.day()),
      kMonths[static_cast<unsigned>(civil.date.month()) - 1].substr(0, 3),
      static_cast<int>(civil.date.year()));
}

std::string FormatHttpDate(UnixSeconds seconds) {
  const auto civil = ToCivil(seconds);
  return fmt::format(
      "{}, {:02} {} {} {:02}:{:02}:{:02} GMT", kDays[civil.weekday],
      static_cast<unsigned>(civil.date.day()),
      kMonths[static_cast<unsigned>(civil.date.month()) - 1].substr(0, 3),
      static_cast<int>(civil.date.year()), civil.hour, civil.minute,
      civil.second);
}

std::optional<UnixSeconds> ParseHttpDate(std::string_view text) {
  // "Tue, 01 Dec 2026 22:37:17 GMT": 29 characters, fixed positions.
  text = Trim(text);
  if (text.size() != 29 || text.substr(3, 2) != ", " || !text.ends_with(" GMT")) return std::nullopt;
  std::size_t month = 0;
  while (month < 12 && kMonths[month].substr(0, 3) != text.substr(8, 3)) ++month;
  if (month == 12) return std::nullopt;
  const std::string iso = fmt::format("{}-{:02}-{}T{}Z", text.substr(12, 4), month + 1,
                                      text.substr(5, 2), text.substr(17, 8));
  return ParseIso8601(iso);
}

std::optional<UnixSeconds> ParseIso8601(std::string_view text) {
  text = Trim(text);
  auto number = [&](std::size_t pos, std::size_t length) -> std::optional<int> {
    if (pos + length > text.size()) return std::nullopt;
    for (std::size_t i = pos; i < pos + length; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
    }
    return static_cast<int>(*ParseInt(text.substr(pos, length)));
  };
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = number(0, 4), month = number(5, 2), day = number(8, 2);
  if (!year || !month || !day) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(*year),
                                         std::chrono::month(*month),
                                         std::chrono::day(*day)};
  if (!date.ok()) return std::nullopt;
  int hour = 0, minute = 0, second = 0, offset = 0;
  std::size_t pos = 10;
  if (pos < text.size()) {
    if (text[pos] != 'T' && text[pos] != ' ') return std::nullopt;
    const auto h = number(pos + 1, 2), m = number(pos + 4, 2);
    if (!h || !m || text.size() < pos + 6 || text[pos + 3] != ':') {
      return std::nullopt;
    }
    hour = *h;
    minute = *m;
    pos += 6;
    if (pos < text.size() && text[pos] == ':') {
      const auto s = number(pos + 1, 2);
      if (!s) return std::nullopt;
      second = *s;
      pos += 3;
      // Fractions of a second are accepted and dropped.
      if (pos < text.size() && text[pos] == '.') {
        ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
      }
    }
    if (pos < text.size()) {
      if (text[pos] == 'Z' && pos + 1 == text.size()) {
        ++pos;
      } else if ((text[pos] == '+' || text[pos] == '-') &&
                 text.size() == pos + 6 && text[pos + 3] == ':') {
        const auto oh = number(pos + 1, 2), om = number(pos + 4, 2);
        if (!oh || !om || *oh > 23 || *om > 59) return std::nullopt;
        offset = (*oh * 3600 + *om * 60) * (text[pos] == '+' ? 1 : -1);
        pos += 6;
      } else {
        return std::nullopt;
      }
    }
    if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
  }
  const auto days = std::chrono::sys_days(date).time_since_epoch().count();
  return static_cast<UnixSeconds>(days) * 86400 + hour * 3600 + minute * 60 +
         second - offset;
}

}  // namespace lede::util
