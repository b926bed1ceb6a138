#include "salesexport.h"

#include "analytics/calendar.h"
#include "io/csvreader.h"
#include "reportbuilders.h"
#include "reporttext.h"
#include "store/contenthash.h"
#include "store/workspace.h"
#include "xlsxfile.h"

#include <QFile>
#include <QSaveFile>

#include <xlsxwriter.h>

#include <limits>

namespace agro::reports {

namespace {

constexpr qint64 kRowsPerSheet = 1000000;

// The export's rows: the farm and period as bindings ?1–?3.
constexpr const char *kSalesFrom =
    " FROM sales_daily s JOIN products p ON p.lid = s.product JOIN farms f ON f.id = p.farm_id "
    "WHERE (coalesce(?1, '') = '' OR p.farm_id = ?1) AND s.day BETWEEN ?2 AND ?3";

/// The rows to export, in the table's key order (no sort: streamed as stored), with the
/// progress total set to their number (one counting pass, so the bar ends at the end).
Result<store::Statement> salesRows(store::Connection &db, const Parameters &p, Progress *progress) {
    auto farm = farmId(db, p.farm);
    if (!farm.ok())
        return farm.error();
    const qint64 from =
        p.from.isValid() ? QDate(1970, 1, 1).daysTo(p.from) : std::numeric_limits<qint32>::min();
    const qint64 to =
        p.to.isValid() ? QDate(1970, 1, 1).daysTo(p.to) : std::numeric_limits<qint32>::max();
    auto bind = [&](store::Statement &st) {
        st.bind(1, farm.value());
        st.bind(2, from);
        st.bind(3, to);
    };
    if (progress) {
        auto count = db.prepare(std::string("SELECT count(*)") + kSalesFrom);
        if (!count.ok())
            return count.error();
        bind(count.value());
        auto row = count->step();
        if (!row.ok())
            return row.error();
        progress->set(0, count->int64(0));
    }
    auto st = db.prepare(std::string("SELECT s.day, p.sku, p.name, f.name, s.channel, "
                                     "s.quantity, s.price, s.promotion, s.stockout") +
                         kSalesFrom + " ORDER BY s.product, s.day, s.channel");
    if (!st.ok())
        return st.error();
    bind(st.value());
    return st;
}

const char *kHeader[] = {"day",      "sku",   "product", "farm",      "channel",
                         "quantity", "price", "revenue", "promotion", "stockout"};

Error cancelled() {
    return Error::make(ErrorCode::Cancelled, QStringLiteral("the export was cancelled"));
}

} // namespace

Result<Report> salesExportReport(store::Connection &db, const Parameters &p,
                                 const QString &appVersion) {
    auto farm = farmId(db, p.farm);
    if (!farm.ok())
        return farm.error();
    if (p.from.isValid() && p.to.isValid() && p.from > p.to)
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("the period starts after it ends"));
    Report r;
    r.name = QStringLiteral("sales-data");
    r.title = t("Sales data");
    r.parameters = p;
    r.parameterLines = {
        {QStringLiteral("farm"), farmName(db, farm.value())},
        {QStringLiteral("from"), p.from.isValid() ? p.from.toString(Qt::ISODate) : t("first day")},
        {QStringLiteral("to"), p.to.isValid() ? p.to.toString(Qt::ISODate) : t("last day")}};
    r.dataTables = {QStringLiteral("farms"), QStringLiteral("products"),
                    QStringLiteral("sales_daily")};
    auto info = store::Workspace::info(db);
    if (!info.ok())
        return info.error();
    r.workspaceId = info->workspaceId;
    r.appVersion = appVersion;
    r.generatedAt = p.asOf.isValid() ? p.asOf.toUTC() : QDateTime::currentDateTimeUtc();
    auto hash = store::contentHash(db, r.dataTables);
    if (!hash.ok())
        return hash.error();
    r.dataSha256 = QString::fromLatin1(hash->toHex());
    return r;
}

Result<qint64> exportSalesCsv(store::Connection &db, const Parameters &p, const QString &path,
                              const QString &appVersion, Progress *progress) {
    auto meta = salesExportReport(db, p, appVersion);
    if (!meta.ok())
        return meta.error();
    auto st = salesRows(db, p, progress);
    if (!st.ok())
        return st.error();
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return Error::make(ErrorCode::Io, QStringLiteral("%1: %2").arg(path, out.errorString()));
    std::string buf;
    buf.reserve(1 << 20);
    auto field = [&buf](std::string_view s) { io::appendCsvField(buf, s); };
    for (const auto &[key, value] : reportMetadata(meta.value())) {
        field(key.toStdString());
        buf.push_back(',');
        field(value.toStdString());
        buf += "\r\n";
    }
    buf += "\r\nsection,sales\r\n";
    for (size_t i = 0; i < std::size(kHeader); ++i) {
        if (i)
            buf.push_back(',');
        buf += kHeader[i];
    }
    buf += "\r\n";
    qint64 rows = 0;
    for (;;) {
        auto row = st->step();
        if (!row.ok())
            return row.error();
        if (!row.value())
            break;
        const auto c = analytics::civilFromDays(std::int32_t(st->int64(0)));
        char day[16];
        const int n = std::snprintf(day, sizeof day, "%04d-%02d-%02d", c.year, c.month, c.day);
        buf.append(day, size_t(n));
        buf.push_back(',');
        field(st->text(1).toStdString());
        buf.push_back(',');
        field(st->text(2).toStdString());
        buf.push_back(',');
        field(st->text(3).toStdString());
        buf.push_back(',');
        field(st->text(4).toStdString());
        const double quantity = st->real(5), price = st->real(6);
        for (double v : {quantity, price, quantity * price}) {
            buf.push_back(',');
            io::appendCsvNumber(buf, v);
        }
        buf += st->int64(7) ? ",1" : ",0";
        buf += st->int64(8) ? ",1\r\n" : ",0\r\n";
        if ((++rows & 0xfff) == 0) {
            if (out.write(buf.data(), qint64(buf.size())) != qint64(buf.size()))
                return Error::make(ErrorCode::Io,
                                   QStringLiteral("%1: %2").arg(path, out.errorString()));
            buf.clear();
            if (progress) {
                progress->done.store(rows, std::memory_order_relaxed);
                if (progress->isCancelled())
                    return cancelled(); // QSaveFile discards what was written
            }
        }
    }
    if (out.write(buf.data(), qint64(buf.size())) != qint64(buf.size()) || !out.commit())
        return Error::make(ErrorCode::Io, QStringLiteral("%1: %2").arg(path, out.errorString()));
    if (progress)
        progress->done.store(progress->total.load());
    return rows;
}

Result<qint64> exportSalesXlsx(store::Connection &db, const Parameters &p, const QString &path,
                               const QString &appVersion, Progress *progress) {
    auto meta = salesExportReport(db, p, appVersion);
    if (!meta.ok())
        return meta.error();
    auto st = salesRows(db, p, progress);
    if (!st.ok())
        return st.error();

    // Constant memory: each row goes to a temporary file as soon as the next one starts.
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.use_zip64 = LXW_TRUE; // no 4 GB limit on a sheet's XML, whatever the size
    lxw_workbook *wb = openWorkbook(path, &options);
    if (!wb)
        return Error::make(ErrorCode::Io, QStringLiteral("%1: cannot be created").arg(path));
    auto abandon = [&](Error e) {
        workbook_close(wb);
        QFile::remove(partialName(path));
        return e;
    };
    lxw_doc_properties props{};
    const QByteArray title = meta->title.toUtf8();
    props.title = const_cast<char *>(title.constData());
    props.created = time_t(meta->generatedAt.toSecsSinceEpoch());
    workbook_set_properties(wb, &props);
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    lxw_format *money = workbook_add_format(wb);
    format_set_num_format(money, "#,##0.00");

    lxw_worksheet *about = workbook_add_worksheet(wb, "About");
    lxw_row_t at = 0;
    for (const auto &[key, value] : reportMetadata(meta.value())) {
        worksheet_write_string(about, at, 0, key.toUtf8().constData(), bold);
        worksheet_write_string(about, at, 1, value.toUtf8().constData(), nullptr);
        ++at;
    }
    worksheet_set_column(about, 0, 0, 16, nullptr);
    worksheet_set_column(about, 1, 1, 70, nullptr);

    lxw_worksheet *ws = nullptr;
    qint64 rows = 0;
    lxw_row_t row = 0;
    auto newSheet = [&](int number) {
        const QByteArray name = QStringLiteral("Sales %1").arg(number).toUtf8();
        ws = workbook_add_worksheet(wb, name.constData());
        for (lxw_col_t c = 0; c < lxw_col_t(std::size(kHeader)); ++c)
            worksheet_write_string(ws, 0, c, kHeader[c], bold);
        worksheet_freeze_panes(ws, 1, 0);
        worksheet_set_column(ws, 2, 2, 34, nullptr);
        row = 1;
    };
    newSheet(1);
    for (;;) {
        auto step = st->step();
        if (!step.ok())
            return abandon(step.error());
        if (!step.value())
            break;
        if (row > kRowsPerSheet)
            newSheet(int(rows / kRowsPerSheet) + 1);
        const auto c = analytics::civilFromDays(std::int32_t(st->int64(0)));
        lxw_datetime dt{c.year, c.month, c.day, 0, 0, 0};
        worksheet_write_datetime(ws, row, 0, &dt, date);
        worksheet_write_string(ws, row, 1, st->text(1).toUtf8().constData(), nullptr);
        worksheet_write_string(ws, row, 2, st->text(2).toUtf8().constData(), nullptr);
        worksheet_write_string(ws, row, 3, st->text(3).toUtf8().constData(), nullptr);
        worksheet_write_string(ws, row, 4, st->text(4).toUtf8().constData(), nullptr);
        const double quantity = st->real(5), price = st->real(6);
        worksheet_write_number(ws, row, 5, quantity, nullptr);
        worksheet_write_number(ws, row, 6, price, money);
        worksheet_write_number(ws, row, 7, quantity * price, money);
        worksheet_write_number(ws, row, 8, double(st->int64(7)), nullptr);
        worksheet_write_number(ws, row, 9, double(st->int64(8)), nullptr);
        ++row;
        if ((++rows & 0xfff) == 0 && progress) {
            progress->done.store(rows, std::memory_order_relaxed);
            if (progress->isCancelled())
                return abandon(cancelled());
        }
    }
    AGRO_TRY(finishWorkbook(wb, path));
    if (progress)
        progress->done.store(progress->total.load());
    return rows;
}

} // namespace agro::reports
