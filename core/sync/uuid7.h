#pragma once

#include "analytics/random.h"

#include <QString>

#include <cstdint>
#include <functional>

namespace agro::sync {

/// UUID version 7 (RFC 9562 §5.7): 48-bit Unix milliseconds, then random bits, so ids sort by
/// creation time and B-tree inserts stay local. Within one millisecond the 12-bit rand_a field
/// is a counter (RFC 9562 §6.2, method 1), keeping ids from one generator strictly increasing.
/// The random source is seedable so that the demo generator is deterministic.
class Uuid7Generator {
public:
    using WallClock = std::function<std::int64_t()>;

    Uuid7Generator(WallClock wall, std::uint64_t seed);
    /// A generator on the system clock with a seed from the operating system.
    static Uuid7Generator system();

    /// Next id in canonical lowercase 8-4-4-4-12 form.
    QString next();

    static bool isValid(const QString &text);

private:
    WallClock m_wall;
    analytics::Rng m_rng;
    std::int64_t m_lastMs = -1;
    std::uint16_t m_counter = 0;
};

} // namespace agro::sync
