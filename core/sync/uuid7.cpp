#include "uuid7.h"

#include "hlc.h"

#include <QRandomGenerator>
#include <QRegularExpression>

namespace agro::sync {

Uuid7Generator::Uuid7Generator(WallClock wall, std::uint64_t seed)
    : m_wall(std::move(wall))
    , m_rng(seed) {}

Uuid7Generator Uuid7Generator::system() {
    return Uuid7Generator(&HlcClock::systemMs, QRandomGenerator::system()->generate64());
}

QString Uuid7Generator::next() {
    std::int64_t ms = m_wall();
    if (ms <= m_lastMs) {
        ms = m_lastMs;
        if (++m_counter > 0x0fff) {
            ++ms; // counter overflow: move into the next millisecond (RFC 9562 §6.2)
            m_counter = static_cast<std::uint16_t>(m_rng.next() & 0x03ff);
        }
    } else {
        // Start each millisecond's counter at a random value with headroom below 0xfff.
        m_counter = static_cast<std::uint16_t>(m_rng.next() & 0x03ff);
    }
    m_lastMs = ms;

    unsigned char b[16];
    const auto t = static_cast<std::uint64_t>(ms);
    for (int i = 0; i < 6; ++i)
        b[i] = static_cast<unsigned char>(t >> (8 * (5 - i)));
    b[6] = static_cast<unsigned char>(0x70 | ((m_counter >> 8) & 0x0f));
    b[7] = static_cast<unsigned char>(m_counter & 0xff);
    const std::uint64_t r = m_rng.next();
    for (int i = 0; i < 8; ++i)
        b[8 + i] = static_cast<unsigned char>(r >> (8 * (7 - i)));
    b[8] = static_cast<unsigned char>(0x80 | (b[8] & 0x3f)); // RFC 4122 variant 10xx

    static const char hex[] = "0123456789abcdef";
    QString s;
    s.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            s += QLatin1Char('-');
        s += QLatin1Char(hex[b[i] >> 4]);
        s += QLatin1Char(hex[b[i] & 0x0f]);
    }
    return s;
}

bool Uuid7Generator::isValid(const QString &text) {
    static const QRegularExpression re(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
    return re.match(text).hasMatch();
}

} // namespace agro::sync
