#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace agro::io {

/// The kinds of data AgroDesk imports from and exports to CSV. The columns of each are
/// documented in docs/csv-formats.md; export writes exactly these columns, so an export
/// imports back unchanged.
enum class CsvKind { Sales, Products, Costs, Harvests, Readings };

struct CsvColumnSpec {
    QString name;
    bool required = true;
};

const std::vector<CsvKind> &allCsvKinds();
QString csvKindName(CsvKind kind); ///< "sales", "products", "costs", "harvests", "readings"
std::optional<CsvKind> csvKindFromName(const QString &name);
const std::vector<CsvColumnSpec> &csvColumns(CsvKind kind);

} // namespace agro::io
