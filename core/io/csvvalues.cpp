#include "csvvalues.h"

#include "analytics/calendar.h"

#include <charconv>
#include <cmath>
#include <string>

namespace agro::io {

namespace {
bool digits(std::string_view s, size_t pos, size_t n, int &out) {
    if (pos + n > s.size())
        return false;
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

int daysInMonth(int y, int m) {
    static constexpr int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && analytics::isLeapYear(y) ? 29 : d[m - 1];
}
} // namespace

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

std::optional<std::int32_t> parseIsoDate(std::string_view s) {
    s = trimmed(s);
    int y, m, d;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 0, 4, y) ||
        !digits(s, 5, 2, m) || !digits(s, 8, 2, d))
        return std::nullopt;
    if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m))
        return std::nullopt;
    return analytics::daysFromCivil(y, m, d);
}

std::optional<std::int64_t> parseIsoDateTime(std::string_view s) {
    s = trimmed(s);
    if (s.size() < 16)
        return std::nullopt;
    const auto day = parseIsoDate(s.substr(0, 10));
    if (!day || (s[10] != 'T' && s[10] != ' '))
        return std::nullopt;
    int hh, mm, ss = 0;
    if (!digits(s, 11, 2, hh) || s[13] != ':' || !digits(s, 14, 2, mm))
        return std::nullopt;
    size_t pos = 16;
    if (pos < s.size() && s[pos] == ':') {
        if (!digits(s, pos + 1, 2, ss))
            return std::nullopt;
        pos += 3;
    }
    if (hh > 23 || mm > 59 || ss > 59)
        return std::nullopt;
    std::int64_t offset = 0;
    if (pos < s.size()) {
        if (s[pos] == 'Z' && pos + 1 == s.size()) {
            // UTC
        } else if ((s[pos] == '+' || s[pos] == '-') && pos + 6 == s.size() && s[pos + 3] == ':') {
            int oh, om;
            if (!digits(s, pos + 1, 2, oh) || !digits(s, pos + 4, 2, om) || oh > 14 || om > 59)
                return std::nullopt;
            offset = (oh * 3600 + om * 60) * (s[pos] == '+' ? 1 : -1);
        } else {
            return std::nullopt;
        }
    }
    return std::int64_t(*day) * 86400 + hh * 3600 + mm * 60 + ss - offset;
}

std::optional<double> parseNumber(std::string_view s, bool decimalComma) {
    s = trimmed(s);
    if (s.empty())
        return std::nullopt;
    std::string copy;
    if (decimalComma && s.find(',') != std::string_view::npos) {
        copy.assign(s);
        for (char &c : copy)
            if (c == ',')
                c = '.';
        s = copy;
    }
    if (s.front() == '+')
        s.remove_prefix(1);
    double v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::optional<bool> parseFlag(std::string_view s) {
    s = trimmed(s);
    std::string l(s);
    for (char &c : l)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    if (l == "1" || l == "true" || l == "yes" || l == "y")
        return true;
    if (l == "0" || l == "false" || l == "no" || l == "n" || l.empty())
        return false;
    return std::nullopt;
}

} // namespace agro::io
