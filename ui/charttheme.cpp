#include "charttheme.h"

#include <QChart>
#include <QValueAxis>
#include <QWidget>

#include <cmath>
#include <utility>

namespace agro::ui {

void applyChartTheme(QChart *chart, const QWidget *context) {
    const QPalette pal = context->palette();
    const bool dark = pal.color(QPalette::Window).lightness() < 128;
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundVisible(false);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(pal.color(QPalette::WindowText));
    chart->legend()->setLabelColor(pal.color(QPalette::WindowText));
    chart->setMargins(QMargins(4, 4, 4, 4));
    QFont f = context->font();
    f.setBold(true);
    chart->setTitleFont(f);
}

double niceAxisTop(double max) {
    if (!(max > 0))
        return 1;
    const double target = max * 1.05;
    const double mag = std::pow(10.0, std::floor(std::log10(target)));
    for (double f : {1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0})
        if (f * mag >= target)
            return f * mag;
    return 10 * mag;
}

void setNiceRange(QValueAxis *axis, double max) {
    const double top = niceAxisTop(max);
    const double mag = std::pow(10.0, std::floor(std::log10(top)));
    const double f = top / mag;
    // Intervals per leading digit so that every step is 1, 2, 2.5 or 5 × 10ᵏ.
    int intervals = 5;
    for (const auto &[lead, n] : {std::pair{1.0, 5},
                                  {1.2, 6},
                                  {1.5, 3},
                                  {2.0, 4},
                                  {2.5, 5},
                                  {3.0, 6},
                                  {4.0, 4},
                                  {5.0, 5},
                                  {6.0, 6},
                                  {8.0, 4},
                                  {10.0, 5}})
        if (std::abs(f - lead) < 1e-9)
            intervals = n;
    axis->setRange(0, top);
    axis->setTickCount(intervals + 1);
}

} // namespace agro::ui
