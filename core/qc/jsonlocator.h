#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace agro::qc {

/// Where each value of a JSON text starts, by path ("fields[2].type"; "" for the root), so a
/// message about a value can give its line and column. The text must already be valid JSON
/// (QJsonDocument parsed it); on anything else the map stops where the text stops making sense.
class JsonLocator {
public:
    explicit JsonLocator(const QByteArray &json);
    /// 1-based line and column (in characters) of the value at `path`, or of its nearest
    /// enclosing value that exists; {0, 0} when nothing matches.
    std::pair<int, int> lineColumn(const QString &path) const;
    /// Line and column of a byte offset.
    std::pair<int, int> lineColumnAt(qsizetype offset) const;

private:
    void value(const QString &path);
    void skipSpace();
    QString string();

    QByteArray m_json;
    qsizetype m_at = 0;
    QHash<QString, qsizetype> m_offsets;
};

} // namespace agro::qc
