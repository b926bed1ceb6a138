#include "robust.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace agro::analytics::detection {

namespace {
double medianInPlace(std::vector<double> &v) {
    const std::size_t n = v.size();
    std::nth_element(v.begin(), v.begin() + static_cast<long>(n / 2), v.end());
    const double hi = v[n / 2];
    if (n % 2 == 1)
        return hi;
    const double lo = *std::max_element(v.begin(), v.begin() + static_cast<long>(n / 2));
    return 0.5 * (lo + hi);
}
} // namespace

RobustScale robustScale(std::vector<double> values) {
    values.erase(
        std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }),
        values.end());
    RobustScale s;
    if (values.empty())
        return s;
    s.median = medianInPlace(values);
    for (double &v : values)
        v = std::abs(v - s.median);
    s.mad = 1.4826 * medianInPlace(values);
    return s;
}

double robustZ(double x, const RobustScale &s) {
    const double d = x - s.median;
    if (s.mad > 0)
        return d / s.mad;
    if (d == 0)
        return 0.0;
    return d > 0 ? std::numeric_limits<double>::infinity()
                 : -std::numeric_limits<double>::infinity();
}

std::vector<std::size_t> ewmaSignals(const std::vector<double> &x, double mean, double sigma,
                                     double lambda, double limit) {
    std::vector<std::size_t> out;
    if (!(sigma > 0) || !(lambda > 0 && lambda <= 1))
        return out;
    const double width = limit * sigma * std::sqrt(lambda / (2.0 - lambda));
    double z = mean;
    for (std::size_t t = 0; t < x.size(); ++t) {
        if (!std::isfinite(x[t]))
            continue;
        z = lambda * x[t] + (1 - lambda) * z;
        if (std::abs(z - mean) > width)
            out.push_back(t);
    }
    return out;
}

std::vector<std::size_t> cusumSignals(const std::vector<double> &x, double mean, double sigma,
                                      double k, double h) {
    std::vector<std::size_t> out;
    if (!(sigma > 0))
        return out;
    double hi = 0, lo = 0;
    for (std::size_t t = 0; t < x.size(); ++t) {
        if (!std::isfinite(x[t]))
            continue;
        const double z = (x[t] - mean) / sigma;
        hi = std::max(0.0, hi + z - k);
        lo = std::max(0.0, lo - z - k);
        if (hi > h || lo > h) {
            out.push_back(t);
            hi = lo = 0;
        }
    }
    return out;
}

} // namespace agro::analytics::detection
