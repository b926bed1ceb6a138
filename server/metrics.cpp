#include "metrics.h"

namespace agro::server {

void Metrics::request(const QString &route, int status, double seconds) {
    QMutexLocker lock(&m_mutex);
    ++m_requests[{route, status}];
    Histogram &h = m_latency[route];
    for (size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i])
            ++h.counts[i];
    ++h.count;
    h.sum += seconds;
}

void Metrics::add(const QString &counter, qint64 n) {
    QMutexLocker lock(&m_mutex);
    m_counters[counter] += n;
}

QByteArray Metrics::render() {
    QMutexLocker lock(&m_mutex);
    QByteArray out;
    out += "# HELP agrodesk_http_requests_total HTTP requests by route and status.\n"
           "# TYPE agrodesk_http_requests_total counter\n";
    for (const auto &[key, n] : m_requests)
        out += "agrodesk_http_requests_total{route=\"" + key.first.toUtf8() + "\",status=\"" +
               QByteArray::number(key.second) + "\"} " + QByteArray::number(n) + '\n';
    out += "# HELP agrodesk_http_request_duration_seconds Time to answer, by route.\n"
           "# TYPE agrodesk_http_request_duration_seconds histogram\n";
    for (const auto &[route, h] : m_latency) {
        const QByteArray r = route.toUtf8();
        for (size_t i = 0; i < kBuckets.size(); ++i)
            out += "agrodesk_http_request_duration_seconds_bucket{route=\"" + r + "\",le=\"" +
                   QByteArray::number(kBuckets[i]) + "\"} " + QByteArray::number(h.counts[i]) +
                   '\n';
        out += "agrodesk_http_request_duration_seconds_bucket{route=\"" + r + "\",le=\"+Inf\"} " +
               QByteArray::number(h.count) + '\n';
        out += "agrodesk_http_request_duration_seconds_sum{route=\"" + r + "\"} " +
               QByteArray::number(h.sum, 'g', 9) + '\n';
        out += "agrodesk_http_request_duration_seconds_count{route=\"" + r + "\"} " +
               QByteArray::number(h.count) + '\n';
    }
    for (const auto &[name, n] : m_counters) {
        const QByteArray c = "agrodesk_" + name.toUtf8() + "_total";
        out += "# TYPE " + c + " counter\n" + c + ' ' + QByteArray::number(n) + '\n';
    }
    return out;
}

} // namespace agro::server
