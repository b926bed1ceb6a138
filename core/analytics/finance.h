#pragma once

#include <array>
#include <optional>
#include <vector>

namespace agro::analytics {

/// Number of cost categories; index order is domain::CostCategory's (seeds, fertilizer,
/// labor, equipment, irrigation, pesticides, other).
inline constexpr int kCostCategoryCount = 7;

/// What one planting — or a group of plantings summed together — cost and yielded. Canonical
/// units: hectares, kilograms, money in one currency. Groups are formed by adding accounts
/// and then deriving figures, never by averaging ratios.
struct CropAccount {
    int plantings = 0;
    double areaHa = 0;                              ///< planted area
    double expectedYieldKg = 0;                     ///< Σ expected yield (kg/ha) × area
    double expectedRevenue = 0;                     ///< Σ expected yield × expected price
    std::array<double, kCostCategoryCount> costs{}; ///< direct + allocated farm-level costs
    double harvestedKg = 0;                         ///< everything harvested
    double rejectedKg = 0;                          ///< rejected at harvest
    /// Lots from the planting that quality control later rejected (failed), and those it holds
    /// (not sellable while held): docs/finance.md, "Quality losses".
    double qcRejectedKg = 0;
    double qcHeldKg = 0;
    double revenue = 0; ///< Σ sellable kg × the planting's price per kg

    CropAccount &operator+=(const CropAccount &o);
    double totalCost() const;
    /// Harvested, less what was rejected at harvest and what QC rejected or holds; never below 0
    /// (lots weighed at the packhouse can exceed a harvest booked short).
    double sellableKg() const {
        const double s = harvestedKg - rejectedKg - qcRejectedKg - qcHeldKg;
        return s > 0 ? s : 0.0;
    }
};

/// The figures a farm manager reads, derived from an account. Ratios without a meaningful
/// denominator (no area, no sellable yield, no cost) are empty rather than 0 or infinity.
struct CropFigures {
    double totalCost = 0;
    std::optional<double> costPerHa; ///< totalCost / area
    std::array<std::optional<double>, kCostCategoryCount> costPerHaByCategory{};
    double sellableKg = 0;
    std::optional<double> yieldKgHa;         ///< harvested kg / area
    std::optional<double> sellableYieldKgHa; ///< sellable kg / area
    std::optional<double> expectedYieldKgHa; ///< expected kg / area
    std::optional<double> yieldGapKgHa;      ///< harvested − expected, per ha
    std::optional<double> yieldGapRatio;     ///< harvested / expected − 1
    double revenue = 0;
    double grossMargin = 0; ///< revenue − total cost
    std::optional<double> marginPerHa;
    std::optional<double> roi;                 ///< gross margin / total cost
    std::optional<double> costPerSellableKg;   ///< total cost / sellable kg
    std::optional<double> breakEvenPricePerKg; ///< = cost per sellable kg
    /// Yield (kg/ha) at which revenue covers cost: cost / (price × area), at the realised
    /// price (revenue / sellable kg) or, with nothing sold yet, the expected price.
    std::optional<double> breakEvenYieldKgHa;
};

/// Figures of an account (formulas in docs/finance.md).
CropFigures cropFigures(const CropAccount &a);

/// Splits a farm-level cost over plantings in proportion to their planted area. Without any
/// area the cost is split evenly; without plantings nothing is returned.
std::vector<double> allocateByArea(double amount, const std::vector<double> &areasHa);
/// Splits a cost by explicit, non-negative shares (normalised to sum 1). Shares summing to 0
/// fall back to an even split.
std::vector<double> allocateByShares(double amount, const std::vector<double> &shares);

} // namespace agro::analytics
