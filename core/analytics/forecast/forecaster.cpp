#include "forecaster.h"

#include "accuracy.h"
#include "arima.h"
#include "ets.h"
#include "intermittent.h"
#include "seasonal.h"
#include "simple.h"
#include "theta.h"

#include <algorithm>
#include <cmath>

namespace agro::analytics::forecast {

namespace {

struct MethodName {
    Method method;
    const char *name;
};
constexpr MethodName kNames[] = {
    {Method::Auto, "auto"},
    {Method::Ensemble, "ensemble"},
    {Method::Ets, "ets"},
    {Method::Theta, "theta"},
    {Method::Arima, "arima"},
    {Method::Croston, "croston"},
    {Method::Sba, "sba"},
    {Method::Tsb, "tsb"},
    {Method::Naive, "naive"},
    {Method::SeasonalNaive, "snaive"},
    {Method::Drift, "drift"},
    {Method::Mean, "mean"},
    {Method::Regression, "regression"},
};

/// One member model, refittable on a shorter history with the same structure (for backtests).
struct Member {
    Method method = Method::Naive;
    std::optional<EtsSpec> etsSpec;       ///< fixed after the first fit, so backtests refit it only
    std::optional<ArimaOrder> arimaOrder; ///< likewise
};

/// `drivers` covers the training values followed by the horizon, or is empty.
/// Simulation paths for the current fit (set per call by forecastSeries; thread-local so that
/// parallel series do not share it).
thread_local int tlPaths = 2000;

std::optional<ModelForecast> fitMember(Member &member, const std::vector<double> &y, int m, int h,
                                       std::uint64_t seed, const std::vector<DailyDrivers> &drivers,
                                       std::vector<DemandBreakdown> *breakdown = nullptr,
                                       int recentWindow = 0);

/// Fits on the last `window` values and pads the fitted values with NaN in front.
std::optional<ModelForecast> fitRecent(Member &member, const std::vector<double> &y, int m, int h,
                                       std::uint64_t seed, int window) {
    const std::vector<double> tail(y.end() - window, y.end());
    auto mf = fitMember(member, tail, m, h, seed, {});
    if (mf) {
        std::vector<double> fitted(y.size() - tail.size(), std::nan(""));
        fitted.insert(fitted.end(), mf->fitted.begin(), mf->fitted.end());
        mf->fitted = std::move(fitted);
    }
    return mf;
}

std::optional<ModelForecast> fitMember(Member &member, const std::vector<double> &y, int m, int h,
                                       std::uint64_t seed, const std::vector<DailyDrivers> &drivers,
                                       std::vector<DemandBreakdown> *breakdown, int recentWindow) {
    if (recentWindow > 0 && static_cast<int>(y.size()) > recentWindow &&
        (member.method == Method::Ets || member.method == Method::Theta ||
         member.method == Method::Arima))
        return fitRecent(member, y, m, h, seed, recentWindow);
    switch (member.method) {
    case Method::Regression: {
        if (drivers.size() < y.size() + static_cast<std::size_t>(h))
            return std::nullopt;
        const std::vector<DailyDrivers> hist(drivers.begin(),
                                             drivers.begin() + static_cast<long>(y.size()));
        const std::vector<DailyDrivers> fut(drivers.begin() + static_cast<long>(y.size()),
                                            drivers.begin() + static_cast<long>(y.size()) + h);
        auto r = dailyRegressionForecast(y, hist, fut);
        if (!r)
            return std::nullopt;
        if (breakdown)
            *breakdown = std::move(r->breakdown);
        return std::move(r->model);
    }
    case Method::Ets: {
        std::optional<EtsModel> fit =
            member.etsSpec ? fitEts(y, m, *member.etsSpec) : autoEts(y, m);
        if (!fit)
            return std::nullopt;
        member.etsSpec = fit->spec;
        ModelForecast mf;
        mf.model = fit->spec.name();
        mf.forecast = fit->forecast(h, seed, tlPaths);
        mf.fitted = fit->fitted;
        mf.aicc = fit->aicc;
        return mf;
    }
    case Method::Theta:
        return thetaForecast(y, m, h);
    case Method::Arima: {
        std::optional<ArimaModel> fit =
            member.arimaOrder ? fitArima(y, m, *member.arimaOrder) : autoArima(y, m);
        if (!fit)
            return std::nullopt;
        member.arimaOrder = fit->order;
        ModelForecast mf;
        mf.model = fit->order.name(m);
        mf.forecast = fit->forecast(h);
        mf.fitted = fit->fitted;
        mf.aicc = fit->aicc;
        return mf;
    }
    case Method::Croston:
        return intermittentForecast(y, h, IntermittentMethod::Croston, 0.1);
    case Method::Sba:
        return intermittentForecast(y, h, IntermittentMethod::Sba, 0.1);
    case Method::Tsb:
        return intermittentForecast(y, h, IntermittentMethod::Tsb, 0.0, 0.0);
    case Method::SeasonalNaive:
        return seasonalNaiveForecast(y, m, h);
    case Method::Drift:
        return driftForecast(y, h);
    case Method::Mean:
        return meanForecast(y, h);
    case Method::Naive:
    case Method::Auto:
    case Method::Ensemble:
        break;
    }
    return naiveForecast(y, h);
}

bool finite(const Forecast &f) {
    for (const auto *v : {&f.mean, &f.lo80, &f.hi80, &f.lo95, &f.hi95})
        for (double x : *v)
            if (!std::isfinite(x))
                return false;
    return true;
}

/// Weighted combination; intervals combine the members' quantiles (Vincentisation, Lichtendahl,
/// Grushka-Cockayne & Winkler 2013, Management Science 59(8)).
Forecast combine(const std::vector<ModelForecast> &parts, const std::vector<double> &w) {
    Forecast out;
    const std::size_t h = parts.front().forecast.horizon();
    out.resize(h);
    for (std::size_t k = 0; k < parts.size(); ++k) {
        const Forecast &f = parts[k].forecast;
        for (std::size_t j = 0; j < h; ++j) {
            out.mean[j] += w[k] * f.mean[j];
            out.lo80[j] += w[k] * f.lo80[j];
            out.hi80[j] += w[k] * f.hi80[j];
            out.lo95[j] += w[k] * f.lo95[j];
            out.hi95[j] += w[k] * f.hi95[j];
        }
    }
    return out;
}

std::vector<Member> chooseMembers(const std::vector<double> &y, const ForecastOptions &o,
                                  std::string &pattern) {
    const auto n = static_cast<int>(y.size());
    const bool nonNegative = std::all_of(y.begin(), y.end(), [](double v) { return v >= 0; });
    const DemandPattern dp = classifyDemand(y);
    if (nonNegative)
        pattern = dp.name();
    const bool daily = nonNegative && n >= 28 &&
                       o.drivers.size() >= y.size() + static_cast<std::size_t>(o.horizon);
    switch (o.method) {
    case Method::Auto:
        if (n < 3)
            return {Member{Method::Naive, {}, {}}};
        if (daily && dp.intermittent())
            return {Member{Method::Regression, {}, {}}, Member{Method::Tsb, {}, {}}};
        if (daily)
            return {Member{Method::Regression, {}, {}}, Member{Method::Ets, {}, {}}};
        if (nonNegative && dp.intermittent())
            return {Member{Method::Tsb, {}, {}}};
        if (n < 6)
            return {Member{Method::Drift, {}, {}}};
        return {Member{Method::Ets, {}, {}}, Member{Method::Theta, {}, {}}};
    case Method::Ensemble:
        return {Member{Method::Ets, {}, {}}, Member{Method::Theta, {}, {}}};
    default:
        return {Member{o.method, {}, {}}};
    }
}

} // namespace

std::optional<Method> methodFromName(std::string_view name) {
    for (const auto &n : kNames)
        if (name == n.name)
            return n.method;
    return std::nullopt;
}

const char *methodName(Method m) {
    for (const auto &n : kNames)
        if (n.method == m)
            return n.name;
    return "auto";
}

ForecastOutcome forecastSeries(std::vector<double> y, const ForecastOptions &o) {
    ForecastOutcome out;
    if (o.horizon <= 0) {
        out.error = "the horizon must be at least 1 step";
        return out;
    }
    if (y.empty()) {
        out.error = "the series has no values";
        return out;
    }
    out.gapsFilled = fillGaps(y);
    if (out.gapsFilled < 0) {
        out.error = "every value of the series is missing";
        return out;
    }
    for (double v : y)
        if (!std::isfinite(v)) {
            out.error = "the series has an infinite value";
            return out;
        }
    const int m = std::max(o.period, 1);
    const int h = o.horizon;
    std::vector<Member> members = chooseMembers(y, o, out.pattern);

    tlPaths = std::max(o.simulationPaths, 100);
    std::vector<ModelForecast> parts;
    std::vector<Member> used;
    for (Member &mem : members) {
        std::vector<DemandBreakdown> breakdown;
        auto mf = fitMember(mem, y, m, h, o.seed, o.drivers, &breakdown, o.recentWindow);
        if (mf && finite(mf->forecast)) {
            if (!breakdown.empty())
                out.breakdown = std::move(breakdown);
            parts.push_back(std::move(*mf));
            used.push_back(mem);
        }
    }
    if (parts.empty()) {
        // Too short or degenerate for what was asked: the simplest model that always works.
        Member fallback{y.size() >= 2 ? Method::Naive : Method::Mean, {}, {}};
        used = {fallback};
        parts = {*fitMember(fallback, y, m, h, o.seed, o.drivers)};
    }
    std::vector<double> w(parts.size(), 1.0 / static_cast<double>(parts.size()));

    if (o.backtest && o.backtestOrigins > 0) {
        tlPaths = std::max(o.simulationPaths / 4, 100);
        // Rolling origins ending h, 2h, … before the end (at least 2 cycles or 8 points kept).
        const auto n = static_cast<int>(y.size());
        const int minTrain = std::max(2 * m, 8);
        struct Origin {
            int origin = 0, steps = 0;
            double scale = 1;
            std::vector<ModelForecast> parts;
        };
        std::vector<Origin> origins;
        std::vector<double> absErr(parts.size(), 0.0);
        for (int k = 1; k <= o.backtestOrigins; ++k) {
            Origin org;
            org.origin = n - k * h;
            if (org.origin < minTrain)
                break;
            const std::vector<double> train(y.begin(), y.begin() + org.origin);
            org.steps = std::min(h, n - org.origin);
            const double scale = maseScale(train, m);
            org.scale = scale > 0 ? scale : 1.0;
            for (Member mem : used) {
                auto mf =
                    fitMember(mem, train, m, org.steps, o.seed, o.drivers, nullptr, o.recentWindow);
                if (!mf || !finite(mf->forecast))
                    break;
                org.parts.push_back(std::move(*mf));
            }
            if (org.parts.size() != used.size())
                continue;
            for (std::size_t i = 0; i < org.parts.size(); ++i)
                for (int j = 0; j < org.steps; ++j)
                    absErr[i] += std::abs(y[static_cast<std::size_t>(org.origin + j)] -
                                          org.parts[i].forecast.mean[static_cast<std::size_t>(j)]) /
                                 org.scale;
            origins.push_back(std::move(org));
        }
        if (!origins.empty() && parts.size() > 1) {
            double sumInv = 0;
            for (double e : absErr)
                sumInv += 1.0 / std::max(e, 1e-12);
            for (std::size_t i = 0; i < w.size(); ++i)
                w[i] = 0.5 * w[i] + 0.5 * (1.0 / std::max(absErr[i], 1e-12)) / sumInv;
        }
        // Accuracy of the combination as weighted now (the weights saw these errors, so this
        // is slightly optimistic for ensembles; single models are measured out of sample).
        Accuracy acc;
        double smapeSum = 0, maseSum = 0, absErrSum = 0, absActualSum = 0;
        int in80 = 0, in95 = 0;
        for (const Origin &org : origins) {
            const Forecast f = combine(org.parts, w);
            const double *actual = &y[static_cast<std::size_t>(org.origin)];
            smapeSum += smape(actual, f.mean.data(), org.steps) * org.steps;
            for (int j = 0; j < org.steps; ++j) {
                const auto js = static_cast<std::size_t>(j);
                maseSum += std::abs(actual[j] - f.mean[js]) / org.scale;
                absErrSum += std::abs(actual[j] - f.mean[js]);
                absActualSum += std::abs(actual[j]);
                in80 += actual[j] >= f.lo80[js] && actual[j] <= f.hi80[js];
                in95 += actual[j] >= f.lo95[js] && actual[j] <= f.hi95[js];
            }
            acc.points += org.steps;
        }
        if (acc.points > 0) {
            acc.mase = maseSum / acc.points;
            acc.smape = smapeSum / acc.points;
            acc.coverage80 = static_cast<double>(in80) / acc.points;
            acc.coverage95 = static_cast<double>(in95) / acc.points;
            acc.wape = absActualSum > 0 ? absErrSum / absActualSum : 0.0;
            out.backtest = acc;
        }
    }

    out.forecast = parts.size() == 1 ? parts.front().forecast : combine(parts, w);
    // A series that never went below zero (demand, counts) cannot: cut the bands at 0.
    if (std::all_of(y.begin(), y.end(), [](double v) { return v >= 0; }))
        for (auto *v : {&out.forecast.mean, &out.forecast.lo80, &out.forecast.hi80,
                        &out.forecast.lo95, &out.forecast.hi95})
            for (double &x : *v)
                x = std::max(x, 0.0);
    out.weights = w;
    std::vector<double> fitted(y.size(), 0.0);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        out.members.push_back(parts[i].model);
        for (std::size_t t = 0; t < y.size() && t < parts[i].fitted.size(); ++t)
            fitted[t] += w[i] * parts[i].fitted[t];
    }
    out.fitted = std::move(fitted);
    for (std::size_t i = 0; i < out.members.size(); ++i)
        out.model += (i ? " + " : "") + out.members[i];
    return out;
}

} // namespace agro::analytics::forecast
