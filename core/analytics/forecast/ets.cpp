#include "ets.h"

#include "neldermead.h"
#include "quantile.h"
#include "seasonal.h"

#include "../random.h"

#include <cmath>
#include <limits>
#include <numeric>

namespace agro::analytics::forecast {

namespace {

using Trend = EtsSpec::Trend;
using Season = EtsSpec::Season;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kTiny = 1e-10;
/// Nelder–Mead budget per free parameter (plus half again for the restart), and the relative
/// spread of −2 log L at which the simplex counts as converged: 10⁻⁶ of a likelihood in the
/// hundreds changes no forecast on M3 beyond the third decimal of sMAPE (bench/README.md).
constexpr int kEvaluationsPerParameter = 120;
constexpr double kTolerance = 1e-6;

double logistic(double u) {
    return 1.0 / (1.0 + std::exp(-u));
}
double logit(double p) {
    p = std::clamp(p, 1e-6, 1.0 - 1e-6);
    return std::log(p / (1.0 - p));
}

struct Params {
    double alpha = 0, beta = 0, gamma = 0, phi = 1, l0 = 0, b0 = 0;
};

struct PassOut {
    double sse = 0;    ///< Σe² (relative errors for multiplicative error)
    double logSum = 0; ///< Σ ln|ŷ| (multiplicative error only)
    double level = 0, slope = 0;
};

/// One pass of the state recursion over the data. `season` holds the m initial seasonal
/// states on entry (slot t mod m belongs to time t) and the final ones on exit. Returns false
/// when the model leaves its domain (non-positive forecast under a multiplicative part).
/// A template per model shape, so the inner loop has no branches on the model (this loop is
/// where fitting spends nearly all its time).
template<bool Mult, Trend Tr, Season St>
bool runPassT(const double *y, int n, int m, const Params &p, double *season, double *fitted,
              PassOut &out) {
    constexpr bool hasTrend = Tr != Trend::None;
    constexpr bool damped = Tr == Trend::Damped;
    double l = p.l0, b = p.b0;
    const double betaStar = p.alpha > 0 ? p.beta / p.alpha : 0.0;
    double sse = 0, logSum = 0;
    // Σ ln ŷ as the log of running products, flushed every 8 steps: one log per 8 values
    // instead of one per value (the log dominated the likelihood's cost).
    double logProduct = 1.0;
    int inProduct = 0;
    int slot = 0;
    for (int t = 0; t < n; ++t) {
        const double phib = hasTrend ? (damped ? p.phi * b : b) : 0.0;
        const double q = l + phib;
        double s = 0, yhat = q;
        if constexpr (St == Season::Additive) {
            s = season[slot];
            yhat = q + s;
        } else if constexpr (St == Season::Multiplicative) {
            s = season[slot];
            if (s <= kTiny || q <= kTiny)
                return false;
            yhat = q * s;
        }
        if (fitted)
            fitted[t] = yhat;
        const double e = y[t] - yhat;
        if constexpr (Mult) {
            if (!(yhat > kTiny))
                return false;
            const double r = e / yhat;
            sse += r * r;
            logProduct *= yhat;
            if (++inProduct == 8) {
                logSum += std::log(logProduct);
                logProduct = 1.0;
                inProduct = 0;
            }
        } else {
            sse += e * e;
        }
        double deseason = y[t];
        if constexpr (St == Season::Additive)
            deseason = y[t] - s;
        else if constexpr (St == Season::Multiplicative)
            deseason = y[t] / s;
        const double lNew = q + p.alpha * (deseason - q);
        if constexpr (hasTrend)
            b = phib + betaStar * (lNew - l - phib);
        if constexpr (St == Season::Additive)
            season[slot] = s + p.gamma * (y[t] - q - s);
        else if constexpr (St == Season::Multiplicative)
            season[slot] = s + p.gamma * (y[t] / q - s);
        l = lNew;
        if (++slot == m)
            slot = 0;
    }
    out.sse = sse;
    out.logSum = logSum + std::log(logProduct);
    out.level = l;
    out.slope = b;
    return std::isfinite(sse) && std::isfinite(l);
}

template<bool Mult, Trend Tr>
bool runPassS(const double *y, int n, int m, const EtsSpec &spec, const Params &p, double *season,
              double *fitted, PassOut &out) {
    switch (spec.season) {
    case Season::None:
        return runPassT<Mult, Tr, Season::None>(y, n, m, p, season, fitted, out);
    case Season::Additive:
        return runPassT<Mult, Tr, Season::Additive>(y, n, m, p, season, fitted, out);
    case Season::Multiplicative:
        break;
    }
    return runPassT<Mult, Tr, Season::Multiplicative>(y, n, m, p, season, fitted, out);
}

template<bool Mult>
bool runPassE(const double *y, int n, int m, const EtsSpec &spec, const Params &p, double *season,
              double *fitted, PassOut &out) {
    switch (spec.trend) {
    case Trend::None:
        return runPassS<Mult, Trend::None>(y, n, m, spec, p, season, fitted, out);
    case Trend::Additive:
        return runPassS<Mult, Trend::Additive>(y, n, m, spec, p, season, fitted, out);
    case Trend::Damped:
        break;
    }
    return runPassS<Mult, Trend::Damped>(y, n, m, spec, p, season, fitted, out);
}

bool runPass(const double *y, int n, int m, const EtsSpec &spec, const Params &p, double *season,
             double *fitted, PassOut &out) {
    return spec.multiplicativeError ? runPassE<true>(y, n, m, spec, p, season, fitted, out)
                                    : runPassE<false>(y, n, m, spec, p, season, fitted, out);
}

bool allPositive(const std::vector<double> &y) {
    return std::all_of(y.begin(), y.end(), [](double v) { return v > 0; });
}

} // namespace

std::string EtsSpec::name() const {
    std::string s = "ETS(";
    s += multiplicativeError ? "M," : "A,";
    s += trend == Trend::None ? "N," : trend == Trend::Additive ? "A," : "Ad,";
    s += season == Season::None ? "N)" : season == Season::Additive ? "A)" : "M)";
    return s;
}

int EtsSpec::smoothingParameters() const {
    int k = 2; // α, ℓ₀
    if (trend != Trend::None)
        k += 2; // β, b₀
    if (trend == Trend::Damped)
        k += 1; // φ
    if (season != Season::None)
        k += 1; // γ
    return k;
}

namespace {
/// Runs the recursion with final parameters and fills in states, fit and statistics.
/// `k` counts the estimated parameters for AICc.
std::optional<EtsModel> buildModel(const std::vector<double> &y, int m, const EtsSpec &spec,
                                   const Params &p, const std::vector<double> &season0, int k) {
    const int n = static_cast<int>(y.size());
    EtsModel model;
    model.spec = spec;
    model.period = m;
    model.alpha = p.alpha;
    model.beta = p.beta;
    model.gamma = p.gamma;
    model.phi = p.phi;
    model.level0 = p.l0;
    model.slope0 = p.b0;
    model.season0 = season0;
    model.fitted.assign(static_cast<std::size_t>(n), 0.0);
    std::vector<double> seasonState = season0;
    PassOut out;
    if (!runPass(y.data(), n, m, spec, p, seasonState.data(), model.fitted.data(), out))
        return std::nullopt;
    model.level = out.level;
    model.slope = out.slope;
    model.seasonFinal.resize(static_cast<std::size_t>(m));
    for (int j = 0; j < m; ++j)
        model.seasonFinal[static_cast<std::size_t>(j)] =
            seasonState[static_cast<std::size_t>((n + j) % m)];
    model.nobs = n;
    const double sse = std::max(out.sse, 1e-300);
    const double lik = n * std::log(sse) + (spec.multiplicativeError ? 2.0 * out.logSum : 0.0);
    // −2 log L up to a constant shared by every model of the family (Hyndman et al. 2008 §5.2).
    model.logLik = -0.5 * lik;
    model.aicc = lik + 2.0 * k + 2.0 * k * (k + 1.0) / std::max(n - k - 1.0, 1.0);
    model.sigma2 = out.sse / std::max(n - k, 1);
    return model;
}
} // namespace

std::optional<EtsModel> evaluateEts(const std::vector<double> &y, int period, const EtsSpec &spec,
                                    const EtsParameters &ep) {
    const bool seasonal = spec.season != Season::None;
    const int m = seasonal ? std::max(period, 1) : 1;
    if (y.empty())
        return std::nullopt;
    std::vector<double> season0 = ep.season0;
    if (season0.size() != static_cast<std::size_t>(m))
        season0.assign(static_cast<std::size_t>(m),
                       spec.season == Season::Multiplicative ? 1.0 : 0.0);
    Params p;
    p.alpha = ep.alpha;
    p.beta = ep.beta;
    p.gamma = ep.gamma;
    p.phi = spec.trend == Trend::Damped ? ep.phi : 1.0;
    p.l0 = ep.level0;
    p.b0 = spec.trend == Trend::None ? 0.0 : ep.slope0;
    const int k = spec.smoothingParameters() + (seasonal ? m - 1 : 0) + 1;
    return buildModel(y, m, spec, p, season0, k);
}

std::optional<EtsModel> fitEts(const std::vector<double> &y, int period, const EtsSpec &spec) {
    const int n = static_cast<int>(y.size());
    const bool seasonal = spec.season != Season::None;
    const int m = seasonal ? period : 1;
    if (n < 3 || (seasonal && (m < 2 || n < 2 * m)))
        return std::nullopt;
    const bool needsPositive = spec.multiplicativeError || spec.season == Season::Multiplicative;
    if (needsPositive && !allPositive(y))
        return std::nullopt;
    for (double v : y)
        if (!std::isfinite(v))
            return std::nullopt;
    // Parameters counted as R's ets() does: smoothing, damping, initial states, and σ.
    const int k = spec.smoothingParameters() + (seasonal ? m - 1 : 0) + 1;
    if (n <= k + 3)
        return std::nullopt;

    // Initial states (Hyndman et al. 2008, §2.6.1): seasonal indices from a classical
    // decomposition of the first (up to three) full cycles; level and slope from a line through
    // the first max(10, 2m) seasonally adjusted values.
    std::vector<double> season0(static_cast<std::size_t>(m),
                                spec.season == Season::Multiplicative ? 1.0 : 0.0);
    if (seasonal) {
        const int cycles = std::min(n / m, 3);
        const std::vector<double> head(y.begin(), y.begin() + cycles * m);
        season0 = classicalSeasonalIndices(head, m, spec.season == Season::Multiplicative);
    }
    const int maxn = std::min(std::max(10, 2 * m), n);
    std::vector<double> adjusted(static_cast<std::size_t>(maxn));
    for (int t = 0; t < maxn; ++t) {
        const double s = season0[static_cast<std::size_t>(t % m)];
        adjusted[static_cast<std::size_t>(t)] = spec.season == Season::Multiplicative ? y[t] / s
                                                : spec.season == Season::Additive     ? y[t] - s
                                                                                      : y[t];
    }
    Params init;
    if (spec.trend == Trend::None) {
        init.l0 = std::accumulate(adjusted.begin(), adjusted.end(), 0.0) / maxn;
    } else {
        const Line line = linearTrend(adjusted.data(), maxn);
        // The line is fitted at t = 0 … maxn−1; the initial state sits one step before t = 0.
        init.l0 = line.intercept - line.slope;
        init.b0 = line.slope;
        if (needsPositive && init.l0 <= 0)
            init.l0 = std::max(adjusted.front(), kTiny);
    }
    double scale = 0;
    {
        const double mean = std::accumulate(y.begin(), y.end(), 0.0) / n;
        for (double v : y)
            scale += (v - mean) * (v - mean);
        scale = std::sqrt(scale / n);
        if (scale <= 0)
            scale = std::max(std::abs(mean) * 0.1, 1.0);
    }

    // Unconstrained coordinates: α = logistic(u), β = α·logistic(u), γ = (1−α)·logistic(u),
    // φ = 0.8 + 0.18·logistic(u); ℓ₀ and b₀ shifted and scaled by the data's spread.
    const double alpha0 = seasonal ? 0.2 / m + 0.05 : 0.2;
    std::vector<double> start{logit(alpha0)};
    const int iBeta = spec.trend != Trend::None ? static_cast<int>(start.size()) : -1;
    if (iBeta >= 0)
        start.push_back(logit(0.1));
    const int iGamma = seasonal ? static_cast<int>(start.size()) : -1;
    if (iGamma >= 0)
        start.push_back(logit(0.05));
    const int iPhi = spec.trend == Trend::Damped ? static_cast<int>(start.size()) : -1;
    if (iPhi >= 0)
        start.push_back(logit((0.97 - 0.8) / 0.18));
    const int iL = static_cast<int>(start.size());
    start.push_back(0.0);
    const int iB = spec.trend != Trend::None ? static_cast<int>(start.size()) : -1;
    if (iB >= 0)
        start.push_back(0.0);
    const double levelScale = 0.2 * scale;
    const double slopeScale = 0.02 * scale;

    auto decode = [&](const double *u) {
        Params p;
        p.alpha = 1e-4 + (1 - 2e-4) * logistic(u[0]);
        p.beta = iBeta >= 0 ? p.alpha * (1e-4 + (1 - 2e-4) * logistic(u[iBeta])) : 0.0;
        p.gamma = iGamma >= 0 ? (1 - p.alpha) * (1e-4 + (1 - 2e-4) * logistic(u[iGamma])) : 0.0;
        p.phi = iPhi >= 0 ? 0.8 + 0.18 * logistic(u[iPhi]) : 1.0;
        p.l0 = init.l0 + levelScale * u[iL];
        p.b0 = iB >= 0 ? init.b0 + slopeScale * u[iB] : 0.0;
        return p;
    };
    std::vector<double> work(static_cast<std::size_t>(m));
    auto objective = [&](const double *u) {
        const Params p = decode(u);
        std::copy(season0.begin(), season0.end(), work.begin());
        PassOut out;
        if (!runPass(y.data(), n, m, spec, p, work.data(), nullptr, out))
            return kInf;
        if (out.sse <= 0)
            return -1e12; // a perfect fit: better than anything else
        return n * std::log(out.sse) + (spec.multiplicativeError ? 2.0 * out.logSum : 0.0);
    };
    const std::vector<double> step(start.size(), 1.0);
    const int budget = kEvaluationsPerParameter * static_cast<int>(start.size());
    NelderMeadResult best = nelderMead(objective, start, step, budget, kTolerance);
    // One restart from the optimum escapes most premature collapses of the simplex.
    best = nelderMead(objective, best.x, step, budget / 2, kTolerance / 10);
    if (!std::isfinite(best.value))
        return std::nullopt;

    const Params p = decode(best.x.data());
    return buildModel(y, m, spec, p, season0, k);
}

Forecast EtsModel::forecast(int horizon, std::uint64_t seed, int paths) const {
    Forecast f;
    if (horizon <= 0)
        return f;
    const auto h = static_cast<std::size_t>(horizon);
    f.resize(h);
    const bool hasTrend = spec.trend != Trend::None;
    const bool damped = spec.trend == Trend::Damped;
    const int m = period;
    // Point forecasts: ℓ + φ_h·b combined with the seasonal state of the step.
    double phiSum = 0, phiPow = 1;
    for (std::size_t j = 0; j < h; ++j) {
        phiPow *= damped ? phi : 1.0;
        phiSum += damped ? phiPow : 1.0;
        const double trendPart = level + (hasTrend ? phiSum * slope : 0.0);
        const double s =
            spec.season == Season::None ? 0.0 : seasonFinal[j % static_cast<std::size_t>(m)];
        f.mean[j] = spec.season == Season::Additive         ? trendPart + s
                    : spec.season == Season::Multiplicative ? trendPart * s
                                                            : trendPart;
    }
    const bool linear = !spec.multiplicativeError && spec.season != Season::Multiplicative;
    if (linear) {
        std::vector<double> sd(h);
        double acc = 0;
        double cumPhi = 0, pw = 1;
        for (std::size_t j = 0; j < h; ++j) {
            // Variance of the (j+1)-step error: σ²(1 + Σ_{i=1}^{j} c_i²).
            sd[j] = std::sqrt(sigma2 * (1.0 + acc));
            const auto i = static_cast<int>(j + 1);
            pw *= damped ? phi : 1.0;
            cumPhi += damped ? pw : 1.0;
            double c = alpha;
            if (hasTrend)
                c += beta * cumPhi;
            if (spec.season != Season::None && i % m == 0)
                c += gamma;
            acc += c * c;
        }
        gaussianIntervals(f, sd);
        return f;
    }
    // Simulated sample paths (Hyndman et al. 2008, §6.1): y = ŷ(1 + ε) or ŷ + ε, ε ~ N(0, σ²).
    Rng rng(seed);
    const double sigma = std::sqrt(std::max(sigma2, 0.0));
    std::vector<double> sims(h * static_cast<std::size_t>(paths));
    std::vector<double> seasonState(seasonFinal.size());
    const double betaStar = alpha > 0 ? beta / alpha : 0.0;
    for (int path = 0; path < paths; ++path) {
        double l = level, b = slope;
        std::copy(seasonFinal.begin(), seasonFinal.end(), seasonState.begin());
        int slot = 0;
        for (std::size_t j = 0; j < h; ++j) {
            const double phib = hasTrend ? (damped ? phi * b : b) : 0.0;
            const double q = l + phib;
            double s = 0, yhat = q;
            if (spec.season == Season::Additive) {
                s = seasonState[static_cast<std::size_t>(slot)];
                yhat = q + s;
            } else if (spec.season == Season::Multiplicative) {
                s = seasonState[static_cast<std::size_t>(slot)];
                yhat = q * s;
            }
            const double e = sigma * rng.normal();
            const double yv = spec.multiplicativeError ? yhat * (1.0 + e) : yhat + e;
            sims[j * static_cast<std::size_t>(paths) + static_cast<std::size_t>(path)] = yv;
            const double deseason = spec.season == Season::Additive         ? yv - s
                                    : spec.season == Season::Multiplicative ? (s != 0 ? yv / s : yv)
                                                                            : yv;
            const double lNew = q + alpha * (deseason - q);
            if (hasTrend)
                b = phib + betaStar * (lNew - l - phib);
            if (spec.season == Season::Additive)
                seasonState[static_cast<std::size_t>(slot)] = s + gamma * (yv - q - s);
            else if (spec.season == Season::Multiplicative && q != 0)
                seasonState[static_cast<std::size_t>(slot)] = s + gamma * (yv / q - s);
            l = lNew;
            if (++slot == m)
                slot = 0;
        }
    }
    for (std::size_t j = 0; j < h; ++j) {
        double *row = &sims[j * static_cast<std::size_t>(paths)];
        f.lo95[j] = quantileInPlace(row, paths, 0.025);
        f.lo80[j] = quantileInPlace(row, paths, 0.10);
        f.hi80[j] = quantileInPlace(row, paths, 0.90);
        f.hi95[j] = quantileInPlace(row, paths, 0.975);
    }
    return f;
}

std::optional<EtsModel> autoEts(const std::vector<double> &y, int period,
                                const EtsSelection &selection) {
    const bool positive = allPositive(y);
    const bool canSeason = period > 1 && static_cast<int>(y.size()) >= 2 * period;
    std::optional<EtsModel> best;
    for (int err = 0; err < 2; ++err) {
        const bool multErr = err == 1;
        if (multErr && !(positive && selection.allowMultiplicative))
            continue;
        for (Trend trend : {Trend::None, Trend::Additive, Trend::Damped}) {
            if (trend != Trend::None && !selection.allowTrend)
                continue;
            if (trend == Trend::Damped && !selection.allowDamped)
                continue;
            for (Season season : {Season::None, Season::Additive, Season::Multiplicative}) {
                if (season != Season::None && !canSeason)
                    continue;
                if (season == Season::Multiplicative &&
                    (!multErr || !positive || !selection.allowMultiplicative))
                    continue; // A,·,M is numerically unstable (Hyndman et al. 2008 §15.1)
                const EtsSpec spec{multErr, trend, season};
                auto fit = fitEts(y, period, spec);
                if (fit && (!best || fit->aicc < best->aicc))
                    best = std::move(fit);
            }
        }
    }
    return best;
}

} // namespace agro::analytics::forecast
