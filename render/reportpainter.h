#pragma once

#include "reports/report.h"

#include <QPageLayout>

class QPainter;
class QPagedPaintDevice;

namespace agro::render {

/// Lays a report out on pages and paints it: a first page with the title, the reproducibility
/// data and a table of contents; then each section's heading, note, chart and table (header
/// repeated on every page); a running head and "page N of M" on each page. Layout runs twice:
/// once to count pages (for the contents and the page total), once to paint.
class ReportPainter {
public:
    explicit ReportPainter(const reports::Report &report);

    /// Paints every page on `device` (a QPdfWriter or a QPrinter), which must be set up with
    /// the page layout below. Returns the page count.
    int paint(QPagedPaintDevice &device);
    static QPageLayout pageLayout();

private:
    struct Pass;
    void run(Pass &pass);

    const reports::Report &m_report;
    std::vector<int> m_sectionPages;
    int m_pages = 0;
};

/// A cell as a reader sees it in print: grouped thousands, fixed decimals, percentages × 100.
QString printedText(const reports::Column &column, const reports::Cell &cell);

} // namespace agro::render
