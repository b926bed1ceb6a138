#include "finance.h"

#include <numeric>

namespace agro::analytics {

namespace {
std::optional<double> ratio(double num, double den) {
    if (den == 0.0)
        return std::nullopt;
    return num / den;
}

std::vector<double> evenSplit(double amount, size_t n) {
    return std::vector<double>(n, n ? amount / double(n) : 0.0);
}
} // namespace

CropAccount &CropAccount::operator+=(const CropAccount &o) {
    plantings += o.plantings;
    areaHa += o.areaHa;
    expectedYieldKg += o.expectedYieldKg;
    expectedRevenue += o.expectedRevenue;
    for (int c = 0; c < kCostCategoryCount; ++c)
        costs[size_t(c)] += o.costs[size_t(c)];
    harvestedKg += o.harvestedKg;
    rejectedKg += o.rejectedKg;
    qcRejectedKg += o.qcRejectedKg;
    qcHeldKg += o.qcHeldKg;
    revenue += o.revenue;
    return *this;
}

double CropAccount::totalCost() const {
    return std::accumulate(costs.begin(), costs.end(), 0.0);
}

CropFigures cropFigures(const CropAccount &a) {
    CropFigures f;
    f.totalCost = a.totalCost();
    f.costPerHa = ratio(f.totalCost, a.areaHa);
    for (int c = 0; c < kCostCategoryCount; ++c)
        f.costPerHaByCategory[size_t(c)] = ratio(a.costs[size_t(c)], a.areaHa);
    f.sellableKg = a.sellableKg();
    f.yieldKgHa = ratio(a.harvestedKg, a.areaHa);
    f.sellableYieldKgHa = ratio(f.sellableKg, a.areaHa);
    f.expectedYieldKgHa = ratio(a.expectedYieldKg, a.areaHa);
    if (f.yieldKgHa && f.expectedYieldKgHa)
        f.yieldGapKgHa = *f.yieldKgHa - *f.expectedYieldKgHa;
    if (const auto r = ratio(a.harvestedKg, a.expectedYieldKg))
        f.yieldGapRatio = *r - 1.0;
    f.revenue = a.revenue;
    f.grossMargin = a.revenue - f.totalCost;
    f.marginPerHa = ratio(f.grossMargin, a.areaHa);
    f.roi = ratio(f.grossMargin, f.totalCost);
    f.costPerSellableKg = f.sellableKg > 0 ? ratio(f.totalCost, f.sellableKg) : std::nullopt;
    f.breakEvenPricePerKg = f.costPerSellableKg;
    const std::optional<double> price = f.sellableKg > 0
                                            ? ratio(a.revenue, f.sellableKg)
                                            : ratio(a.expectedRevenue, a.expectedYieldKg);
    if (price && *price > 0 && a.areaHa > 0)
        f.breakEvenYieldKgHa = f.totalCost / (*price * a.areaHa);
    return f;
}

std::vector<double> allocateByArea(double amount, const std::vector<double> &areasHa) {
    return allocateByShares(amount, areasHa);
}

std::vector<double> allocateByShares(double amount, const std::vector<double> &shares) {
    double sum = 0;
    for (double s : shares)
        sum += s > 0 ? s : 0.0;
    if (sum <= 0)
        return evenSplit(amount, shares.size());
    std::vector<double> out;
    out.reserve(shares.size());
    for (double s : shares)
        out.push_back(amount * (s > 0 ? s : 0.0) / sum);
    return out;
}

} // namespace agro::analytics
