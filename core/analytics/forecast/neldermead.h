#pragma once

#include <functional>
#include <vector>

namespace agro::analytics::forecast {

struct NelderMeadResult {
    std::vector<double> x;
    double value = 0;
    int evaluations = 0;
};

/// Derivative-free minimisation by the Nelder–Mead simplex (Nelder & Mead 1965, with the
/// standard coefficients reflection 1, expansion 2, contraction ½, shrink ½). Constraints are
/// the objective's business: it returns +∞ outside the feasible region, as R's optim() users
/// do for ets(). `step[i]` is the initial simplex edge along coordinate i. Stops when the
/// simplex's value spread is below `tolerance` (relative) or after `maxEvaluations`.
/// The work arrays are allocated once per call, not per iteration.
NelderMeadResult nelderMead(const std::function<double(const double *)> &objective,
                            std::vector<double> start, const std::vector<double> &step,
                            int maxEvaluations = 1000, double tolerance = 1e-8);

} // namespace agro::analytics::forecast
