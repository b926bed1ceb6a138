#include "csvreader.h"

#include <charconv>
#include <cstring>

namespace agro::io {

namespace {
constexpr size_t kChunk = 1 << 20; // 1 MiB reads

bool allAscii(std::string_view s) {
    for (unsigned char c : s)
        if (c & 0x80)
            return false;
    return true;
}
} // namespace

bool isValidUtf8(std::string_view s) {
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    const auto *end = p + s.size();
    while (p < end) {
        const unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int n;
        std::uint32_t cp;
        if ((c & 0xe0) == 0xc0) {
            n = 1;
            cp = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            n = 2;
            cp = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (end - p <= n)
            return false;
        for (int i = 1; i <= n; ++i) {
            if ((p[i] & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i] & 0x3f);
        }
        static constexpr std::uint32_t minimum[] = {0, 0x80, 0x800, 0x10000};
        if (cp < minimum[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        p += n + 1;
    }
    return true;
}

void appendCsvNumber(std::string &out, double v) {
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, ec == std::errc() ? size_t(end - buf) : 0);
}

void appendCsvField(std::string &out, std::string_view field, char delim) {
    bool quote = false;
    for (char c : field)
        if (c == delim || c == '"' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    if (!quote) {
        out.append(field);
        return;
    }
    out.push_back('"');
    for (char c : field) {
        if (c == '"')
            out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

QString csvField(const QString &field, char delim) {
    std::string out;
    const QByteArray utf8 = field.toUtf8();
    appendCsvField(out, std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())),
                   delim);
    return QString::fromStdString(out);
}

Error CsvReader::errorAt(ErrorCode code, int fieldIndex, const QString &detail) const {
    Error e = Error::make(code, detail);
    e.file = m_path;
    e.line = m_recordLine;
    if (fieldIndex >= 0) {
        e.column = fieldIndex + 1;
        if (fieldIndex < m_header.size())
            e.field = m_header[fieldIndex];
    }
    return e;
}

bool CsvReader::refill() {
    if (m_eof)
        return false;
    // Keep the unparsed tail, then append the next chunk.
    if (m_begin > 0) {
        std::memmove(m_buf.data(), m_buf.data() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_begin = 0;
    }
    if (m_buf.size() - m_end < kChunk)
        m_buf.resize(m_end + kChunk);
    const qint64 n = m_file.read(m_buf.data() + m_end, qint64(kChunk));
    if (n <= 0) {
        m_eof = true;
        return false;
    }
    m_end += size_t(n);
    return true;
}

Result<std::unique_ptr<CsvReader>> CsvReader::open(const QString &path) {
    std::unique_ptr<CsvReader> r(new CsvReader);
    r->m_path = path;
    r->m_file.setFileName(path);
    if (!r->m_file.open(QIODevice::ReadOnly)) {
        Error e = Error::make(ErrorCode::Io, r->m_file.errorString());
        e.file = path;
        return e;
    }
    r->m_totalBytes = r->m_file.size();
    r->refill();
    if (r->m_end == 0) {
        Error e = Error::make(ErrorCode::CsvEmpty, QStringLiteral("0 bytes"));
        e.file = path;
        return e;
    }
    if (r->m_end >= 3 && std::memcmp(r->m_buf.data(), "\xEF\xBB\xBF", 3) == 0) {
        r->m_begin = 3;
        r->m_consumedBytes = 3;
    }
    // Delimiter: whichever of ',' and ';' occurs more often outside quotes on the first line.
    int commas = 0, semis = 0;
    bool inQuotes = false;
    for (size_t i = r->m_begin; i < r->m_end; ++i) {
        const char c = r->m_buf[i];
        if (c == '"')
            inQuotes = !inQuotes;
        else if (!inQuotes && (c == '\n' || c == '\r'))
            break;
        else if (!inQuotes && c == ',')
            ++commas;
        else if (!inQuotes && c == ';')
            ++semis;
    }
    r->m_delim = semis > commas ? ';' : ',';
    auto first = r->next();
    if (!first.ok())
        return first.error();
    if (!first.value()) {
        Error e = Error::make(ErrorCode::CsvEmpty, QStringLiteral("no header"));
        e.file = path;
        return e;
    }
    for (const auto &f : r->m_fields)
        r->m_header.push_back(QString::fromUtf8(f.data(), qsizetype(f.size())).trimmed());
    return r;
}

CsvReader::Parse CsvReader::parseRecord(Error &error) {
    m_fields.clear();
    size_t p = m_begin;
    qint64 newlines = 0;
    size_t scratchUsed = 0;
    const char *buf = m_buf.data();
    for (;;) {
        // One field starting at p.
        if (p < m_end && buf[p] == '"') {
            size_t q = p + 1;
            bool escaped = false;
            for (;;) {
                if (q >= m_end)
                    return m_eof ? (error = Error::make(ErrorCode::CsvQuote), Parse::Failed)
                                 : Parse::NeedMore;
                const char c = buf[q];
                if (c == '"') {
                    if (q + 1 >= m_end && !m_eof)
                        return Parse::NeedMore;
                    if (q + 1 < m_end && buf[q + 1] == '"') {
                        escaped = true;
                        q += 2;
                        continue;
                    }
                    break;
                }
                if (c == '\n')
                    ++newlines;
                ++q;
            }
            std::string_view raw(buf + p + 1, q - p - 1);
            if (escaped) {
                if (m_scratch.size() <= scratchUsed)
                    m_scratch.resize(scratchUsed + 1);
                std::string &s = m_scratch[scratchUsed++];
                s.clear();
                for (size_t i = 0; i < raw.size(); ++i) {
                    s.push_back(raw[i]);
                    if (raw[i] == '"')
                        ++i; // skip the second quote of ""
                }
                m_fields.emplace_back(s);
            } else {
                m_fields.push_back(raw);
            }
            p = q + 1;
            if (p < m_end && buf[p] != m_delim && buf[p] != '\n' && buf[p] != '\r') {
                error =
                    Error::make(ErrorCode::CsvQuote, QStringLiteral("text after a closing quote"));
                error.column = int(m_fields.size());
                return Parse::Failed;
            }
        } else {
            size_t q = p;
            while (q < m_end && buf[q] != m_delim && buf[q] != '\n' && buf[q] != '\r') {
                if (buf[q] == '"') {
                    error = Error::make(ErrorCode::CsvQuote,
                                        QStringLiteral("quote inside an unquoted value"));
                    error.column = int(m_fields.size()) + 1;
                    return Parse::Failed;
                }
                ++q;
            }
            if (q >= m_end && !m_eof)
                return Parse::NeedMore;
            m_fields.emplace_back(buf + p, q - p);
            p = q;
        }
        // After a field: delimiter, end of line, or end of file.
        if (p >= m_end) {
            if (!m_eof)
                return Parse::NeedMore;
            break;
        }
        if (buf[p] == m_delim) {
            ++p;
            if (p >= m_end && m_eof) {
                m_fields.emplace_back(); // trailing empty field
                break;
            }
            continue;
        }
        if (buf[p] == '\r') {
            if (p + 1 >= m_end && !m_eof)
                return Parse::NeedMore;
            ++p;
            if (p < m_end && buf[p] == '\n')
                ++p;
        } else {
            ++p; // '\n'
        }
        ++newlines;
        break;
    }
    m_consumedBytes += qint64(p - m_begin);
    m_recordLine = m_line;
    m_line += newlines;
    m_begin = p;
    return Parse::Complete;
}

Result<bool> CsvReader::next() {
    for (;;) {
        if (m_begin >= m_end && !refill())
            return false;
        // Skip blank lines.
        if (m_buf[m_begin] == '\n' || m_buf[m_begin] == '\r') {
            if (m_buf[m_begin] == '\r' && m_begin + 1 >= m_end && !m_eof) {
                refill();
                continue;
            }
            if (m_buf[m_begin] == '\r' && m_begin + 1 < m_end && m_buf[m_begin + 1] == '\n') {
                ++m_begin;
                ++m_consumedBytes;
            }
            ++m_begin;
            ++m_consumedBytes;
            ++m_line;
            continue;
        }
        Error error;
        const Parse r = parseRecord(error);
        if (r == Parse::Complete)
            break;
        if (r == Parse::Failed) {
            error.file = m_path;
            error.line = m_line;
            if (error.column > 0 && error.column <= m_header.size())
                error.field = m_header[error.column - 1];
            return error;
        }
        if (!refill()) {
            // End of file reached in the middle of a record: parse again with m_eof set.
            continue;
        }
    }
    for (size_t i = 0; i < m_fields.size(); ++i) {
        if (!allAscii(m_fields[i]) && !isValidUtf8(m_fields[i]))
            return errorAt(ErrorCode::CsvEncoding, int(i));
    }
    return true;
}

Result<CsvPreview> previewCsv(const QString &path, int maxRows) {
    auto reader = CsvReader::open(path);
    if (!reader.ok())
        return reader.error();
    CsvPreview out;
    out.header = reader.value()->header();
    out.delimiter = reader.value()->delimiter();
    while (int(out.rows.size()) < maxRows) {
        auto more = reader.value()->next();
        if (!more.ok())
            return more.error();
        if (!more.value())
            break;
        QStringList row;
        for (const auto &f : reader.value()->fields())
            row.push_back(QString::fromUtf8(f.data(), qsizetype(f.size())));
        out.rows.push_back(std::move(row));
    }
    return out;
}

} // namespace agro::io
