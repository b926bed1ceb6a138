#pragma once

#include "types.h"

#include <vector>

namespace agro::analytics::forecast {

/// Benchmarks with the textbook intervals (Hyndman & Athanasopoulos, *Forecasting: Principles
/// and Practice*, 3rd ed., table 5.2). Each needs at least one value; the variance-based
/// intervals need two, and collapse to the point forecast when the series is constant.
ModelForecast naiveForecast(const std::vector<double> &y, int horizon);
/// Last value of the same season; falls back to naive when the series is shorter than m.
ModelForecast seasonalNaiveForecast(const std::vector<double> &y, int period, int horizon);
/// Line from the first to the last value, extended.
ModelForecast driftForecast(const std::vector<double> &y, int horizon);
/// Historical mean, for series too short for anything else.
ModelForecast meanForecast(const std::vector<double> &y, int horizon);

} // namespace agro::analytics::forecast
