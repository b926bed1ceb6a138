#pragma once

#include "costs.h"

#include <QDate>
#include <QString>

#include <optional>
#include <vector>

namespace agro::domain {

/// Which farm (empty: all) and which days the dashboard shows, both ends inclusive.
struct DashboardQuery {
    QString farmId;
    QDate from;
    QDate to;
};

struct TrendPoint {
    QDate start;  ///< first day of the bucket
    int days = 1; ///< days the bucket covers (the last one may be shorter)
    double revenue = 0;
    double units = 0;
};

/// The figures behind the dashboard. Money in `currency`; see docs/architecture.md
/// ("Dashboard figures") for each definition.
struct DashboardData {
    DashboardQuery query;
    QString currency;       ///< empty when the farms shown keep books in different currencies
    double revenue = 0;     ///< Σ quantity × price of sales in the period
    double costs = 0;       ///< Σ cost entries incurred in the period
    double grossMargin = 0; ///< revenue − costs
    std::optional<double> grossMarginRatio; ///< margin / revenue; none without revenue
    double unitsSold = 0;
    int stockoutProducts = 0; ///< products with ≥ 1 stock-out day in the 30 days to `to`
    int openAlerts = 0;       ///< alerts not resolved (any date)
    int bucketDays = 1;       ///< trend bucket: 1 (daily), 7 (weekly) or 30 (monthly)
    std::vector<TrendPoint> trend;
    std::vector<std::pair<CostCategory, double>> costsByCategory; ///< every category, in order
};

struct FarmSummary {
    QString id;
    QString name;
    QString currency;
};

/// The range of days that have sales, to anchor "last 30 days" on real data.
struct DataRange {
    QDate firstSale;
    QDate lastSale;
};

} // namespace agro::domain
