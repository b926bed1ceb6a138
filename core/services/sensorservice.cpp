#include "sensorservice.h"

#include "store/auditlog.h"
#include "store/mutator.h"
#include "store/workspace.h"
#include "worker.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace agro::services {

namespace {
double nullable(store::Statement &st, int c) {
    return st.isNull(c) ? std::nan("") : st.real(c);
}
QVariant orNull(double v) {
    return std::isfinite(v) ? QVariant(v) : QVariant();
}
} // namespace

Result<std::vector<SensorRow>> listSensors(store::Connection &db) {
    auto st = db.prepare(
        "SELECT s.id, s.farm_id, f.name, coalesce(s.field_id, ''), coalesce(fl.name, ''), s.name, "
        "s.kind, s.unit, s.low_threshold, s.high_threshold, s.max_rate_per_hour, s.interval_s, "
        "coalesce((SELECT min(ts) FROM sensor_readings r WHERE r.sensor = s.lid), 0), "
        "coalesce((SELECT max(ts) FROM sensor_readings r WHERE r.sensor = s.lid), 0), "
        "(SELECT count(*) FROM alerts a WHERE a.subject_id = s.id AND a.status <> 'resolved') "
        "FROM sensors s JOIN farms f ON f.id = s.farm_id LEFT JOIN fields fl ON fl.id = "
        "s.field_id ORDER BY f.name, fl.name, s.name");
    if (!st.ok())
        return st.error();
    std::vector<SensorRow> out;
    AGRO_TRY(st->forEachRow([&] {
        SensorRow s;
        s.id = st->text(0);
        s.farmId = st->text(1);
        s.farmName = st->text(2);
        s.fieldId = st->text(3);
        s.fieldName = st->text(4);
        s.name = st->text(5);
        s.kind = st->text(6);
        s.unit = st->text(7);
        s.low = nullable(st.value(), 8);
        s.high = nullable(st.value(), 9);
        s.maxRatePerHour = nullable(st.value(), 10);
        s.intervalS = int(st->int64(11));
        s.firstTs = st->int64(12);
        s.lastTs = st->int64(13);
        s.activeAlerts = int(st->int64(14));
        out.push_back(std::move(s));
    }));
    return out;
}

Result<SensorSeries> sensorSeries(store::Connection &db, const QString &sensorId, std::int64_t from,
                                  std::int64_t to, int maxPoints) {
    SensorSeries out;
    std::vector<std::pair<std::int64_t, double>> raw;
    {
        auto st = db.prepare("SELECT r.ts, r.value FROM sensor_readings r JOIN sensors s ON "
                             "s.lid = r.sensor WHERE s.id = ?1 AND r.ts BETWEEN ?2 AND ?3 "
                             "ORDER BY r.ts");
        if (!st.ok())
            return st.error();
        st->bind(1, sensorId);
        st->bind(2, qint64(from));
        st->bind(3, qint64(to));
        AGRO_TRY(st->forEachRow([&] { raw.emplace_back(st->int64(0), st->real(1)); }));
    }
    out.readings = std::int64_t(raw.size());
    const auto half = static_cast<std::size_t>(std::max(2, maxPoints / 2));
    if (raw.size() <= 2 * half) {
        out.points = std::move(raw);
    } else {
        // Min and max of each bucket, in time order within it.
        const std::size_t per = (raw.size() + half - 1) / half;
        for (std::size_t b = 0; b < raw.size(); b += per) {
            const auto e = std::min(raw.size(), b + per);
            const auto [mn, mx] = std::minmax_element(
                raw.begin() + long(b), raw.begin() + long(e),
                [](const auto &x, const auto &y) { return x.second < y.second; });
            if (mn->first <= mx->first) {
                out.points.push_back(*mn);
                if (mx != mn)
                    out.points.push_back(*mx);
            } else {
                out.points.push_back(*mx);
                out.points.push_back(*mn);
            }
        }
    }
    auto st = db.prepare("SELECT first_ts, last_ts, detector, severity, title FROM alerts WHERE "
                         "subject_id = ?1 AND last_ts >= ?2 AND first_ts <= ?3 ORDER BY first_ts");
    if (!st.ok())
        return st.error();
    st->bind(1, sensorId);
    st->bind(2, qint64(from));
    st->bind(3, qint64(to));
    AGRO_TRY(st->forEachRow([&] {
        out.episodes.push_back({st->int64(0), st->int64(1), st->text(2), st->text(3), st->text(4)});
    }));
    return out;
}

Result<void> setSensorLimits(store::Connection &db, const Actor &actor, const QString &sensorId,
                             double low, double high, double rate) {
    AGRO_TRY(requireSignedInActor(db, actor));
    auto st = db.prepare("SELECT farm_id, name FROM sensors WHERE id = ?1");
    if (!st.ok())
        return st.error();
    st->bind(1, sensorId);
    auto row = st->step();
    if (!row.ok())
        return row.error();
    if (!row.value())
        return Error::make(ErrorCode::NotFound, QStringLiteral("sensor %1").arg(sensorId));
    const QString farm = st->text(0), name = st->text(1);
    st->reset();
    auto role = roleOn(db, actor.userId, farm);
    if (!role.ok())
        return role.error();
    if (role.value() != QLatin1String("owner") && role.value() != QLatin1String("manager") &&
        role.value() != QLatin1String("agronomist"))
        return refuse(db, actor, QStringLiteral("sensors"), sensorId,
                      QStringLiteral("sensor limits are set by owners, managers and "
                                     "agronomists"));
    if (std::isfinite(low) && std::isfinite(high) && !(low < high)) {
        Error e = Error::make(ErrorCode::InvalidArgument,
                              QStringLiteral("the lower limit must be below the upper limit"));
        e.field = QStringLiteral("low_threshold");
        return e;
    }
    if (std::isfinite(rate) && !(rate > 0)) {
        Error e = Error::make(ErrorCode::InvalidArgument,
                              QStringLiteral("a rate-of-change limit must be above zero"));
        e.field = QStringLiteral("max_rate_per_hour");
        return e;
    }
    auto m = store::Mutator::begin(db);
    if (!m.ok())
        return m.error();
    AGRO_TRY(m->update(QStringLiteral("sensors"), sensorId,
                       {{QStringLiteral("low_threshold"), orNull(low)},
                        {QStringLiteral("high_threshold"), orNull(high)},
                        {QStringLiteral("max_rate_per_hour"), orNull(rate)}}));
    const QString at = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    QJsonObject detail{{QStringLiteral("sensor"), name}};
    if (std::isfinite(low))
        detail.insert(QStringLiteral("low"), low);
    if (std::isfinite(high))
        detail.insert(QStringLiteral("high"), high);
    if (std::isfinite(rate))
        detail.insert(QStringLiteral("max_rate_per_hour"), rate);
    AGRO_TRY(store::AuditLog::append(
        m->db(), {actor.userId, QStringLiteral("sensor.limits"), QStringLiteral("sensor"), sensorId,
                  QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact)), at}));
    return m->commit();
}

QCoro::Task<Result<std::vector<SensorRow>>> SensorService::list(QString workspace) {
    auto task = onWorker([workspace]() -> Result<std::vector<SensorRow>> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return listSensors(db.value());
    });
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<SensorSeries>> SensorService::series(QString workspace, QString sensorId,
                                                        qint64 from, qint64 to) {
    auto task = onWorker([workspace, sensorId, from, to]() -> Result<SensorSeries> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return sensorSeries(db.value(), sensorId, from, to);
    });
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<void>> SensorService::setLimits(QString workspace, Actor actor, QString sensorId,
                                                   double low, double high, double maxRatePerHour) {
    auto task = onWriter([workspace, actor, sensorId, low, high, maxRatePerHour]() -> Result<void> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return setSensorLimits(db.value(), actor, sensorId, low, high, maxRatePerHour);
    });
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services
