#pragma once

#include "common/result.h"

#include <QFile>
#include <QString>
#include <QStringList>

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace agro::io {

/// A streaming RFC 4180 reader: quoted fields with "" escapes and embedded line breaks,
/// CRLF or LF, UTF-8 with or without a byte-order mark, comma or semicolon (detected from the
/// header line). Reads in fixed-size chunks, so memory does not grow with the file.
/// Blank lines are skipped. Errors carry file, line (where the record starts) and column.
class CsvReader {
public:
    static Result<std::unique_ptr<CsvReader>> open(const QString &path);

    const QStringList &header() const { return m_header; }
    char delimiter() const { return m_delim; }

    /// Reads the next record. Returns false at the end of the file. Field views stay valid
    /// until the next call.
    Result<bool> next();
    const std::vector<std::string_view> &fields() const { return m_fields; }
    /// Line (1-based) on which the current record starts.
    qint64 line() const { return m_recordLine; }

    qint64 bytesRead() const { return m_consumedBytes; }
    qint64 totalBytes() const { return m_totalBytes; }
    const QString &path() const { return m_path; }

    /// An error located at the current record and the given 0-based field index.
    Error errorAt(ErrorCode code, int fieldIndex, const QString &detail = {}) const;

private:
    CsvReader() = default;
    enum class Parse { Complete, NeedMore, Failed };
    Parse parseRecord(Error &error);
    bool refill();

    QString m_path;
    QFile m_file;
    QStringList m_header;
    char m_delim = ',';
    std::vector<char> m_buf;
    size_t m_begin = 0; ///< start of unparsed data in m_buf
    size_t m_end = 0;   ///< end of valid data in m_buf
    bool m_eof = false;
    qint64 m_line = 1;       ///< line at m_begin
    qint64 m_recordLine = 0; ///< line of the current record
    qint64 m_consumedBytes = 0;
    qint64 m_totalBytes = 0;
    std::vector<std::string_view> m_fields;
    std::deque<std::string> m_scratch; ///< unescaped quoted fields (deque: stable addresses)
};

/// True when `s` is well-formed UTF-8 (no overlongs, surrogates or values above U+10FFFF).
bool isValidUtf8(std::string_view s);

/// Writes an RFC 4180 field: quoted only when it holds the delimiter, a quote or a line break.
void appendCsvField(std::string &out, std::string_view field, char delim = ',');
/// Writes a number in the shortest form that reads back to the same double (std::to_chars), so
/// the same figures always give the same bytes.
void appendCsvNumber(std::string &out, double v);
/// The same for one QString field (quoted only when it must be).
QString csvField(const QString &field, char delim = ',');

/// Header and the first `maxRows` records, for an import preview. Errors like next().
struct CsvPreview {
    QStringList header;
    std::vector<QStringList> rows;
    char delimiter = ',';
};
Result<CsvPreview> previewCsv(const QString &path, int maxRows);

} // namespace agro::io
