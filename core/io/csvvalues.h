#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace agro::io {

/// Strict parsers for CSV values. Each returns nullopt on anything it does not fully accept.

/// ISO 8601 calendar date "YYYY-MM-DD" → days since 1970-01-01. Checks month lengths and
/// leap years.
std::optional<std::int32_t> parseIsoDate(std::string_view s);
/// ISO 8601 date-time "YYYY-MM-DDTHH:MM[:SS]" with "Z" or "±HH:MM" (a space may replace the
/// "T"; no zone means UTC) → Unix seconds.
std::optional<std::int64_t> parseIsoDateTime(std::string_view s);
/// A finite decimal number ("12", "-3.5", "1e3"); a decimal comma is accepted when the file
/// is semicolon-separated. Surrounding spaces are ignored.
std::optional<double> parseNumber(std::string_view s, bool decimalComma = false);
/// 0/1, true/false, yes/no (any case).
std::optional<bool> parseFlag(std::string_view s);

std::string_view trimmed(std::string_view s);

} // namespace agro::io
