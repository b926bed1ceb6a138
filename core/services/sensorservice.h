#pragma once

#include "actor.h"
#include "common/result.h"
#include "store/sqlite.h"

#include <QCoroTask>
#include <QString>

#include <cmath>
#include <vector>

namespace agro::services {

/// A sensor in the registry with what the inbox knows about it.
struct SensorRow {
    QString id, farmId, farmName, fieldId, fieldName, name, kind, unit;
    double low = std::nan(""), high = std::nan(""), maxRatePerHour = std::nan("");
    int intervalS = 900;
    std::int64_t firstTs = 0, lastTs = 0; ///< readings held (0 when none)
    int activeAlerts = 0;                 ///< alerts not resolved
};
Result<std::vector<SensorRow>> listSensors(store::Connection &db);

/// A sensor's readings in [from, to] (Unix seconds), at most `maxPoints`: longer spans are
/// reduced to each bucket's minimum and maximum, so a spike stays visible at any zoom.
struct SensorSeries {
    std::vector<std::pair<std::int64_t, double>> points;
    std::int64_t readings = 0; ///< readings in the span before reduction
    /// Alert episodes in the span: (from, to, detector, severity).
    struct Episode {
        std::int64_t from = 0, to = 0;
        QString detector, severity, title;
    };
    std::vector<Episode> episodes;
};
Result<SensorSeries> sensorSeries(store::Connection &db, const QString &sensorId, std::int64_t from,
                                  std::int64_t to, int maxPoints = 4000);

/// Sets a sensor's limits (NaN clears one). Owners, managers and agronomists of the sensor's
/// farm; low must be below high and the rate positive; recorded in the change log and audited.
Result<void> setSensorLimits(store::Connection &db, const Actor &actor, const QString &sensorId,
                             double low, double high, double maxRatePerHour);

class SensorService {
public:
    static QCoro::Task<Result<std::vector<SensorRow>>> list(QString workspace);
    static QCoro::Task<Result<SensorSeries>> series(QString workspace, QString sensorId,
                                                    qint64 from, qint64 to);
    static QCoro::Task<Result<void>> setLimits(QString workspace, Actor actor, QString sensorId,
                                               double low, double high, double maxRatePerHour);
};

} // namespace agro::services
