#pragma once

#include "dailyregression.h"
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
    Arima,
    Croston,
    Sba,
    Tsb,
    Naive,
    SeasonalNaive,
    Drift,
    Mean,
    Regression, ///< daily demand regression on calendar, price, promotion and weather
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
    int simulationPaths = 2000;    ///< sample paths for simulated intervals (backtests use ¼)
    /// Daily series only: the drivers of every day of the history followed by every day of
    /// the horizon (size = values + horizon). Enables the regression model.
    std::vector<DailyDrivers> drivers;
    /// ETS and Theta fit only the last `recentWindow` values when > 0: for long daily
    /// histories, older years add little to a level/trend/weekly model and cost time.
    int recentWindow = 0;
};

/// Backtest accuracy of the model actually used, pooled over origins and steps.
struct Accuracy {
    double mase = 0;
    double smape = 0;
    double coverage80 = 0;
    double coverage95 = 0;
    /// Σ|actual − forecast| / Σ|actual|: "off by x % on average" in the person's terms, and
    /// defined for intermittent demand, where sMAPE is not (Kolassa & Schütz 2007).
    double wape = 0;
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
    /// Per step, how the regression explains its forecast (empty when no regression is used).
    std::vector<DemandBreakdown> breakdown;
    std::string pattern; ///< demand pattern: smooth, erratic, intermittent, lumpy
    int gapsFilled = 0;  ///< NaN values interpolated before fitting
    bool ok() const { return error.empty(); }
};

/// Members are weighted equally unless `backtest` is set; then by inverse backtest MASE,
/// shrunk halfway to equal weights (the "forecast combination puzzle": estimated weights rarely
/// beat equal ones by much, Smith & Wallis 2009, so they are not trusted fully).
///
/// The one entry point: picks what fits the series (length, season, intermittency) unless
/// `options.method` names a model, and returns the mean with 80 % and 95 % intervals. Never
/// returns NaN: an empty or all-missing series or a non-positive horizon is an error, a series
/// too short for a model falls back to a simpler one, and says so in `model`.
ForecastOutcome forecastSeries(std::vector<double> series, const ForecastOptions &options);

} // namespace agro::analytics::forecast
