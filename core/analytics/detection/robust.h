#pragma once

#include <cstdint>
#include <vector>

namespace agro::analytics::detection {

/// Median and the median absolute deviation scaled by 1.4826, so that it estimates σ for
/// Gaussian data (Hampel 1974; Rousseeuw & Croux 1993). NaN values are ignored.
struct RobustScale {
    double median = 0;
    double mad = 0; ///< 1.4826 · median |x − median|
};
RobustScale robustScale(std::vector<double> values);

/// Robust z-score (x − median)/MAD; 0 when the MAD is 0 and x equals the median, ±∞ otherwise.
double robustZ(double x, const RobustScale &s);

/// Exponentially weighted moving average chart (Roberts 1959): z_t = λx_t + (1 − λ)z_{t−1},
/// limits μ ± L·σ·√(λ/(2 − λ)) (asymptotic). Returns the index of each point outside them.
std::vector<std::size_t> ewmaSignals(const std::vector<double> &x, double mean, double sigma,
                                     double lambda = 0.2, double limit = 3.0);

/// Tabular CUSUM (Page 1954; Montgomery, *Statistical Quality Control*, §9.1): upper and lower
/// sums of standardised deviations beyond the slack k, signalling when one exceeds h; reset
/// after a signal. Returns the signalling indexes.
std::vector<std::size_t> cusumSignals(const std::vector<double> &x, double mean, double sigma,
                                      double k = 0.5, double h = 5.0);

} // namespace agro::analytics::detection
