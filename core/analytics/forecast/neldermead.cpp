#include "neldermead.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace agro::analytics::forecast {

NelderMeadResult nelderMead(const std::function<double(const double *)> &objective,
                            std::vector<double> start, const std::vector<double> &step,
                            int maxEvaluations, double tolerance) {
    const std::size_t n = start.size();
    NelderMeadResult out;
    if (n == 0) {
        out.value = objective(start.data());
        out.evaluations = 1;
        return out;
    }
    // Simplex of n + 1 points, stored row-wise.
    std::vector<double> pts((n + 1) * n);
    std::vector<double> vals(n + 1);
    std::vector<double> centroid(n), trial(n), trial2(n);
    std::vector<std::size_t> order(n + 1);
    int evals = 0;
    auto eval = [&](const double *x) {
        ++evals;
        const double v = objective(x);
        return std::isfinite(v) ? v : std::numeric_limits<double>::infinity();
    };
    for (std::size_t i = 0; i <= n; ++i) {
        double *p = &pts[i * n];
        std::copy(start.begin(), start.end(), p);
        if (i > 0)
            p[i - 1] += step[i - 1];
        vals[i] = eval(p);
    }
    auto point = [&](std::size_t i) { return &pts[i * n]; };
    while (evals < maxEvaluations) {
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::sort(order.begin(), order.end(),
                  [&](std::size_t a, std::size_t b) { return vals[a] < vals[b]; });
        const std::size_t best = order.front(), worst = order.back(), second = order[n - 1];
        const double spread = std::abs(vals[worst] - vals[best]);
        if (std::isfinite(vals[worst]) &&
            spread <= tolerance * (std::abs(vals[best]) + std::abs(vals[worst]) + 1e-12))
            break;
        std::fill(centroid.begin(), centroid.end(), 0.0);
        for (std::size_t i = 0; i <= n; ++i)
            if (i != worst)
                for (std::size_t j = 0; j < n; ++j)
                    centroid[j] += point(i)[j];
        for (double &c : centroid)
            c /= static_cast<double>(n);
        const double *w = point(worst);
        for (std::size_t j = 0; j < n; ++j)
            trial[j] = centroid[j] + (centroid[j] - w[j]);
        const double fr = eval(trial.data());
        if (fr < vals[best]) {
            for (std::size_t j = 0; j < n; ++j)
                trial2[j] = centroid[j] + 2.0 * (centroid[j] - w[j]);
            const double fe = eval(trial2.data());
            if (fe < fr) {
                std::copy(trial2.begin(), trial2.end(), point(worst));
                vals[worst] = fe;
            } else {
                std::copy(trial.begin(), trial.end(), point(worst));
                vals[worst] = fr;
            }
            continue;
        }
        if (fr < vals[second]) {
            std::copy(trial.begin(), trial.end(), point(worst));
            vals[worst] = fr;
            continue;
        }
        // Contraction: outside if the reflection improved on the worst, inside otherwise.
        const bool outside = fr < vals[worst];
        for (std::size_t j = 0; j < n; ++j)
            trial2[j] = outside ? centroid[j] + 0.5 * (trial[j] - centroid[j])
                                : centroid[j] + 0.5 * (w[j] - centroid[j]);
        const double fc = eval(trial2.data());
        if (fc < (outside ? fr : vals[worst])) {
            std::copy(trial2.begin(), trial2.end(), point(worst));
            vals[worst] = fc;
            continue;
        }
        // Shrink towards the best point.
        const double *b = point(best);
        for (std::size_t i = 0; i <= n; ++i) {
            if (i == best)
                continue;
            double *p = point(i);
            for (std::size_t j = 0; j < n; ++j)
                p[j] = b[j] + 0.5 * (p[j] - b[j]);
            vals[i] = eval(p);
        }
    }
    const auto bestIt = std::min_element(vals.begin(), vals.end());
    const auto bi = static_cast<std::size_t>(bestIt - vals.begin());
    out.x.assign(point(bi), point(bi) + n);
    out.value = *bestIt;
    out.evaluations = evals;
    return out;
}

} // namespace agro::analytics::forecast
