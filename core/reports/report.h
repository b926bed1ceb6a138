#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

#include <optional>
#include <variant>
#include <vector>

namespace agro::reports {

/// How a column's values are written: CSV writes them plainly (numbers in full precision,
/// dates ISO 8601), XLSX as typed cells with a number format, PDF formatted for reading.
enum class ColumnType { Text, Integer, Number, Money, Percent, Mass, Date };

struct Column {
    QString key;   ///< machine name, the CSV header ("total_cost")
    QString title; ///< what a reader sees ("Total cost")
    ColumnType type = ColumnType::Text;
    int decimals = 0; ///< for Number, Money, Percent (of the ratio ×100), Mass
};

/// A cell: empty (no meaningful value: a ratio without denominator), text, a number or a date.
using Cell = std::variant<std::monostate, QString, double, QDate>;

/// A bar chart drawn from a section's table: one bar group per row, labelled by
/// `labelColumn`, one series per value column (stacked or side by side).
struct ChartSpec {
    QString title;
    int labelColumn = 0;
    std::vector<int> valueColumns;
    bool stacked = false;
};

struct Section {
    QString key;   ///< machine name ("farms"): the XLSX sheet, the CSV block
    QString title; ///< "By farm"
    QString note;  ///< a sentence under the title: what the rows are, formulas' home
    std::vector<Column> columns;
    std::vector<std::vector<Cell>> rows;
    std::optional<ChartSpec> chart;
};

/// What a report was asked for. Empty farm or season: all; invalid dates: unbounded.
struct Parameters {
    QString farm; ///< id or name, as given
    QString season;
    QDate from, to;
    /// The report's reference time: written as its generation time and used as "today"
    /// (e.g. for lot expiry). Set, it makes two runs over the same data identical.
    QDateTime asOf;
};

/// A finished report with everything needed to reproduce it (docs/reports.md).
struct Report {
    QString name;  ///< "season-summary"
    QString title; ///< "Season cost and yield summary"
    Parameters parameters;
    /// The parameters as a reader should see them, resolved ("Farm: Hillside Farm").
    std::vector<std::pair<QString, QString>> parameterLines;
    QString workspaceId;
    QString appVersion;
    QDateTime generatedAt;
    QString dataSha256; ///< over the tables the report reads (store::contentHash)
    QStringList dataTables;
    std::vector<Section> sections;
};

/// The metadata lines every format writes first: name, parameters, workspace id, time, app
/// version, data hash.
std::vector<std::pair<QString, QString>> reportMetadata(const Report &r);

/// A cell as plain text for CSV: numbers in the shortest form that reads back to the same
/// double, dates ISO 8601, empty cells empty.
QString plainText(const Cell &c);

} // namespace agro::reports
