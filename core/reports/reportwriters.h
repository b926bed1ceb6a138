#pragma once

#include "common/result.h"
#include "report.h"

namespace agro::reports {

/// CSV (RFC 4180: CRLF line ends, quotes where needed; UTF-8): the metadata as "key,value"
/// rows, then each section as a "section,KEY" row, its header of column keys and its rows,
/// blocks separated by an empty line. Numbers in full precision, dates ISO 8601, empty cells
/// empty. Written to a temporary file and renamed: a failed write leaves no partial file.
Result<void> writeCsv(const Report &r, const QString &path);
/// The same CSV, in memory.
QByteArray csvBytes(const Report &r);

/// XLSX (libxlsxwriter): an "About" sheet with the metadata, then one sheet per section with
/// typed cells and number formats, a bold frozen header and the charts' data as tables.
/// The creation time is the report's generation time, so the same report gives the same bytes.
Result<void> writeXlsx(const Report &r, const QString &path);

/// PDF needs fonts and a painter (QtGui), which the core does not link: the programs that can
/// write PDF register their writer at start (the desktop app and agrodesk-cli do).
using PdfWriter = Result<void> (*)(const Report &r, const QString &path);
void setPdfWriter(PdfWriter writer);
PdfWriter pdfWriter();

} // namespace agro::reports
