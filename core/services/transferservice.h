#pragma once

#include "common/progress.h"
#include "io/csvreader.h"
#include "io/importer.h"

#include <QCoroTask>

namespace agro::services {

/// CSV import, export and preview, off the caller's thread.
class TransferService {
public:
    static QCoro::Task<Result<io::CsvPreview>> preview(QString file, int rows);
    static QCoro::Task<Result<io::ImportSummary>> importCsv(QString workspace, io::CsvKind kind,
                                                            QString file, io::ColumnMapping mapping,
                                                            ProgressPtr progress);
    static QCoro::Task<Result<std::int64_t>> exportCsv(QString workspace, io::CsvKind kind,
                                                       QString file, ProgressPtr progress);
};

} // namespace agro::services
