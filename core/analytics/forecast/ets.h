#pragma once

#include "types.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace agro::analytics::forecast {

/// One member of the exponential-smoothing family in innovations state-space form (Hyndman,
/// Koehler, Ord & Snyder, *Forecasting with Exponential Smoothing*, Springer 2008, table 2.3).
struct EtsSpec {
    enum class Trend { None, Additive, Damped };
    enum class Season { None, Additive, Multiplicative };
    bool multiplicativeError = false;
    Trend trend = Trend::None;
    Season season = Season::None;

    std::string name() const; ///< "ETS(M,Ad,A)"
    /// Free parameters: smoothing and damping, initial level and slope (seasonal initial
    /// states are counted separately by the fit, m − 1 of them).
    int smoothingParameters() const;
    friend bool operator==(const EtsSpec &, const EtsSpec &) = default;
};

/// A fitted ETS model: its parameters, its initial and final states and its fit statistics.
struct EtsModel {
    EtsSpec spec;
    int period = 1; ///< m; 1 for non-seasonal models
    double alpha = 0, beta = 0, gamma = 0, phi = 1;
    double level0 = 0, slope0 = 0;
    std::vector<double> season0; ///< m initial seasonal states; index = position in the cycle
    /// States after the last observation: level, slope, and seasonal states where
    /// seasonFinal[k] belongs to step k + 1 ahead modulo m.
    double level = 0, slope = 0;
    std::vector<double> seasonFinal;
    double sigma2 = 0; ///< innovation variance (relative errors for multiplicative error)
    double logLik = 0;
    double aicc = 0;
    int nobs = 0;
    std::vector<double> fitted;

    /// Point forecast and 80/95 % intervals: analytic variances for the linear (all-additive)
    /// models (Hyndman et al. 2008, eq. 6.1 with c_j = α + β·Σφ^i + γ·[j mod m = 0]); for
    /// models with a multiplicative part, quantiles of `paths` simulated sample paths with
    /// Gaussian innovations, seeded by `seed` so the output is reproducible.
    Forecast forecast(int horizon, std::uint64_t seed = 20261123, int paths = 2000) const;
};

/// Smoothing parameters and initial states given by the caller (for tests and for re-running
/// a stored model): the recursion runs over the data without any estimation.
struct EtsParameters {
    double alpha = 0.5, beta = 0, gamma = 0, phi = 1;
    double level0 = 0, slope0 = 0;
    std::vector<double> season0; ///< m values, or empty for none / a neutral start
};
std::optional<EtsModel> evaluateEts(const std::vector<double> &y, int period, const EtsSpec &spec,
                                    const EtsParameters &parameters);

/// Fits one model by maximum likelihood (Nelder–Mead over the smoothing parameters and the
/// initial level and slope; initial seasonal states from a classical decomposition of the
/// first cycles). Parameters are kept inside the "usual" region of R's ets(): 10⁻⁴ ≤ α ≤ 1,
/// β ≤ α, γ ≤ 1 − α, 0.8 ≤ φ ≤ 0.98. nullopt when the model does not apply (multiplicative
/// parts on non-positive data, too few observations for its parameters).
std::optional<EtsModel> fitEts(const std::vector<double> &y, int period, const EtsSpec &spec);

struct EtsSelection {
    bool allowMultiplicative = true; ///< only used when all values are positive
    bool allowDamped = true;
    bool allowTrend = true;
};

/// Fits every admissible model and returns the one with the smallest AICc (Hyndman et al.
/// 2002, IJF 18(3)). Excludes the numerically unstable additive-error / multiplicative-season
/// combinations, as R's ets() does; seasonal models need m > 1 and at least two full cycles.
std::optional<EtsModel> autoEts(const std::vector<double> &y, int period,
                                const EtsSelection &selection = {});

} // namespace agro::analytics::forecast
