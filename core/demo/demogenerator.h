#pragma once

#include "common/progress.h"
#include "common/result.h"

#include <QDate>
#include <QString>

#include <cstdint>
#include <optional>

namespace agro::demo {

/// The size of a demo workspace. See docs/demo-data.md for what each preset contains.
struct DemoPreset {
    QString name;
    int farms = 2;
    int fieldsPerFarm = 6;
    int seasons = 3;
    int products = 40;
    int salesDays = 365;
    int sensors = 6;
    int sensorDays = 30;
    int inspections = 400;
};

/// "small" (seconds, for tests) or "large" (the scale of docs/architecture.md's budgets).
std::optional<DemoPreset> demoPreset(const QString &name);

struct DemoOptions {
    DemoPreset preset;
    std::uint64_t seed = 20261031;
    QDate endDate{2026, 10, 31}; ///< last day of sales, readings and the last season
};

struct DemoSummary {
    std::int64_t salesRows = 0;
    std::int64_t sensorReadings = 0;
    std::int64_t inspections = 0;
    std::int64_t plantings = 0;
    std::int64_t alerts = 0; ///< raised by the detectors over the generated data
    std::int64_t costEntries = 0;
    std::int64_t injectedFaults = 0;
};

/// Generates a demo workspace at `path` (which must not exist). Deterministic: the same
/// options give the same content (Store content hash). Written to a temporary file and
/// renamed when complete, so a cancelled or failed run leaves nothing behind.
Result<DemoSummary> generateDemo(const QString &path, const DemoOptions &options,
                                 Progress *progress = nullptr);

} // namespace agro::demo
