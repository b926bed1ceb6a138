#include "report.h"
#include "reportwriters.h"

#include "io/csvreader.h"

namespace agro::reports {

std::vector<std::pair<QString, QString>> reportMetadata(const Report &r) {
    std::vector<std::pair<QString, QString>> m{{QStringLiteral("report"), r.name},
                                               {QStringLiteral("title"), r.title}};
    for (const auto &p : r.parameterLines)
        m.push_back(p);
    m.emplace_back(QStringLiteral("workspace_id"), r.workspaceId);
    m.emplace_back(QStringLiteral("generated_at"),
                   r.generatedAt.toUTC().toString(Qt::ISODateWithMs));
    m.emplace_back(QStringLiteral("app_version"), r.appVersion);
    m.emplace_back(QStringLiteral("data_sha256"), r.dataSha256);
    m.emplace_back(QStringLiteral("data_tables"), r.dataTables.join(QLatin1Char(' ')));
    return m;
}

namespace {
PdfWriter g_pdfWriter = nullptr;
}
void setPdfWriter(PdfWriter writer) {
    g_pdfWriter = writer;
}
PdfWriter pdfWriter() {
    return g_pdfWriter;
}

QString plainText(const Cell &c) {
    if (const auto *s = std::get_if<QString>(&c))
        return *s;
    if (const auto *d = std::get_if<double>(&c)) {
        // Shortest round-trip form: the same double gives the same bytes on every run.
        std::string out;
        io::appendCsvNumber(out, *d);
        return QString::fromStdString(out);
    }
    if (const auto *day = std::get_if<QDate>(&c))
        return day->toString(Qt::ISODate);
    return {};
}

} // namespace agro::reports
