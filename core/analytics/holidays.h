#pragma once

#include <cstdint>

namespace agro::analytics {

/// Day (since 1970-01-01) of Easter Sunday in the Gregorian calendar, by the anonymous
/// Gregorian algorithm (Meeus, Astronomical Algorithms, 2nd ed., ch. 8).
std::int32_t easterSunday(int year);

/// The generic public-holiday calendar the demo data and calendar features use until a
/// farm picks a national one: 1 Jan, Good Friday, Easter Monday, 1 May, Ascension,
/// Whit Monday, 25–26 Dec.
bool isGenericHoliday(std::int32_t day);

} // namespace agro::analytics
