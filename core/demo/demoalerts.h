#pragma once

#include "common/result.h"
#include "store/mutator.h"

#include <cstdint>

namespace agro::demo {

/// Runs the detectors over a generated workspace (its data committed, `m` a new transaction
/// on it), stores their alerts stamped at `nowTs`, and adds the demo team's acknowledgements,
/// notes and resolutions to the older ones, deterministically from `seed`. Returns the number
/// of alerts.
Result<int> demoAlerts(store::Mutator &m, std::int64_t nowTs, std::uint64_t seed);

} // namespace agro::demo
