#include "engine/calendar.h"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <fstream>

namespace scr {
namespace {

struct NationFile {
  Nation nation;
  const char* file;
};
constexpr NationFile kNationFiles[] = {
    {Nation::kEnglandAndWales, "england-and-wales.txt"},
    {Nation::kScotland, "scotland.txt"},
    {Nation::kNorthernIreland, "northern-ireland.txt"},
};

const date::time_zone* Zone(const void* zone) { return static_cast<const date::time_zone*>(zone); }

// Reads one nation's list: `YYYY-MM-DD  Name` per line, `#` comments and blank lines ignored,
// dates strictly increasing.
Result<std::vector<BankHoliday>> ReadHolidayFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot read the bank holiday list");
  std::vector<BankHoliday> list;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    std::string where = path + ":" + std::to_string(number) + ": ";
    Result<Date> date = Date::Parse(std::string_view(line).substr(start, 10));
    if (!date.ok()) return Status::InvalidArgument(where + date.status().message());
    size_t name_start = line.find_first_not_of(" \t", start + 10);
    if (name_start == std::string::npos || name_start == start + 10) {
      return Status::InvalidArgument(where + "expected the holiday's name after the date");
    }
    if (!list.empty() && *date <= list.back().date) {
      return Status::InvalidArgument(where + "dates must be in increasing order");
    }
    list.push_back({*date, line.substr(name_start)});
  }
  if (list.empty()) return Status::InvalidArgument(path + ": lists no bank holidays");
  return list;
}

}  // namespace

Result<Nation> ParseNation(std::string_view text) {
  if (text == "england" || text == "wales" || text == "england-and-wales") return Nation::kEnglandAndWales;
  if (text == "scotland") return Nation::kScotland;
  if (text == "northern-ireland") return Nation::kNorthernIreland;
  return Status::InvalidArgument("unknown nation '" + std::string(text) +
                                 "'; use england, wales, scotland or northern-ireland");
}

const char* NationName(Nation nation) {
  switch (nation) {
    case Nation::kEnglandAndWales: return "england";
    case Nation::kScotland: return "scotland";
    case Nation::kNorthernIreland: return "northern-ireland";
  }
  return "england";
}

Result<BankHolidays> BankHolidays::LoadDirectory(const std::string& directory) {
  BankHolidays result;
  bool first = true;
  for (const NationFile& nation_file : kNationFiles) {
    Result<std::vector<BankHoliday>> list = ReadHolidayFile(directory + "/" + nation_file.file);
    if (!list.ok()) return list.status();
    int first_year = list->front().date.year();
    int last_year = list->back().date.year();
    result.first_year_ = first ? first_year : std::max(result.first_year_, first_year);
    result.last_year_ = first ? last_year : std::min(result.last_year_, last_year);
    first = false;
    result.holidays_[nation_file.nation] = std::move(list).value();
  }
  result.BuildTables();
  return result;
}

void BankHolidays::BuildTables() {
  Date first = Date::FromYmd(first_year_, 1, 1);
  Date last = Date::FromYmd(last_year_, 12, 31);
  for (const auto& [nation, list] : holidays_) {
    WorkingDayTable& table = tables_[nation];
    table.first = first;
    int32_t count = 0;
    for (Date day = first; day <= last; day = day.AddDays(1)) {
      if (!day.IsWeekend() && !IsHoliday(nation, day)) {
        ++count;
        table.working_days.push_back(day.days_since_epoch());
      }
      table.count_through.push_back(count);
    }
  }
}

bool BankHolidays::IsHoliday(Nation nation, Date date) const {
  const std::vector<BankHoliday>& list = holidays_.at(nation);
  auto it = std::lower_bound(list.begin(), list.end(), date,
                             [](const BankHoliday& h, Date d) { return h.date < d; });
  return it != list.end() && it->date == date;
}

std::vector<BankHoliday> BankHolidays::InYear(Nation nation, int year) const {
  std::vector<BankHoliday> result;
  for (const BankHoliday& holiday : holidays_.at(nation)) {
    if (holiday.date.year() == year) result.push_back(holiday);
  }
  return result;
}

Result<WorkingCalendar> WorkingCalendar::Create(const BankHolidays& holidays, Nation nation,
                                                const std::string& time_zone) {
  try {
    return WorkingCalendar(holidays, nation, date::locate_zone(time_zone));
  } catch (const std::exception&) {
    return Status::InvalidArgument("unknown time zone '" + time_zone + "'; use an IANA name such as Europe/London");
  }
}

Status WorkingCalendar::CheckCovered(Date date) const {
  const BankHolidays::WorkingDayTable& table = holidays_->Table(nation_);
  if (date >= table.first && date - table.first < static_cast<int>(table.count_through.size())) return Status::Ok();
  int year = date.year();
  {
    return Status::InvalidArgument("bank holidays for " + std::to_string(year) + " are not known (the lists cover " +
                                   std::to_string(holidays_->first_year()) + "-" +
                                   std::to_string(holidays_->last_year()) + "); add them to workflows/calendars/");
  }
  return Status::Ok();
}

Result<bool> WorkingCalendar::IsWorkingDay(Date date) const {
  if (Status covered = CheckCovered(date); !covered.ok()) return covered;
  const BankHolidays::WorkingDayTable& table = holidays_->Table(nation_);
  size_t i = static_cast<size_t>(date - table.first);
  return table.count_through[i] != (i == 0 ? 0 : table.count_through[i - 1]);
}

Result<Date> WorkingCalendar::AddWorkingDays(Date date, int n) const {
  if (Status covered = CheckCovered(date); !covered.ok()) return covered;
  if (n == 0) return date;
  const BankHolidays::WorkingDayTable& table = holidays_->Table(nation_);
  size_t i = static_cast<size_t>(date - table.first);
  // Working days up to and including `date` (n > 0), or strictly before it (n < 0).
  int64_t before = n > 0 ? table.count_through[i] : (i == 0 ? 0 : table.count_through[i - 1]);
  int64_t target = before + n - (n > 0 ? 1 : 0);  // index into working_days
  if (target < 0 || target >= static_cast<int64_t>(table.working_days.size())) {
    Date beyond = n > 0 ? Date::FromYmd(holidays_->last_year() + 1, 1, 1) : Date::FromYmd(holidays_->first_year() - 1, 12, 31);
    return CheckCovered(beyond);
  }
  return Date::FromDays(table.working_days[static_cast<size_t>(target)]);
}

Result<Date> WorkingCalendar::WorkingDayOnOrAfter(Date date) const {
  Result<bool> working = IsWorkingDay(date);
  if (!working.ok()) return working.status();
  return *working ? Result<Date>(date) : AddWorkingDays(date, 1);
}

Result<int> WorkingCalendar::WorkingDaysBetween(Date from, Date to) const {
  if (to <= from) return 0;
  if (Status covered = CheckCovered(from); !covered.ok()) return covered;
  if (Status covered = CheckCovered(to); !covered.ok()) return covered;
  const BankHolidays::WorkingDayTable& table = holidays_->Table(nation_);
  return table.count_through[static_cast<size_t>(to - table.first)] -
         table.count_through[static_cast<size_t>(from - table.first)];
}

namespace {

// A midnight that does not exist or is ambiguous (never in the UK) resolves to the earliest instant.
Instant LocalMidnight(const void* zone, int32_t days_since_epoch) {
  return Zone(zone)->to_sys(date::local_days{date::days{days_since_epoch}}, date::choose::earliest);
}

}  // namespace

WorkingCalendar::WorkingCalendar(const BankHolidays& holidays, Nation nation, const void* zone)
    : holidays_(&holidays), nation_(nation), zone_(zone) {
  const BankHolidays::WorkingDayTable& table = holidays.Table(nation);
  auto offsets = std::make_shared<std::vector<int32_t>>();
  offsets->reserve(table.count_through.size() + 1);
  for (size_t i = 0; i <= table.count_through.size(); ++i) {
    int32_t day = table.first.days_since_epoch() + static_cast<int32_t>(i);
    Instant midnight = LocalMidnight(zone, day);
    auto utc_midnight = std::chrono::seconds(int64_t{day} * 86400);
    offsets->push_back(static_cast<int32_t>(
        (utc_midnight - std::chrono::duration_cast<std::chrono::seconds>(midnight.time_since_epoch())).count()));
  }
  midnight_offsets_ = std::move(offsets);
}

Instant WorkingCalendar::EndOfDay(Date date) const {
  int32_t next = date.days_since_epoch() + 1;
  int64_t index = int64_t{next} - holidays_->Table(nation_).first.days_since_epoch();
  if (index < 0 || index >= static_cast<int64_t>(midnight_offsets_->size())) return LocalMidnight(zone_, next);
  auto seconds = std::chrono::seconds(int64_t{next} * 86400 - (*midnight_offsets_)[static_cast<size_t>(index)]);
  return Instant(std::chrono::duration_cast<Instant::duration>(seconds));
}

Instant WorkingCalendar::AtLocalTime(Date date, std::chrono::minutes time_of_day) const {
  // A time the clocks skip (spring forward) is taken as the moment they jump: nothing is missed.
  date::local_seconds local = date::local_days{date::days{date.days_since_epoch()}} + time_of_day;
  return Zone(zone_)->to_sys(local, date::choose::earliest);
}

Date WorkingCalendar::LocalDate(Instant instant) const {
  auto local = Zone(zone_)->to_local(instant);
  return Date::FromDays(static_cast<int32_t>(date::floor<date::days>(local).time_since_epoch().count()));
}

std::string FormatInstant(Instant instant) {
  // By hand rather than through a stream: the scheduler formats two instants for every alert it stores.
  auto seconds = date::floor<std::chrono::seconds>(instant);
  auto day = date::floor<date::days>(seconds);
  std::string text = Date::FromDays(static_cast<int32_t>(day.time_since_epoch().count())).ToString();
  if (text.size() != 10) return date::format("%FT%TZ", seconds);  // a year outside 0000-9999
  long long second_of_day = (seconds - day).count();
  int hour = static_cast<int>(second_of_day / 3600), minute = static_cast<int>(second_of_day / 60 % 60),
      second = static_cast<int>(second_of_day % 60);
  char time[11] = {'T', static_cast<char>('0' + hour / 10), static_cast<char>('0' + hour % 10), ':',
                   static_cast<char>('0' + minute / 10), static_cast<char>('0' + minute % 10), ':',
                   static_cast<char>('0' + second / 10), static_cast<char>('0' + second % 10), 'Z', '\0'};
  return text + time;
}

Result<Instant> ParseInstant(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS, optional .fraction, then Z or +HH:MM / -HH:MM.
  auto bad = [&] {
    return Status::InvalidArgument("'" + std::string(text) + "' is not a timestamp; use RFC 3339, e.g. 2026-11-22T09:30:00Z");
  };
  auto digits = [&](size_t from, size_t count, int& out) {
    if (from + count > text.size()) return false;
    out = 0;
    for (size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      out = out * 10 + (text[i] - '0');
    }
    return true;
  };
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't')) return bad();
  Result<Date> date = Date::Parse(text.substr(0, 10));
  int hour = 0, minute = 0, second = 0;
  if (!date.ok() || !digits(11, 2, hour) || text[13] != ':' || !digits(14, 2, minute) || text[16] != ':' ||
      !digits(17, 2, second) || hour > 23 || minute > 59 || second > 60) {
    return bad();
  }
  size_t i = 19;
  if (text[i] == '.') {
    size_t first_digit = ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;  // fractions are truncated
    if (i == first_digit) return bad();
  }
  int offset_minutes = 0;
  if (i < text.size() && (text[i] == 'Z' || text[i] == 'z') && i + 1 == text.size()) {
    offset_minutes = 0;
  } else if (i < text.size() && (text[i] == '+' || text[i] == '-') && i + 6 == text.size() && text[i + 3] == ':') {
    int offset_hours = 0, offset_mins = 0;
    if (!digits(i + 1, 2, offset_hours) || !digits(i + 4, 2, offset_mins) || offset_hours > 23 || offset_mins > 59) {
      return bad();
    }
    offset_minutes = (offset_hours * 60 + offset_mins) * (text[i] == '-' ? -1 : 1);
  } else {
    return bad();
  }
  auto since_epoch = date::days{date->days_since_epoch()} + std::chrono::hours(hour) + std::chrono::minutes(minute) +
                     std::chrono::seconds(second) - std::chrono::minutes(offset_minutes);
  return Instant(std::chrono::duration_cast<Instant::duration>(since_epoch));
}

}  // namespace scr
