#pragma once

#include "common/result.h"
#include "reports/report.h"

namespace agro::render {

/// Writes the report as a PDF (A4 landscape, vector text, tables and charts). Needs a
/// QGuiApplication. Written to a temporary name and renamed: no partial file on failure.
Result<void> writeReportPdf(const reports::Report &report, const QString &path);

} // namespace agro::render
