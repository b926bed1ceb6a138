#pragma once

#include <optional>

namespace agro::analytics {

/// Gross margin = revenue − costs, in the farm's currency.
inline double grossMargin(double revenue, double costs) {
    return revenue - costs;
}

/// Gross margin as a share of revenue; undefined (nullopt) without revenue rather than ±inf.
inline std::optional<double> grossMarginRatio(double revenue, double costs) {
    if (revenue == 0.0)
        return std::nullopt;
    return (revenue - costs) / revenue;
}

} // namespace agro::analytics
