#include "arima.h"

#include "neldermead.h"
#include "seasonal.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <set>
#include <tuple>

namespace agro::analytics::forecast {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// Jones (1980): maps unconstrained values to the coefficients of a stationary AR polynomial
/// through partial autocorrelations tanh(u) and the Durbin–Levinson recursion.
void partialToAr(const double *raw, int p, double *out) {
    double work[16];
    for (int j = 0; j < p; ++j)
        work[j] = out[j] = std::tanh(raw[j]);
    for (int j = 1; j < p; ++j) {
        const double a = out[j];
        for (int k = 0; k < j; ++k)
            work[k] -= a * out[j - k - 1];
        for (int k = 0; k < j; ++k)
            out[k] = work[k];
    }
}

/// Product of two polynomials given by their coefficients (index = power of B).
std::vector<double> multiply(const std::vector<double> &x, const std::vector<double> &y) {
    if (x.empty() || y.empty())
        return {};
    std::vector<double> out(x.size() + y.size() - 1, 0.0);
    double *o = out.data();
    for (std::size_t i = 0; i < x.size(); ++i)
        for (std::size_t j = 0; j < y.size(); ++j)
            o[i + j] += x[i] * y[j];
    return out;
}

/// 1 + sign·(c_1 B^lag + c_2 B^{2·lag} + …) as coefficients.
std::vector<double> lagPolynomial(const std::vector<double> &c, int lag, double sign) {
    std::vector<double> out{1.0};
    for (double v : c) {
        for (int k = 1; k < lag; ++k)
            out.push_back(0.0);
        out.push_back(sign * v);
    }
    return out;
}

/// (1 − Σφ_i Bⁱ)(1 − ΣΦ_j B^{mj}) as 1 − Σ a_k B^k: returns a_1 … a_{p+mP}.
std::vector<double> expandAr(const std::vector<double> &ar, const std::vector<double> &sar, int m) {
    const std::vector<double> poly =
        multiply(lagPolynomial(ar, 1, -1.0), lagPolynomial(sar, m, -1.0));
    std::vector<double> out;
    for (std::size_t k = 1; k < poly.size(); ++k)
        out.push_back(-poly[k]);
    return out;
}

/// (1 + Σθ_i Bⁱ)(1 + ΣΘ_j B^{mj}) as 1 + Σ b_k B^k: returns b_1 … b_{q+mQ}.
std::vector<double> expandMa(const std::vector<double> &ma, const std::vector<double> &sma, int m) {
    const std::vector<double> poly =
        multiply(lagPolynomial(ma, 1, 1.0), lagPolynomial(sma, m, 1.0));
    return poly.size() > 1 ? std::vector<double>(poly.begin() + 1, poly.end())
                           : std::vector<double>{};
}

/// Coefficients δ_1 … of (1 − B)^d (1 − B^m)^D, so that w_t = y_t + Σ δ_k y_{t−k}.
std::vector<double> differencingPolynomial(int d, int D, int m) {
    std::vector<double> poly{1.0};
    auto multiply = [&](int lag) {
        std::vector<double> next(poly.size() + static_cast<std::size_t>(lag), 0.0);
        for (std::size_t i = 0; i < poly.size(); ++i) {
            next[i] += poly[i];
            next[i + static_cast<std::size_t>(lag)] -= poly[i];
        }
        poly = std::move(next);
    };
    for (int i = 0; i < d; ++i)
        multiply(1);
    for (int i = 0; i < D; ++i)
        multiply(m);
    return std::vector<double>(poly.begin() + 1, poly.end());
}

std::vector<double> applyDifferencing(const std::vector<double> &y,
                                      const std::vector<double> &delta) {
    const std::size_t k = delta.size();
    if (y.size() <= k)
        return {};
    std::vector<double> w(y.size() - k);
    for (std::size_t t = k; t < y.size(); ++t) {
        double v = y[t];
        for (std::size_t j = 0; j < k; ++j)
            v += delta[j] * y[t - j - 1];
        w[t - k] = v;
    }
    return w;
}

/// Whether 1 + c_1 z + … + c_k z^k (sign = +1) or 1 − c_1 z − … (sign = −1) has every root
/// outside the circle of radius 1.01 (R's auto.arima rejects roots closer to the unit circle).
bool rootsOutside(const std::vector<double> &c, double sign) {
    int k = static_cast<int>(c.size());
    while (k > 0 && std::abs(c[static_cast<std::size_t>(k - 1)]) < 1e-12)
        --k;
    if (k == 0)
        return true;
    // Roots of the polynomial in z are the reciprocals of the eigenvalues of the companion
    // matrix of z^k + sign·(c_1 z^{k−1} + … + c_k).
    Eigen::MatrixXd companion = Eigen::MatrixXd::Zero(k, k);
    for (int j = 0; j < k; ++j)
        companion(0, j) = -sign * c[static_cast<std::size_t>(j)];
    for (int i = 1; i < k; ++i)
        companion(i, i - 1) = 1.0;
    Eigen::EigenSolver<Eigen::MatrixXd> es(companion, false);
    if (es.info() != Eigen::Success)
        return false;
    for (int i = 0; i < k; ++i)
        if (std::abs(es.eigenvalues()[i]) > 1.0 / 1.01)
            return false;
    return true;
}

struct Css {
    double ss = 0;
    int count = 0;
};

/// Conditional sum of squares of the ARMA on x = w − μ, innovations before the first full
/// AR lag set to 0; `res` receives the innovations when not null.
Css css(const std::vector<double> &w, double mu, const std::vector<double> &a,
        const std::vector<double> &b, std::vector<double> *res, std::vector<double> &e) {
    const int n = static_cast<int>(w.size());
    const int pa = static_cast<int>(a.size()), qb = static_cast<int>(b.size());
    e.assign(w.size(), 0.0);
    Css out;
    for (int t = pa; t < n; ++t) {
        double v = w[static_cast<std::size_t>(t)] - mu;
        for (int k = 1; k <= pa; ++k)
            v -= a[static_cast<std::size_t>(k - 1)] * (w[static_cast<std::size_t>(t - k)] - mu);
        for (int k = 1; k <= qb && k <= t; ++k)
            v -= b[static_cast<std::size_t>(k - 1)] * e[static_cast<std::size_t>(t - k)];
        e[static_cast<std::size_t>(t)] = v;
        out.ss += v * v;
        ++out.count;
    }
    if (res)
        *res = e;
    return out;
}

} // namespace

std::string ArimaOrder::name(int period) const {
    char buf[96];
    int len = std::snprintf(buf, sizeof buf, "ARIMA(%d,%d,%d)", p, d, q);
    if (period > 1 && (P || D || Q))
        len += std::snprintf(buf + len, sizeof buf - static_cast<std::size_t>(len),
                             "(%d,%d,%d)[%d]", P, D, Q, period);
    if (constant)
        std::snprintf(buf + len, sizeof buf - static_cast<std::size_t>(len), "%s",
                      d + D == 0 ? " with mean" : " with drift");
    return buf;
}

double kpssStatistic(const std::vector<double> &y) {
    const int n = static_cast<int>(y.size());
    if (n < 3)
        return 0.0;
    const double mean = std::accumulate(y.begin(), y.end(), 0.0) / n;
    double s = 0, eta = 0, gamma0 = 0;
    for (double v : y) {
        s += v - mean;
        eta += s * s;
        gamma0 += (v - mean) * (v - mean);
    }
    const int lags = static_cast<int>(std::floor(4.0 * std::pow(n / 100.0, 0.25)));
    double lrv = gamma0 / n;
    for (int l = 1; l <= lags && l < n; ++l) {
        double g = 0;
        for (int t = l; t < n; ++t)
            g += (y[static_cast<std::size_t>(t)] - mean) *
                 (y[static_cast<std::size_t>(t - l)] - mean);
        lrv += 2.0 * (1.0 - l / (lags + 1.0)) * g / n;
    }
    if (lrv <= 0)
        return 0.0;
    return eta / (static_cast<double>(n) * n * lrv);
}

int firstDifferencesNeeded(const std::vector<double> &y) {
    std::vector<double> x = y;
    for (int d = 0; d < 2; ++d) {
        const bool constant =
            std::all_of(x.begin(), x.end(), [&](double v) { return v == x.front(); });
        if (x.size() < 5 || constant || kpssStatistic(x) <= 0.463)
            return d;
        std::vector<double> dx(x.size() - 1);
        for (std::size_t t = 1; t < x.size(); ++t)
            dx[t - 1] = x[t] - x[t - 1];
        x = std::move(dx);
    }
    return 2;
}

int seasonalDifferencesNeeded(const std::vector<double> &y, int period) {
    const int n = static_cast<int>(y.size());
    if (period <= 1 || n < 3 * period)
        return 0;
    const auto idx = classicalSeasonalIndices(y, period, false);
    const std::vector<double> trend = centredMovingAverage(y, period);
    double varRem = 0, varSeasRem = 0, meanRem = 0, meanSR = 0;
    std::vector<double> rem, sr;
    for (int t = 0; t < n; ++t) {
        const double ma = trend[static_cast<std::size_t>(t)];
        if (std::isnan(ma))
            continue;
        const double detrended = y[static_cast<std::size_t>(t)] - ma;
        sr.push_back(detrended);
        rem.push_back(detrended - idx[static_cast<std::size_t>(t % period)]);
    }
    for (std::size_t i = 0; i < rem.size(); ++i) {
        meanRem += rem[i];
        meanSR += sr[i];
    }
    meanRem /= static_cast<double>(rem.size());
    meanSR /= static_cast<double>(sr.size());
    for (std::size_t i = 0; i < rem.size(); ++i) {
        varRem += (rem[i] - meanRem) * (rem[i] - meanRem);
        varSeasRem += (sr[i] - meanSR) * (sr[i] - meanSR);
    }
    if (varSeasRem <= 0)
        return 0;
    const double strength = std::max(0.0, 1.0 - varRem / varSeasRem);
    return strength >= 0.64 ? 1 : 0;
}

std::optional<ArimaModel> fitArima(const std::vector<double> &y, int period, const ArimaOrder &o) {
    const int m = std::max(period, 1);
    if (m == 1 && (o.P || o.D || o.Q))
        return std::nullopt;
    if (o.p > 5 || o.q > 5 || o.P > 2 || o.Q > 2)
        return std::nullopt;
    const std::vector<double> delta = differencingPolynomial(o.d, o.D, m);
    const std::vector<double> w = applyDifferencing(y, delta);
    const int nw = static_cast<int>(w.size());
    const int pa = o.p + m * o.P;
    const bool constant = o.constant && o.d + o.D <= 1;
    const int k = o.p + o.q + o.P + o.Q + (constant ? 1 : 0) + 1;
    if (nw - pa <= k + 2)
        return std::nullopt;

    const double wMean = std::accumulate(w.begin(), w.end(), 0.0) / nw;
    double wSd = 0;
    for (double v : w)
        wSd += (v - wMean) * (v - wMean);
    wSd = std::sqrt(wSd / nw);
    const double muScale = wSd > 0 ? wSd / std::sqrt(static_cast<double>(nw)) : 1.0;

    std::vector<double> ar(static_cast<std::size_t>(o.p)), ma(static_cast<std::size_t>(o.q)),
        sar(static_cast<std::size_t>(o.P)), sma(static_cast<std::size_t>(o.Q));
    std::vector<double> e;
    auto decode = [&](const double *u, double &mu) {
        int i = 0;
        partialToAr(u + i, o.p, ar.data());
        i += o.p;
        for (int j = 0; j < o.q; ++j)
            ma[static_cast<std::size_t>(j)] = u[i++];
        partialToAr(u + i, o.P, sar.data());
        i += o.P;
        for (int j = 0; j < o.Q; ++j)
            sma[static_cast<std::size_t>(j)] = u[i++];
        mu = constant ? wMean + muScale * u[i] : 0.0;
    };
    const int params = o.p + o.q + o.P + o.Q + (constant ? 1 : 0);
    auto objective = [&](const double *u) {
        double mu = 0;
        decode(u, mu);
        // Invertibility is not enforced by the parameterisation: penalise leaving the region.
        for (double c : ma)
            if (std::abs(c) > 3)
                return kInf;
        const Css c = css(w, mu, expandAr(ar, sar, m), expandMa(ma, sma, m), nullptr, e);
        if (c.count <= 0 || !(c.ss > 0))
            return c.ss == 0 ? -1e12 : kInf;
        return c.count * std::log(c.ss / c.count);
    };
    std::vector<double> start(static_cast<std::size_t>(params), 0.0);
    NelderMeadResult best{start, objective(start.data()), 1};
    if (params > 0) {
        const std::vector<double> step(start.size(), 0.2);
        best = nelderMead(objective, start, step, 150 * (params + 1), 1e-7);
        best = nelderMead(objective, best.x, std::vector<double>(start.size(), 0.05),
                          60 * (params + 1), 1e-9);
    }
    if (!std::isfinite(best.value))
        return std::nullopt;

    ArimaModel model;
    model.order = o;
    model.order.constant = constant;
    model.period = m;
    decode(best.x.data(), model.mean);
    model.ar = ar;
    model.ma = ma;
    model.sar = sar;
    model.sma = sma;
    if (!rootsOutside(ar, -1.0) || !rootsOutside(ma, 1.0) || !rootsOutside(sar, -1.0) ||
        !rootsOutside(sma, 1.0))
        return std::nullopt;
    const std::vector<double> a = expandAr(ar, sar, m), b = expandMa(ma, sma, m);
    std::vector<double> res;
    const Css c = css(w, model.mean, a, b, &res, e);
    const double n = c.count;
    model.sigma2 = c.ss / std::max(n - (k - 1), 1.0);
    // −2 log L of the Gaussian CSS likelihood, n·ln(σ̂²) + n(1 + ln 2π), and AICc.
    const double m2ll = n * std::log(std::max(c.ss / n, 1e-300)) + n * (1.0 + std::log(2 * M_PI));
    model.aicc = m2ll + 2.0 * k + 2.0 * k * (k + 1.0) / std::max(n - k - 1.0, 1.0);
    model.y = y;
    model.residuals = res;
    model.fitted.assign(y.size(), std::nan(""));
    const std::size_t lead = delta.size();
    for (std::size_t t = 0; t < res.size(); ++t)
        if (static_cast<int>(t) >= pa)
            model.fitted[t + lead] = y[t + lead] - res[t];
    return model;
}

Forecast ArimaModel::forecast(int horizon) const {
    Forecast f;
    if (horizon <= 0)
        return f;
    const auto h = static_cast<std::size_t>(horizon);
    f.resize(h);
    const int m = period;
    const std::vector<double> delta = differencingPolynomial(order.d, order.D, m);
    const std::vector<double> a = expandAr(ar, sar, m), b = expandMa(ma, sma, m);
    std::vector<double> w = applyDifferencing(y, delta);
    std::vector<double> e = residuals;
    const std::size_t nw = w.size();
    w.resize(nw + h);
    e.resize(nw + h, 0.0);
    for (std::size_t t = nw; t < nw + h; ++t) {
        double v = mean;
        for (std::size_t k = 1; k <= a.size() && k <= t; ++k)
            v += a[k - 1] * (w[t - k] - mean);
        for (std::size_t k = 1; k <= b.size() && k <= t; ++k)
            v += b[k - 1] * e[t - k];
        w[t] = v;
    }
    // Undifference: y_t = w_t − Σ δ_k y_{t−k}.
    std::vector<double> yy = y;
    for (std::size_t j = 0; j < h; ++j) {
        double v = w[nw + j];
        const std::size_t t = yy.size();
        for (std::size_t k = 0; k < delta.size(); ++k)
            v -= delta[k] * yy[t - k - 1];
        yy.push_back(v);
        f.mean[j] = v;
    }
    // ψ-weights of the full model φ(B)Φ(B^m)(1−B)^d(1−B^m)^D y = θ(B)Θ(B^m) e.
    std::vector<double> full; // coefficients α_k of 1 − Σ α_k B^k
    {
        const std::vector<double> prod =
            multiply(lagPolynomial(a, 1, -1.0), lagPolynomial(delta, 1, 1.0));
        for (std::size_t k = 1; k < prod.size(); ++k)
            full.push_back(-prod[k]);
    }
    std::vector<double> psi(h, 0.0);
    psi[0] = 1;
    for (std::size_t j = 1; j < h; ++j) {
        double v = j <= b.size() ? b[j - 1] : 0.0;
        for (std::size_t k = 1; k <= full.size() && k <= j; ++k)
            v += full[k - 1] * psi[j - k];
        psi[j] = v;
    }
    std::vector<double> sd(h);
    double acc = 0;
    for (std::size_t j = 0; j < h; ++j) {
        acc += psi[j] * psi[j];
        sd[j] = std::sqrt(sigma2 * acc);
    }
    gaussianIntervals(f, sd);
    return f;
}

std::optional<ArimaModel> autoArima(const std::vector<double> &y, int period) {
    const int m = std::max(period, 1);
    if (y.size() < 6)
        return std::nullopt;
    const int D = seasonalDifferencesNeeded(y, m);
    std::vector<double> x = y;
    if (D == 1)
        x = applyDifferencing(y, differencingPolynomial(0, 1, m));
    const int d = firstDifferencesNeeded(x);
    const bool seasonal = m > 1;
    const bool constantAllowed = d + D <= 1;

    std::optional<ArimaModel> best;
    std::set<std::tuple<int, int, int, int, bool>> tried;
    auto consider = [&](int p, int q, int P, int Q, bool c) {
        if (p < 0 || q < 0 || P < 0 || Q < 0 || p > 5 || q > 5 || P > 2 || Q > 2 ||
            p + q + P + Q > 5 || (!seasonal && (P || Q)) || (c && !constantAllowed))
            return false;
        if (!tried.insert({p, q, P, Q, c}).second || tried.size() > 94)
            return false;
        ArimaOrder o{p, d, q, P, D, Q, c};
        auto fit = fitArima(y, m, o);
        if (fit && (!best || fit->aicc < best->aicc - 1e-9)) {
            best = std::move(fit);
            return true;
        }
        return false;
    };
    const bool c0 = constantAllowed;
    consider(2, 2, seasonal ? 1 : 0, seasonal ? 1 : 0, c0);
    consider(0, 0, 0, 0, c0);
    consider(1, 0, seasonal ? 1 : 0, 0, c0);
    consider(0, 1, 0, seasonal ? 1 : 0, c0);
    if (c0)
        consider(0, 0, 0, 0, false);
    bool improved = best.has_value();
    while (improved) {
        improved = false;
        const ArimaOrder o = best->order;
        const int p = o.p, q = o.q, P = o.P, Q = o.Q;
        const bool c = o.constant;
        const int moves[][4] = {{0, 0, -1, 0}, {0, 0, 1, 0},   {0, 0, 0, -1},  {0, 0, 0, 1},
                                {0, 0, 1, 1},  {0, 0, -1, -1}, {-1, 0, 0, 0},  {1, 0, 0, 0},
                                {0, -1, 0, 0}, {0, 1, 0, 0},   {-1, -1, 0, 0}, {1, 1, 0, 0},
                                {-1, 1, 0, 0}, {1, -1, 0, 0}};
        for (const auto &mv : moves) {
            if (consider(p + mv[0], q + mv[1], P + mv[2], Q + mv[3], c)) {
                improved = true;
                break;
            }
        }
        if (!improved && constantAllowed)
            improved = consider(p, q, P, Q, !c);
    }
    return best;
}

} // namespace agro::analytics::forecast
