#include "isolationforest.h"

#include "analytics/random.h"
#include "robust.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace agro::analytics::detection {

double IsolationForest::averagePath(double n) {
    if (n <= 1)
        return 0;
    if (n == 2)
        return 1;
    constexpr double eulerGamma = 0.5772156649015329;
    const double harmonic = std::log(n - 1) + eulerGamma;
    return 2 * harmonic - 2 * (n - 1) / n;
}

void IsolationForest::fit(const std::vector<double> &rows, std::size_t features, const Options &o) {
    m_nodes.clear();
    m_roots.clear();
    m_features = features;
    m_medians.assign(features, 0.0);
    const std::size_t n = features == 0 ? 0 : rows.size() / features;
    if (n < 2 || features == 0)
        return;

    std::vector<double> data = rows;
    for (std::size_t f = 0; f < features; ++f) {
        std::vector<double> col;
        col.reserve(n);
        for (std::size_t i = 0; i < n; ++i)
            col.push_back(data[i * features + f]);
        m_medians[f] = robustScale(std::move(col)).median;
        for (std::size_t i = 0; i < n; ++i)
            if (!std::isfinite(data[i * features + f]))
                data[i * features + f] = m_medians[f];
    }

    const std::size_t psi =
        std::min<std::size_t>(n, static_cast<std::size_t>(std::max(2, o.sampleSize)));
    const int heightLimit = static_cast<int>(std::ceil(std::log2(static_cast<double>(psi))));
    m_norm = averagePath(static_cast<double>(psi));
    Rng rng(o.seed);
    std::vector<std::size_t> all(n);
    std::iota(all.begin(), all.end(), std::size_t{0});

    // Grows a subtree over idx[lo, hi) and returns its node index.
    auto grow = [&](auto &&self, std::vector<std::size_t> &idx, std::size_t lo, std::size_t hi,
                    int depth) -> int {
        const int at = static_cast<int>(m_nodes.size());
        m_nodes.push_back({});
        const std::size_t size = hi - lo;
        if (depth >= heightLimit || size <= 1) {
            m_nodes[static_cast<std::size_t>(at)].size = static_cast<int>(size);
            return at;
        }
        // Pick a feature that is not constant over these rows (a few tries, as a constant
        // feature cannot split).
        for (int attempt = 0; attempt < static_cast<int>(features) * 2; ++attempt) {
            const auto f = static_cast<std::size_t>(
                rng.uniformInt(0, static_cast<std::int64_t>(features) - 1));
            double mn = data[idx[lo] * features + f], mx = mn;
            for (std::size_t i = lo + 1; i < hi; ++i) {
                const double v = data[idx[i] * features + f];
                mn = std::min(mn, v);
                mx = std::max(mx, v);
            }
            if (!(mx > mn))
                continue;
            const double split = rng.uniform(mn, mx);
            const auto mid = std::partition(
                idx.begin() + static_cast<long>(lo), idx.begin() + static_cast<long>(hi),
                [&](std::size_t r) { return data[r * features + f] < split; });
            const auto m = static_cast<std::size_t>(mid - idx.begin());
            const int left = self(self, idx, lo, m, depth + 1);
            const int right = self(self, idx, m, hi, depth + 1);
            Node &node = m_nodes[static_cast<std::size_t>(at)];
            node.feature = static_cast<int>(f);
            node.split = split;
            node.left = left;
            node.right = right;
            return at;
        }
        m_nodes[static_cast<std::size_t>(at)].size = static_cast<int>(size);
        return at;
    };

    for (int t = 0; t < o.trees; ++t) {
        // Partial Fisher–Yates: the first psi entries become a sample without replacement.
        for (std::size_t i = 0; i < psi; ++i) {
            const auto j = static_cast<std::size_t>(
                rng.uniformInt(static_cast<std::int64_t>(i), static_cast<std::int64_t>(n) - 1));
            std::swap(all[i], all[j]);
        }
        std::vector<std::size_t> sample(all.begin(), all.begin() + static_cast<long>(psi));
        m_roots.push_back(grow(grow, sample, 0, psi, 0));
    }
}

double IsolationForest::score(const double *row) const {
    if (m_roots.empty())
        return 0.5;
    double total = 0;
    for (int root : m_roots) {
        int at = root;
        double depth = 0;
        while (m_nodes[static_cast<std::size_t>(at)].feature >= 0) {
            const Node &node = m_nodes[static_cast<std::size_t>(at)];
            double v = row[node.feature];
            if (!std::isfinite(v))
                v = m_medians[static_cast<std::size_t>(node.feature)];
            at = v < node.split ? node.left : node.right;
            depth += 1;
        }
        total += depth + averagePath(m_nodes[static_cast<std::size_t>(at)].size);
    }
    const double mean = total / static_cast<double>(m_roots.size());
    return std::pow(2.0, -mean / m_norm);
}

} // namespace agro::analytics::detection
