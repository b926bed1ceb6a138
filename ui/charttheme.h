#pragma once

class QChart;
class QWidget;

namespace agro::ui {

/// Light or dark chart theme to match the window's palette, transparent background so the
/// chart sits on the page like any other widget.
void applyChartTheme(QChart *chart, const QWidget *context);

} // namespace agro::ui
