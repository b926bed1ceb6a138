#include "conditionlink.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace agro::analytics::detection {

namespace {
/// log C(n, k) through lgamma: exact enough for the table sizes of a field's lots, and free
/// of the overflow of factorials.
double logChoose(std::int64_t n, std::int64_t k) {
    return std::lgamma(double(n) + 1) - std::lgamma(double(k) + 1) - std::lgamma(double(n - k) + 1);
}
} // namespace

double fisherExactTwoSided(const TwoByTwo &t) {
    const std::int64_t n = t.total(), rowExposed = t.exposed(), colBad = t.exposedBad + t.otherBad;
    if (rowExposed == 0 || rowExposed == n || colBad == 0 || colBad == n)
        return 1.0;
    // exposedBad ~ Hypergeometric(N = n, K = colBad, draws = rowExposed).
    const std::int64_t lo = std::max<std::int64_t>(0, rowExposed + colBad - n);
    const std::int64_t hi = std::min(rowExposed, colBad);
    const double logDenominator = logChoose(n, rowExposed);
    auto logP = [&](std::int64_t x) {
        return logChoose(colBad, x) + logChoose(n - colBad, rowExposed - x) - logDenominator;
    };
    const double observed = logP(t.exposedBad);
    // Tables "no more likely" than the observed one, with a relative tolerance so that
    // tables of equal probability are not split by rounding.
    const double cut = observed + std::log1p(1e-7);
    double p = 0;
    for (std::int64_t x = lo; x <= hi; ++x)
        if (const double lp = logP(x); lp <= cut)
            p += std::exp(lp);
    return std::min(1.0, p);
}

double riskRatio(const TwoByTwo &t) {
    if (t.exposed() == 0 || t.other() == 0)
        return std::numeric_limits<double>::quiet_NaN();
    const double exposedRate = double(t.exposedBad) / double(t.exposed());
    const double otherRate = double(t.otherBad) / double(t.other());
    if (otherRate == 0)
        return exposedRate == 0 ? std::numeric_limits<double>::quiet_NaN()
                                : std::numeric_limits<double>::infinity();
    return exposedRate / otherRate;
}

std::vector<double> benjaminiHochberg(const std::vector<double> &p) {
    const size_t m = p.size();
    std::vector<size_t> order(m);
    std::iota(order.begin(), order.end(), size_t(0));
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p[a] < p[b]; });
    std::vector<double> q(m, 1.0);
    double running = 1.0;
    for (size_t r = m; r-- > 0;) {
        running = std::min(running, p[order[r]] * double(m) / double(r + 1));
        q[order[r]] = std::min(1.0, running);
    }
    return q;
}

TwoByTwo crossTabulate(const std::vector<LotExposure> &lots, bool above, double threshold) {
    TwoByTwo t;
    for (const auto &l : lots) {
        if (std::isnan(l.worst))
            continue;
        const bool exposed = above ? l.worst > threshold : l.worst < threshold;
        if (exposed)
            (l.bad ? t.exposedBad : t.exposedGood) += 1;
        else
            (l.bad ? t.otherBad : t.otherGood) += 1;
    }
    return t;
}

double worstInWindow(const std::vector<double> &dailyMeans, std::int32_t firstDay, std::int32_t day,
                     int windowDays, bool above) {
    double worst = std::numeric_limits<double>::quiet_NaN();
    int seen = 0;
    for (std::int32_t d = day - windowDays; d < day; ++d) {
        const std::int64_t i = std::int64_t(d) - firstDay;
        if (i < 0 || i >= std::int64_t(dailyMeans.size()) || std::isnan(dailyMeans[size_t(i)]))
            continue;
        const double v = dailyMeans[size_t(i)];
        worst = seen == 0 ? v : above ? std::max(worst, v) : std::min(worst, v);
        ++seen;
    }
    return 2 * seen >= windowDays ? worst : std::numeric_limits<double>::quiet_NaN();
}

} // namespace agro::analytics::detection
