#include "costbreakdownchart.h"

#include "charttheme.h"
#include "formatting.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QHorizontalBarSeries>
#include <QValueAxis>

#include <cmath>

namespace agro::ui {

using domain::CostCategory;

QString CostBreakdownChart::categoryName(CostCategory c) {
    switch (c) {
    case CostCategory::Seeds:
        return tr("Seeds");
    case CostCategory::Fertilizer:
        return tr("Fertilizer");
    case CostCategory::Labor:
        return tr("Labor");
    case CostCategory::Equipment:
        return tr("Equipment");
    case CostCategory::Irrigation:
        return tr("Irrigation");
    case CostCategory::Pesticides:
        return tr("Pesticides");
    case CostCategory::Other:
        return tr("Other");
    }
    return {};
}

CostBreakdownChart::CostBreakdownChart(QWidget *parent)
    : QChartView(parent)
    , m_set(new QBarSet(tr("Costs")))
    , m_categories(new QBarCategoryAxis)
    , m_values(new QValueAxis) {
    auto *chart = new QChart;
    applyChartTheme(chart, this);
    chart->legend()->hide();
    auto *series = new QHorizontalBarSeries;
    series->append(m_set);
    series->setBarWidth(0.7);
    chart->addSeries(series);
    QStringList names;
    // Bottom-to-top in a horizontal bar chart: reverse so Seeds is at the top.
    for (auto it = domain::kCostCategories.rbegin(); it != domain::kCostCategories.rend(); ++it)
        names << categoryName(*it);
    m_categories->append(names);
    chart->addAxis(m_categories, Qt::AlignLeft);
    chart->addAxis(m_values, Qt::AlignBottom);
    series->attachAxis(m_categories);
    series->attachAxis(m_values);
    m_set->setColor(palette().color(QPalette::Highlight));
    m_values->setLabelFormat(QStringLiteral("%.0f"));
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(260);
}

double CostBreakdownChart::amount(CostCategory category) const {
    const int n = int(domain::kCostCategories.size());
    return m_set->at(n - 1 - int(category));
}

void CostBreakdownChart::setData(const domain::DashboardData &figures) {
    const domain::DashboardData &d = figures;
    m_set->remove(0, int(m_set->count()));
    double maxAmount = 0;
    for (auto it = d.costsByCategory.rbegin(); it != d.costsByCategory.rend(); ++it) {
        m_set->append(it->second);
        maxAmount = std::max(maxAmount, it->second);
    }
    const QString currency = format::currencySymbol(d.currency).trimmed();
    chart()->setTitle(maxAmount > 0 ? tr("Costs by category (%1)").arg(currency)
                                    : tr("No costs recorded in this period"));
    setNiceRange(m_values, maxAmount);
}

} // namespace agro::ui
