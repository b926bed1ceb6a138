#pragma once

#include "sqlite.h"

#include "analytics/forecast/forecaster.h"

#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

namespace agro::store {

/// A stored forecast run: when, for which days, by what.
struct ForecastRunInfo {
    QString id;
    QDateTime createdAt;
    std::int32_t firstDay = 0; ///< first forecast day
    int horizon = 0;
    QString method;
    QString engineVersion;
    int products = 0;
    double seconds = 0;
};

/// One product's forecast as stored in a run.
struct StoredForecast {
    std::int64_t productLid = 0;
    QString model;
    QString pattern;
    analytics::forecast::Accuracy backtest;
    analytics::forecast::Forecast values; ///< step j is day run.firstDay + j
};

/// Writes and reads forecast runs (schema v4). Runs are derived data: written in one
/// transaction outside the change log, never synced.
class ForecastStore {
public:
    /// Saves the run and its results; fills run.id. All or nothing.
    static Result<void> save(Connection &db, ForecastRunInfo &run,
                             const std::vector<StoredForecast> &results);
    /// Newest first.
    static Result<std::vector<ForecastRunInfo>> runs(Connection &db);
    /// One product's forecast in a run; nullopt when the run did not forecast it.
    static Result<std::optional<StoredForecast>> load(Connection &db, const QString &runId,
                                                      std::int64_t productLid);
    static Result<void> remove(Connection &db, const QString &runId);
    /// Every product's forecast in a run, in two ordered scans (proposals read all 1,000).
    static Result<std::vector<StoredForecast>> loadAll(Connection &db, const QString &runId);
};

} // namespace agro::store
