#pragma once

#include "store/yieldreader.h"

#include <QCoroTask>

namespace agro::services {

struct YieldPredictionRow {
    store::YieldRow row;
    analytics::YieldPrediction prediction;
};

/// Predictions for one season's plantings from a model fitted on every earlier season (so a
/// past season is predicted exactly as it would have been before it started), and the
/// rolling-origin backtest over all seasons with harvests.
struct YieldReport {
    QString season;
    std::vector<YieldPredictionRow> predictions;
    analytics::YieldBacktest backtest;
    int trainingPlantings = 0;
};

/// `season` empty: the latest season. NotFound for an unknown season; a report without
/// predictions when no earlier season has harvests to learn from.
Result<YieldReport> predictYields(store::Connection &db, const QString &farmId,
                                  const QString &season);

/// predictYields on a worker, with its own connection.
class YieldService {
public:
    static QCoro::Task<Result<YieldReport>> report(QString workspace, QString farmId,
                                                   QString season);
};

} // namespace agro::services
