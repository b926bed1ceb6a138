#pragma once

#include "sqlite.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <unordered_map>
#include <vector>

namespace agro::store {

/// A product as the Forecasts area lists it.
struct DemandProduct {
    std::int64_t lid = 0;
    QString id;
    QString sku;
    QString name;
    QString category; ///< category name, empty when none
    QString farmId;
    QString farmName;
    std::int64_t farmLid = 0;
    QString unit;
    double price = 0;
    double recentUnitsPerDay = 0; ///< mean daily units over the last 90 days of sales
    bool active = true;
    // Restocking parameters (products table).
    double unitCost = 0;
    int leadTimeDays = 7;
    double orderingCost = 0;
    double holdingRate = 0.2;
    double packSize = 1;
    double minOrderQty = 0;
};

/// One product's daily demand: consecutive days from `firstDay`, summed over channels.
/// Stock-out days are NaN: what sold there is not what was wanted (censored demand), so the
/// models interpolate over them rather than learn a dip. Days with no sales row are 0.
struct DemandSeries {
    std::int32_t firstDay = 0;
    std::vector<double> quantity;
    std::vector<double> price; ///< average price paid; NaN on days without a sale
    std::vector<std::uint8_t> promotion;
};

/// Reads sales for forecasting, in contiguous arrays (no QVariant per value).
class DemandReader {
public:
    /// Every product with at least one sale, ordered by SKU; with `idOrSku`, only that one.
    static Result<std::vector<DemandProduct>> products(Connection &db, const QString &idOrSku = {});
    /// Last day with any sale, or nullopt-like −1 when there are none.
    static Result<std::int32_t> lastSalesDay(Connection &db);
    /// One product's series from its first sale to `lastDay`.
    static Result<DemandSeries> series(Connection &db, std::int64_t productLid,
                                       std::int32_t lastDay);
    /// Every product's series in one ordered scan; `onSeries` returns false to stop (cancel).
    static Result<void>
    forEachSeries(Connection &db, std::int32_t lastDay,
                  const std::function<bool(std::int64_t, DemandSeries &&)> &onSeries);
    /// Daily maximum temperature per farm (by farm lid) over [first, last]; NaN where missing.
    static Result<std::unordered_map<std::int64_t, std::vector<double>>>
    maxTemperatures(Connection &db, std::int32_t first, std::int32_t last);
};

} // namespace agro::store
