#include "policysimulation.h"

#include <algorithm>
#include <cmath>

namespace agro::analytics::inventory {

ReplayResult replayPolicy(const std::vector<double> &demand, int first, int last, int leadTimeDays,
                          double startStock, const ReplayPolicy &policy) {
    ReplayResult r;
    const int n = static_cast<int>(demand.size());
    first = std::max(first, 0);
    last = std::min(last, n - 1);
    if (last < first)
        return r;
    const int L = std::max(leadTimeDays, 0);
    const auto span = static_cast<std::size_t>(last - first + L + 2);
    std::vector<double> arriving(span, 0.0); // by day index − first
    double onHand = std::max(startStock, 0.0);
    double onOrder = 0;
    for (int t = first; t <= last; ++t) {
        const auto k = static_cast<std::size_t>(t - first);
        onHand += arriving[k];
        onOrder -= arriving[k];
        const double want = std::isfinite(demand[static_cast<std::size_t>(t)])
                                ? std::max(demand[static_cast<std::size_t>(t)], 0.0)
                                : 0.0;
        const double sold = std::min(want, onHand);
        onHand -= sold;
        r.demand += want;
        r.served += sold;
        if (want > sold + 1e-9)
            ++r.stockoutDays;
        const ItemPolicy p = policy(t, onHand, onOrder);
        if (p.reorder && p.proposedQuantity > 0) {
            // Ordered in the evening; with lead time L it is on the shelf on the morning of
            // day t + L (L = 0: tomorrow morning).
            const std::size_t at = k + static_cast<std::size_t>(std::max(L, 1));
            if (at < arriving.size())
                arriving[at] += p.proposedQuantity;
            onOrder += p.proposedQuantity;
            ++r.orders;
            r.orderedUnits += p.proposedQuantity;
        }
        r.inventoryUnitDays += onHand;
        ++r.days;
    }
    return r;
}

ReplayResult &operator+=(ReplayResult &a, const ReplayResult &b) {
    a.demand += b.demand;
    a.served += b.served;
    a.stockoutDays += b.stockoutDays;
    a.inventoryUnitDays += b.inventoryUnitDays;
    a.orders += b.orders;
    a.orderedUnits += b.orderedUnits;
    a.days += b.days;
    return a;
}

} // namespace agro::analytics::inventory
