#include "engine/date.h"

#include <date/date.h>

#include <cctype>

namespace scr {
namespace {

date::year_month_day ToYmd(Date d) { return date::year_month_day{date::sys_days{date::days{d.days_since_epoch()}}}; }

Date FromSysDays(date::sys_days days) { return Date::FromDays(static_cast<int32_t>(days.time_since_epoch().count())); }

bool ParseDigits(std::string_view text, size_t from, size_t count, int& out) {
  out = 0;
  for (size_t i = from; i < from + count; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

Date Date::FromYmd(int year, unsigned month, unsigned day) {
  return FromSysDays(date::sys_days{date::year{year} / date::month{month} / date::day{day}});
}

Result<Date> Date::Parse(std::string_view text) {
  int year = 0, month = 0, day = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !ParseDigits(text, 0, 4, year) ||
      !ParseDigits(text, 5, 2, month) || !ParseDigits(text, 8, 2, day)) {
    return Status::InvalidArgument("'" + std::string(text) + "' is not a date; write it as YYYY-MM-DD");
  }
  date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                           date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return Status::InvalidArgument("'" + std::string(text) + "' is not a real date");
  return FromSysDays(date::sys_days{ymd});
}

int Date::year() const { return static_cast<int>(ToYmd(*this).year()); }
unsigned Date::month() const { return static_cast<unsigned>(ToYmd(*this).month()); }
unsigned Date::day() const { return static_cast<unsigned>(ToYmd(*this).day()); }

unsigned Date::weekday() const {
  return date::weekday{date::sys_days{date::days{days_}}}.c_encoding();
}

Date Date::AddMonths(int n) const {
  date::year_month_day ymd = ToYmd(*this);
  date::year_month ym = ymd.year() / ymd.month() + date::months{n};
  date::day last = (ym / date::last).day();
  date::day d = ymd.day() > last ? last : ymd.day();
  return FromSysDays(date::sys_days{ym / d});
}

std::string Date::ToString() const {
  date::year_month_day ymd = ToYmd(*this);
  int year = static_cast<int>(ymd.year());
  unsigned month = static_cast<unsigned>(ymd.month()), day = static_cast<unsigned>(ymd.day());
  if (year < 0 || year > 9999) {  // outside what any deadline uses; shown plainly rather than padded
    return std::to_string(year) + "-" + std::to_string(month) + "-" + std::to_string(day);
  }
  std::string text = "0000-00-00";
  for (int i = 3; i >= 0; --i, year /= 10) text[static_cast<size_t>(i)] = static_cast<char>('0' + year % 10);
  text[5] = static_cast<char>('0' + month / 10);
  text[6] = static_cast<char>('0' + month % 10);
  text[8] = static_cast<char>('0' + day / 10);
  text[9] = static_cast<char>('0' + day % 10);
  return text;
}

}  // namespace scr
