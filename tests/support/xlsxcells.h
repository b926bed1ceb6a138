#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <vector>

namespace agro::test {

/// The cells of an XLSX workbook as written, read back independently of the writer: the zip
/// container (PKWARE APPNOTE 6.3: end of central directory, central directory, local headers,
/// stored or deflated entries) and the SpreadsheetML of each sheet (ECMA-376 Part 1, §18.3:
/// <c r="B2" t="s|str|inlineStr"><v>…</v></c>, shared strings in xl/sharedStrings.xml).
struct XlsxSheet {
    QString name;
    /// rows[r][c]: a number's text exactly as stored, or the string; missing cells empty.
    std::vector<QStringList> rows;
};
/// Sheets in workbook order; nullopt if the file is not a readable XLSX.
std::optional<std::vector<XlsxSheet>> readXlsx(const QString &path);
/// One entry of a zip file, inflated; nullopt if missing or unreadable.
std::optional<QByteArray> zipEntry(const QByteArray &zip, const QString &name);

} // namespace agro::test
