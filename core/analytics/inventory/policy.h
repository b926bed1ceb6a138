#pragma once

#include <optional>
#include <string>
#include <vector>

namespace agro::analytics::inventory {

/// What is known about one product when its restock is decided. Quantities in the product's
/// unit, money in the farm's currency, days as whole days.
struct ItemInputs {
    double onHand = 0;      ///< in stock, including held, rejected or expired lots
    double onOrder = 0;     ///< ordered, not yet received
    double unavailable = 0; ///< held, rejected or expired lots: in stock but not sellable
    int leadTimeDays = 7;
    int reviewDays = 1;            ///< how often proposals are made (daily)
    std::vector<double> dailyMean; ///< forecast from tomorrow, at least leadTime + review days
    std::vector<double> dailySd;   ///< its standard deviation per day (from the 95 % band)
    double unitCost = 0;           ///< purchase cost per unit
    double orderingCost = 0;       ///< fixed cost per order
    double holdingRate = 0.2;      ///< holding cost per year as a share of unit cost
    double packSize = 1;
    double minOrderQty = 0;
    double targetFillRate = 0.95; ///< share of demand met from stock
};

/// The policy's figures for one product, with everything the explanation shows.
struct ItemPolicy {
    double leadTimeDemandMean = 0; ///< over lead time + review period
    double leadTimeDemandSd = 0;
    double dailyDemand = 0; ///< mean forecast per day over the horizon given
    double annualDemand = 0;
    double eoq = 0;               ///< √(2DK/(hc)); 0 when costs are missing
    bool costsMissing = false;    ///< EOQ undefined: a month of demand is ordered instead
    double orderQuantity = 0;     ///< Q: EOQ rounded up to the pack size, at least the MOQ
    double reorderPoint = 0;      ///< s: meets the fill-rate target with this Q
    double safetyStock = 0;       ///< s − mean lead-time demand
    double cycleServiceLevel = 0; ///< P(no stock-out in a cycle) = F(s)
    double expectedFillRate = 0;  ///< 1 − E[(D − s)⁺]/Q
    double available = 0;         ///< on hand − unavailable
    double inventoryPosition = 0; ///< available + on order
    bool reorder = false;         ///< position ≤ s
    double proposedQuantity = 0; ///< up to s + Q, rounded to packs, at least the MOQ; 0 if no order
    std::optional<int> stockoutInDays; ///< first day the available stock is projected to run out
    double priority = 0;               ///< 0–100: how soon it runs out against its lead time
    std::string rule;                  ///< which rule fired, in words with its numbers
    /// "What would change the decision": a smaller order and the fill rate it would give.
    double fewerUnits = 0;
    double fillRateWithFewer = 0;
};

/// The (s, S) review policy of Silver, Pyke & Thomas (2017, ch. 7): lead-time demand as a
/// gamma distribution with the forecast's mean and variance (the sum of the daily variances,
/// so the forecast's own uncertainty sets the safety stock, not a fixed z·σ·√L); Q from the
/// economic order quantity (Harris 1913), rounded to packs and the minimum order; s the smallest
/// reorder point whose expected shortage per cycle is at most (1 − β)·Q (fill rate β, ibid.
/// §7.5.3); order up to s + Q when the inventory position is at or below s.
ItemPolicy computePolicy(const ItemInputs &in);

/// Rounds a quantity up to whole packs and at least the minimum order quantity.
double roundOrder(double quantity, double packSize, double minOrderQty);

/// ABC by annual value (cumulative share of value: A up to 80 %, B up to 95 %, C the rest) and
/// XYZ by the coefficient of variation of weekly demand (X < 0.5, Y < 1, Z otherwise).
std::vector<char> abcClasses(const std::vector<double> &annualValue);
char xyzClass(const std::vector<double> &dailyDemand);

} // namespace agro::analytics::inventory
