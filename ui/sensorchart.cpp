#include "sensorchart.h"

#include "charttheme.h"

#include <QAreaSeries>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace agro::ui {

SensorChart::SensorChart(QWidget *parent)
    : QChartView(parent)
    , m_values(new QLineSeries)
    , m_low(new QLineSeries)
    , m_high(new QLineSeries)
    , m_bandTop(new QLineSeries)
    , m_bandBottom(new QLineSeries)
    , m_flagged(new QAreaSeries(m_bandTop, m_bandBottom))
    , m_x(new QDateTimeAxis)
    , m_y(new QValueAxis) {
    auto *chart = new QChart;
    applyChartTheme(chart, this);
    QColor shade(0xe6, 0x7e, 0x22);
    shade.setAlpha(70);
    m_flagged->setName(tr("Flagged by a detector"));
    m_flagged->setBrush(shade);
    m_flagged->setPen(Qt::NoPen);
    m_values->setName(tr("Readings"));
    m_values->setPen(QPen(palette().color(QPalette::Highlight).darker(110), 1.2));
    m_low->setName(tr("Lower limit"));
    m_high->setName(tr("Upper limit"));
    for (QLineSeries *l : {m_low, m_high})
        l->setPen(QPen(QColor(0xc0, 0x39, 0x2b), 1.2, Qt::DashLine));
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    m_y->setLabelFormat(QStringLiteral("%.1f"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(280);
}

SensorChart::~SensorChart() {
    const auto inChart = chart()->series();
    for (QAbstractSeries *x :
         std::initializer_list<QAbstractSeries *>{m_flagged, m_values, m_low, m_high})
        if (!inChart.contains(x))
            delete x;
}

int SensorChart::points() const {
    return int(m_values->count());
}

void SensorChart::setSeries(const services::SensorRow &sensor, const services::SensorSeries &series,
                            qint64 from, qint64 to) {
    QChart *c = chart();
    for (QAbstractSeries *x : c->series())
        c->removeSeries(x);
    QList<QPointF> pts;
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const auto &[ts, v] : series.points) {
        pts.append({double(ts) * 1000.0, v});
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    m_values->replace(pts);
    const double x0 = double(from) * 1000.0, x1 = double(to) * 1000.0;
    auto hline = [&](QLineSeries *s, double y) {
        s->clear();
        if (!std::isfinite(y))
            return;
        s->replace({{x0, y}, {x1, y}});
        lo = std::min(lo, y);
        hi = std::max(hi, y);
    };
    hline(m_low, sensor.low);
    hline(m_high, sensor.high);
    if (!std::isfinite(lo)) {
        lo = 0;
        hi = 1;
    }
    const double pad = std::max(0.5, 0.06 * (hi - lo));
    m_y->setRange(lo - pad, hi + pad);
    m_y->applyNiceNumbers();
    // One area for all episodes: a step line at the top inside them, at the bottom outside.
    QList<QPointF> top, bottom;
    top.append({x0, m_y->min()});
    bottom.append({x0, m_y->min()});
    m_episodeCount = 0;
    for (const auto &e : series.episodes) {
        const double a = std::max(x0, double(e.from) * 1000.0);
        const double b = std::min(x1, std::max(a + 900000.0, double(e.to) * 1000.0));
        if (b <= a)
            continue;
        ++m_episodeCount;
        top << QPointF(a, m_y->min()) << QPointF(a, m_y->max()) << QPointF(b, m_y->max())
            << QPointF(b, m_y->min());
        bottom << QPointF(a, m_y->min()) << QPointF(b, m_y->min());
    }
    top.append({x1, m_y->min()});
    bottom.append({x1, m_y->min()});
    m_bandTop->replace(top);
    m_bandBottom->replace(bottom);
    if (m_episodeCount > 0)
        c->addSeries(m_flagged);
    c->addSeries(m_values);
    for (QLineSeries *l : {m_low, m_high})
        if (l->count() > 0)
            c->addSeries(l);
    for (QAbstractSeries *x : c->series()) {
        x->attachAxis(m_x);
        x->attachAxis(m_y);
    }
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(qint64(x0)),
                  QDateTime::fromMSecsSinceEpoch(qint64(x1)));
    m_x->setFormat(to - from > 3 * 86400 ? QStringLiteral("d MMM") : QStringLiteral("d MMM HH:mm"));
    m_x->setTickCount(7);
    c->legend()->setVisible(true);
    c->setTitle(tr("%1 — %2 (%3)").arg(sensor.name, sensor.kind, sensor.unit));
}

} // namespace agro::ui
