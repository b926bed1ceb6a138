#pragma once

#include "analytics/yieldmodel.h"
#include "sqlite.h"

#include <QDate>
#include <QStringList>

#include <optional>
#include <vector>

namespace agro::store {

/// A planting as the yield model sees it.
struct YieldRow {
    QString plantingId;
    QString label; ///< "Farm · Field · Crop · Season"
    QString farmId;
    QString cropName;
    QString seasonName;
    int seasonIndex = 0; ///< 0 = oldest season name in the workspace
    double areaHa = 0;
    double expectedKgHa = 0;
    std::optional<double> actualKgHa; ///< harvested kg / area, when harvested
    /// The same crop's yield on the same farm in the latest earlier season it was grown
    /// (area-weighted): the "same as last season" baseline.
    std::optional<double> baselineKgHa;
    analytics::YieldSample sample;
};

struct YieldData {
    std::vector<YieldRow> rows;
    QStringList crops;   ///< crop index → name
    QStringList seasons; ///< season index → name, oldest first
};

/// Reads plantings with their covariates: growing-degree days (base: the crop's) and rainfall
/// from planting to the season's end, as anomalies against the farm's own day-of-year
/// climatology (all weather on record); soil pH and nitrogen of the field; the planned yield.
class YieldReader {
public:
    static Result<YieldData> load(Connection &db, const QString &farmId = {});
};

} // namespace agro::store
