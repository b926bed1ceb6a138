#include "holidays.h"

#include "calendar.h"

namespace agro::analytics {

std::int32_t easterSunday(int year) {
    const int a = year % 19;
    const int b = year / 100;
    const int c = year % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return daysFromCivil(year, month, day);
}

bool isGenericHoliday(std::int32_t day) {
    const CivilDate c = civilFromDays(day);
    if ((c.month == 1 && c.day == 1) || (c.month == 5 && c.day == 1) ||
        (c.month == 12 && (c.day == 25 || c.day == 26)))
        return true;
    const std::int32_t easter = easterSunday(c.year);
    const std::int32_t offset = day - easter;
    return offset == -2 || offset == 1 || offset == 39 || offset == 50;
}

} // namespace agro::analytics
