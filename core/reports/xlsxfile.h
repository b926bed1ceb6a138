#pragma once

#include "common/result.h"

#include <QFile>
#include <QString>

#include <xlsxwriter.h>

namespace agro::reports {

/// Workbooks are written to PATH.part and renamed when complete, so a failed or cancelled
/// export leaves no partial file. The temporary name of `path`:
inline QString partialName(const QString &path) {
    return path + QStringLiteral(".part");
}

/// A new workbook at partialName(path) (a stale one is replaced); null if it cannot be made.
inline lxw_workbook *openWorkbook(const QString &path, lxw_workbook_options *options = nullptr) {
    const QString temp = partialName(path);
    QFile::remove(temp);
    const QByteArray name = QFile::encodeName(temp);
    return options ? workbook_new_opt(name.constData(), options) : workbook_new(name.constData());
}

/// Closes the workbook written to partialName(path) and puts it in place; on any failure
/// removes it and names the problem.
inline Result<void> finishWorkbook(lxw_workbook *wb, const QString &path) {
    const QString temp = partialName(path);
    const lxw_error e = workbook_close(wb);
    if (e != LXW_NO_ERROR) {
        QFile::remove(temp);
        return Error::make(ErrorCode::Io,
                           QStringLiteral("%1: %2").arg(path, QString::fromUtf8(lxw_strerror(e))));
    }
    QFile::remove(path);
    if (!QFile::rename(temp, path)) {
        QFile::remove(temp);
        return Error::make(ErrorCode::Io, QStringLiteral("%1: cannot be replaced").arg(path));
    }
    return {};
}

} // namespace agro::reports
