#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>

namespace agro::analytics {

/// xoshiro256** 1.0 (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
/// ACM TOMS 47(4), 2021), seeded through SplitMix64 as its authors recommend. Deterministic
/// across platforms, unlike std::normal_distribution, whose algorithm the standard leaves open.
class Rng {
public:
    explicit Rng(std::uint64_t seed) {
        for (auto &s : m_s)
            s = splitMix64(seed);
    }

    std::uint64_t next() {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    /// Uniform in [0, 1), 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    /// Uniform integer in [lo, hi] (inclusive); the modulo bias is below 2^-40 for small ranges.
    std::int64_t uniformInt(std::int64_t lo, std::int64_t hi) {
        const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
        return lo + static_cast<std::int64_t>(next() % span);
    }
    bool bernoulli(double p) { return uniform() < p; }

    /// Standard normal by the Box–Muller transform (one of the pair is kept for the next call).
    double normal() {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        double u1 = uniform();
        while (u1 <= 0.0)
            u1 = uniform();
        const double u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        m_spare = r * std::sin(2.0 * std::numbers::pi * u2);
        m_hasSpare = true;
        return r * std::cos(2.0 * std::numbers::pi * u2);
    }
    double normal(double mean, double sd) { return mean + sd * normal(); }

    /// Poisson variate: Knuth's product method for small means, a rounded normal
    /// approximation (continuity-corrected) above 30 where the error is negligible for demand.
    std::int64_t poisson(double mean) {
        if (mean <= 0)
            return 0;
        if (mean > 30) {
            const double x = std::floor(normal(mean, std::sqrt(mean)) + 0.5);
            return x < 0 ? 0 : static_cast<std::int64_t>(x);
        }
        const double limit = std::exp(-mean);
        double p = uniform();
        std::int64_t k = 0;
        while (p > limit) {
            p *= uniform();
            ++k;
        }
        return k;
    }

    /// Gamma(shape, 1) variate by Marsaglia & Tsang, "A simple method for generating gamma
    /// variables", ACM TOMS 26(3), 2000; shapes below 1 use the boost u^(1/shape).
    double gamma(double shape) {
        if (shape < 1.0) {
            double u = uniform();
            while (u <= 0.0)
                u = uniform();
            return gamma(shape + 1.0) * std::pow(u, 1.0 / shape);
        }
        const double d = shape - 1.0 / 3.0;
        const double c = 1.0 / std::sqrt(9.0 * d);
        for (;;) {
            double x, v;
            do {
                x = normal();
                v = 1.0 + c * x;
            } while (v <= 0.0);
            v = v * v * v;
            const double u = uniform();
            if (u < 1.0 - 0.0331 * x * x * x * x)
                return d * v;
            if (u > 0.0 && std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v)))
                return d * v;
        }
    }

    /// Negative binomial count with the given mean and size k (variance mean + mean²/k), as a
    /// gamma–Poisson mixture; k → ∞ gives Poisson.
    std::int64_t negativeBinomial(double mean, double k) {
        if (mean <= 0)
            return 0;
        return poisson(mean * gamma(k) / k);
    }

    /// Derive an independent stream (for one product, sensor…) so that adding entities does
    /// not shift the random numbers of the others.
    Rng fork(std::uint64_t salt) const {
        std::uint64_t x = m_s[0] ^ (salt * 0x9E3779B97F4A7C15ULL) ^ m_s[3];
        return Rng(splitMix64(x));
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    static std::uint64_t splitMix64(std::uint64_t &x) {
        std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    std::uint64_t m_s[4] = {};
    double m_spare = 0;
    bool m_hasSpare = false;
};

} // namespace agro::analytics
