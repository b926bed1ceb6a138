#pragma once

#include <cstdint>
#include <functional>

namespace agro::sync {

/// A hybrid logical clock timestamp (Kulkarni et al., "Logical Physical Clocks", OPODIS 2014):
/// physical milliseconds since the Unix epoch plus a counter that orders events within one
/// millisecond or while the wall clock stands still or goes back. Packed into 64 bits as
/// (ms << 16) | counter so that integer order is HLC order; ties are broken by node id.
struct Hlc {
    std::int64_t physicalMs = 0;
    std::uint16_t counter = 0;

    std::int64_t packed() const { return (physicalMs << 16) | counter; }
    static Hlc unpack(std::int64_t v) { return {v >> 16, static_cast<std::uint16_t>(v & 0xffff)}; }
    auto operator<=>(const Hlc &) const = default;
};

/// Issues monotonically increasing HLC timestamps for local events and folds in remote ones.
class HlcClock {
public:
    using WallClock = std::function<std::int64_t()>; ///< milliseconds since the Unix epoch

    explicit HlcClock(WallClock wall, Hlc last = {})
        : m_wall(std::move(wall))
        , m_last(last) {}

    /// Timestamp for a local event: max(wall, last.physical), counter bumped on a tie.
    Hlc tick();
    /// Merge a timestamp received from another node, then tick past both.
    Hlc observe(Hlc remote);
    Hlc last() const { return m_last; }

    /// The system wall clock.
    static std::int64_t systemMs();

private:
    WallClock m_wall;
    Hlc m_last;
};

} // namespace agro::sync
