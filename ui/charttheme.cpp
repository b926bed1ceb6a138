#include "charttheme.h"

#include <QChart>
#include <QWidget>

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

} // namespace agro::ui
