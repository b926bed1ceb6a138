#include "drift.h"

#include "robust.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace agro::analytics::detection {

namespace {
struct Side {
    double sum = 0;
    std::size_t start = 0;
    double reference = 0;
    bool signalled = false;
    std::size_t signal = 0;
    std::size_t last = 0;    ///< last block that pushed the sum up
    bool classified = false; ///< judged a drift, not a level shift
    int quiet = 0;           ///< blocks in a row back within the slack
};
/// Whether x[from..to] (NaN skipped) is better explained by a step — flat, then flat at
/// another level — than by a hinge — flat, then a straight ramp — at the best break point of
/// each: the least-squares fit of the two shapes (Bai & Perron 1998 compare break models the
/// same way). A sensor drift ramps; a sensor moved or a saturated soil steps.
bool looksLikeStep(const std::vector<double> &x, std::size_t from, std::size_t to) {
    std::vector<double> t, y;
    for (std::size_t i = from; i <= to; ++i)
        if (std::isfinite(x[i])) {
            t.push_back(static_cast<double>(i));
            y.push_back(x[i]);
        }
    const std::size_t n = y.size();
    if (n < 6)
        return false;
    auto sse = [](const std::vector<double> &v, std::size_t a, std::size_t b) {
        double mean = 0;
        for (std::size_t i = a; i < b; ++i)
            mean += v[i];
        mean /= static_cast<double>(b - a);
        double s = 0;
        for (std::size_t i = a; i < b; ++i)
            s += (v[i] - mean) * (v[i] - mean);
        return s;
    };
    double bestStep = std::numeric_limits<double>::infinity();
    double bestHinge = std::numeric_limits<double>::infinity();
    for (std::size_t j = 2; j + 2 <= n; ++j) {
        bestStep = std::min(bestStep, sse(y, 0, j) + sse(y, j, n));
        // Hinge: y = μ + β·max(0, t − t_j), least squares in (μ, β).
        double sh = 0, shh = 0, sy = 0, shy = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const double h = std::max(0.0, t[i] - t[j - 1]);
            sh += h;
            shh += h * h;
            sy += y[i];
            shy += h * y[i];
        }
        const double nn = static_cast<double>(n), det = nn * shh - sh * sh;
        if (!(det > 0))
            continue;
        const double beta = (nn * shy - sh * sy) / det, mu = (sy - beta * sh) / nn;
        double e = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const double r = y[i] - mu - beta * std::max(0.0, t[i] - t[j - 1]);
            e += r * r;
        }
        bestHinge = std::min(bestHinge, e);
    }
    return bestStep < bestHinge;
}
} // namespace

std::vector<DriftEpisode> cusumDrifts(const std::vector<double> &x, const DriftOptions &o) {
    const std::size_t n = x.size();
    std::vector<DriftEpisode> out;
    if (n < static_cast<std::size_t>(o.referenceBlocks + o.lagBlocks + o.minBlocks))
        return out;

    std::vector<double> diffs;
    diffs.reserve(n);
    for (std::size_t i = 1; i < n; ++i)
        if (std::isfinite(x[i]) && std::isfinite(x[i - 1]))
            diffs.push_back(x[i] - x[i - 1]);
    if (diffs.size() < 4)
        return out;
    const double sigma = robustScale(std::move(diffs)).mad / std::sqrt(2.0);
    if (!(sigma > 0))
        return out;

    const double k = std::max(o.k, o.minShift / (2 * sigma));
    // Clip as far beyond the slack as the defaults do, so a larger slack still lets a few
    // strong blocks signal.
    const double clip = o.clip + (k - o.k);
    std::vector<char> excluded(n, 0);
    std::size_t floor = 0; // the reference never looks before a level shift
    auto referenceAt = [&](std::size_t t) {
        std::vector<double> w;
        const std::size_t hi = t >= static_cast<std::size_t>(o.lagBlocks) ? t - o.lagBlocks : 0;
        const std::size_t lo = std::max(
            floor, hi >= static_cast<std::size_t>(o.referenceBlocks) ? hi - o.referenceBlocks : 0);
        for (std::size_t i = lo; i < hi; ++i)
            if (std::isfinite(x[i]) && !excluded[i])
                w.push_back(x[i]);
        if (w.size() < static_cast<std::size_t>(o.referenceBlocks) / 2)
            return std::nan("");
        // One Huber step from the median (Huber 1964): the mean of the values clipped at
        // ±clip·σ. Unlike the median it has no bias on a skewed measure, which would otherwise
        // feed the CUSUM a steady push; unlike the mean, one wild block barely moves it.
        const double median = robustScale(w).median;
        double sum = 0;
        for (double v : w)
            sum += std::clamp(v - median, -o.clip * sigma, o.clip * sigma);
        return median + sum / static_cast<double>(w.size());
    };

    Side up, down;
    // Whether a signalled run is a level shift rather than a drift, judged on the run so far
    // (up to its last pushing block, so a drift that has ended is seen as the ramp it was) and
    // the half reference window before it.
    auto isStep = [&](const Side &s, std::size_t upto) {
        if (o.reportLevelShifts)
            return false;
        const std::size_t pre = static_cast<std::size_t>(o.referenceBlocks) / 2;
        const std::size_t from = std::max(floor, s.start >= pre ? s.start - pre : 0);
        return looksLikeStep(x, from, std::min(upto, s.last));
    };
    auto close = [&](Side &s, std::size_t end, double sign) {
        if (s.signalled && end + 1 >= s.start + static_cast<std::size_t>(o.minBlocks)) {
            if (!s.classified && isStep(s, end)) {
                floor = s.start; // a level shift: no drift; the reference starts afresh
                s = Side{};
                return;
            }
            DriftEpisode e;
            e.start = s.start;
            e.signal = s.signal;
            e.end = std::min(end, s.last);
            e.reference = s.reference;
            e.sigma = sigma;
            for (std::size_t i = s.start; i <= end; ++i) {
                excluded[i] = 1;
                if (std::isfinite(x[i]) && sign * (x[i] - s.reference) > std::abs(e.shift))
                    e.shift = x[i] - s.reference;
            }
            out.push_back(e);
        }
        s = Side{};
    };

    const std::size_t first = static_cast<std::size_t>(o.referenceBlocks + o.lagBlocks);
    for (std::size_t t = first; t < n; ++t) {
        if (!std::isfinite(x[t]))
            continue; // a missing block neither adds nor resets
        const double current = referenceAt(t);
        for (int pass = 0; pass < 2; ++pass) {
            Side &s = pass == 0 ? up : down;
            const double sign = pass == 0 ? 1.0 : -1.0;
            // While either side is accumulating, both judge against the level it started
            // from: the other side's reference must not follow a drift in progress.
            const double ref = s.sum > 0      ? s.reference
                               : up.sum > 0   ? up.reference
                               : down.sum > 0 ? down.reference
                                              : current;
            if (!std::isfinite(ref))
                continue;
            const double z = std::clamp((x[t] - ref) / sigma, -clip, clip);
            const double next = std::max(0.0, s.sum + sign * z - k);
            if (s.sum == 0 && next > 0) {
                s.start = t;
                s.reference = ref;
            }
            if (sign * z > k) {
                s.last = t;
                s.quiet = 0;
            } else {
                ++s.quiet;
            }
            s.sum = next;
            if (s.sum > o.h && !s.signalled) {
                s.signalled = true;
                s.signal = t;
                // From now on the run is a suspected drift: keep it out of reference windows
                // at once, or the reference would follow it.
                for (std::size_t i = s.start; i < t; ++i)
                    excluded[i] = 1;
            }
            if (s.signalled)
                excluded[t] = 1;
            // A step needs a plateau after it to tell it from a ramp: decide once the run has
            // gone on `shapeBlocks` past its signal (or when it ends).
            if (s.signalled && !s.classified &&
                t >= s.signal + static_cast<std::size_t>(o.shapeBlocks)) {
                if (isStep(s, t)) {
                    floor = s.start;
                    Side &other = pass == 0 ? down : up;
                    if (other.signalled)
                        close(other, t - 1, -sign);
                    up = Side{};
                    down = Side{};
                    break;
                }
                s.classified = true;
            }
            // A drift is over when the sum has drained, or when `quietBlocks` blocks in a row
            // are back within the slack (the sum of a large drift takes long to drain).
            if (s.sum == 0 || (s.signalled && s.quiet >= o.quietBlocks)) {
                if (s.signalled)
                    close(s, t - 1, sign);
                else
                    s = Side{};
            }
        }
    }
    if (up.signalled)
        close(up, n - 1, 1.0);
    if (down.signalled)
        close(down, n - 1, -1.0);
    std::sort(out.begin(), out.end(),
              [](const DriftEpisode &a, const DriftEpisode &b) { return a.start < b.start; });
    return out;
}

} // namespace agro::analytics::detection
