#pragma once

#include "common/progress.h"
#include "store/sqlite.h"

#include <cstdint>
#include <memory>

namespace agro::services {

struct RestockSimulationOptions {
    double targetFillRate = 0.95;
    int days = 364;      ///< replayed: the last `days` days of sales history
    int refitEvery = 28; ///< the forecast (and the policy's s and Q) is renewed this often
    int threads = 0;     ///< 0 = one per core
};

/// What one policy achieved over the replayed period, all covered products together.
struct PolicyOutcome {
    double fillRate = 0;              ///< units served / units wanted
    double averageInventoryValue = 0; ///< Σ products' average stock × unit cost
    int stockoutDays = 0;             ///< product-days with unmet demand
    int orders = 0;
    double holdingCost = 0;
    double orderingCost = 0;
    double totalCost() const { return holdingCost + orderingCost; }
};

struct RestockSimulation {
    std::int32_t firstDay = 0, lastDay = 0;
    int products = 0; ///< covered: enough history before the period and some demand in it
    int skipped = 0;
    double targetFillRate = 0;
    PolicyOutcome policy;     ///< the restock policy with AgroDesk's demand regression
    PolicyOutcome naive;      ///< the same policy on a seasonal-naive forecast
    PolicyOutcome fixedLevel; ///< a fixed reorder level: 4 months' average × (lead time + 1)
    /// The baselines again, tuned to reach the policy's achieved fill rate, so that inventory
    /// is compared at equal service (Silver et al. 2017 §7.9: exchange curves).
    PolicyOutcome naiveAtSameFill;
    PolicyOutcome fixedAtSameFill;
    double naiveTarget = 0; ///< the target the naive-forecast policy needed
    double fixedFactor = 0; ///< the multiple of the fixed level that was needed
    double seconds = 0;
};

/// The forecasts and demand a replay needs, prepared once (the slow part), so that other
/// targets can be replayed in a fraction of the time (the app's what-if slider).
struct PreparedReplay;
Result<std::shared_ptr<const PreparedReplay>>
prepareRestockReplay(store::Connection &db, const RestockSimulationOptions &options,
                     Progress &progress);
/// Replays a prepared history at `targetFillRate`, with the baselines tuned to the fill rate it
/// achieves. Cancelled when `progress` is.
Result<RestockSimulation> runRestockReplay(const PreparedReplay &prepared, double targetFillRate,
                                           Progress &progress);

/// Replays the workspace's sales history with the restock policy (lost sales, daily review,
/// each product's lead time, costs, pack size and minimum order) beside two baselines; see
/// docs/restock.md. Forecasts in the replay see only what was known on their day (weather
/// unknown, prices and promotions as planned).
Result<RestockSimulation>
simulateRestock(store::Connection &db, const RestockSimulationOptions &options, Progress &progress);

} // namespace agro::services
