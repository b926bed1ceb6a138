#pragma once

#include "types.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agro::analytics::forecast {

enum class Method {
    Auto,     ///< choose from the series: intermittent → TSB, short → simple, else ensemble
    Ensemble, ///< ETS (AICc-selected) and Theta combined
    Ets,
    Theta,
    Croston,
    Sba,
    Tsb,
    Naive,
    SeasonalNaive,
    Drift,
    Mean,
};
std::optional<Method> methodFromName(std::string_view name);
const char *methodName(Method m);

struct ForecastOptions {
    int horizon = 12;
    int period = 1; ///< season length m (12 monthly, 4 quarterly, 7 daily, 1 none)
    Method method = Method::Auto;
    /// Rolling-origin backtest (Tashman 2000): refit the chosen model at `backtestOrigins`
    /// earlier origins and measure it on what followed. Also sets the ensemble's weights.
    bool backtest = false;
    int backtestOrigins = 3;
    std::uint64_t seed = 20261123; ///< for simulated intervals
};

/// Backtest accuracy of the model actually used, pooled over origins and steps.
struct Accuracy {
    double mase = 0;
    double smape = 0;
    double coverage80 = 0;
    double coverage95 = 0;
    int points = 0; ///< forecast–actual pairs measured; 0 = no backtest
};

struct ForecastOutcome {
    std::string error; ///< non-empty when no forecast could be made; says why
    Forecast forecast;
    std::vector<double> fitted; ///< one-step in-sample fit (NaN where the model has none)
    std::string model;          ///< what produced the forecast, e.g. "ETS(M,Ad,M) + Theta"
    std::vector<std::string> members;
    std::vector<double> weights;
    Accuracy backtest;
    std::string pattern; ///< demand pattern: smooth, erratic, intermittent, lumpy
    int gapsFilled = 0;  ///< NaN values interpolated before fitting
    bool ok() const { return error.empty(); }
};

/// The one entry point: picks what fits the series (length, season, intermittency) unless
/// `options.method` names a model, and returns the mean with 80 % and 95 % intervals. Never
/// returns NaN: an empty or all-missing series or a non-positive horizon is an error, a series
/// too short for a model falls back to a simpler one, and says so in `model`.
ForecastOutcome forecastSeries(std::vector<double> series, const ForecastOptions &options);

} // namespace agro::analytics::forecast
