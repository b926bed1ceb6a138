#include "seasonal.h"

#include <cmath>
#include <numeric>

namespace agro::analytics::forecast {

std::vector<double> autocorrelation(const std::vector<double> &y, int maxLag) {
    const auto n = static_cast<int>(y.size());
    std::vector<double> r(static_cast<std::size_t>(std::max(maxLag, 0)), 0.0);
    if (n < 2)
        return r;
    const double mean = std::accumulate(y.begin(), y.end(), 0.0) / n;
    double c0 = 0;
    for (double v : y)
        c0 += (v - mean) * (v - mean);
    if (c0 <= 0)
        return r;
    for (int k = 1; k <= maxLag && k < n; ++k) {
        double ck = 0;
        for (int t = k; t < n; ++t)
            ck += (y[static_cast<std::size_t>(t)] - mean) *
                  (y[static_cast<std::size_t>(t - k)] - mean);
        r[static_cast<std::size_t>(k - 1)] = ck / c0;
    }
    return r;
}

bool looksSeasonal(const std::vector<double> &y, int m) {
    const auto n = static_cast<int>(y.size());
    if (m <= 1 || n < 3 * m)
        return false;
    const auto r = autocorrelation(y, m);
    double s = 0;
    for (int k = 0; k < m - 1; ++k)
        s += r[static_cast<std::size_t>(k)] * r[static_cast<std::size_t>(k)];
    const double limit = 1.6448536269514722 * std::sqrt((1.0 + 2.0 * s) / n);
    return std::abs(r[static_cast<std::size_t>(m - 1)]) > limit;
}

std::vector<double> centredMovingAverage(const std::vector<double> &y, int m) {
    const auto n = static_cast<int>(y.size());
    std::vector<double> ma(y.size(), std::nan(""));
    if (m <= 1)
        return y;
    const bool even = m % 2 == 0;
    const int half = m / 2;
    for (int t = half; t < n - half; ++t) {
        double sum = 0;
        if (even) {
            sum = 0.5 * y[static_cast<std::size_t>(t - half)] +
                  0.5 * y[static_cast<std::size_t>(t + half)];
            for (int k = t - half + 1; k < t + half; ++k)
                sum += y[static_cast<std::size_t>(k)];
        } else {
            for (int k = t - half; k <= t + half; ++k)
                sum += y[static_cast<std::size_t>(k)];
        }
        ma[static_cast<std::size_t>(t)] = sum / m;
    }
    return ma;
}

std::vector<double> classicalSeasonalIndices(const std::vector<double> &y, int m,
                                             bool multiplicative) {
    const auto n = static_cast<int>(y.size());
    std::vector<double> idx(static_cast<std::size_t>(std::max(m, 1)), multiplicative ? 1.0 : 0.0);
    if (m <= 1 || n < 2 * m)
        return idx;
    const std::vector<double> trend = centredMovingAverage(y, m);
    std::vector<double> sum(static_cast<std::size_t>(m), 0.0);
    std::vector<int> count(static_cast<std::size_t>(m), 0);
    for (int t = 0; t < n; ++t) {
        const double ma = trend[static_cast<std::size_t>(t)];
        if (std::isnan(ma) || (multiplicative && ma == 0))
            continue;
        const double v = y[static_cast<std::size_t>(t)];
        sum[static_cast<std::size_t>(t % m)] += multiplicative ? v / ma : v - ma;
        ++count[static_cast<std::size_t>(t % m)];
    }
    double total = 0;
    for (int i = 0; i < m; ++i) {
        const auto k = static_cast<std::size_t>(i);
        idx[k] = count[k] ? sum[k] / count[k] : (multiplicative ? 1.0 : 0.0);
        total += idx[k];
    }
    for (double &v : idx) {
        if (multiplicative)
            v = total != 0 ? v * m / total : 1.0;
        else
            v -= total / m;
    }
    return idx;
}

int fillGaps(std::vector<double> &y) {
    const auto n = static_cast<int>(y.size());
    int prev = -1;
    int filled = 0;
    for (int i = 0; i < n; ++i) {
        if (std::isnan(y[static_cast<std::size_t>(i)]))
            continue;
        if (prev < 0) {
            for (int k = 0; k < i; ++k, ++filled)
                y[static_cast<std::size_t>(k)] = y[static_cast<std::size_t>(i)];
        } else if (i - prev > 1) {
            const double a = y[static_cast<std::size_t>(prev)], b = y[static_cast<std::size_t>(i)];
            for (int k = prev + 1; k < i; ++k, ++filled)
                y[static_cast<std::size_t>(k)] = a + (b - a) * (k - prev) / (i - prev);
        }
        prev = i;
    }
    if (prev < 0)
        return n == 0 ? 0 : -1;
    for (int k = prev + 1; k < n; ++k, ++filled)
        y[static_cast<std::size_t>(k)] = y[static_cast<std::size_t>(prev)];
    return filled;
}

Line linearTrend(const double *y, int n) {
    Line l;
    if (n <= 0)
        return l;
    if (n == 1) {
        l.intercept = y[0];
        return l;
    }
    const double tm = (n - 1) / 2.0;
    double ym = 0;
    for (int i = 0; i < n; ++i)
        ym += y[i];
    ym /= n;
    double sxy = 0, sxx = 0;
    for (int i = 0; i < n; ++i) {
        sxy += (i - tm) * (y[i] - ym);
        sxx += (i - tm) * (i - tm);
    }
    l.slope = sxy / sxx;
    l.intercept = ym - l.slope * tm;
    return l;
}

} // namespace agro::analytics::forecast
