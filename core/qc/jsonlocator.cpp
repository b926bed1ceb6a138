#include "jsonlocator.h"

namespace agro::qc {

JsonLocator::JsonLocator(const QByteArray &json)
    : m_json(json) {
    skipSpace();
    value(QString());
}

void JsonLocator::skipSpace() {
    while (m_at < m_json.size() && (m_json[m_at] == ' ' || m_json[m_at] == '\n' ||
                                    m_json[m_at] == '\r' || m_json[m_at] == '\t'))
        ++m_at;
}

QString JsonLocator::string() {
    // At the opening quote; returns the raw content (escapes kept as written).
    const qsizetype start = ++m_at;
    while (m_at < m_json.size() && m_json[m_at] != '"') {
        if (m_json[m_at] == '\\')
            ++m_at;
        ++m_at;
    }
    const QString s = QString::fromUtf8(m_json.mid(start, m_at - start));
    ++m_at; // closing quote
    return s;
}

void JsonLocator::value(const QString &path) {
    if (m_at >= m_json.size())
        return;
    m_offsets.insert(path, m_at);
    const char c = m_json[m_at];
    if (c == '{') {
        ++m_at;
        for (;;) {
            skipSpace();
            if (m_at >= m_json.size() || m_json[m_at] != '"') {
                ++m_at; // '}' (or junk: stop quietly)
                return;
            }
            const QString key = string();
            skipSpace();
            ++m_at; // ':'
            skipSpace();
            value(path.isEmpty() ? key : path + QLatin1Char('.') + key);
            skipSpace();
            if (m_at < m_json.size() && m_json[m_at] == ',') {
                ++m_at;
                continue;
            }
            ++m_at; // '}'
            return;
        }
    }
    if (c == '[') {
        ++m_at;
        for (int i = 0;; ++i) {
            skipSpace();
            if (m_at >= m_json.size() || m_json[m_at] == ']') {
                ++m_at;
                return;
            }
            value(QStringLiteral("%1[%2]").arg(path).arg(i));
            skipSpace();
            if (m_at < m_json.size() && m_json[m_at] == ',') {
                ++m_at;
                continue;
            }
            ++m_at; // ']'
            return;
        }
    }
    if (c == '"') {
        string();
        return;
    }
    // Number or literal.
    while (m_at < m_json.size() && m_json[m_at] != ',' && m_json[m_at] != '}' &&
           m_json[m_at] != ']' && m_json[m_at] != ' ' && m_json[m_at] != '\n' &&
           m_json[m_at] != '\r' && m_json[m_at] != '\t')
        ++m_at;
}

std::pair<int, int> JsonLocator::lineColumnAt(qsizetype offset) const {
    offset = std::clamp<qsizetype>(offset, 0, m_json.size());
    int line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset; ++i)
        if (m_json[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    const int column = int(QString::fromUtf8(m_json.mid(lineStart, offset - lineStart)).size()) + 1;
    return {line, column};
}

std::pair<int, int> JsonLocator::lineColumn(const QString &path) const {
    QString p = path;
    for (;;) {
        const auto it = m_offsets.constFind(p);
        if (it != m_offsets.constEnd())
            return lineColumnAt(it.value());
        if (p.isEmpty())
            return {0, 0};
        // Up one level: "a.b[2]" → "a.b" → "a".
        const qsizetype cut = std::max(p.lastIndexOf(QLatin1Char('.')), p.lastIndexOf(QLatin1Char('[')));
        p = cut > 0 ? p.left(cut) : QString();
    }
}

} // namespace agro::qc
