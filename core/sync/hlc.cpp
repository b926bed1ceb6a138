#include "hlc.h"

#include <QDateTime>

#include <algorithm>

namespace agro::sync {

Hlc HlcClock::tick() {
    const std::int64_t wall = m_wall();
    if (wall > m_last.physicalMs) {
        m_last = {wall, 0};
    } else if (m_last.counter == 0xffff) {
        // Counter exhausted within one millisecond: borrow the next millisecond rather than
        // wrap, which would break monotonicity.
        m_last = {m_last.physicalMs + 1, 0};
    } else {
        ++m_last.counter;
    }
    return m_last;
}

Hlc HlcClock::observe(Hlc remote) {
    if (remote > m_last)
        m_last = remote;
    return tick();
}

std::int64_t HlcClock::systemMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace agro::sync
