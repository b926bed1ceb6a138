#pragma once

#include "domain/finance.h"
#include "sqlite.h"

namespace agro::store {

/// Reads plantings with their costs, allocated farm-level costs and harvests.
///
/// Farm-level costs (no planting) go to the farm's plantings whose season contains the cost's
/// date: by planted area, or by the explicit cost_shares when the entry's rule is "shares"
/// (falling back to area when it has none). Revenue is sellable kg × the planting's price
/// per kg. All money stays in the farm's currency.
class FinanceReader {
public:
    static Result<domain::FinanceData> load(Connection &db, const domain::FinanceQuery &q);
};

} // namespace agro::store
