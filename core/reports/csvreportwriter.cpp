// CSV output of a report (reportwriters.h).
#include "io/csvreader.h"
#include "reportwriters.h"

#include <QSaveFile>

namespace agro::reports {

namespace {
void line(std::string &out, const QStringList &fields) {
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i)
            out.push_back(',');
        io::appendCsvField(out, fields[i].toStdString());
    }
    out += "\r\n";
}
} // namespace

QByteArray csvBytes(const Report &r) {
    std::string out;
    for (const auto &[key, value] : reportMetadata(r))
        line(out, {key, value});
    for (const Section &s : r.sections) {
        out += "\r\n";
        line(out, {QStringLiteral("section"), s.key});
        QStringList header;
        for (const Column &c : s.columns)
            header << c.key;
        line(out, header);
        for (const auto &row : s.rows) {
            QStringList cells;
            for (const Cell &c : row)
                cells << plainText(c);
            line(out, cells);
        }
    }
    return QByteArray::fromStdString(out);
}

Result<void> writeCsv(const Report &r, const QString &path) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return Error::make(ErrorCode::Io, QStringLiteral("%1: %2").arg(path, f.errorString()));
    const QByteArray bytes = csvBytes(r);
    if (f.write(bytes) != bytes.size() || !f.commit())
        return Error::make(ErrorCode::Io, QStringLiteral("%1: %2").arg(path, f.errorString()));
    return {};
}

} // namespace agro::reports
