#pragma once

#include <cstdint>
#include <limits>
#include <vector>

namespace agro::analytics::detection {

/// Lots split two ways: by whether a condition held before they were produced (exposed or
/// not) and by whether their inspection went wrong (bad or not).
struct TwoByTwo {
    std::int64_t exposedBad = 0, exposedGood = 0, otherBad = 0, otherGood = 0;

    std::int64_t exposed() const { return exposedBad + exposedGood; }
    std::int64_t other() const { return otherBad + otherGood; }
    std::int64_t total() const { return exposed() + other(); }
};

/// Two-sided p-value of Fisher's exact test (Fisher 1935; Agresti, *Categorical Data
/// Analysis*, 3rd ed., §3.5.1): with the margins fixed the exposed-bad count is hypergeometric,
/// and the p-value sums the probabilities of every table no more likely than the observed one
/// (the "minimum likelihood" convention, with R's relative tolerance of 1e-7 for ties).
/// 1 for a table with an empty margin.
double fisherExactTwoSided(const TwoByTwo &t);

/// Risk ratio: the bad rate among exposed lots over the rate among the others. NaN when
/// either group is empty; +∞ when the others never went bad but exposed lots did.
double riskRatio(const TwoByTwo &t);

/// Benjamini–Hochberg adjusted p-values (q-values) for a family of tests (Benjamini &
/// Hochberg 1995): q_(i) = min_{j ≥ i} p_(j)·m/j, capped at 1, in the input order. Scanning
/// many conditions and outcomes would otherwise find "effects" by chance alone.
std::vector<double> benjaminiHochberg(const std::vector<double> &p);

/// One lot's exposure: the daily means of a sensor condition in the window before it was
/// produced, reduced to the worst value (the maximum for "above", the minimum for "below");
/// NaN when the window had too few days with readings to say.
struct LotExposure {
    double worst = std::numeric_limits<double>::quiet_NaN();
    bool bad = false;
};

/// Cross-tabulates lots against "worst > threshold" (above) or "worst < threshold" (below);
/// lots without an exposure value are left out.
TwoByTwo crossTabulate(const std::vector<LotExposure> &lots, bool above, double threshold);

/// The worst daily mean in the `windowDays` days before `day` (not including it), from
/// `dailyMeans` indexed from `firstDay`; NaN when fewer than half of the window's days have a
/// value.
double worstInWindow(const std::vector<double> &dailyMeans, std::int32_t firstDay, std::int32_t day,
                     int windowDays, bool above);

} // namespace agro::analytics::detection
