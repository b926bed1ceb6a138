#include "alertevidencechart.h"

#include "charttheme.h"

#include <QAreaSeries>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace agro::ui {

AlertEvidenceChart::AlertEvidenceChart(QWidget *parent)
    : QChartView(parent)
    , m_values(new QLineSeries)
    , m_dots(new QScatterSeries)
    , m_low(new QLineSeries)
    , m_high(new QLineSeries)
    , m_baseline(new QLineSeries)
    , m_bandTop(new QLineSeries)
    , m_bandBottom(new QLineSeries)
    , m_episode(new QAreaSeries(m_bandTop, m_bandBottom))
    , m_x(new QDateTimeAxis)
    , m_y(new QValueAxis) {
    auto *chart = new QChart;
    applyChartTheme(chart, this);
    m_episode->setName(tr("Episode"));
    QColor shade(0xe6, 0x7e, 0x22);
    shade.setAlpha(60);
    m_episode->setBrush(shade);
    m_episode->setPen(Qt::NoPen);
    m_values->setName(tr("Readings"));
    m_values->setPen(QPen(palette().color(QPalette::Highlight).darker(110), 1.4));
    m_dots->setName(tr("Inspections"));
    m_dots->setMarkerSize(6);
    m_low->setName(tr("Lower limit"));
    m_high->setName(tr("Upper limit"));
    for (QLineSeries *l : {m_low, m_high})
        l->setPen(QPen(QColor(0xc0, 0x39, 0x2b), 1.2, Qt::DashLine));
    m_baseline->setName(tr("Baseline"));
    m_baseline->setPen(QPen(palette().color(QPalette::WindowText), 1, Qt::DotLine));
    chart->addSeries(m_episode);
    for (QAbstractSeries *s :
         std::initializer_list<QAbstractSeries *>{m_values, m_dots, m_low, m_high, m_baseline})
        chart->addSeries(s);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    for (QAbstractSeries *s : chart->series()) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    m_x->setFormat(QStringLiteral("d MMM HH:mm"));
    m_x->setTickCount(6);
    m_y->setLabelFormat(QStringLiteral("%.1f"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(260);
}

AlertEvidenceChart::~AlertEvidenceChart() {
    // Series taken out of the chart are ours to delete; those in it are the chart's.
    const auto inChart = chart()->series();
    for (QAbstractSeries *x : std::initializer_list<QAbstractSeries *>{m_episode, m_values, m_dots,
                                                                       m_low, m_high, m_baseline})
        if (!inChart.contains(x))
            delete x;
}

void AlertEvidenceChart::clear() {
    for (QXYSeries *s : std::initializer_list<QXYSeries *>{m_values, m_dots, m_low, m_high,
                                                           m_baseline, m_bandTop, m_bandBottom})
        s->clear();
    chart()->setTitle({});
}

int AlertEvidenceChart::points() const {
    return int(m_values->count() + m_dots->count());
}

void AlertEvidenceChart::setEvidence(const services::EvidenceSeries &e) {
    clear();
    if (e.points.empty())
        return;
    // Sensors are lines (a reading every few minutes); inspections are dots (one per lot).
    const bool sensor = !e.unit.isEmpty();
    QList<QPointF> pts;
    double lo = e.points.front().second, hi = lo;
    for (const auto &[ts, v] : e.points) {
        pts.append({double(ts) * 1000.0, v});
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    (sensor ? static_cast<QXYSeries *>(m_values) : m_dots)->replace(pts);
    const double x0 = pts.front().x(), x1 = pts.back().x();
    auto hline = [&](QLineSeries *s, double y) {
        if (!std::isfinite(y))
            return;
        s->replace({{x0, y}, {x1, y}});
        lo = std::min(lo, y);
        hi = std::max(hi, y);
    };
    hline(m_low, e.low);
    hline(m_high, e.high);
    // A baseline that is one of the limits is already drawn.
    if (e.baseline != e.low && e.baseline != e.high)
        hline(m_baseline, e.baseline);
    const double pad = std::max(0.5, 0.08 * (hi - lo));
    lo -= pad;
    hi += pad;
    const double from = std::max(x0, double(e.from) * 1000.0);
    const double to = std::min(x1, std::max(from, double(e.to) * 1000.0));

    m_x->setRange(QDateTime::fromMSecsSinceEpoch(qint64(x0)),
                  QDateTime::fromMSecsSinceEpoch(qint64(x1)));
    m_x->setFormat(x1 - x0 > 4 * 86400000.0 ? QStringLiteral("d MMM")
                                            : QStringLiteral("d MMM HH:mm"));
    m_y->setRange(lo, hi);
    m_y->applyNiceNumbers();
    m_bandTop->replace({{from, m_y->max()}, {to, m_y->max()}});
    m_bandBottom->replace({{from, m_y->min()}, {to, m_y->min()}});
    chart()->setTitle(sensor ? tr("%1 (%2)").arg(e.title, e.unit) : e.title);
    // Only what is drawn is in the chart (and so in its legend).
    QChart *c = chart();
    for (QAbstractSeries *x : c->series())
        c->removeSeries(x);
    if (m_bandTop->count() > 0)
        c->addSeries(m_episode);
    for (QXYSeries *x :
         std::initializer_list<QXYSeries *>{m_values, m_dots, m_low, m_high, m_baseline})
        if (x->count() > 0)
            c->addSeries(x);
    for (QAbstractSeries *x : c->series()) {
        x->attachAxis(m_x);
        x->attachAxis(m_y);
    }
    c->legend()->setVisible(true);
    c->legend()->setAlignment(Qt::AlignBottom);
}

} // namespace agro::ui
