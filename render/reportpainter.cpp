#include "reportpainter.h"

#include "reportchartpainter.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLocale>
#include <QPageSize>
#include <QPagedPaintDevice>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace agro::render {

namespace {
QString tr(const char *s) {
    return QCoreApplication::translate("agro::render::ReportPainter", s);
}

// Sizes in points; fonts are sized in pixels of the painter's point-based coordinates, so
// the same metrics hold while measuring (no device) and while painting at any resolution.
constexpr int kBodyPt = 9;
constexpr int kTablePt = 7;
constexpr double kChartHeight = 190;
constexpr int kChartBars = 24;

QFont font(int pt, bool bold = false) {
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(pt);
    // No ligatures: "fi" must stay two letters for text extraction and search in readers.
    f.setStyleStrategy(QFont::PreferNoShaping);
    f.setBold(bold);
    return f;
}
} // namespace

QString printedText(const reports::Column &column, const reports::Cell &cell) {
    const QLocale loc;
    if (const auto *d = std::get_if<double>(&cell)) {
        switch (column.type) {
        case reports::ColumnType::Percent:
            return loc.toString(*d * 100, 'f', column.decimals) + QStringLiteral(" %");
        case reports::ColumnType::Integer:
            return loc.toString(*d, 'f', 0);
        case reports::ColumnType::Mass:
            return loc.toString(*d, 'f', column.decimals) + QStringLiteral(" kg");
        default:
            return loc.toString(*d, 'f', column.decimals);
        }
    }
    if (std::holds_alternative<std::monostate>(cell))
        return QStringLiteral("—");
    return reports::plainText(cell);
}

/// One layout pass: without a painter it only measures (page breaks, section pages).
struct ReportPainter::Pass {
    QPainter *p = nullptr;
    QPagedPaintDevice *device = nullptr;
    QRectF page; ///< the printable area, in points
    int pageNo = 0;
    double y = 0;
    double bodyTop = 0, bodyBottom = 0;
};

QPageLayout ReportPainter::pageLayout() {
    return QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(36, 32, 36, 32),
                       QPageLayout::Point);
}

ReportPainter::ReportPainter(const reports::Report &report)
    : m_report(report) {}

int ReportPainter::paint(QPagedPaintDevice &device) {
    device.setPageLayout(pageLayout());
    // Measure first: the contents and "page N of M" need the page numbers.
    Pass measure;
    measure.page = QRectF(QPointF(0, 0), pageLayout().paintRect(QPageLayout::Point).size());
    run(measure);
    QPainter painter(&device);
    // Work in points whatever the device's resolution.
    const double scale = device.logicalDpiX() / 72.0;
    painter.scale(scale, scale);
    Pass draw;
    draw.p = &painter;
    draw.device = &device;
    draw.page = measure.page;
    run(draw);
    painter.end();
    return m_pages;
}

void ReportPainter::run(Pass &pass) {
    const bool drawing = pass.p != nullptr;
    QFont body = font(kBodyPt);
    auto metrics = [](const QFont &f) { return QFontMetricsF(f); };
    const double bodyLine = metrics(body).height();
    const QString runningHead = m_report.title;
    const QString when =
        m_report.generatedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));

    auto startPage = [&] {
        if (pass.pageNo > 0 && drawing)
            pass.device->newPage();
        ++pass.pageNo;
        pass.bodyTop = pass.page.top() + bodyLine * 2;
        pass.bodyBottom = pass.page.bottom() - bodyLine * 2;
        pass.y = pass.bodyTop;
        if (!drawing)
            return;
        QPainter &p = *pass.p;
        p.setFont(font(7));
        p.setPen(QColor(0x55, 0x55, 0x55));
        p.drawText(QRectF(pass.page.left(), pass.page.top(), pass.page.width(), bodyLine),
                   Qt::AlignLeft | Qt::AlignTop, runningHead);
        p.drawText(QRectF(pass.page.left(), pass.page.top(), pass.page.width(), bodyLine),
                   Qt::AlignRight | Qt::AlignTop, tr("Generated %1").arg(when));
        p.drawLine(QPointF(pass.page.left(), pass.page.top() + bodyLine * 1.2),
                   QPointF(pass.page.right(), pass.page.top() + bodyLine * 1.2));
        const QRectF foot(pass.page.left(), pass.page.bottom() - bodyLine, pass.page.width(),
                          bodyLine);
        p.drawText(foot, Qt::AlignLeft | Qt::AlignBottom,
                   tr("Data SHA-256 %1 · workspace %2")
                       .arg(m_report.dataSha256.left(16), m_report.workspaceId));
        p.drawText(foot, Qt::AlignRight | Qt::AlignBottom,
                   tr("Page %1 of %2").arg(pass.pageNo).arg(m_pages));
        p.setPen(Qt::black);
    };
    auto text = [&](const QFont &f, const QString &s, int flags = Qt::TextWordWrap) {
        const QFontMetricsF fm = metrics(f);
        const QRectF need = fm.boundingRect(QRectF(0, 0, pass.page.width(), 1e6), flags, s);
        if (pass.y + need.height() > pass.bodyBottom)
            startPage();
        if (drawing) {
            pass.p->setFont(f);
            pass.p->drawText(QRectF(pass.page.left(), pass.y, pass.page.width(), need.height()),
                             flags, s);
        }
        pass.y += need.height();
    };

    // Title page: what the report is, what it was made from, and the contents.
    startPage();
    text(font(18, true), m_report.title);
    pass.y += bodyLine * 0.6;
    for (const auto &[key, value] : reports::reportMetadata(m_report)) {
        if (key == QLatin1String("title"))
            continue;
        const QFontMetricsF fm = metrics(body);
        if (drawing) {
            pass.p->setFont(font(kBodyPt, true));
            pass.p->drawText(QPointF(pass.page.left(), pass.y + fm.ascent()), key);
            pass.p->setFont(body);
            pass.p->drawText(QPointF(pass.page.left() + 110, pass.y + fm.ascent()), value);
        }
        pass.y += bodyLine * 1.25;
    }
    pass.y += bodyLine;
    text(font(12, true), tr("Contents"));
    pass.y += bodyLine * 0.3;
    for (size_t i = 0; i < m_report.sections.size(); ++i) {
        const QString page =
            i < m_sectionPages.size() ? QString::number(m_sectionPages[i]) : QStringLiteral("0");
        if (drawing) {
            pass.p->setFont(body);
            const QRectF row(pass.page.left() + 12, pass.y, 420, bodyLine);
            pass.p->drawText(row, Qt::AlignLeft, m_report.sections[i].title);
            pass.p->drawText(row, Qt::AlignRight, page);
        }
        pass.y += bodyLine * 1.3;
    }

    std::vector<int> sectionPages;
    for (const reports::Section &s : m_report.sections) {
        startPage(); // each section on its own page: the contents can point to it
        sectionPages.push_back(pass.pageNo);
        text(font(14, true), s.title);
        if (!s.note.isEmpty()) {
            pass.y += bodyLine * 0.2;
            text(body, s.note);
        }
        pass.y += bodyLine * 0.5;
        if (s.rows.empty()) {
            text(body, tr("Nothing to report for these parameters."));
            continue;
        }
        if (s.chart) {
            const int bars = std::min<int>(int(s.rows.size()), kChartBars);
            QString title = s.chart->title;
            if (bars < int(s.rows.size()))
                title += tr(" (the first %1 of %2)").arg(bars).arg(s.rows.size());
            text(font(10, true), title);
            if (pass.y + kChartHeight > pass.bodyBottom)
                startPage();
            if (drawing) {
                pass.p->setFont(font(7));
                paintBarChart(*pass.p,
                              QRectF(pass.page.left(), pass.y, pass.page.width(), kChartHeight), s,
                              *s.chart, kChartBars);
            }
            pass.y += kChartHeight + bodyLine;
        }

        // The table: widths from the content, text columns elided to fit the page.
        const double pad = 3;
        std::vector<std::vector<QString>> cells(s.rows.size());
        for (size_t r = 0; r < s.rows.size(); ++r)
            for (size_t c = 0; c < s.columns.size(); ++c)
                cells[r].push_back(c < s.rows[r].size() ? printedText(s.columns[c], s.rows[r][c])
                                                        : QString());
        // Widths from the content at a font size; text columns give way first (elided, never
        // below 70 pt), since an elided number is no number.
        auto measure = [&](int px, std::vector<double> &widths) {
            const QFontMetricsF cm = metrics(font(px)), hm = metrics(font(px, true));
            widths.clear();
            for (size_t c = 0; c < s.columns.size(); ++c) {
                // A header may wrap: its longest word, or half of it, sets the minimum.
                double w = 0;
                for (const QString &word : s.columns[c].title.split(QLatin1Char(' ')))
                    w = std::max(w, hm.horizontalAdvance(word));
                w = std::max(w, hm.horizontalAdvance(s.columns[c].title) / 2);
                for (const auto &row : cells)
                    w = std::max(w, cm.horizontalAdvance(row[c]));
                if (s.columns[c].type == reports::ColumnType::Text)
                    w = std::min(w, 220.0);
                widths.push_back(w + 2 * pad);
            }
            double total = 0, textWidth = 0;
            for (size_t c = 0; c < widths.size(); ++c) {
                total += widths[c];
                if (s.columns[c].type == reports::ColumnType::Text)
                    textWidth += widths[c];
            }
            if (total > pass.page.width() && textWidth > 0) {
                const double f = std::max(0.0, 1 - (total - pass.page.width()) / textWidth);
                total = 0;
                for (size_t c = 0; c < widths.size(); ++c) {
                    if (s.columns[c].type == reports::ColumnType::Text)
                        widths[c] = std::max(std::min(widths[c], 70.0), widths[c] * f);
                    total += widths[c];
                }
            }
            return total;
        };
        // A wide table gets a smaller type (down to 5 pt) before anything is cut.
        std::vector<double> widths;
        int px = kTablePt;
        double total = measure(px, widths);
        while (total > pass.page.width() && px > 5)
            total = measure(--px, widths);
        if (total > pass.page.width())
            for (double &w : widths)
                w *= pass.page.width() / total;
        const QFont cellFont = font(px);
        const QFont headFont = font(px, true);
        const QFontMetricsF cfm = metrics(cellFont), hfm = metrics(headFont);
        const double rowH = cfm.height() * 1.35;
        // As tall as the most wrapped title needs.
        double headH = hfm.height() * 1.4;
        for (size_t c = 0; c < s.columns.size(); ++c)
            headH = std::max(headH, hfm.boundingRect(QRectF(0, 0, widths[c] - 2 * pad, 1e4),
                                                     Qt::TextWordWrap, s.columns[c].title)
                                            .height() +
                                        hfm.height() * 0.4);
        auto header = [&] {
            if (drawing) {
                QPainter &p = *pass.p;
                p.setFont(headFont);
                double x = pass.page.left();
                p.fillRect(QRectF(x, pass.y, pass.page.width(), headH), QColor(0xe8, 0xee, 0xea));
                for (size_t c = 0; c < s.columns.size(); ++c) {
                    const bool number = s.columns[c].type != reports::ColumnType::Text;
                    p.drawText(QRectF(x + pad, pass.y, widths[c] - 2 * pad, headH),
                               Qt::TextWordWrap | Qt::AlignVCenter |
                                   (number ? Qt::AlignRight : Qt::AlignLeft),
                               s.columns[c].title);
                    x += widths[c];
                }
            }
            pass.y += headH;
        };
        if (pass.y + headH + rowH > pass.bodyBottom)
            startPage();
        header();
        for (size_t r = 0; r < cells.size(); ++r) {
            if (pass.y + rowH > pass.bodyBottom) {
                startPage();
                header(); // the header again on every page of the table
            }
            if (drawing) {
                QPainter &p = *pass.p;
                if (r % 2 == 1)
                    p.fillRect(QRectF(pass.page.left(), pass.y, pass.page.width(), rowH),
                               QColor(0xf5, 0xf5, 0xf5));
                p.setFont(cellFont);
                double x = pass.page.left();
                for (size_t c = 0; c < s.columns.size(); ++c) {
                    const bool number = s.columns[c].type != reports::ColumnType::Text;
                    const QString t =
                        cfm.elidedText(cells[r][c], Qt::ElideRight, widths[c] - 2 * pad);
                    p.drawText(QRectF(x + pad, pass.y, widths[c] - 2 * pad, rowH),
                               Qt::AlignVCenter | (number ? Qt::AlignRight : Qt::AlignLeft), t);
                    x += widths[c];
                }
            }
            pass.y += rowH;
        }
    }
    m_sectionPages = sectionPages;
    m_pages = pass.pageNo;
}

} // namespace agro::render
