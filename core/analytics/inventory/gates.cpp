#include "gates.h"

#include <algorithm>
#include <cmath>

namespace agro::analytics::inventory {

const char *gateKey(Gate g) {
    switch (g) {
    case Gate::Auto:
        return "auto";
    case Gate::Review:
        return "review";
    case Gate::Manual:
        return "manual";
    case Gate::Owner:
        break;
    }
    return "owner";
}

Gate gateFor(double confidence, double value, const GateSettings &s) {
    if (value > s.hardMaximum)
        return Gate::Owner;
    if (confidence >= s.autoConfidence && value < s.autoApproveLimit)
        return Gate::Auto;
    if (confidence >= s.reviewConfidence)
        return Gate::Review;
    return Gate::Manual;
}

double proposalConfidence(double backtestWape, double backtestCoverage95, int backtestPoints,
                          double leadTimeDemandMean, double lo95, double hi95) {
    if (!(leadTimeDemandMean > 0))
        return 0.0;
    const double sharpness = std::clamp(1.0 - (hi95 - lo95) / (2.0 * leadTimeDemandMean), 0.0, 1.0);
    if (backtestPoints <= 0 || !std::isfinite(backtestWape))
        return std::min(0.5, sharpness);
    const double accuracy = std::clamp(1.0 - backtestWape, 0.0, 1.0);
    double c = std::sqrt(accuracy * sharpness);
    if (backtestCoverage95 < 0.85)
        c *= 0.8;
    return std::clamp(c, 0.0, 1.0);
}

} // namespace agro::analytics::inventory
