#pragma once

#include <algorithm>
#include <cmath>

namespace agro::analytics::forecast {

/// Sample quantile with linear interpolation between order statistics (Hyndman & Fan 1996,
/// definition 7, R's default). Reorders [first, first + n).
inline double quantileInPlace(double *first, int n, double p) {
    if (n <= 0)
        return 0.0;
    const double h = (n - 1) * p;
    const int lo = static_cast<int>(std::floor(h));
    const int hi = std::min(lo + 1, n - 1);
    std::nth_element(first, first + lo, first + n);
    const double a = first[lo];
    if (hi == lo)
        return a;
    const double b = *std::min_element(first + lo + 1, first + n);
    return a + (h - lo) * (b - a);
}

} // namespace agro::analytics::forecast
