#pragma once

class QChart;
class QValueAxis;
class QWidget;

namespace agro::ui {

/// Light or dark chart theme to match the window's palette, transparent background so the
/// chart sits on the page like any other widget.
void applyChartTheme(QChart *chart, const QWidget *context);

/// A round upper bound for a value axis: the first of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ᵏ
/// at least 5 % above
/// `max` (so markers at the maximum are not cut by the plot edge); 1 when max ≤ 0.
double niceAxisTop(double max);

/// Sets the axis to [0, niceAxisTop(max)] with a tick count that gives round steps.
void setNiceRange(QValueAxis *axis, double max);

} // namespace agro::ui
