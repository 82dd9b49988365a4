#include "util/time_zone.h"

#include <date/tz.h>
#include <fmt/format.h>

#include <chrono>

namespace lede::util {
namespace {

constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

struct Local {
  date::year_month_day day;
  std::chrono::hh_mm_ss<std::chrono::seconds> time;
  std::string abbreviation;
  std::chrono::seconds offset;
};

Local ToLocal(const date::time_zone* zone, UnixSeconds seconds) {
  const date::sys_seconds instant{std::chrono::seconds(seconds)};
  const auto info = zone->get_info(instant);
  const auto local = instant + info.offset;
  const auto day = date::floor<date::days>(local);
  return {date::year_month_day(day), std::chrono::hh_mm_ss<std::chrono::seconds>(local - day),
          info.abbrev, info.offset};
}

}  // namespace

TimeZone::TimeZone() : zone_(nullptr), name_("UTC") {
  try {
    zone_ = date::locate_zone("UTC");
  } catch (const std::exception&) {
    zone_ = nullptr;  // no tz database: UTC is computed without it
  }
}

TimeZone::TimeZone(const date::time_zone* zone) : zone_(zone), name_(zone->name()) {}

Result<TimeZone> TimeZone::Named(std::string_view name) {
  if (name.empty() || name == "UTC") return TimeZone();
  try {
    return TimeZone(date::locate_zone(name));
  } catch (const std::exception&) {
    return InvalidArgument(fmt::format("\"{}\" is not a time zone (try Europe/London or "
                                       "Asia/Seoul)",
                                       name),
                           "time_zone");
  }
}

std::string TimeZone::FormatHuman(UnixSeconds seconds) const {
  if (!zone_) return util::FormatHuman(seconds);
  const Local local = ToLocal(zone_, seconds);
  return fmt::format("{} {} {}, {:02}:{:02} {}", static_cast<unsigned>(local.day.day()),
                     kMonths[static_cast<unsigned>(local.day.month()) - 1],
                     static_cast<int>(local.day.year()), local.time.hours().count(),
                     local.time.minutes().count(), local.abbreviation);
}

std::string TimeZone::FormatShortDate(UnixSeconds seconds) const {
  if (!zone_) return util::FormatShortDate(seconds);
  const Local local = ToLocal(zone_, seconds);
  return fmt::format("{} {} {}", static_cast<unsigned>(local.day.day()),
                     std::string_view(kMonths[static_cast<unsigned>(local.day.month()) - 1]).substr(0, 3),
                     static_cast<int>(local.day.year()));
}

std::string TimeZone::FormatLocalInput(UnixSeconds seconds) const {
  if (!zone_) return util::FormatIso8601(seconds).substr(0, 16);
  const Local local = ToLocal(zone_, seconds);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}", static_cast<int>(local.day.year()),
                     static_cast<unsigned>(local.day.month()), static_cast<unsigned>(local.day.day()),
                     local.time.hours().count(), local.time.minutes().count());
}

std::string TimeZone::FormatIso8601(UnixSeconds seconds) const {
  if (!zone_) return util::FormatIso8601(seconds);
  const Local local = ToLocal(zone_, seconds);
  const auto offset = local.offset.count();
  if (offset == 0) return util::FormatIso8601(seconds);
  const auto magnitude = offset < 0 ? -offset : offset;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}",
                     static_cast<int>(local.day.year()), static_cast<unsigned>(local.day.month()),
                     static_cast<unsigned>(local.day.day()), local.time.hours().count(),
                     local.time.minutes().count(), local.time.seconds().count(),
                     offset < 0 ? '-' : '+', magnitude / 3600, magnitude % 3600 / 60);
}

std::optional<UnixSeconds> TimeZone::ParseLocal(std::string_view text) const {
  // A time that names its own offset needs no zone.
  const bool has_offset = text.size() > 16 && (text.back() == 'Z' || text.find('+', 16) != std::string_view::npos ||
                                               text.find('-', 16) != std::string_view::npos);
  const auto as_utc = util::ParseIso8601(text);
  if (!as_utc || has_offset || !zone_) return as_utc;
  // The same wall-clock reading, in this zone.
  const date::local_seconds local{std::chrono::seconds(*as_utc)};
  // Unique, in a gap or an overlap, the offset in force before the wall
  // time gives what the header promises: in a gap the later instant, in an
  // overlap the earlier.
  const auto info = zone_->get_info(local);
  return *as_utc - info.first.offset.count();
}

}  // namespace lede::util
