#include "gammadist.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace agro::analytics::inventory {

double regularizedGammaP(double a, double x) {
    if (x <= 0 || a <= 0)
        return 0.0;
    const double lnPrefix = -x + a * std::log(x) - std::lgamma(a);
    if (x < a + 1) {
        double term = 1.0 / a, sum = term;
        for (int n = 1; n < 1000; ++n) {
            term *= x / (a + n);
            sum += term;
            if (std::abs(term) < std::abs(sum) * 1e-15)
                break;
        }
        return std::clamp(sum * std::exp(lnPrefix), 0.0, 1.0);
    }
    // Q(a, x) by the modified Lentz continued fraction.
    const double tiny = 1e-300;
    double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
    for (int i = 1; i < 1000; ++i) {
        const double an = -i * (i - a);
        b += 2;
        d = an * d + b;
        if (std::abs(d) < tiny)
            d = tiny;
        c = b + an / c;
        if (std::abs(c) < tiny)
            c = tiny;
        d = 1 / d;
        const double delta = d * c;
        h *= delta;
        if (std::abs(delta - 1) < 1e-15)
            break;
    }
    return std::clamp(1.0 - std::exp(lnPrefix) * h, 0.0, 1.0);
}

GammaDemand::GammaDemand(double mean, double variance)
    : m_mean(std::max(mean, 0.0))
    , m_variance(std::max(variance, 0.0)) {
    if (m_mean > 0 && m_variance > 0) {
        m_shape = m_mean * m_mean / m_variance;
        m_scale = m_variance / m_mean;
    }
}

double GammaDemand::cdf(double x) const {
    if (m_mean <= 0)
        return x >= 0 ? 1.0 : 0.0;
    if (m_variance <= 0)
        return x >= m_mean ? 1.0 : 0.0;
    return regularizedGammaP(m_shape, x / m_scale);
}

double GammaDemand::quantile(double p) const {
    if (m_mean <= 0)
        return 0.0;
    if (m_variance <= 0)
        return m_mean;
    p = std::clamp(p, 0.0, 1.0 - 1e-12);
    double lo = 0, hi = m_mean + 10 * std::sqrt(m_variance);
    while (cdf(hi) < p)
        hi *= 2;
    for (int i = 0; i < 200 && hi - lo > 1e-9 * std::max(1.0, hi); ++i) {
        const double mid = 0.5 * (lo + hi);
        (cdf(mid) < p ? lo : hi) = mid;
    }
    return hi;
}

double GammaDemand::expectedShortage(double s) const {
    if (m_mean <= 0)
        return 0.0;
    if (s <= 0)
        return m_mean - s;
    if (m_variance <= 0)
        return std::max(m_mean - s, 0.0);
    const double x = s / m_scale;
    const double tailK = 1.0 - regularizedGammaP(m_shape, x);
    const double tailK1 = 1.0 - regularizedGammaP(m_shape + 1, x);
    return std::max(0.0, m_mean * tailK1 - s * tailK);
}

} // namespace agro::analytics::inventory
