#pragma once

#include <vector>

namespace agro::analytics::forecast {

/// Sample autocorrelation at lags 1 … maxLag (index 0 = lag 1), Box & Jenkins' estimator.
std::vector<double> autocorrelation(const std::vector<double> &y, int maxLag);

/// The 90 % one-sided test for seasonality used by the M4 competition's benchmarks and by R's
/// thetaf(): |r_m| > 1.645·√((1 + 2Σ_{k<m} r_k²)/n). False when m ≤ 1 or n < 3m.
bool looksSeasonal(const std::vector<double> &y, int m);

/// Centred moving average of order m (a 2×m average when m is even), NaN for the first and
/// last ⌊m/2⌋ values where it is not defined: the trend of classical decomposition.
std::vector<double> centredMovingAverage(const std::vector<double> &y, int m);

/// Seasonal indices of classical decomposition (moving average of order m, centred when m is
/// even; Makridakis, Wheelwright & Hyndman 1998, ch. 3): multiplicative indices average 1,
/// additive ones sum to 0. Index i is the season of observation i (mod m). Needs n ≥ 2m.
std::vector<double> classicalSeasonalIndices(const std::vector<double> &y, int m,
                                             bool multiplicative);

/// Replaces NaN gaps by linear interpolation (constant extension at the ends). Returns the
/// number of values filled; an all-NaN series is left unchanged and returns −1.
int fillGaps(std::vector<double> &y);

/// Least-squares line through (i, y_i), i = 0 … n−1: {intercept, slope}.
struct Line {
    double intercept = 0;
    double slope = 0;
};
Line linearTrend(const double *y, int n);

} // namespace agro::analytics::forecast
