#pragma once

#include "policy.h"

#include <functional>
#include <vector>

namespace agro::analytics::inventory {

/// A forecast made on one day for the days after it: mean and standard deviation per day.
struct DailyForecast {
    std::vector<double> mean;
    std::vector<double> sd;
};

/// How a replayed policy sets its reorder point and order quantity on day t, from what it
/// knew then.
using ReplayPolicy = std::function<ItemPolicy(int day, double onHand, double onOrder)>;

struct ReplayResult {
    double demand = 0;            ///< units wanted over the period
    double served = 0;            ///< units sold from stock (lost sales otherwise)
    int stockoutDays = 0;         ///< days with unmet demand
    double inventoryUnitDays = 0; ///< Σ end-of-day stock, for the average inventory
    int orders = 0;
    double orderedUnits = 0;
    int days = 0;
    double fillRate() const { return demand > 0 ? served / demand : 1.0; }
    double averageStock() const { return days > 0 ? inventoryUnitDays / days : 0.0; }
};

/// Replays days [first, last] of `demand` (lost sales, daily review): each morning the order
/// placed L days earlier arrives; demand is served from stock; each evening the policy sees the
/// inventory position and may order, to arrive `leadTimeDays` later. Starts with `startStock`
/// on hand and nothing on order. Missing demand (NaN) counts as 0.
ReplayResult replayPolicy(const std::vector<double> &demand, int first, int last, int leadTimeDays,
                          double startStock, const ReplayPolicy &policy);

/// Sums replay results (fill rate becomes units-weighted across items).
ReplayResult &operator+=(ReplayResult &a, const ReplayResult &b);

} // namespace agro::analytics::inventory
