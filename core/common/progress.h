#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

namespace agro {

/// Shared between a long operation on a worker and whoever shows it: the worker advances
/// `done` towards `total` (any unit: bytes, rows, steps) and polls `cancelled`. The UI reads
/// it on a timer, so progress costs the worker one relaxed atomic store.
struct Progress {
    std::atomic<std::int64_t> done{0};
    std::atomic<std::int64_t> total{0};
    std::atomic<bool> cancelled{false};

    void set(std::int64_t d, std::int64_t t) {
        total.store(t, std::memory_order_relaxed);
        done.store(d, std::memory_order_relaxed);
    }
    bool isCancelled() const { return cancelled.load(std::memory_order_relaxed); }
    /// 0–1000, for a progress bar.
    int permille() const {
        const auto t = total.load(std::memory_order_relaxed);
        const auto d = done.load(std::memory_order_relaxed);
        return t > 0 ? int(d * 1000 / t) : 0;
    }
};

using ProgressPtr = std::shared_ptr<Progress>;

} // namespace agro
