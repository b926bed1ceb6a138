#pragma once

#include "reports/report.h"

#include <QRectF>

class QPainter;

namespace agro::render {

/// A bar chart of a section's rows (reports::ChartSpec) drawn with vector primitives: grouped
/// or stacked bars, a value axis with round ticks, a legend. At most `maxBars` groups (the
/// first rows); the caller says when rows were left out.
void paintBarChart(QPainter &p, const QRectF &area, const reports::Section &section,
                   const reports::ChartSpec &chart, int maxBars);

/// Round steps for a value axis from 0 to `max` (1, 2 or 5 × 10^k; Heckbert, "Nice numbers
/// for graph labels", Graphics Gems, 1990).
double niceStep(double max, int ticks);

} // namespace agro::render
