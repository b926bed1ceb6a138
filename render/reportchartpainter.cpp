#include "reportchartpainter.h"

#include "reportpainter.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace agro::render {

namespace {
// Distinguishable in colour and in greyscale print (ColorBrewer "Dark2", Harrower & Brewer 2003).
const QColor kSeries[] = {QColor(0x1b, 0x9e, 0x77), QColor(0xd9, 0x5f, 0x02),
                          QColor(0x75, 0x70, 0xb3), QColor(0xe7, 0x29, 0x8a),
                          QColor(0x66, 0xa6, 0x1e), QColor(0xe6, 0xab, 0x02),
                          QColor(0xa6, 0x76, 0x1d), QColor(0x66, 0x66, 0x66)};

double valueOf(const reports::Cell &c) {
    const auto *d = std::get_if<double>(&c);
    return d && std::isfinite(*d) ? *d : 0.0;
}
} // namespace

double niceStep(double max, int ticks) {
    if (!(max > 0) || ticks < 1)
        return 1;
    const double raw = max / ticks;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

void paintBarChart(QPainter &p, const QRectF &area, const reports::Section &section,
                   const reports::ChartSpec &chart, int maxBars) {
    const int groups = std::min<int>(int(section.rows.size()), maxBars);
    if (groups == 0 || chart.valueColumns.empty())
        return;
    const QFontMetricsF fm(p.font());
    const double line = fm.height();
    // Value range: bars start at 0; negatives (a loss) go below the axis.
    double hi = 0, lo = 0;
    for (int g = 0; g < groups; ++g) {
        double pos = 0, neg = 0;
        for (int c : chart.valueColumns) {
            const double v = valueOf(section.rows[size_t(g)][size_t(c)]);
            if (chart.stacked)
                (v >= 0 ? pos : neg) += v;
            else {
                pos = std::max(pos, v);
                neg = std::min(neg, v);
            }
        }
        hi = std::max(hi, pos);
        lo = std::min(lo, neg);
    }
    const double step = niceStep(std::max(hi - lo, 1e-9), 5);
    hi = std::ceil(hi / step) * step;
    lo = std::floor(lo / step) * step;
    if (hi == lo)
        hi = lo + step;

    // Legend on top, labels below, axis labels left.
    const QLocale loc;
    double legendX = area.left();
    for (size_t i = 0; i < chart.valueColumns.size(); ++i) {
        const QString name = section.columns[size_t(chart.valueColumns[i])].title;
        p.fillRect(QRectF(legendX, area.top() + line * 0.2, line * 0.7, line * 0.7),
                   kSeries[i % std::size(kSeries)]);
        p.setPen(Qt::black);
        p.drawText(QPointF(legendX + line, area.top() + line * 0.85), name);
        legendX += line * 1.6 + fm.horizontalAdvance(name);
    }
    double axisWidth = 0;
    for (double v = lo; v <= hi + step / 2; v += step)
        axisWidth = std::max(axisWidth, fm.horizontalAdvance(loc.toString(v, 'f', 0)));
    const QRectF plot(area.left() + axisWidth + line * 0.5, area.top() + line * 2.2,
                      area.width() - axisWidth - line * 0.5, area.height() - line * 3.8);
    auto y = [&](double v) { return plot.bottom() - (v - lo) / (hi - lo) * plot.height(); };
    p.setPen(QPen(QColor(0xcc, 0xcc, 0xcc), 0.5));
    for (double v = lo; v <= hi + step / 2; v += step) {
        p.drawLine(QPointF(plot.left(), y(v)), QPointF(plot.right(), y(v)));
        p.save();
        p.setPen(Qt::black);
        const QString t = loc.toString(v, 'f', 0);
        p.drawText(QPointF(plot.left() - line * 0.3 - fm.horizontalAdvance(t), y(v) + line * 0.3),
                   t);
        p.restore();
    }
    const double slot = plot.width() / groups;
    const double barArea = slot * 0.75;
    const int series = int(chart.valueColumns.size());
    for (int g = 0; g < groups; ++g) {
        const auto &row = section.rows[size_t(g)];
        const double x0 = plot.left() + g * slot + (slot - barArea) / 2;
        double pos = 0, neg = 0;
        for (int s = 0; s < series; ++s) {
            const double v = valueOf(row[size_t(chart.valueColumns[size_t(s)])]);
            QRectF bar;
            if (chart.stacked) {
                const double base = v >= 0 ? pos : neg;
                bar = QRectF(QPointF(x0, y(base + v)), QPointF(x0 + barArea, y(base)));
                (v >= 0 ? pos : neg) += v;
            } else {
                const double w = barArea / series;
                bar = QRectF(QPointF(x0 + s * w, y(std::max(v, 0.0))),
                             QPointF(x0 + (s + 1) * w, y(std::min(v, 0.0))));
            }
            p.fillRect(bar.normalized(), kSeries[size_t(s) % std::size(kSeries)]);
        }
        // The group's label under its bars, elided to the slot.
        const QString label = fm.elidedText(reports::plainText(row[size_t(chart.labelColumn)]),
                                            Qt::ElideRight, slot - 2);
        p.setPen(Qt::black);
        p.drawText(QRectF(plot.left() + g * slot, plot.bottom() + line * 0.2, slot, line),
                   Qt::AlignHCenter | Qt::AlignTop, label);
    }
    p.setPen(QPen(Qt::black, 0.7));
    p.drawLine(QPointF(plot.left(), y(0)), QPointF(plot.right(), y(0)));
}

} // namespace agro::render
