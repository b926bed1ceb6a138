#pragma once

#include "displayunits.h"
#include "domain/finance.h"

#include <QChartView>

class QBarCategoryAxis;
class QScatterSeries;
class QHorizontalStackedBarSeries;
class QValueAxis;

namespace agro::ui {

/// Cost per area by category as horizontal stacked bars, one per group (the largest groups by
/// area, at most kMaxBars), with the group's revenue per area as a marker: where the marker
/// lies beyond the bar the group broke even. Clicking a bar asks for the entries behind it.
class CostStackChart : public QChartView {
    Q_OBJECT
public:
    static constexpr int kMaxBars = 12;
    explicit CostStackChart(QWidget *parent = nullptr);

    void setGroups(const std::vector<domain::FinanceGroup> &groups, const DisplayUnits &units);
    /// Keys of the groups shown, by bar index (bottom bar first).
    const QStringList &shownKeys() const { return m_keys; }
    /// Stacked cost per area of bar `index` (for tests).
    double barTotal(int index) const;

Q_SIGNALS:
    void groupClicked(const QString &key);

private:
    QHorizontalStackedBarSeries *m_series;
    QScatterSeries *m_revenue;
    QBarCategoryAxis *m_groupsAxis;
    QValueAxis *m_valueAxis;
    QValueAxis *m_markerAxis; ///< hidden, aligned with the bars: markers at y = bar index
    QStringList m_keys;
};

} // namespace agro::ui
