#include "coststackchart.h"

#include "charttheme.h"
#include "costbreakdownchart.h"
#include "formatting.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QHorizontalStackedBarSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace agro::ui {

namespace {
// Distinguishable in light and dark themes (Okabe–Ito palette, for colour-blind readers).
const QColor kCategoryColours[] = {QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9),
                                   QColor(0x00, 0x9E, 0x73), QColor(0xF0, 0xE4, 0x42),
                                   QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00),
                                   QColor(0xCC, 0x79, 0xA7)};

} // namespace

CostStackChart::CostStackChart(QWidget *parent)
    : QChartView(parent)
    , m_series(new QHorizontalStackedBarSeries)
    , m_revenue(new QScatterSeries)
    , m_groupsAxis(new QBarCategoryAxis)
    , m_valueAxis(new QValueAxis)
    , m_markerAxis(new QValueAxis) {
    auto *chart = new QChart;
    applyChartTheme(chart, this);
    for (domain::CostCategory c : domain::kCostCategories) {
        auto *set = new QBarSet(CostBreakdownChart::categoryName(c));
        set->setColor(kCategoryColours[size_t(c)]);
        set->setBorderColor(kCategoryColours[size_t(c)]);
        m_series->append(set);
    }
    m_revenue->setName(tr("Revenue"));
    m_revenue->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_revenue->setMarkerSize(11);
    m_revenue->setColor(palette().color(QPalette::WindowText));
    chart->addSeries(m_series);
    chart->addSeries(m_revenue);
    chart->addAxis(m_valueAxis, Qt::AlignBottom);
    chart->addAxis(m_groupsAxis, Qt::AlignLeft);
    chart->addAxis(m_markerAxis, Qt::AlignRight);
    m_series->attachAxis(m_valueAxis);
    m_series->attachAxis(m_groupsAxis);
    // The markers use a hidden value axis spanning the same bands as the categories; attached
    // to the category axis they would make QtCharts elide every category label.
    m_revenue->attachAxis(m_valueAxis);
    m_revenue->attachAxis(m_markerAxis);
    m_markerAxis->setVisible(false);
    m_groupsAxis->setTruncateLabels(false); // the labels are short already; never "…"
    m_series->setBarWidth(0.65);
    m_valueAxis->setLabelFormat(QStringLiteral("%.0f"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(300);
    connect(m_series, &QHorizontalStackedBarSeries::clicked, this, [this](int index, QBarSet *) {
        if (index >= 0 && index < m_keys.size())
            Q_EMIT groupClicked(m_keys[index]);
    });
}

double CostStackChart::barTotal(int index) const {
    double sum = 0;
    for (QBarSet *set : m_series->barSets())
        sum += set->at(index);
    return sum;
}

void CostStackChart::setGroups(const std::vector<domain::FinanceGroup> &groups,
                               const DisplayUnits &units) {
    // The largest groups by area, shown in the table's (alphabetical) order.
    std::vector<const domain::FinanceGroup *> shown;
    for (const auto &g : groups)
        if (g.account.areaHa > 0)
            shown.push_back(&g);
    std::stable_sort(shown.begin(), shown.end(), [](const auto *a, const auto *b) {
        return a->account.areaHa > b->account.areaHa;
    });
    if (shown.size() > size_t(kMaxBars))
        shown.resize(size_t(kMaxBars));
    // Horizontal bar charts draw category 0 at the bottom: feed them in reverse table order
    // so the first group of the table is the top bar.
    std::stable_sort(shown.begin(), shown.end(), [&](const auto *a, const auto *b) {
        return a - groups.data() > b - groups.data();
    });

    m_keys.clear();
    QStringList labels;
    const auto sets = m_series->barSets();
    for (QBarSet *set : sets)
        set->remove(0, int(set->count()));
    m_revenue->clear();
    double max = 0;
    QString currency;
    for (size_t i = 0; i < shown.size(); ++i) {
        const auto &a = shown[i]->account;
        m_keys << shown[i]->key;
        // Short labels keep the axis readable; the table has the full names.
        QString label = shown[i]->label.section(QStringLiteral(" · "), -2);
        labels << (label.size() > 28 ? label.left(27) + QStringLiteral("…") : label);
        double total = 0;
        for (domain::CostCategory c : domain::kCostCategories) {
            const double v = units.perArea(a.costs[size_t(c)] / a.areaHa);
            sets[qsizetype(c)]->append(v);
            total += v;
        }
        const double revenue = units.perArea(a.revenue / a.areaHa);
        m_revenue->append(revenue, double(i));
        max = std::max({max, total, revenue});
        currency = shown[i]->currency;
    }
    m_groupsAxis->setCategories(labels);
    setNiceRange(m_valueAxis, max);
    m_markerAxis->setRange(-0.5, std::max(0.5, double(shown.size()) - 0.5));
    const QString per =
        format::currencySymbol(currency).trimmed() + QStringLiteral("/") + units.areaLabel();
    chart()->setTitle(shown.empty() ? tr("No plantings in this selection")
                      : int(groups.size()) > kMaxBars
                          ? tr("Cost and revenue per area (%1), the %2 largest of %3")
                                .arg(per)
                                .arg(kMaxBars)
                                .arg(groups.size())
                          : tr("Cost and revenue per area (%1)").arg(per));
}

} // namespace agro::ui
