// Sensor detectors of the detection service: threshold, flat line, drop-out, spike, rate of
// change per sensor, and drift against the sensor's peers (detectionservice.h).
#include "detectioninternal.h"

#include "analytics/detection/sensorchecks.h"
#include "analytics/detection/sensordrift.h"

#include <QJsonArray>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <mutex>
#include <thread>

namespace agro::services::detail {

namespace det = agro::analytics::detection;

namespace {

struct SensorRow {
    std::int64_t lid = 0;
    QString id, farmId, fieldId, name, kind, unit;
    det::SensorLimits limits;
    // Filled by the reading threads.
    std::vector<det::SensorFinding> findings;
    std::int64_t firstDay = 0;
    std::vector<double> daily;
    std::int64_t readings = 0;
};

double nullableReal(store::Statement &st, int c) {
    return st.isNull(c) ? std::nan("") : st.real(c);
}

/// The range an instrument can report: a run at such a bound is saturation, not a stuck sensor.
void setPhysicalRange(SensorRow &s) {
    if (s.kind == QLatin1String("humidity") || s.kind == QLatin1String("soil_moisture")) {
        s.limits.physicalLow = 0;
        s.limits.physicalHigh = 100;
    }
}

QString severityOf(const std::string &s) {
    return QString::fromStdString(s);
}

QString titleFor(const SensorRow &s, const det::SensorFinding &f) {
    const QString v = QString::number(f.worst, 'f', 2);
    switch (f.issue) {
    case det::SensorIssue::Threshold:
        return f.worst > f.baseline ? QStringLiteral("%1 above %2 %3")
                                          .arg(s.name, QString::number(f.baseline), s.unit)
                                    : QStringLiteral("%1 below %2 %3")
                                          .arg(s.name, QString::number(f.baseline), s.unit);
    case det::SensorIssue::FlatLine:
        return QStringLiteral("%1 stuck at %2 %3").arg(s.name, v, s.unit);
    case det::SensorIssue::DropOut:
        return QStringLiteral("%1 sent no readings").arg(s.name);
    case det::SensorIssue::Spike:
        return QStringLiteral("%1 spiked to %2 %3").arg(s.name, v, s.unit);
    case det::SensorIssue::RateOfChange:
        return QStringLiteral("%1 changed too fast").arg(s.name);
    case det::SensorIssue::Drift:
        return QStringLiteral("%1 drifting from its peers").arg(s.name);
    }
    return s.name;
}

Finding toFinding(const SensorRow &s, const det::SensorFinding &f) {
    Finding out;
    out.detector = QStringLiteral("sensor.") + QLatin1String(det::sensorIssueKey(f.issue));
    out.source = QStringLiteral("sensor");
    out.subjectId = s.id;
    out.subjectName = s.name;
    out.farmId = s.farmId;
    out.fieldId = s.fieldId;
    out.from = f.from;
    out.to = f.to;
    out.severity = severityOf(f.severity);
    out.title = titleFor(s, f);
    out.explanation = QString::fromStdString(f.explanation);
    out.evidence = {{QStringLiteral("sensor"), s.id},
                    {QStringLiteral("kind"), s.kind},
                    {QStringLiteral("unit"), s.unit},
                    {QStringLiteral("readings"), f.readings},
                    {QStringLiteral("worst"), f.worst},
                    {QStringLiteral("baseline"), f.baseline},
                    {QStringLiteral("score"), f.score},
                    {QStringLiteral("rule"), QLatin1String(det::sensorIssueKey(f.issue))}};
    if (std::isfinite(s.limits.low))
        out.evidence.insert(QStringLiteral("low"), s.limits.low);
    if (std::isfinite(s.limits.high))
        out.evidence.insert(QStringLiteral("high"), s.limits.high);
    return out;
}

/// Reads one sensor's readings and runs the per-sensor checks.
Result<void> checkOne(store::Statement &st, SensorRow &s) {
    std::vector<det::Reading> r;
    r.reserve(40000);
    st.bind(1, s.lid);
    AGRO_TRY(st.forEachRow([&] { r.push_back({st.int64(0), st.real(1)}); }));
    st.reset();
    s.readings = static_cast<std::int64_t>(r.size());
    if (r.empty())
        return {};
    s.findings = det::checkSensor(r, s.limits);
    s.firstDay = r.front().ts / 86400;
    const auto days = static_cast<std::size_t>(r.back().ts / 86400 - s.firstDay + 1);
    s.daily = det::cleanDailyMeans(r, s.findings, s.firstDay, days, s.limits.intervalS);
    return {};
}

} // namespace

Result<void> detectSensorFindings(store::Connection &db, Progress *progress,
                                  std::vector<Finding> &out, DetectionOutcome *stats) {
    std::vector<SensorRow> sensors;
    {
        auto st = db.prepare(
            "SELECT lid, id, farm_id, coalesce(field_id, ''), name, kind, unit, low_threshold, "
            "high_threshold, interval_s, max_rate_per_hour FROM sensors ORDER BY farm_id, kind, "
            "name");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] {
            SensorRow s;
            s.lid = st->int64(0);
            s.id = st->text(1);
            s.farmId = st->text(2);
            s.fieldId = st->text(3);
            s.name = st->text(4);
            s.kind = st->text(5);
            s.unit = st->text(6);
            s.limits.low = nullableReal(st.value(), 7);
            s.limits.high = nullableReal(st.value(), 8);
            s.limits.intervalS = st->int64(9);
            s.limits.maxRatePerHour = nullableReal(st.value(), 10);
            setPhysicalRange(s);
            sensors.push_back(std::move(s));
        }));
    }
    if (progress)
        progress->total.fetch_add(static_cast<std::int64_t>(sensors.size()));

    // Readings in parallel: each thread its own connection, taking the next sensor.
    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
    std::atomic<std::size_t> next{0};
    std::mutex errorLock;
    std::optional<Error> failure;
    auto worker = [&] {
        auto conn = store::Connection::open(db.path());
        if (!conn.ok()) {
            std::lock_guard lock(errorLock);
            failure = conn.error();
            return;
        }
        auto st =
            conn->prepare("SELECT ts, value FROM sensor_readings WHERE sensor = ? ORDER BY ts");
        if (!st.ok()) {
            std::lock_guard lock(errorLock);
            failure = st.error();
            return;
        }
        for (std::size_t i = next++; i < sensors.size(); i = next++) {
            if (progress && progress->isCancelled())
                return;
            auto done = checkOne(st.value(), sensors[i]);
            if (!done.ok()) {
                std::lock_guard lock(errorLock);
                failure = done.error();
                return;
            }
            if (progress)
                progress->done.fetch_add(1, std::memory_order_relaxed);
        }
    };
    {
        std::vector<std::jthread> pool;
        for (unsigned t = 0; t < threads; ++t)
            pool.emplace_back(worker);
    }
    if (failure)
        return *failure;
    if (progress && progress->isCancelled())
        return Error::make(ErrorCode::Cancelled);

    // Drift against peers: same farm and kind share the weather, so the median of the others'
    // daily means is what this sensor should read. A lone cold room is judged against its own
    // recent level (it holds a set point); a lone field sensor cannot be judged for drift.
    std::int64_t firstDay = std::numeric_limits<std::int64_t>::max(), lastDay = 0;
    for (const auto &s : sensors)
        if (!s.daily.empty()) {
            firstDay = std::min(firstDay, s.firstDay);
            lastDay = std::max(lastDay, s.firstDay + static_cast<std::int64_t>(s.daily.size()) - 1);
        }
    std::vector<std::vector<double>> aligned(sensors.size());
    if (firstDay <= lastDay) {
        const auto days = static_cast<std::size_t>(lastDay - firstDay + 1);
        for (std::size_t i = 0; i < sensors.size(); ++i) {
            aligned[i].assign(days, std::nan(""));
            const auto off = static_cast<std::size_t>(
                sensors[i].daily.empty() ? 0 : sensors[i].firstDay - firstDay);
            std::copy(sensors[i].daily.begin(), sensors[i].daily.end(),
                      aligned[i].begin() + static_cast<long>(off));
        }
    }
    for (std::size_t i = 0; i < sensors.size(); ++i) {
        SensorRow &s = sensors[i];
        if (stats) {
            ++stats->sensors;
            stats->readings += s.readings;
        }
        if (s.daily.empty())
            continue;
        std::vector<const std::vector<double> *> peers;
        for (std::size_t j = 0; j < sensors.size(); ++j)
            if (j != i && sensors[j].farmId == s.farmId && sensors[j].kind == s.kind &&
                !sensors[j].daily.empty())
                peers.push_back(&aligned[j]);
        std::vector<det::SensorFinding> drifts;
        det::DriftOptions o;
        o.minShift = det::meaningfulDrift(s.kind.toUtf8().constData());
        if (peers.size() >= 2)
            drifts =
                det::driftFindings(det::peerResidual(aligned[i], peers), firstDay, "its peers", o);
        else if (s.kind == QLatin1String("cold_room_temperature"))
            drifts = det::driftFindings(aligned[i], firstDay, "its own recent level", o);
        for (const auto &f : s.findings)
            out.push_back(toFinding(s, f));
        for (const auto &f : drifts)
            out.push_back(toFinding(s, f));
    }
    return {};
}

} // namespace agro::services::detail
