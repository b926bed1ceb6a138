#include "pgdialect.h"

#include <QLocale>
#include <QRegularExpression>

#include <cctype>

namespace agro::store::pg {

namespace {

bool isWordStart(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool isWordChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

std::string upper(std::string_view w) {
    std::string out(w);
    for (char &c : out)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

/// Reads the statement one token at a time, copying quoted text and comments through.
class Translator {
public:
    explicit Translator(std::string_view in)
        : m_in(in) {}

    std::string run(int *paramCount) {
        while (m_at < m_in.size()) {
            const char c = m_in[m_at];
            if (c == '\'' || c == '"') {
                copyQuoted(c);
            } else if (c == '-' && peek(1) == '-') {
                const size_t end = m_in.find('\n', m_at);
                copyTo(end == std::string_view::npos ? m_in.size() : end);
            } else if (c == '/' && peek(1) == '*') {
                const size_t end = m_in.find("*/", m_at + 2);
                copyTo(end == std::string_view::npos ? m_in.size() : end + 2);
            } else if (c == '?') {
                parameter();
            } else if (c == ';') {
                endStatement();
                m_out += c;
                ++m_at;
            } else if (isWordStart(c)) {
                word();
            } else {
                m_out += c;
                ++m_at;
            }
        }
        endStatement();
        if (paramCount)
            *paramCount = m_maxParam;
        return m_out;
    }

private:
    char peek(size_t ahead) const { return m_at + ahead < m_in.size() ? m_in[m_at + ahead] : '\0'; }
    void copyTo(size_t end) {
        m_out.append(m_in.substr(m_at, end - m_at));
        m_at = end;
    }
    void copyQuoted(char quote) {
        size_t i = m_at + 1;
        for (; i < m_in.size(); ++i) {
            if (m_in[i] == quote) {
                if (i + 1 < m_in.size() && m_in[i + 1] == quote) {
                    ++i; // doubled quote inside the literal
                    continue;
                }
                break;
            }
        }
        copyTo(std::min(i + 1, m_in.size()));
    }
    void parameter() {
        ++m_at;
        size_t digits = m_at;
        while (digits < m_in.size() && std::isdigit(static_cast<unsigned char>(m_in[digits])))
            ++digits;
        int n = 0;
        if (digits > m_at) {
            n = std::stoi(std::string(m_in.substr(m_at, digits - m_at)));
            m_at = digits;
        } else {
            n = ++m_nextParam;
        }
        m_maxParam = std::max(m_maxParam, n);
        m_out += '$' + std::to_string(n);
    }
    /// The next word after whitespace, without consuming it: (start, end).
    std::pair<size_t, size_t> nextWord(size_t from) const {
        size_t i = from;
        while (i < m_in.size() && std::isspace(static_cast<unsigned char>(m_in[i])))
            ++i;
        size_t j = i;
        while (j < m_in.size() && isWordChar(m_in[j]))
            ++j;
        return {i, j};
    }
    void word() {
        size_t end = m_at;
        while (end < m_in.size() && isWordChar(m_in[end]))
            ++end;
        const std::string w = upper(m_in.substr(m_at, end - m_at));
        if (w == "IS") {
            const auto [s1, e1] = nextWord(end);
            const std::string next = upper(m_in.substr(s1, e1 - s1));
            if (next == "NOT") {
                const auto [s2, e2] = nextWord(e1);
                const std::string after = upper(m_in.substr(s2, e2 - s2));
                if (after != "NULL" && after != "DISTINCT" && after != "TRUE" && after != "FALSE") {
                    m_out += "IS DISTINCT FROM";
                    m_at = e1;
                    return;
                }
            } else if (next != "NULL" && next != "DISTINCT" && next != "TRUE" && next != "FALSE") {
                m_out += "IS NOT DISTINCT FROM";
                m_at = end;
                return;
            }
        } else if (w == "INSERT") {
            const auto [s1, e1] = nextWord(end);
            const auto [s2, e2] = nextWord(e1);
            if (upper(m_in.substr(s1, e1 - s1)) == "OR" &&
                upper(m_in.substr(s2, e2 - s2)) == "IGNORE") {
                m_out += "INSERT";
                m_at = e2;
                m_ignoreConflicts = true;
                return;
            }
        }
        copyTo(end);
    }
    void endStatement() {
        if (!m_ignoreConflicts)
            return;
        // Before any whitespace that ends the statement.
        size_t keep = m_out.size();
        while (keep > 0 && std::isspace(static_cast<unsigned char>(m_out[keep - 1])))
            --keep;
        m_out.insert(keep, " ON CONFLICT DO NOTHING");
        m_ignoreConflicts = false;
    }

    std::string_view m_in;
    size_t m_at = 0;
    std::string m_out;
    int m_nextParam = 0;
    int m_maxParam = 0;
    bool m_ignoreConflicts = false;
};

QString withoutComments(const QString &script) {
    QString out;
    out.reserve(script.size());
    bool quoted = false;
    for (qsizetype i = 0; i < script.size(); ++i) {
        const QChar c = script[i];
        if (c == QLatin1Char('\''))
            quoted = !quoted;
        if (!quoted && c == QLatin1Char('-') && i + 1 < script.size() &&
            script[i + 1] == QLatin1Char('-')) {
            while (i < script.size() && script[i] != QLatin1Char('\n'))
                ++i;
            out += QLatin1Char('\n');
            continue;
        }
        out += c;
    }
    return out;
}

} // namespace

std::string translateStatement(std::string_view sqlite, int *paramCount) {
    return Translator(sqlite).run(paramCount);
}

QString translateMigration(const QString &sqliteScript) {
    QString s = withoutComments(sqliteScript);
    static const QRegularExpression trigger(
        QStringLiteral("CREATE TRIGGER (\\w+) BEFORE (UPDATE|DELETE) ON (\\w+)\\s+BEGIN\\s+"
                       "SELECT RAISE\\(ABORT, '([^']*)'\\);\\s+END;"));
    s.replace(trigger, QStringLiteral("CREATE TRIGGER \\1 BEFORE \\2 ON \\3 FOR EACH ROW EXECUTE "
                                      "FUNCTION agro_refuse('\\4');"));
    static const QRegularExpression withoutRowid(QStringLiteral("\\)\\s*WITHOUT ROWID"));
    s.replace(withoutRowid, QStringLiteral(")"));
    static const QRegularExpression references(
        QStringLiteral("\\s+REFERENCES\\s+\\w+\\s*\\([^)]*\\)(\\s+ON\\s+(DELETE|UPDATE)\\s+"
                       "(CASCADE|SET NULL|RESTRICT|NO ACTION))*"));
    s.replace(references, QString());
    static const QRegularExpression date(QStringLiteral("\\bdate\\("));
    s.replace(date, QStringLiteral("agro_iso_date("));
    static const QRegularExpression rowidKey(QStringLiteral("\\bINTEGER PRIMARY KEY\\b"));
    s.replace(rowidKey, QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
    static const QRegularExpression integer(QStringLiteral("\\bINTEGER\\b"));
    s.replace(integer, QStringLiteral("BIGINT"));
    static const QRegularExpression real(QStringLiteral("\\bREAL\\b"));
    s.replace(real, QStringLiteral("DOUBLE PRECISION"));
    static const QRegularExpression blob(QStringLiteral("\\bBLOB\\b"));
    s.replace(blob, QStringLiteral("BYTEA"));
    static const QRegularExpression text(QStringLiteral("\\bTEXT\\b"));
    s.replace(text, QStringLiteral("TEXT COLLATE \"C\""));
    // A column definition that is only a name: SQLite's untyped column.
    static const QRegularExpression untyped(QStringLiteral("^(\\s+)([a-z_][a-z0-9_]*)(,?)\\s*$"),
                                            QRegularExpression::MultilineOption);
    s.replace(untyped, QStringLiteral("\\1\\2 TEXT COLLATE \"C\"\\3"));
    return QString::fromStdString(translateStatement(s.toStdString()));
}

QString prelude() {
    return QStringLiteral(R"sql(
CREATE OR REPLACE FUNCTION json_valid(t text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $f$
BEGIN
    PERFORM t::json;
    RETURN true;
EXCEPTION WHEN others THEN
    RETURN false;
END $f$;
CREATE OR REPLACE FUNCTION agro_iso_date(t text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $f$
BEGIN
    IF t IS NULL OR t !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
        RETURN NULL;
    END IF;
    RETURN to_char(t::date, 'YYYY-MM-DD');
EXCEPTION WHEN others THEN
    RETURN NULL;
END $f$;
CREATE OR REPLACE FUNCTION agro_refuse() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'check_violation';
END $f$;
)sql");
}

QVariant encodeDynamic(const QVariant &v) {
    if (v.isNull())
        return {};
    switch (v.typeId()) {
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return QString(QLatin1Char('i') + QString::number(v.toLongLong()));
    case QMetaType::Double:
    case QMetaType::Float:
        return QString(QLatin1Char('r') +
                       QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest));
    case QMetaType::QByteArray:
        return QString(QLatin1Char('b') + QString::fromLatin1(v.toByteArray().toBase64()));
    default:
        return QString(QLatin1Char('t') + v.toString());
    }
}

QVariant decodeDynamic(const QVariant &stored) {
    if (stored.isNull())
        return {};
    const QString s = stored.toString();
    if (s.isEmpty())
        return QString(); // not written by encodeDynamic; kept as the text it is
    const QString rest = s.mid(1);
    switch (s[0].unicode()) {
    case 'i':
        return QVariant::fromValue<qlonglong>(rest.toLongLong());
    case 'r':
        return rest.toDouble();
    case 'b':
        return QByteArray::fromBase64(rest.toLatin1());
    case 't':
        return rest;
    default:
        return s;
    }
}

} // namespace agro::store::pg
