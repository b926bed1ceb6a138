#pragma once

#include "csvformat.h"
#include "csvreader.h"
#include "csvvalues.h"
#include "store/mutator.h"

#include <limits>
#include <memory>

namespace agro::io {

/// Typed, located access to the fields of the current record, by format column index.
class RowContext {
public:
    RowContext(const CsvReader &reader, const std::vector<int> &map,
               const std::vector<CsvColumnSpec> &spec)
        : m_reader(reader)
        , m_map(map)
        , m_spec(spec)
        , m_decimalComma(reader.delimiter() == ';') {}

    /// Mapped and non-blank.
    bool has(int col) const { return !trimmed(raw(col)).empty(); }
    std::string_view raw(int col) const {
        const int src = m_map[size_t(col)];
        return src < 0 ? std::string_view() : m_reader.fields()[size_t(src)];
    }
    QString text(int col) const {
        const auto s = trimmed(raw(col));
        return QString::fromUtf8(s.data(), qsizetype(s.size()));
    }
    Result<double> number(int col, double min = -std::numeric_limits<double>::infinity(),
                          double max = std::numeric_limits<double>::infinity()) const;
    Result<double> numberOr(int col, double fallback, double min = 0,
                            double max = std::numeric_limits<double>::infinity()) const {
        return has(col) ? number(col, min, max) : Result<double>(fallback);
    }
    Result<std::int32_t> date(int col) const;
    Result<std::int64_t> timestamp(int col) const;
    Result<bool> flag(int col) const;
    Error error(ErrorCode code, int col, const QString &detail = {}) const;

private:
    const CsvReader &m_reader;
    const std::vector<int> &m_map;
    const std::vector<CsvColumnSpec> &m_spec;
    bool m_decimalComma;
};

/// The row's UUIDv7 from an optional id column (exports carry ids so a round trip keeps
/// identities), or a new one when the column is absent or blank.
Result<QString> rowId(const RowContext &row, int col, store::Mutator &m);

/// Writes the rows of one kind. start() runs once inside the import transaction (load lookups,
/// prepare statements), row() per record, finish() before commit.
class ImportSink {
public:
    virtual ~ImportSink() = default;
    virtual Result<void> start(store::Mutator &m, const QString &source) = 0;
    virtual Result<void> row(const RowContext &row) = 0;
    virtual Result<std::int64_t> finish() = 0;
};

std::unique_ptr<ImportSink> makeSalesSink();
std::unique_ptr<ImportSink> makeProductsSink();
std::unique_ptr<ImportSink> makeCostsSink();
std::unique_ptr<ImportSink> makeHarvestsSink();
std::unique_ptr<ImportSink> makeReadingsSink();

} // namespace agro::io
