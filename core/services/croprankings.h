#pragma once

#include "analytics/croprank.h"
#include "store/sqlite.h"

#include <QCoroTask>
#include <QString>

#include <vector>

namespace agro::services {

struct CropRankRow {
    QString cropName;
    analytics::CropOutlook inputs;
    analytics::CropRank rank;
    double predictedYieldKgHa = 0; ///< median
};

struct CropRanking {
    QString fieldId, fieldName, farmName, currency;
    std::vector<CropRankRow> rows; ///< best expected margin first
};

/// Next-season crop ranking for one field (id, or a name unique in the workspace): for every
/// crop the farm has grown and harvested, the yield the model predicts on this field's soil
/// at the farm's usual plan, the price and cost per hectare the farm's history shows, and
/// the margin they give over simulated seasons (expected, 1-in-10 low, chance of a loss).
Result<CropRanking> rankCropsForField(store::Connection &db, const QString &field);

/// rankCropsForField on a worker.
class CropRankService {
public:
    static QCoro::Task<Result<CropRanking>> rank(QString workspace, QString fieldId);
};

/// "Maize: expected margin €410/ha; 1 season in 10 below €120/ha" (English; the UI words its own).
QString describeRank(const CropRankRow &row, const QString &currency);

} // namespace agro::services
