#include "exporter.h"

#include "store/auditlog.h"

#include <QFileInfo>

#include "analytics/calendar.h"
#include "csvreader.h"

#include <QSaveFile>

#include <cstdio>

namespace agro::io {

namespace {
enum class Fmt { Text, Number, Day, Timestamp, Flag };

struct ExportQuery {
    const char *sql;
    std::vector<Fmt> formats;
};

// A farm's name, or its id where several farms share the name (so the import resolves it).
#define FARM_REF(alias)                                                                            \
    "CASE WHEN (SELECT count(*) FROM farms f2 WHERE f2.name = " alias ".name) > 1 THEN " alias     \
    ".id ELSE " alias ".name END"

const ExportQuery &queryFor(CsvKind kind) {
    static const ExportQuery sales{
        "SELECT p.sku, s.day, s.quantity, s.price, s.promotion, s.channel, s.stockout "
        "FROM sales_daily s JOIN products p ON p.lid = s.product "
        "ORDER BY s.product, s.day, s.channel",
        {Fmt::Text, Fmt::Day, Fmt::Number, Fmt::Number, Fmt::Flag, Fmt::Text, Fmt::Flag}};
    static const ExportQuery products{
        "SELECT p.sku, p.name, " FARM_REF(
            "f") ", c.name, p.unit, p.price, p.unit_cost, "
                 "p.lead_time_days, p.ordering_cost, p.holding_cost_rate, p.pack_size, "
                 "p.min_order_qty, "
                 "p.shelf_life_days, p.active FROM products p JOIN farms f ON f.id = p.farm_id "
                 "LEFT JOIN product_categories c ON c.id = p.category_id ORDER BY p.lid",
        {Fmt::Text, Fmt::Text, Fmt::Text, Fmt::Text, Fmt::Text, Fmt::Number, Fmt::Number,
         Fmt::Number, Fmt::Number, Fmt::Number, Fmt::Number, Fmt::Number, Fmt::Number, Fmt::Flag}};
    static const ExportQuery costs{
        "SELECT c.id, " FARM_REF(
            "f") ", c.planting_id, c.category, c.amount, c.currency, "
                 "c.incurred_on, c.allocation, c.description FROM cost_entries c "
                 "JOIN farms f ON f.id = c.farm_id ORDER BY c.lid",
        {Fmt::Text, Fmt::Text, Fmt::Text, Fmt::Text, Fmt::Number, Fmt::Text, Fmt::Text, Fmt::Text,
         Fmt::Text}};
    static const ExportQuery harvests{
        "SELECT id, planting_id, harvested_on, quantity_kg, 'kg', rejected_kg, grade "
        "FROM harvests ORDER BY lid",
        {Fmt::Text, Fmt::Text, Fmt::Text, Fmt::Number, Fmt::Text, Fmt::Number, Fmt::Text}};
    static const ExportQuery readings{
        "SELECT CASE WHEN (SELECT count(*) FROM sensors s2 WHERE s2.name = s.name) > 1 "
        "THEN s.id ELSE s.name END, r.ts, r.value FROM sensor_readings r "
        "JOIN sensors s ON s.lid = r.sensor ORDER BY r.sensor, r.ts",
        {Fmt::Text, Fmt::Timestamp, Fmt::Number}};
    switch (kind) {
    case CsvKind::Sales:
        return sales;
    case CsvKind::Products:
        return products;
    case CsvKind::Costs:
        return costs;
    case CsvKind::Harvests:
        return harvests;
    case CsvKind::Readings:
        return readings;
    }
    return sales;
}

void appendDay(std::string &out, std::int64_t day) {
    const auto c = analytics::civilFromDays(std::int32_t(day));
    char buf[16];
    const int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
    out.append(buf, size_t(n));
}

void appendTimestamp(std::string &out, std::int64_t ts) {
    std::int64_t day = ts / 86400;
    std::int64_t sec = ts % 86400;
    if (sec < 0) {
        sec += 86400;
        --day;
    }
    appendDay(out, day);
    char buf[16];
    const int n = std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", int(sec / 3600),
                                int(sec / 60 % 60), int(sec % 60));
    out.append(buf, size_t(n));
}
} // namespace

namespace {
Result<std::int64_t> writeExport(store::Connection &db, CsvKind kind, const QString &file,
                                 Progress *progress) {
    const ExportQuery &q = queryFor(kind);
    // A read transaction gives the export one consistent snapshot while others write.
    AGRO_TRY(db.exec("BEGIN"));
    struct EndRead {
        store::Connection &db;
        ~EndRead() { (void)db.exec("COMMIT"); }
    } endRead{db};

    if (progress) {
        auto total = db.scalar(kind == CsvKind::Sales      ? "SELECT count(*) FROM sales_daily"
                               : kind == CsvKind::Readings ? "SELECT count(*) FROM sensor_readings"
                                                           : "SELECT 0");
        if (total.ok())
            progress->set(0, total->toLongLong());
    }
    auto st = db.prepare(q.sql);
    if (!st.ok())
        return st.error();

    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly)) {
        Error e = Error::make(ErrorCode::Io, out.errorString());
        e.file = file;
        return e;
    }
    std::string buf;
    buf.reserve(1 << 20);
    const auto &spec = csvColumns(kind);
    for (size_t i = 0; i < spec.size(); ++i) {
        if (i)
            buf.push_back(',');
        buf.append(spec[i].name.toStdString());
    }
    buf.push_back('\n');
    std::int64_t rows = 0;
    for (;;) {
        auto row = st->step();
        if (!row.ok())
            return row.error();
        if (!row.value())
            break;
        for (size_t c = 0; c < q.formats.size(); ++c) {
            if (c)
                buf.push_back(',');
            const int col = int(c);
            if (st->isNull(col))
                continue;
            switch (q.formats[c]) {
            case Fmt::Text:
                appendCsvField(buf, st->utf8(col));
                break;
            case Fmt::Number:
                appendCsvNumber(buf, st->real(col));
                break;
            case Fmt::Day:
                appendDay(buf, st->int64(col));
                break;
            case Fmt::Timestamp:
                appendTimestamp(buf, st->int64(col));
                break;
            case Fmt::Flag:
                buf.push_back(st->int64(col) ? '1' : '0');
                break;
            }
        }
        buf.push_back('\n');
        ++rows;
        if (buf.size() > (1 << 20) - 4096) {
            if (out.write(buf.data(), qint64(buf.size())) != qint64(buf.size())) {
                Error e = Error::make(ErrorCode::Io, out.errorString());
                e.file = file;
                return e;
            }
            buf.clear();
            if (progress) {
                progress->done.store(rows, std::memory_order_relaxed);
                if (progress->isCancelled()) {
                    out.cancelWriting();
                    return Error::make(ErrorCode::Cancelled);
                }
            }
        }
    }
    if (out.write(buf.data(), qint64(buf.size())) != qint64(buf.size()) || !out.commit()) {
        Error e = Error::make(ErrorCode::Io, out.errorString());
        e.file = file;
        return e;
    }
    if (progress)
        progress->set(rows, std::max<std::int64_t>(rows, progress->total.load()));
    return rows;
}

} // namespace

Result<std::int64_t> exportCsv(store::Connection &db, CsvKind kind, const QString &file,
                               Progress *progress) {
    auto rows = writeExport(db, kind, file, progress);
    if (!rows.ok())
        return rows;
    // Data leaving the workspace is audited (docs/security.md, "Audit").
    AGRO_TRY(store::AuditLog::record(db, QStringLiteral("export.csv"), csvKindName(kind), {},
                                     {{QStringLiteral("file"), QFileInfo(file).absoluteFilePath()},
                                      {QStringLiteral("rows"), qint64(rows.value())}}));
    return rows;
}

} // namespace agro::io
