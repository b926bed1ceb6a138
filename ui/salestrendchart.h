#pragma once

#include "domain/dashboard.h"

#include <QChartView>

class QAreaSeries;
class QLineSeries;
class QDateTimeAxis;
class QValueAxis;

namespace agro::ui {

/// Revenue over the dashboard period, one point per day, week or month bucket.
class SalesTrendChart : public QChartView {
    Q_OBJECT
public:
    explicit SalesTrendChart(QWidget *parent = nullptr);
    void setData(const domain::DashboardData &figures);
    /// Number of points plotted (for tests and screenshots).
    int pointCount() const;

private:
    QLineSeries *m_line;
    QLineSeries *m_base;
    QAreaSeries *m_area;
    QDateTimeAxis *m_x;
    QValueAxis *m_y;
};

} // namespace agro::ui
