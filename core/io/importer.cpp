#include "importer.h"

#include "importsink.h"
#include "sync/uuid7.h"

#include <QFileInfo>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcImport, "agrodesk.io.import", QtWarningMsg)

namespace agro::io {

Result<double> RowContext::number(int col, double min, double max) const {
    const auto v = parseNumber(raw(col), m_decimalComma);
    if (!v)
        return error(ErrorCode::CsvBadNumber, col, text(col));
    if (*v < min || *v > max)
        return error(ErrorCode::CsvBadNumber, col,
                     QStringLiteral("%1 is outside %2 … %3").arg(text(col)).arg(min).arg(max));
    return *v;
}

Result<std::int32_t> RowContext::date(int col) const {
    const auto v = parseIsoDate(raw(col));
    if (!v)
        return error(ErrorCode::CsvBadDate, col, text(col));
    return *v;
}

Result<std::int64_t> RowContext::timestamp(int col) const {
    const auto v = parseIsoDateTime(raw(col));
    if (!v)
        return error(ErrorCode::CsvBadDate, col, text(col));
    return *v;
}

Result<bool> RowContext::flag(int col) const {
    const auto v = parseFlag(raw(col));
    if (!v)
        return error(ErrorCode::CsvBadValue, col, text(col));
    return *v;
}

Error RowContext::error(ErrorCode code, int col, const QString &detail) const {
    const int src = m_map[size_t(col)];
    Error e = m_reader.errorAt(code, src, detail);
    if (src < 0)
        e.field = m_spec[size_t(col)].name;
    return e;
}

Result<QString> rowId(const RowContext &row, int col, store::Mutator &m) {
    if (!row.has(col))
        return m.newId();
    const QString id = row.text(col);
    if (!sync::Uuid7Generator::isValid(id))
        return row.error(ErrorCode::CsvBadValue, col, id);
    return id;
}

Result<std::vector<int>> resolveColumns(CsvKind kind, const QStringList &header,
                                        const ColumnMapping &mapping, const QString &file) {
    const auto &spec = csvColumns(kind);
    std::vector<int> map(spec.size(), -1);
    for (size_t i = 0; i < spec.size(); ++i) {
        const auto it = mapping.find(spec[i].name);
        if (it != mapping.end()) {
            if (it->second >= header.size()) {
                Error e = Error::make(ErrorCode::CsvMissingColumn,
                                      QStringLiteral("mapped to column %1").arg(it->second + 1));
                e.file = file;
                e.field = spec[i].name;
                return e;
            }
            map[i] = it->second;
        } else {
            for (qsizetype c = 0; c < header.size(); ++c)
                if (header[c].compare(spec[i].name, Qt::CaseInsensitive) == 0)
                    map[i] = int(c);
        }
        if (map[i] < 0 && spec[i].required) {
            Error e = Error::make(ErrorCode::CsvMissingColumn);
            e.file = file;
            e.line = 1;
            e.field = spec[i].name;
            return e;
        }
    }
    return map;
}

namespace {
std::unique_ptr<ImportSink> makeSink(CsvKind kind) {
    switch (kind) {
    case CsvKind::Sales:
        return makeSalesSink();
    case CsvKind::Products:
        return makeProductsSink();
    case CsvKind::Costs:
        return makeCostsSink();
    case CsvKind::Harvests:
        return makeHarvestsSink();
    case CsvKind::Readings:
        return makeReadingsSink();
    }
    return nullptr;
}
} // namespace

Result<ImportSummary> importCsv(store::Connection &db, CsvKind kind, const QString &file,
                                const ColumnMapping &mapping, Progress *progress) {
    auto opened = CsvReader::open(file);
    if (!opened.ok())
        return opened.error();
    CsvReader &reader = *opened.value();
    auto map = resolveColumns(kind, reader.header(), mapping, file);
    if (!map.ok())
        return map.error();
    const auto &spec = csvColumns(kind);

    // Bulk facts reference their parents by lids the sink looked up inside this same write
    // transaction, so they cannot dangle; SQLite's per-row parent probes cost about a third of
    // a sales import. Enforcement is off for bulk kinds only, and back on before returning.
    const bool bulk = kind == CsvKind::Sales || kind == CsvKind::Readings;
    struct ForeignKeys {
        store::Connection &db;
        bool off;
        ~ForeignKeys() {
            if (off)
                (void)db.exec("PRAGMA foreign_keys=ON");
        }
    } foreignKeys{db, bulk};
    if (bulk)
        AGRO_TRY(db.exec("PRAGMA foreign_keys=OFF"));

    auto mutator = store::Mutator::begin(db);
    if (!mutator.ok())
        return mutator.error();
    auto sink = makeSink(kind);
    const QString source = QStringLiteral("import:") + QFileInfo(file).fileName();
    AGRO_TRY(sink->start(mutator.value(), source));

    const qsizetype columns = reader.header().size();
    std::int64_t rows = 0;
    for (;;) {
        auto more = reader.next();
        if (!more.ok())
            return more.error();
        if (!more.value())
            break;
        if (qsizetype(reader.fields().size()) != columns) {
            return reader.errorAt(ErrorCode::CsvColumnCount, -1,
                                  QStringLiteral("%1 values, header has %2")
                                      .arg(reader.fields().size())
                                      .arg(columns));
        }
        AGRO_TRY(sink->row(RowContext(reader, map.value(), spec)));
        ++rows;
        if ((rows & 0x3ff) == 0 && progress) {
            progress->set(reader.bytesRead(), reader.totalBytes());
            if (progress->isCancelled())
                return Error::make(ErrorCode::Cancelled);
        }
    }
    if (rows == 0) {
        Error e = Error::make(ErrorCode::CsvEmpty, QStringLiteral("header only"));
        e.file = file;
        return e;
    }
    auto written = sink->finish();
    if (!written.ok())
        return written.error();
    if (progress && progress->isCancelled())
        return Error::make(ErrorCode::Cancelled);
    AGRO_TRY(mutator->commit());
    if (progress)
        progress->set(reader.totalBytes(), reader.totalBytes());
    qCInfo(lcImport) << "imported" << rows << csvKindName(kind) << "rows from" << file;
    return ImportSummary{kind, rows};
}

} // namespace agro::io
