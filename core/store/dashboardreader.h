#pragma once

#include "domain/dashboard.h"
#include "sqlite.h"

#include <vector>

namespace agro::store {

/// Reads the dashboard's figures: KPIs and trend from the sales_farm_daily aggregate, costs
/// from cost_entries, stock-outs through the partial index on sales_daily.
class DashboardReader {
public:
    static Result<domain::DashboardData> load(Connection &db, const domain::DashboardQuery &q);
    static Result<std::vector<domain::FarmSummary>> farms(Connection &db);
    static Result<domain::DataRange> salesRange(Connection &db);
};

} // namespace agro::store
