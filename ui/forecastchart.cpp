#include "forecastchart.h"

#include "charttheme.h"

#include <QAreaSeries>
#include <QDateTimeAxis>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QTimeZone>
#include <QValueAxis>

#include <cmath>

namespace agro::ui {

namespace {
double msOf(std::int64_t day) {
    return double(day) * 86400000.0;
}
} // namespace

ForecastChart::ForecastChart(QWidget *parent)
    : QChartView(parent)
    , m_history(new QLineSeries)
    , m_fitted(new QLineSeries)
    , m_mean(new QLineSeries)
    , m_hi95(new QLineSeries)
    , m_lo95(new QLineSeries)
    , m_hi80(new QLineSeries)
    , m_lo80(new QLineSeries)
    , m_band95(new QAreaSeries(m_hi95, m_lo95))
    , m_band80(new QAreaSeries(m_hi80, m_lo80))
    , m_actual(new QScatterSeries)
    , m_x(new QDateTimeAxis)
    , m_y(new QValueAxis) {
    auto *chart = new QChart;
    applyChartTheme(chart, this);
    const QColor accent = palette().color(QPalette::Highlight);
    QColor band = accent;
    band.setAlpha(45);
    m_band95->setBrush(band);
    m_band95->setPen(Qt::NoPen);
    m_band95->setName(tr("95 % interval"));
    band.setAlpha(90);
    m_band80->setBrush(band);
    m_band80->setPen(Qt::NoPen);
    m_band80->setName(tr("80 % interval"));
    m_history->setName(tr("Sold"));
    m_history->setPen(QPen(palette().color(QPalette::WindowText), 1.2));
    m_fitted->setName(tr("Model fit"));
    QPen fitPen(QColor(0xd0, 0x7a, 0x1f), 1.2, Qt::DashLine);
    m_fitted->setPen(fitPen);
    m_mean->setName(tr("Forecast"));
    m_mean->setPen(QPen(accent.darker(130), 2.4));
    m_actual->setName(tr("Actual since the forecast"));
    m_actual->setMarkerSize(7);
    m_actual->setColor(QColor(0xc0, 0x39, 0x2b));
    m_actual->setBorderColor(QColor(0xc0, 0x39, 0x2b));
    for (QAbstractSeries *s : std::initializer_list<QAbstractSeries *>{
             m_band95, m_band80, m_history, m_fitted, m_mean, m_actual}) {
        chart->addSeries(s);
    }
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    for (QAbstractSeries *s : chart->series()) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    m_x->setFormat(QStringLiteral("d MMM yy"));
    m_x->setTickCount(8);
    chart->legend()->setAlignment(Qt::AlignBottom);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(300);
    clear(tr("Choose a product to see its forecast"));
}

void ForecastChart::clear(const QString &message) {
    for (QLineSeries *s : {m_history, m_fitted, m_mean, m_hi95, m_lo95, m_hi80, m_lo80})
        s->clear();
    m_actual->clear();
    chart()->setTitle(message);
}

int ForecastChart::historyPoints() const {
    return int(m_history->count());
}

int ForecastChart::forecastPoints() const {
    return int(m_mean->count());
}

double ForecastChart::upper95(int j) const {
    return j < m_hi95->count() ? m_hi95->at(j).y() : std::nan("");
}

void ForecastChart::setHistory(const services::ProductForecastView &view, std::int32_t fromDay) {
    QList<QPointF> hist, fit;
    for (std::size_t i = 0; i < view.history.size(); ++i) {
        const std::int32_t day = view.historyStart + std::int32_t(i);
        if (day < fromDay)
            continue;
        const double x = msOf(day);
        // Stock-out days are NaN: left out, so the line bridges them rather than dipping.
        if (std::isfinite(view.history[i]))
            hist.append({x, view.history[i]});
        if (i < view.fitted.size() && std::isfinite(view.fitted[i]))
            fit.append({x, view.fitted[i]});
    }
    m_history->replace(hist);
    m_fitted->replace(fit);
}

void ForecastChart::setBands(std::int32_t firstDay, const analytics::forecast::Forecast &f) {
    QList<QPointF> mean, hi95, lo95, hi80, lo80;
    for (std::size_t j = 0; j < f.horizon(); ++j) {
        const double x = msOf(firstDay + std::int64_t(j));
        mean.append({x, f.mean[j]});
        hi95.append({x, f.hi95[j]});
        lo95.append({x, f.lo95[j]});
        hi80.append({x, f.hi80[j]});
        lo80.append({x, f.lo80[j]});
    }
    m_mean->replace(mean);
    m_hi95->replace(hi95);
    m_lo95->replace(lo95);
    m_hi80->replace(hi80);
    m_lo80->replace(lo80);
}

void ForecastChart::setRange(std::int32_t firstDay, std::int32_t lastDay, double maxValue) {
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(qint64(msOf(firstDay)), QTimeZone::utc()),
                  QDateTime::fromMSecsSinceEpoch(qint64(msOf(lastDay)), QTimeZone::utc()));
    setNiceRange(m_y, maxValue);
    m_y->setLabelFormat(niceAxisTop(maxValue) >= 10 ? QStringLiteral("%.0f")
                                                    : QStringLiteral("%.1f"));
}

void ForecastChart::showForecast(const services::ProductForecastView &view) {
    m_actual->clear();
    m_actual->setVisible(false); // no legend entry for what this view does not show
    m_fitted->setVisible(true);
    // The last 120 days of history give the weekly pattern and recent level without
    // squeezing the forecast into a sliver of the chart.
    const std::int32_t from = std::max(view.historyStart, view.forecastStart - 120);
    setHistory(view, from);
    setBands(view.forecastStart, view.outcome.forecast);
    double top = 0;
    for (const QPointF &p : m_history->points())
        top = std::max(top, p.y());
    for (double v : view.outcome.forecast.hi95)
        top = std::max(top, v);
    setRange(from, view.forecastStart + std::int32_t(view.outcome.forecast.horizon()) - 1, top);
    chart()->setTitle(tr("%1 — %2: %3 per day")
                          .arg(view.product.sku, view.product.name,
                               view.product.unit.isEmpty() ? tr("units") : view.product.unit));
}

void ForecastChart::showPast(const services::ProductForecastView &live,
                             const services::PastForecastView &past) {
    const std::int32_t first = past.run.firstDay;
    const auto h = std::int32_t(past.stored.values.horizon());
    const std::int32_t from = std::max(live.historyStart, first - 60);
    // History only up to the run's first day: what the model knew; afterwards the actuals.
    setHistory(live, from);
    QList<QPointF> before;
    for (const QPointF &p : m_history->points())
        if (p.x() < msOf(first))
            before.append(p);
    m_history->replace(before);
    m_fitted->clear();
    m_fitted->setVisible(false);
    m_actual->setVisible(true);
    setBands(first, past.stored.values);
    QList<QPointF> actual;
    for (std::size_t j = 0; j < past.actual.size(); ++j)
        if (std::isfinite(past.actual[j]))
            actual.append({msOf(first + std::int64_t(j)), past.actual[j]});
    m_actual->replace(actual);
    double top = 0;
    for (const QPointF &p : before)
        top = std::max(top, p.y());
    for (const QPointF &p : actual)
        top = std::max(top, p.y());
    for (double v : past.stored.values.hi95)
        top = std::max(top, v);
    setRange(from, first + h - 1, top);
    chart()->setTitle(tr("%1 — forecast of %2 against what sold")
                          .arg(live.product.sku, past.run.createdAt.toLocalTime().toString(
                                                     QStringLiteral("d MMM yyyy HH:mm"))));
}

} // namespace agro::ui
