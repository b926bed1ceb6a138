// XLSX output of a report (reportwriters.h), with libxlsxwriter.
#include "reportwriters.h"
#include "xlsxfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <xlsxwriter.h>

#include <algorithm>

namespace agro::reports {

namespace {

/// Excel's sheet names: at most 31 characters, none of []:*?/\, unique.
QString sheetName(const QString &title, QSet<QString> &used) {
    QString n = title;
    for (QChar &c : n)
        if (QStringLiteral("[]:*?/\\").contains(c))
            c = QLatin1Char('-');
    n = n.left(31);
    QString unique = n;
    for (int i = 2; used.contains(unique.toLower()); ++i)
        unique =
            n.left(31 - 1 - int(QString::number(i).size())) + QLatin1Char(' ') + QString::number(i);
    used.insert(unique.toLower());
    return unique;
}

const char *numberFormat(const Column &c) {
    switch (c.type) {
    case ColumnType::Integer:
        return "#,##0";
    case ColumnType::Percent:
        return c.decimals >= 1 ? "0.0%" : "0%";
    case ColumnType::Date:
        return "yyyy-mm-dd";
    default:
        break;
    }
    static const char *fixed[] = {"#,##0", "#,##0.0", "#,##0.00", "#,##0.000"};
    return fixed[std::clamp(c.decimals, 0, 3)];
}

} // namespace

Result<void> writeXlsx(const Report &r, const QString &path) {
    lxw_workbook *wb = openWorkbook(path);
    if (!wb)
        return Error::make(ErrorCode::Io, QStringLiteral("%1: cannot be created").arg(path));
    lxw_doc_properties props{};
    const QByteArray title = r.title.toUtf8();
    const QByteArray comments =
        QStringLiteral("data_sha256 %1; workspace %2").arg(r.dataSha256, r.workspaceId).toUtf8();
    props.title = const_cast<char *>(title.constData());
    props.comments = const_cast<char *>(comments.constData());
    props.created = time_t(r.generatedAt.toSecsSinceEpoch());
    workbook_set_properties(wb, &props);

    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format *header = workbook_add_format(wb);
    format_set_bold(header);
    format_set_bottom(header, LXW_BORDER_THIN);
    format_set_text_wrap(header);

    std::vector<QByteArray> keep; // strings must outlive the calls that take them
    auto c = [&keep](const QString &s) {
        keep.push_back(s.toUtf8());
        return keep.back().constData();
    };
    QSet<QString> used;
    lxw_worksheet *about = workbook_add_worksheet(wb, c(sheetName(QStringLiteral("About"), used)));
    worksheet_write_string(about, 0, 0, c(r.title), bold);
    lxw_row_t row = 2;
    for (const auto &[key, value] : reportMetadata(r)) {
        worksheet_write_string(about, row, 0, c(key), bold);
        worksheet_write_string(about, row, 1, c(value), nullptr);
        ++row;
    }
    worksheet_set_column(about, 0, 0, 16, nullptr);
    worksheet_set_column(about, 1, 1, 70, nullptr);

    for (const Section &s : r.sections) {
        lxw_worksheet *ws = workbook_add_worksheet(wb, c(sheetName(s.title, used)));
        std::vector<lxw_format *> formats;
        for (lxw_col_t col = 0; col < lxw_col_t(s.columns.size()); ++col) {
            const Column &column = s.columns[col];
            worksheet_write_string(ws, 0, col, c(column.title), header);
            lxw_format *f = nullptr;
            if (column.type != ColumnType::Text) {
                f = workbook_add_format(wb);
                format_set_num_format(f, numberFormat(column));
            }
            formats.push_back(f);
            worksheet_set_column(ws, col, col, column.type == ColumnType::Text ? 34 : 14, nullptr);
        }
        worksheet_freeze_panes(ws, 1, 0);
        lxw_row_t at = 1;
        for (const auto &cells : s.rows) {
            for (lxw_col_t col = 0; col < lxw_col_t(cells.size()) && col < formats.size(); ++col) {
                const Cell &cell = cells[col];
                if (const auto *text = std::get_if<QString>(&cell))
                    worksheet_write_string(ws, at, col, c(*text), nullptr);
                else if (const auto *number = std::get_if<double>(&cell))
                    worksheet_write_number(ws, at, col, *number, formats[col]);
                else if (const auto *day = std::get_if<QDate>(&cell)) {
                    lxw_datetime dt{day->year(), day->month(), day->day(), 0, 0, 0};
                    worksheet_write_datetime(ws, at, col, &dt, formats[col]);
                }
            }
            ++at;
            if (keep.size() > 4096)
                keep.clear(); // written cells have copied their strings
        }
    }
    return finishWorkbook(wb, path);
}

} // namespace agro::reports
