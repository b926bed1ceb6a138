#include "reportpdf.h"

#include "reportpainter.h"

#include <QFile>
#include <QPdfWriter>

namespace agro::render {

Result<void> writeReportPdf(const reports::Report &report, const QString &path) {
    const QString temp = path + QStringLiteral(".part");
    {
        QPdfWriter writer(temp);
        writer.setResolution(300);
        writer.setTitle(report.title);
        writer.setCreator(QStringLiteral("AgroDesk %1").arg(report.appVersion));
        ReportPainter painter(report);
        if (painter.paint(writer) <= 0) {
            QFile::remove(temp);
            return Error::make(ErrorCode::Io, QStringLiteral("%1: nothing to print").arg(path));
        }
    }
    if (QFile(temp).size() == 0) {
        QFile::remove(temp);
        return Error::make(ErrorCode::Io, QStringLiteral("%1: cannot be written").arg(path));
    }
    QFile::remove(path);
    if (!QFile::rename(temp, path)) {
        QFile::remove(temp);
        return Error::make(ErrorCode::Io, QStringLiteral("%1: cannot be replaced").arg(path));
    }
    return {};
}

} // namespace agro::render
