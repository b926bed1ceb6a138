#pragma once

#include <cstdint>

namespace agro::analytics {

/// Days since 1970-01-01 in the proleptic Gregorian calendar, and back. Algorithms from
/// H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (days_from_civil, civil_from_days).
struct CivilDate {
    int year = 1970;
    int month = 1; ///< 1–12
    int day = 1;   ///< 1–31
};

constexpr std::int32_t daysFromCivil(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

constexpr CivilDate civilFromDays(std::int32_t z) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int y = yoe + era * 400;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int d = doy - (153 * mp + 2) / 5 + 1;
    const int m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), m, d};
}

/// ISO weekday, 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday).
constexpr int isoWeekday(std::int32_t days) {
    const int w = (days % 7 + 7 + 3) % 7; // 0 = Monday
    return w + 1;
}

constexpr bool isLeapYear(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/// Day of the year, 1-based.
constexpr int dayOfYear(std::int32_t days) {
    const CivilDate c = civilFromDays(days);
    return days - daysFromCivil(c.year, 1, 1) + 1;
}

} // namespace agro::analytics
