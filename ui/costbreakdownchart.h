#pragma once

#include "domain/dashboard.h"

#include <QChartView>

class QBarSet;
class QBarCategoryAxis;
class QValueAxis;

namespace agro::ui {

/// Costs in the period by category, as horizontal bars.
class CostBreakdownChart : public QChartView {
    Q_OBJECT
public:
    explicit CostBreakdownChart(QWidget *parent = nullptr);
    void setData(const domain::DashboardData &figures);
    /// The plotted amount of one category (for tests).
    double amount(domain::CostCategory category) const;

    static QString categoryName(domain::CostCategory c);

private:
    QBarSet *m_set;
    QBarCategoryAxis *m_categories;
    QValueAxis *m_values;
};

} // namespace agro::ui
