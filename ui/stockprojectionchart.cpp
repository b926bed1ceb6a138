#include "stockprojectionchart.h"

#include "charttheme.h"

#include <QDateTimeAxis>
#include <QLineSeries>
#include <QTimeZone>
#include <QValueAxis>

namespace agro::ui {

namespace {
constexpr int kDays = 28;
double msOf(std::int64_t day) {
    return double(day) * 86400000.0;
}
} // namespace

StockProjectionChart::StockProjectionChart(QWidget *parent)
    : QChartView(parent)
    , m_without(new QLineSeries)
    , m_with(new QLineSeries)
    , m_reorder(new QLineSeries)
    , m_x(new QDateTimeAxis)
    , m_y(new QValueAxis) {
    auto *chart = new QChart;
    applyChartTheme(chart, this);
    m_without->setName(tr("Stock without the order"));
    m_without->setPen(QPen(QColor(0xc0, 0x39, 0x2b), 2, Qt::DashLine));
    m_with->setName(tr("Stock with the order"));
    m_with->setPen(QPen(palette().color(QPalette::Highlight).darker(120), 2.4));
    m_reorder->setName(tr("Reorder point"));
    m_reorder->setPen(QPen(palette().color(QPalette::WindowText), 1, Qt::DotLine));
    for (QLineSeries *s : {m_without, m_with, m_reorder})
        chart->addSeries(s);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    for (QAbstractSeries *s : chart->series()) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    m_x->setFormat(QStringLiteral("d MMM"));
    m_x->setTickCount(8);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setTitle(tr("Stock projection, next %1 days").arg(kDays));
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(240);
}

void StockProjectionChart::clear() {
    m_without->clear();
    m_with->clear();
    m_reorder->clear();
}

int StockProjectionChart::points() const {
    return int(m_with->count());
}

void StockProjectionChart::setProposal(const services::ProposalView &p, std::int32_t asOfDay) {
    const QJsonObject in = p.explanation.value(QStringLiteral("inputs")).toObject();
    const double daily = in.value(QStringLiteral("forecast_daily_mean")).toDouble();
    const double available = in.value(QStringLiteral("on_hand")).toDouble() -
                             in.value(QStringLiteral("unavailable_lots")).toDouble();
    const double onOrder = in.value(QStringLiteral("on_order")).toDouble();
    const int lead = in.value(QStringLiteral("lead_time_days")).toInt();
    const double s = p.explanation.value(QStringLiteral("reorder_point")).toDouble();
    const double quantity = p.lastDecision && p.status == services::ProposalStatus::Overridden
                                ? p.lastDecision->quantity
                                : p.quantity;
    QList<QPointF> without, with, reorder;
    double a = available, b = available;
    double top = std::max(s, available);
    for (int j = 0; j <= kDays; ++j) {
        const double x = msOf(asOfDay + j);
        if (j == lead + 1) {
            // Open orders and this one are assumed to land after the lead time.
            a += onOrder;
            b += onOrder + quantity;
        }
        without.append({x, std::max(a, 0.0)});
        with.append({x, std::max(b, 0.0)});
        reorder.append({x, s});
        top = std::max({top, a, b});
        a -= daily;
        b -= daily;
    }
    m_without->replace(without);
    m_with->replace(with);
    m_reorder->replace(reorder);
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(qint64(msOf(asOfDay)), QTimeZone::utc()),
                  QDateTime::fromMSecsSinceEpoch(qint64(msOf(asOfDay + kDays)), QTimeZone::utc()));
    // The format first: Qt 6.4 regenerates tick labels on a range change, not on a format one.
    m_y->setLabelFormat(niceAxisTop(top) >= 10 ? QStringLiteral("%.0f") : QStringLiteral("%.1f"));
    setNiceRange(m_y, top);
}

} // namespace agro::ui
