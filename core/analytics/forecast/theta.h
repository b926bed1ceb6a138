#pragma once

#include "types.h"

#include <optional>
#include <vector>

namespace agro::analytics::forecast {

/// The Theta method (Assimakopoulos & Nikolopoulos 2000) in the form Hyndman & Billah (2003,
/// IJF 19(2)) showed it to be: simple exponential smoothing with drift equal to half the slope
/// of the least-squares line, f_h = SES_h + (b/2)·(h − 1 + 1/α − (1 − α)ⁿ/α). When the
/// 90 % seasonality test fires, the series is first divided by classical multiplicative seasonal
/// indices (additive ones if it has non-positive values) and the forecast reseasonalised.
/// Intervals are SES's, σ·√(1 + (h−1)α²), scaled by the seasonal index. nullopt when the
/// series has fewer than 3 values.
std::optional<ModelForecast> thetaForecast(const std::vector<double> &y, int period, int horizon);

} // namespace agro::analytics::forecast
