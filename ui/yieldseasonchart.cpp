#include "yieldseasonchart.h"

#include "charttheme.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QValueAxis>

#include <algorithm>

namespace agro::ui {

YieldSeasonChart::YieldSeasonChart(QWidget *parent)
    : QChartView(parent)
    , m_expected(new QBarSet(tr("Expected")))
    , m_actual(new QBarSet(tr("Sellable")))
    , m_axisX(new QBarCategoryAxis)
    , m_axisY(new QValueAxis) {
    auto *chart = new QChart;
    applyChartTheme(chart, this);
    auto *series = new QBarSeries;
    m_expected->setColor(palette().color(QPalette::Mid));
    m_actual->setColor(palette().color(QPalette::Highlight));
    series->append(m_expected);
    series->append(m_actual);
    chart->addSeries(series);
    chart->addAxis(m_axisX, Qt::AlignBottom);
    chart->addAxis(m_axisY, Qt::AlignLeft);
    series->attachAxis(m_axisX);
    series->attachAxis(m_axisY);
    m_axisY->setLabelFormat(QStringLiteral("%.0f"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(300);
}

int YieldSeasonChart::seasonCount() const {
    return int(m_actual->count());
}

double YieldSeasonChart::sellable(int index) const {
    return m_actual->at(index);
}

void YieldSeasonChart::setSeasons(const std::vector<domain::FinanceGroup> &seasons,
                                  const DisplayUnits &units, const QString &cropName) {
    m_relative = cropName.isEmpty();
    m_expected->remove(0, int(m_expected->count()));
    m_actual->remove(0, int(m_actual->count()));
    QStringList labels;
    double max = 0;
    for (const auto &s : seasons) {
        const auto f = analytics::cropFigures(s.account);
        double expected = f.expectedYieldKgHa ? units.yield(*f.expectedYieldKgHa) : 0;
        double actual = f.sellableYieldKgHa ? units.yield(*f.sellableYieldKgHa) : 0;
        if (m_relative) {
            actual = expected > 0 ? 100.0 * actual / expected : 0;
            expected = expected > 0 ? 100.0 : 0;
        }
        m_expected->append(expected);
        m_actual->append(actual);
        labels << s.label;
        max = std::max({max, expected, actual});
    }
    m_axisX->setCategories(labels);
    setNiceRange(m_axisY, max);
    m_axisY->setLabelFormat(QStringLiteral("%.0f"));
    if (seasons.empty())
        chart()->setTitle(tr("No harvests in this selection"));
    else if (m_relative)
        chart()->setTitle(tr("Sellable yield as % of expected, all crops"));
    else
        chart()->setTitle(
            tr("%1: yield per season (%2/%3)").arg(cropName, units.massLabel(), units.areaLabel()));
}

} // namespace agro::ui
