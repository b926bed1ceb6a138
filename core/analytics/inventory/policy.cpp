#include "policy.h"

#include "gammadist.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace agro::analytics::inventory {

namespace {

std::string fmt(const char *format, double a = 0, double b = 0, double c = 0, double d = 0) {
    char buf[256];
    std::snprintf(buf, sizeof buf, format, a, b, c, d);
    return buf;
}

/// Smallest s ≥ 0 with E[(D − s)⁺] ≤ target (the loss function decreases in s).
double reorderPointForShortage(const GammaDemand &d, double target) {
    if (d.expectedShortage(0) <= target)
        return 0.0;
    double lo = 0, hi = std::max(d.mean(), 1.0);
    while (d.expectedShortage(hi) > target)
        hi *= 2;
    for (int i = 0; i < 100 && hi - lo > 1e-6 * std::max(1.0, hi); ++i) {
        const double mid = 0.5 * (lo + hi);
        (d.expectedShortage(mid) > target ? lo : hi) = mid;
    }
    return hi;
}

} // namespace

double roundOrder(double quantity, double packSize, double minOrderQty) {
    if (quantity <= 0)
        return 0.0;
    const double pack = packSize > 0 ? packSize : 1.0;
    double q = std::ceil(quantity / pack - 1e-9) * pack;
    if (q < minOrderQty)
        q = std::ceil(minOrderQty / pack - 1e-9) * pack;
    return q;
}

ItemPolicy computePolicy(const ItemInputs &in) {
    ItemPolicy p;
    const int L = std::max(in.leadTimeDays, 0);
    const int window = L + std::max(in.reviewDays, 1);
    const auto days = static_cast<int>(in.dailyMean.size());
    double mean = 0, var = 0;
    for (int j = 0; j < window; ++j) {
        // Beyond the forecast's horizon, the last forecast day repeats.
        const int k = std::min(j, days - 1);
        if (k < 0)
            break;
        mean += std::max(in.dailyMean[static_cast<std::size_t>(k)], 0.0);
        const double sd =
            k < static_cast<int>(in.dailySd.size()) ? in.dailySd[static_cast<std::size_t>(k)] : 0.0;
        var += sd * sd;
    }
    p.leadTimeDemandMean = mean;
    p.leadTimeDemandSd = std::sqrt(var);
    p.dailyDemand =
        days > 0 ? std::accumulate(in.dailyMean.begin(), in.dailyMean.end(), 0.0) / days : 0.0;
    p.annualDemand = p.dailyDemand * 365.0;
    const double holdingPerUnitYear = in.holdingRate * in.unitCost;
    if (in.orderingCost > 0 && holdingPerUnitYear > 0 && p.annualDemand > 0) {
        p.eoq = std::sqrt(2.0 * p.annualDemand * in.orderingCost / holdingPerUnitYear);
    } else {
        p.costsMissing = in.orderingCost <= 0 || holdingPerUnitYear <= 0;
    }
    // Without costs, a month of demand (at least one pack) keeps orders regular.
    const double rawQ = p.eoq > 0 ? p.eoq : p.dailyDemand * 30.0;
    p.orderQuantity = roundOrder(std::max(rawQ, 1e-9), in.packSize, in.minOrderQty);

    const GammaDemand demand(mean, var);
    const double beta = std::clamp(in.targetFillRate, 0.0, 0.9999);
    p.reorderPoint = p.leadTimeDemandMean > 0
                         ? reorderPointForShortage(demand, (1.0 - beta) * p.orderQuantity)
                         : 0.0;
    p.safetyStock = p.reorderPoint - p.leadTimeDemandMean;
    p.cycleServiceLevel = demand.cdf(p.reorderPoint);
    p.expectedFillRate =
        p.orderQuantity > 0 ? 1.0 - demand.expectedShortage(p.reorderPoint) / p.orderQuantity : 1.0;

    p.available = std::max(in.onHand - in.unavailable, 0.0);
    p.inventoryPosition = p.available + in.onOrder;
    p.reorder = p.leadTimeDemandMean > 0 && p.inventoryPosition <= p.reorderPoint;
    if (p.reorder) {
        const double upTo = p.reorderPoint + p.orderQuantity;
        p.proposedQuantity = roundOrder(upTo - p.inventoryPosition, in.packSize, in.minOrderQty);
        p.rule = fmt("inventory position %.1f is at or below the reorder point %.1f: order up to "
                     "%.1f (reorder point + order quantity %.1f)",
                     p.inventoryPosition, p.reorderPoint, upTo, p.orderQuantity);
        // What would change the decision: a quarter fewer units (in packs).
        const double fewer = roundOrder(0.25 * p.proposedQuantity, in.packSize, 0.0);
        if (fewer > 0 && fewer < p.proposedQuantity) {
            p.fewerUnits = fewer;
            const double q = p.orderQuantity - fewer;
            p.fillRateWithFewer =
                q > 0 ? std::max(0.0, 1.0 - demand.expectedShortage(p.reorderPoint) / q) : 0.0;
        }
    } else if (p.leadTimeDemandMean <= 0) {
        p.rule = "no demand is forecast over the lead time: no order";
    } else {
        p.rule = fmt("inventory position %.1f is above the reorder point %.1f: no order",
                     p.inventoryPosition, p.reorderPoint);
    }

    // Stock-out projection: available stock minus the forecast, day by day (open orders not
    // counted — when they arrive is the supplier's business).
    double stock = p.available;
    for (int j = 0; j < days; ++j) {
        stock -= std::max(in.dailyMean[static_cast<std::size_t>(j)], 0.0);
        if (stock < 0) {
            p.stockoutInDays = j + 1;
            break;
        }
    }
    if (p.stockoutInDays) {
        // 100 when it runs out within the lead time (too late to avoid), falling to 0 at three
        // lead times away.
        const double d = *p.stockoutInDays;
        const double Lp = std::max(L, 1);
        p.priority = std::clamp(100.0 * (1.0 - (d - Lp) / (2.0 * Lp)), 0.0, 100.0);
    }
    if (p.reorder)
        p.priority = std::max(p.priority, 10.0);
    return p;
}

std::vector<char> abcClasses(const std::vector<double> &annualValue) {
    std::vector<std::size_t> order(annualValue.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return annualValue[a] > annualValue[b]; });
    const double total = std::accumulate(annualValue.begin(), annualValue.end(), 0.0);
    std::vector<char> out(annualValue.size(), 'C');
    double cumulative = 0;
    for (std::size_t i : order) {
        // Class by the share of value before this item, so the top item is always A.
        const double before = total > 0 ? cumulative / total : 1.0;
        out[i] = before < 0.80 ? 'A' : before < 0.95 ? 'B' : 'C';
        cumulative += std::max(annualValue[i], 0.0);
    }
    return out;
}

char xyzClass(const std::vector<double> &dailyDemand) {
    std::vector<double> weeks;
    for (std::size_t i = 0; i + 7 <= dailyDemand.size(); i += 7) {
        double s = 0;
        for (std::size_t j = i; j < i + 7; ++j)
            s += std::isfinite(dailyDemand[j]) ? dailyDemand[j] : 0.0;
        weeks.push_back(s);
    }
    if (weeks.size() < 2)
        return 'Z';
    const double mean =
        std::accumulate(weeks.begin(), weeks.end(), 0.0) / static_cast<double>(weeks.size());
    if (mean <= 0)
        return 'Z';
    double var = 0;
    for (double w : weeks)
        var += (w - mean) * (w - mean);
    const double cv = std::sqrt(var / static_cast<double>(weeks.size() - 1)) / mean;
    return cv < 0.5 ? 'X' : cv < 1.0 ? 'Y' : 'Z';
}

} // namespace agro::analytics::inventory
