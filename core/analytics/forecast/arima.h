#pragma once

#include "types.h"

#include <optional>
#include <string>
#include <vector>

namespace agro::analytics::forecast {

/// Orders of a seasonal ARIMA(p,d,q)(P,D,Q)m.
struct ArimaOrder {
    int p = 0, d = 0, q = 0;
    int P = 0, D = 0, Q = 0;
    bool constant = false; ///< mean (d + D = 0) or drift (d + D = 1); never with d + D ≥ 2
    std::string name(int period) const; ///< "ARIMA(1,1,1)(0,1,1)[12] with drift"
    friend bool operator==(const ArimaOrder &, const ArimaOrder &) = default;
};

struct ArimaModel {
    ArimaOrder order;
    int period = 1;
    std::vector<double> ar, ma, sar, sma; ///< φ, θ, Φ, Θ
    double mean = 0;                      ///< of the differenced series, when `constant`
    double sigma2 = 0;
    double aicc = 0;
    std::vector<double> fitted;

    /// Point forecasts by the difference-equation recursion and intervals from the ψ-weights of
    /// the full (differenced) model: Var(e_h) = σ²·Σ_{j<h} ψ_j² (Box, Jenkins & Reinsel 2008,
    /// §5.2).
    Forecast forecast(int horizon) const;

    // Kept for forecasting: the series and the in-sample innovations.
    std::vector<double> y;
    std::vector<double> residuals; ///< on the differenced scale, 0 before the first full lag
};

/// KPSS level-stationarity statistic with a Bartlett long-run variance, lag ⌊4(n/100)^¼⌋
/// (Kwiatkowski, Phillips, Schmidt & Shin 1992). Compare with 0.463, the 5 % critical value.
double kpssStatistic(const std::vector<double> &y);

/// Number of first differences (0–2) until the KPSS test no longer rejects at 5 %.
int firstDifferencesNeeded(const std::vector<double> &y);

/// Seasonal differences (0 or 1): 1 when the seasonal strength of a classical decomposition,
/// max(0, 1 − Var(remainder)/Var(season + remainder)), is at least 0.64 — the threshold R's
/// nsdiffs() uses (Wang, Smith & Hyndman 2006).
int seasonalDifferencesNeeded(const std::vector<double> &y, int period);

/// Fits one order by conditional sum of squares (Box & Jenkins' CSS; the AR parts kept
/// stationary by the partial-autocorrelation transform of Jones 1980), nullopt when the
/// series is too short or the fitted MA part is not invertible.
std::optional<ArimaModel> fitArima(const std::vector<double> &y, int period,
                                   const ArimaOrder &order);

/// Automatic ARIMA: differencing from the tests above, then the stepwise search of Hyndman &
/// Khandakar (2008, JSS 27(3)) over p, q ≤ 5, P, Q ≤ 2, p + q + P + Q ≤ 5 by AICc.
std::optional<ArimaModel> autoArima(const std::vector<double> &y, int period);

} // namespace agro::analytics::forecast
