#include "postgres.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QSqlRecord>
#include <QUrl>
#include <QUrlQuery>

#include <map>

namespace agro::store {

namespace {

/// Idle sessions of this thread, by address: QSqlDatabase connections belong to the thread
/// that opened them.
struct SessionPool {
    std::map<QString, std::vector<std::unique_ptr<PgSession>>> idle;
};
thread_local SessionPool t_pool;

QString connectionName() {
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("agrodesk-pg-%1").arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

Error pgError(const QSqlError &e, std::string_view sql) {
    // SQLSTATE class 23: integrity constraint violation (PostgreSQL, Appendix A).
    const QString state = e.nativeErrorCode();
    ErrorCode code = ErrorCode::Database;
    if (state.startsWith(QLatin1String("23")))
        code = ErrorCode::Constraint;
    else if (e.type() == QSqlError::ConnectionError || state.startsWith(QLatin1String("08")))
        code = ErrorCode::Io;
    QString detail = e.databaseText().isEmpty() ? e.text() : e.databaseText().trimmed();
    if (!sql.empty())
        detail += QStringLiteral(" [") + QString::fromUtf8(sql.data(), qsizetype(sql.size())) +
                  QStringLiteral("]");
    return Error::make(code, detail);
}

Result<std::unique_ptr<PgSession>> PgSession::open(const QString &url) {
    auto &idle = t_pool.idle[url];
    while (!idle.empty()) {
        std::unique_ptr<PgSession> s = std::move(idle.back());
        idle.pop_back();
        if (s->m_db.isOpen())
            return s;
    }
    const QUrl u(url);
    if (!u.isValid() ||
        (u.scheme() != QLatin1String("postgresql") && u.scheme() != QLatin1String("postgres"))) {
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("not a postgresql:// address: %1")
                               .arg(u.toDisplayString(QUrl::RemovePassword)));
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return Error::make(ErrorCode::Database,
                           QStringLiteral("Qt's PostgreSQL driver (QPSQL) is not installed: "
                                          "install libqt6sql6-psql"));
    std::unique_ptr<PgSession> s(new PgSession);
    s->m_url = url;
    s->m_name = connectionName();
    s->m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), s->m_name);
    s->m_db.setHostName(u.host());
    if (u.port() > 0)
        s->m_db.setPort(u.port());
    s->m_db.setUserName(u.userName());
    s->m_db.setPassword(u.password());
    s->m_db.setDatabaseName(u.path().mid(1));
    QStringList options;
    const QUrlQuery query(u);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
        options << key + QLatin1Char('=') + value;
    if (!options.isEmpty())
        s->m_db.setConnectOptions(options.join(QLatin1Char(';')));
    if (!s->m_db.open()) {
        Error e = pgError(s->m_db.lastError());
        e.detail = QStringLiteral("cannot connect to %1: %2")
                       .arg(u.toDisplayString(QUrl::RemovePassword), e.detail);
        e.code = ErrorCode::Io;
        return e;
    }
    // Quiet NOTICEs (CREATE … IF NOT EXISTS), UTC and ISO dates whatever the server's
    // defaults, and text compared byte by byte like SQLite.
    AGRO_TRY(s->execRaw(QStringLiteral("SET client_min_messages = warning; SET TIME ZONE 'UTC'; "
                                       "SET datestyle = 'ISO, YMD'")));
    return s;
}

PgSession::~PgSession() {
    if (!m_name.isEmpty()) {
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
}

Result<void> PgSession::execRaw(const QString &sql) {
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        return failed(q.lastError(), sql.left(200).toStdString());
    m_changes = q.numRowsAffected();
    return {};
}

void closeIdlePostgresSessions() {
    t_pool.idle.clear();
}

Error PgSession::failed(const QSqlError &e, std::string_view sql) {
    Error out = pgError(e, sql);
    // Every error PostgreSQL reports carries a SQLSTATE; one without came from the client
    // side (the connection is gone).
    if (out.code == ErrorCode::Io || e.nativeErrorCode().isEmpty())
        m_broken = true;
    return out;
}

/// Returns a session to its thread's pool (called by Connection).
void releasePgSession(std::unique_ptr<PgSession> s) {
    if (!s || s->broken() || !s->database().isOpen())
        return;
    auto &idle = t_pool.idle[s->url()];
    if (idle.size() < 16)
        idle.push_back(std::move(s));
}

PgStatement::PgStatement(PgSession &session, std::string sql, int params)
    : m_session(&session)
    , m_sql(std::move(sql))
    , m_query(session.database())
    , m_params(static_cast<size_t>(params)) {}

Result<void> PgStatement::prepare() {
    // Not forward-only: QPSQL then streams rows in single-row mode, and a second statement run
    // while the first is being read (a look-up inside a loop over rows, as SQLite allows)
    // discards the rest of the first one's rows. Buffered results keep SQLite's semantics.
    m_query.setForwardOnly(false);
    if (!m_query.prepare(QString::fromStdString(m_sql)))
        return m_session->failed(m_query.lastError(), m_sql);
    return {};
}

void PgStatement::bind(int i, QVariant v) {
    if (i < 1)
        return;
    if (static_cast<size_t>(i) > m_params.size())
        m_params.resize(static_cast<size_t>(i));
    m_params[static_cast<size_t>(i - 1)] = std::move(v);
}

Result<void> PgStatement::execute() {
    for (size_t i = 0; i < m_params.size(); ++i)
        m_query.bindValue(static_cast<int>(i), m_params[i]);
    if (!m_query.exec())
        return m_session->failed(m_query.lastError(), m_sql);
    m_executed = true;
    m_session->setChanges(m_query.isSelect() ? 0 : m_query.numRowsAffected());
    return {};
}

Result<bool> PgStatement::step() {
    if (!m_executed)
        AGRO_TRY(execute());
    if (!m_query.isSelect())
        return false;
    m_utf8.clear();
    return m_query.next();
}

Result<void> PgStatement::run() {
    AGRO_TRY(execute());
    m_executed = false;
    return {};
}

void PgStatement::reset() {
    m_query.finish();
    m_executed = false;
    for (QVariant &p : m_params)
        p = QVariant();
}

int PgStatement::columnCount() {
    // SQLite knows a statement's columns once it is prepared; QPSQL once it has run. A failed
    // run here is reported by the step() that follows.
    if (!m_executed)
        (void)execute();
    return m_query.record().count();
}

bool PgStatement::isNull(int c) const {
    return m_query.isNull(c);
}

QVariant PgStatement::value(int c) const {
    QVariant v = m_query.value(c);
    if (v.isNull())
        return {};
    // SQLite's storage classes: integer, real, text, blob.
    switch (v.typeId()) {
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return QVariant::fromValue<qlonglong>(v.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float:
        return v.toDouble();
    case QMetaType::QByteArray:
        return v;
    default:
        return v.toString();
    }
}

std::string_view PgStatement::utf8(int c) const {
    if (m_utf8.size() <= static_cast<size_t>(c))
        m_utf8.resize(static_cast<size_t>(c) + 1);
    m_utf8[static_cast<size_t>(c)] = m_query.value(c).toString().toStdString();
    return m_utf8[static_cast<size_t>(c)];
}

} // namespace agro::store
