#pragma once

#include "analytics/detection/conditionlink.h"

#include <QString>

namespace agro::test {

/// Adds to a small demo workspace a field built for the condition-vs-QC tests: "Test Meadow"
/// (id t-field) on the first farm by name, one planting (t-planting), a soil-moisture sensor
/// (t-sm, limits 15–40 %) with four readings a day over 200 days from 2020-01-01 — wet (46 %)
/// four days in every twenty, dry (25 %) otherwise — and 45 lots, one every 4 days from day 12,
/// each inspected once; six in ten lots after a wet week are held by produce-overripe, one in
/// ten of the others, and every held lot is re-inspected later and passed (only the first
/// inspection counts). Returns the farm's id; `expected` gets the hand-computed table for
/// "soil moisture above 40 % in the 7 days before" × produce-overripe.
QString addWetFieldScenario(const QString &path, analytics::detection::TwoByTwo *expected);

/// Whether day `i` of the scenario (from 2020-01-01) is wet.
inline bool wetScenarioDay(int i) {
    return i % 20 >= 16;
}

} // namespace agro::test
