#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace agro::analytics::detection {

/// Isolation forest (Liu, Ting & Zhou, "Isolation Forest", ICDM 2008): random axis-parallel
/// splits isolate rare points in few steps, so a short average path means an anomaly. The score
/// is s(x) = 2^(−E[h(x)] / c(ψ)) with c(n) = 2H(n−1) − 2(n−1)/n the average path of an
/// unsuccessful binary-search-tree search; s near 1 is anomalous, ≤ 0.5 ordinary. Trees are
/// grown on subsamples of ψ rows to a height of ⌈log₂ ψ⌉, as in the paper. Deterministic for a
/// seed. Missing values (NaN) are replaced by the feature's median from the training rows.
class IsolationForest {
public:
    struct Options {
        int trees = 100;
        int sampleSize = 256;
        std::uint64_t seed = 20081215;
    };

    /// Trains on `rows` (each of `features` values, row-major). Fewer than 2 rows: every score
    /// is 0.5.
    void fit(const std::vector<double> &rows, std::size_t features, const Options &options);
    void fit(const std::vector<double> &rows, std::size_t features) { fit(rows, features, {}); }

    /// Anomaly score in (0, 1] of one row of `features` values.
    double score(const double *row) const;

    std::size_t features() const { return m_features; }

    /// c(n): the average path length of an unsuccessful search in a BST of n points.
    static double averagePath(double n);

private:
    struct Node {
        int feature = -1; ///< -1: a leaf
        double split = 0;
        int left = -1, right = -1;
        int size = 0; ///< rows that reached a leaf
    };
    std::vector<Node> m_nodes;
    std::vector<int> m_roots;
    std::vector<double> m_medians;
    std::size_t m_features = 0;
    double m_norm = 1;
};

} // namespace agro::analytics::detection
