#include "salestrendchart.h"

#include "charttheme.h"
#include "formatting.h"

#include <QAreaSeries>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QTimeZone>
#include <QValueAxis>

#include <cmath>

namespace agro::ui {

SalesTrendChart::SalesTrendChart(QWidget *parent)
    : QChartView(parent)
    , m_line(new QLineSeries)
    , m_base(new QLineSeries)
    , m_area(new QAreaSeries(m_line, m_base))
    , m_x(new QDateTimeAxis)
    , m_y(new QValueAxis) {
    auto *chart = new QChart;
    applyChartTheme(chart, this);
    chart->legend()->hide();
    chart->addSeries(m_area);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    m_area->attachAxis(m_x);
    m_area->attachAxis(m_y);
    QColor c = palette().color(QPalette::Highlight);
    m_area->setPen(QPen(c, 2));
    c.setAlpha(60);
    m_area->setBrush(c);
    m_y->setLabelFormat(QStringLiteral("%.0f"));
    m_y->setMin(0);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(260);
}

int SalesTrendChart::pointCount() const {
    return int(m_line->count());
}

void SalesTrendChart::setData(const domain::DashboardData &figures) {
    const domain::DashboardData &d = figures;
    QList<QPointF> upper, lower;
    double maxRevenue = 0;
    // Revenue per day, averaged over each bucket: a short last bucket then does not look
    // like a collapse in sales.
    for (const auto &p : d.trend) {
        const double x =
            double(QDateTime(p.start, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch());
        const double perDay = p.revenue / std::max(p.days, 1);
        upper.append({x, perDay});
        lower.append({x, 0});
        maxRevenue = std::max(maxRevenue, perDay);
    }
    m_line->replace(upper);
    m_base->replace(lower);
    const QString currency = format::currencySymbol(d.currency).trimmed();
    const QString title = d.bucketDays == 1   ? tr("Sales revenue per day (%1)")
                          : d.bucketDays == 7 ? tr("Sales revenue per day, weekly average (%1)")
                                              : tr("Sales revenue per day, 30-day average (%1)");
    chart()->setTitle(maxRevenue > 0 ? title.arg(currency) : tr("No sales in this period"));
    if (!d.trend.empty()) {
        m_x->setRange(QDateTime(d.trend.front().start, QTime(0, 0), QTimeZone::utc()),
                      QDateTime(d.trend.back().start, QTime(0, 0), QTimeZone::utc()));
    }
    const int span = int(d.query.from.daysTo(d.query.to));
    m_x->setFormat(span > 400 ? QStringLiteral("MMM yyyy") : QStringLiteral("d MMM"));
    m_x->setTickCount(span > 60 ? 7 : std::clamp(span + 1, 2, 8));
    const double top = niceAxisTop(maxRevenue);
    setNiceRange(m_y, maxRevenue);
    m_y->setLabelFormat(top >= 10 ? QStringLiteral("%.0f") : QStringLiteral("%.1f"));
}

} // namespace agro::ui
