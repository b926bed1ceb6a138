#pragma once

namespace agro::analytics::inventory {

/// Demand over an interval as a gamma distribution fitted by its mean and variance — the usual
/// choice for lead-time demand that is skewed and never negative (Burgin 1975; Silver, Pyke &
/// Thomas, *Inventory and Production Management in Supply Chains*, 4th ed., 2017, §6.11).
/// A zero variance is a point mass at the mean; a zero mean is no demand.
class GammaDemand {
public:
    GammaDemand(double mean, double variance);

    double mean() const { return m_mean; }
    double variance() const { return m_variance; }
    double cdf(double x) const;
    /// The smallest x with cdf(x) ≥ p (bisection on the CDF, to 10⁻⁹ relative).
    double quantile(double p) const;
    /// Expected shortage E[(D − s)⁺] (the first-order loss function):
    /// μ·(1 − F_{k+1}(s)) − s·(1 − F_k(s)) for shape k and scale θ (Silver et al. 2017, app. 6B).
    double expectedShortage(double s) const;

private:
    double m_mean = 0;
    double m_variance = 0;
    double m_shape = 0;
    double m_scale = 0;
};

/// Regularised lower incomplete gamma function P(a, x): series for x < a + 1, Lentz's
/// continued fraction otherwise (Press et al., *Numerical Recipes*, 3rd ed., §6.2).
double regularizedGammaP(double a, double x);

} // namespace agro::analytics::inventory
