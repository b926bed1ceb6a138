#pragma once

#include <QByteArray>
#include <QMutex>
#include <QString>

#include <array>
#include <map>

namespace agro::server {

/// Counters and latency histograms in the Prometheus text exposition format (version 0.0.4),
/// for GET /metrics.
class Metrics {
public:
    void request(const QString &route, int status, double seconds);
    void add(const QString &counter, qint64 n = 1);
    QByteArray render();

    static constexpr std::array<double, 11> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                        0.5,   1,    2.5,   5,    10};

private:
    struct Histogram {
        std::array<qint64, kBuckets.size()> counts{};
        qint64 count = 0;
        double sum = 0;
    };
    QMutex m_mutex;
    std::map<std::pair<QString, int>, qint64> m_requests;
    std::map<QString, Histogram> m_latency;
    std::map<QString, qint64> m_counters;
};

} // namespace agro::server
