#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

/// Measures how long the event loop of the thread it lives on is kept from running: a 5 ms
/// timer records the largest gap between consecutive ticks beyond its interval. A stall
/// shows as a gap; a responsive loop keeps gaps near 0.
class StallProbe : public QObject {
public:
    explicit StallProbe(QObject *parent = nullptr)
        : QObject(parent) {
        m_timer.setInterval(kIntervalMs);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last >= 0)
                m_worstNs = std::max(m_worstNs, now - m_last - kIntervalMs * 1000000LL);
            m_last = now;
        });
    }
    void start() {
        m_worstNs = 0;
        m_last = -1;
        m_clock.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double worstStallMs() const { return double(m_worstNs) / 1e6; }

private:
    static constexpr int kIntervalMs = 5;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = -1;
    qint64 m_worstNs = 0;
};
