#include "forecaster.h"

#include "accuracy.h"
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
    {Method::Auto, "auto"},   {Method::Ensemble, "ensemble"},
    {Method::Ets, "ets"},     {Method::Theta, "theta"},
    {Method::Croston, "croston"}, {Method::Sba, "sba"},
    {Method::Tsb, "tsb"},     {Method::Naive, "naive"},
    {Method::SeasonalNaive, "snaive"}, {Method::Drift, "drift"},
    {Method::Mean, "mean"},
};

/// One member model, refittable on a shorter history with the same structure (for backtests).
struct Member {
    Method method = Method::Naive;
    std::optional<EtsSpec> etsSpec; ///< fixed after the first fit, so backtests refit it only
};

std::optional<ModelForecast> fitMember(Member &member, const std::vector<double> &y, int m, int h,
                                       std::uint64_t seed) {
    switch (member.method) {
    case Method::Ets: {
        std::optional<EtsModel> fit = member.etsSpec ? fitEts(y, m, *member.etsSpec) : autoEts(y, m);
        if (!fit)
            return std::nullopt;
        member.etsSpec = fit->spec;
        ModelForecast mf;
        mf.model = fit->spec.name();
        mf.forecast = fit->forecast(h, seed);
        mf.fitted = fit->fitted;
        mf.aicc = fit->aicc;
        return mf;
    }
    case Method::Theta:
        return thetaForecast(y, m, h);
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
    switch (o.method) {
    case Method::Auto:
        if (n < 3)
            return {Member{Method::Naive, {}}};
        if (nonNegative && dp.intermittent())
            return {Member{Method::Tsb, {}}};
        if (n < 6)
            return {Member{Method::Drift, {}}};
        return {Member{Method::Ets, {}}, Member{Method::Theta, {}}};
    case Method::Ensemble:
        return {Member{Method::Ets, {}}, Member{Method::Theta, {}}};
    default:
        return {Member{o.method, {}}};
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

    std::vector<ModelForecast> parts;
    std::vector<Member> used;
    for (Member &mem : members) {
        auto mf = fitMember(mem, y, m, h, o.seed);
        if (mf && finite(mf->forecast)) {
            parts.push_back(std::move(*mf));
            used.push_back(mem);
        }
    }
    if (parts.empty()) {
        // Too short or degenerate for what was asked: the simplest model that always works.
        Member fallback{y.size() >= 2 ? Method::Naive : Method::Mean, {}};
        used = {fallback};
        parts = {*fitMember(fallback, y, m, h, o.seed)};
    }
    std::vector<double> w(parts.size(), 1.0 / static_cast<double>(parts.size()));

    if (o.backtest && o.backtestOrigins > 0) {
        // Rolling origins ending h, 2h, … before the end (at least 2 cycles or 8 points kept).
        const auto n = static_cast<int>(y.size());
        const int minTrain = std::max(2 * m, 8);
        std::vector<double> absErr(parts.size(), 0.0);
        Accuracy acc;
        double smapeSum = 0, maseSum = 0;
        int in80 = 0, in95 = 0;
        for (int k = 1; k <= o.backtestOrigins; ++k) {
            const int origin = n - k * h;
            if (origin < minTrain)
                break;
            const std::vector<double> train(y.begin(), y.begin() + origin);
            const int steps = std::min(h, n - origin);
            const double scale = maseScale(train, m);
            std::vector<ModelForecast> bt;
            for (Member mem : used) {
                auto mf = fitMember(mem, train, m, steps, o.seed);
                if (!mf || !finite(mf->forecast))
                    break;
                bt.push_back(std::move(*mf));
            }
            if (bt.size() != used.size())
                continue;
            for (std::size_t i = 0; i < bt.size(); ++i)
                for (int j = 0; j < steps; ++j)
                    absErr[i] += std::abs(y[static_cast<std::size_t>(origin + j)] -
                                          bt[i].forecast.mean[static_cast<std::size_t>(j)]) /
                                 (scale > 0 ? scale : 1.0);
            const Forecast f = combine(bt, w);
            const double *actual = &y[static_cast<std::size_t>(origin)];
            smapeSum += smape(actual, f.mean.data(), steps) * steps;
            for (int j = 0; j < steps; ++j) {
                const auto js = static_cast<std::size_t>(j);
                maseSum += std::abs(actual[j] - f.mean[js]) / (scale > 0 ? scale : 1.0);
                in80 += actual[j] >= f.lo80[js] && actual[j] <= f.hi80[js];
                in95 += actual[j] >= f.lo95[js] && actual[j] <= f.hi95[js];
            }
            acc.points += steps;
        }
        if (acc.points > 0) {
            acc.mase = maseSum / acc.points;
            acc.smape = smapeSum / acc.points;
            acc.coverage80 = static_cast<double>(in80) / acc.points;
            acc.coverage95 = static_cast<double>(in95) / acc.points;
            out.backtest = acc;
        }
    }

    out.forecast = parts.size() == 1 ? parts.front().forecast : combine(parts, w);
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
