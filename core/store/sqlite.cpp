#include "sqlite.h"

#include "pgdialect.h"
#include "postgres.h"

#include <sqlite3.h>

#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QUrl>

Q_LOGGING_CATEGORY(lcSql, "agrodesk.store.sql", QtWarningMsg)

namespace agro::store {

namespace {
Error sqliteError(sqlite3 *db, int rc) {
    const int ext = db ? sqlite3_extended_errcode(db) : rc;
    const int primary = ext & 0xff;
    ErrorCode code = ErrorCode::Database;
    if (primary == SQLITE_CONSTRAINT)
        code = ErrorCode::Constraint;
    else if (primary == SQLITE_NOTADB)
        code = ErrorCode::NotAWorkspace;
    else if (primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR || primary == SQLITE_FULL ||
             primary == SQLITE_READONLY)
        code = ErrorCode::Io;
    return Error::make(code, QString::fromUtf8(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}
} // namespace

Statement::Statement() = default;

Statement::Statement(sqlite3 *db, sqlite3_stmt *stmt)
    : m_db(db)
    , m_stmt(stmt) {}

Statement::Statement(std::unique_ptr<PgStatement> pg)
    : m_pg(std::move(pg)) {}

Statement::Statement(Statement &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_pg(std::move(other.m_pg)) {}

Statement &Statement::operator=(Statement &&other) noexcept {
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_pg = std::move(other.m_pg);
    }
    return *this;
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

void Statement::bindNull(int i) {
    if (m_pg)
        return m_pg->bind(i, QVariant());
    sqlite3_bind_null(m_stmt, i);
}
void Statement::bind(int i, std::int64_t v) {
    if (m_pg)
        return m_pg->bind(i, QVariant::fromValue<qlonglong>(v));
    sqlite3_bind_int64(m_stmt, i, v);
}
void Statement::bind(int i, double v) {
    if (m_pg)
        return m_pg->bind(i, v);
    sqlite3_bind_double(m_stmt, i, v);
}

void Statement::bind(int i, const QString &v) {
    if (m_pg)
        return m_pg->bind(i, v.isNull() ? QVariant() : QVariant(v));
    if (v.isNull()) {
        // An empty but non-null QString is '' in SQL; a null one stays NULL.
        sqlite3_bind_null(m_stmt, i);
        return;
    }
    const QByteArray utf8 = v.toUtf8();
    sqlite3_bind_text(m_stmt, i, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_TRANSIENT);
}

void Statement::bindUtf8(int i, std::string_view v) {
    if (m_pg)
        return m_pg->bind(i, QString::fromUtf8(v.data(), qsizetype(v.size())));
    sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

void Statement::bind(int i, const QVariant &v) {
    if (v.isNull())
        return bindNull(i);
    if (m_pg) {
        switch (v.typeId()) {
        case QMetaType::Bool:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
            return m_pg->bind(i, QVariant::fromValue<qlonglong>(v.toLongLong()));
        case QMetaType::Double:
        case QMetaType::Float:
            return m_pg->bind(i, v.toDouble());
        case QMetaType::QByteArray:
            return m_pg->bind(i, v);
        default: {
            const QString s = v.toString();
            return m_pg->bind(i, s.isNull() ? QString(QLatin1String("")) : s);
        }
        }
    }
    switch (v.typeId()) {
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        bind(i, static_cast<std::int64_t>(v.toLongLong()));
        return;
    case QMetaType::Double:
    case QMetaType::Float:
        bind(i, v.toDouble());
        return;
    case QMetaType::QByteArray: {
        const QByteArray b = v.toByteArray();
        sqlite3_bind_blob(m_stmt, i, b.constData(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
        return;
    }
    default: {
        // A QVariant holding a string is text, even when the string is null: only an invalid
        // QVariant (or one holding nullptr) means SQL NULL here.
        const QByteArray utf8 = v.toString().toUtf8();
        sqlite3_bind_text(m_stmt, i, utf8.constData(), static_cast<int>(utf8.size()),
                          SQLITE_TRANSIENT);
    }
    }
}

void Statement::bindDynamic(int i, const QVariant &v) {
    if (m_pg)
        return m_pg->bind(i, pg::encodeDynamic(v));
    bind(i, v);
}

Result<bool> Statement::step() {
    if (m_pg)
        return m_pg->step();
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    Error e = sqliteError(m_db, rc);
    qCDebug(lcSql) << "step failed:" << e.detail << sqlite3_sql(m_stmt);
    sqlite3_reset(m_stmt);
    return e;
}

Result<void> Statement::run() {
    if (m_pg)
        return m_pg->run();
    for (;;) {
        auto r = step();
        if (!r.ok())
            return r.error();
        if (!r.value())
            break;
    }
    sqlite3_reset(m_stmt);
    return {};
}

void Statement::reset() {
    if (m_pg)
        return m_pg->reset();
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

int Statement::columnCount() const {
    if (m_pg)
        return m_pg->columnCount();
    return sqlite3_column_count(m_stmt);
}
bool Statement::isNull(int c) const {
    if (m_pg)
        return m_pg->isNull(c);
    return sqlite3_column_type(m_stmt, c) == SQLITE_NULL;
}
std::int64_t Statement::int64(int c) const {
    if (m_pg)
        return m_pg->value(c).toLongLong();
    return sqlite3_column_int64(m_stmt, c);
}
double Statement::real(int c) const {
    if (m_pg)
        return m_pg->value(c).toDouble();
    return sqlite3_column_double(m_stmt, c);
}

std::string_view Statement::utf8(int c) const {
    if (m_pg)
        return m_pg->utf8(c);
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, c));
    if (!p)
        return {};
    return {p, static_cast<size_t>(sqlite3_column_bytes(m_stmt, c))};
}

QByteArray Statement::blob(int c) const {
    if (m_pg)
        return m_pg->value(c).toByteArray();
    const void *data = sqlite3_column_blob(m_stmt, c);
    const int size = sqlite3_column_bytes(m_stmt, c);
    return data ? QByteArray(static_cast<const char *>(data), size) : QByteArray();
}

QString Statement::text(int c) const {
    if (isNull(c))
        return {};
    if (m_pg)
        return m_pg->value(c).toString();
    const auto s = utf8(c);
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QVariant Statement::dynamic(int c) const {
    if (m_pg)
        return pg::decodeDynamic(m_pg->value(c));
    return variant(c);
}

QVariant Statement::variant(int c) const {
    if (m_pg)
        return m_pg->value(c);
    switch (sqlite3_column_type(m_stmt, c)) {
    case SQLITE_INTEGER:
        return QVariant::fromValue<qlonglong>(int64(c));
    case SQLITE_FLOAT:
        return real(c);
    case SQLITE_TEXT:
        return text(c);
    case SQLITE_BLOB: {
        const auto *p = static_cast<const char *>(sqlite3_column_blob(m_stmt, c));
        return QByteArray(p, sqlite3_column_bytes(m_stmt, c));
    }
    default:
        return {};
    }
}

void releasePgSession(std::unique_ptr<PgSession> s); // postgres.cpp

Connection::Connection() = default;

Connection::Connection(Connection &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_path(std::move(other.m_path))
    , m_pg(std::move(other.m_pg)) {}

Connection &Connection::operator=(Connection &&other) noexcept {
    if (this != &other) {
        sqlite3_close_v2(m_db);
        releasePgSession(std::move(m_pg));
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
        m_pg = std::move(other.m_pg);
    }
    return *this;
}

Connection::~Connection() {
    sqlite3_close_v2(m_db);
    releasePgSession(std::move(m_pg));
}

Result<Connection> Connection::openPostgres(const QString &url) {
    auto session = PgSession::open(url);
    if (!session.ok())
        return session.error();
    Connection c;
    c.m_pg = std::move(session).value();
    c.m_path = QUrl(url).toDisplayString(QUrl::RemovePassword);
    return c;
}

Result<Connection> Connection::open(const QString &path, Mode mode) {
    // Memory statistics take a global mutex on every allocation; nothing here reads them.
    // sqlite3_config only works before the library initialises, hence once, before any open.
    static const bool configured = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    Q_UNUSED(configured);
    if (mode == Mode::OpenExisting && !QFileInfo::exists(path)) {
        Error e = Error::make(ErrorCode::Io, QStringLiteral("no such file"));
        e.file = path;
        return e;
    }
    // An empty file is no database yet, and setting WAL below would write one into it: a
    // truncated workspace must stay as it is for the person to recover, not become a new one.
    if (mode == Mode::OpenExisting && QFileInfo(path).size() == 0) {
        Error e = Error::make(ErrorCode::NotAWorkspace, QStringLiteral("empty file"));
        e.file = path;
        return e;
    }
    Connection c;
    c.m_path = path;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (mode == Mode::CreateIfMissing)
        flags |= SQLITE_OPEN_CREATE;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &c.m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        Error e = sqliteError(c.m_db, rc);
        e.file = path;
        return e;
    }
    sqlite3_extended_result_codes(c.m_db, 1);
    sqlite3_busy_timeout(c.m_db, 10000);
    // journal_mode=WAL is persistent in the file; asking again is cheap and repairs a file
    // copied without it. The first read also tells whether this is a database at all.
    if (auto r = c.exec("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
                        "PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY;");
        !r.ok()) {
        Error e = r.error();
        e.file = path;
        return e;
    }
    return c;
}

Result<void> Connection::exec(std::string_view sql) {
    if (m_pg) {
        // SQLite's pragmas have no PostgreSQL counterpart. foreign_keys: the PostgreSQL schema
        // keeps no foreign keys (pgdialect.h), so merges run as with them off.
        if (sql.starts_with("PRAGMA foreign_keys"))
            return {};
        if (sql.starts_with("PRAGMA"))
            return Error::make(ErrorCode::Database,
                               QStringLiteral("not on PostgreSQL: ") +
                                   QString::fromUtf8(sql.data(), qsizetype(sql.size())));
        return m_pg->execRaw(QString::fromStdString(pg::translateStatement(sql)));
    }
    const std::string s(sql);
    char *msg = nullptr;
    const int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &msg);
    if (rc != SQLITE_OK) {
        Error e = sqliteError(m_db, rc);
        if (msg)
            e.detail = QString::fromUtf8(msg);
        sqlite3_free(msg);
        return e;
    }
    return {};
}

Result<Statement> Connection::prepare(std::string_view sql) {
    if (m_pg) {
        int params = 0;
        std::string translated = pg::translateStatement(sql, &params);
        auto st = std::make_unique<PgStatement>(*m_pg, std::move(translated), params);
        AGRO_TRY(st->prepare());
        return Statement(std::move(st));
    }
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        Error e = sqliteError(m_db, rc);
        e.detail += QStringLiteral(" [") + QString::fromUtf8(sql.data(), qsizetype(sql.size())) +
                    QStringLiteral("]");
        return e;
    }
    return Statement(m_db, stmt);
}

Result<QVariant> Connection::scalar(std::string_view sql) {
    auto st = prepare(sql);
    if (!st.ok())
        return st.error();
    auto row = st->step();
    if (!row.ok())
        return row.error();
    if (!row.value())
        return QVariant();
    return st->variant(0);
}

std::int64_t Connection::changes() const {
    if (m_pg)
        return m_pg->changes();
    return sqlite3_changes64(m_db);
}

Error Connection::lastError(ErrorCode code) const {
    if (m_pg) {
        Error e = pgError(m_pg->database().lastError());
        if (code != ErrorCode::Database)
            e.code = code;
        return e;
    }
    Error e = sqliteError(m_db, SQLITE_ERROR);
    if (code != ErrorCode::Database)
        e.code = code;
    return e;
}

Result<std::vector<ColumnInfo>> Connection::columns(const QString &table) {
    auto st = m_pg ? prepare("SELECT c.column_name, coalesce(k.ordinal_position, 0) FROM "
                             "information_schema.columns c LEFT JOIN "
                             "information_schema.key_column_usage k ON k.table_schema = "
                             "c.table_schema AND k.table_name = c.table_name AND k.column_name = "
                             "c.column_name AND k.constraint_name = (SELECT constraint_name FROM "
                             "information_schema.table_constraints t WHERE t.table_schema = "
                             "c.table_schema AND t.table_name = c.table_name AND "
                             "t.constraint_type = 'PRIMARY KEY') WHERE c.table_schema = "
                             "current_schema() AND c.table_name = ? ORDER BY c.ordinal_position")
                   : prepare("SELECT name, pk FROM pragma_table_info(?) ORDER BY cid");
    if (!st.ok())
        return st.error();
    st->bind(1, table);
    std::vector<ColumnInfo> out;
    AGRO_TRY(st->forEachRow([&] { out.push_back({st->text(0), static_cast<int>(st->int64(1))}); }));
    return out;
}

Result<QStringList> Connection::tables() {
    auto st = m_pg ? prepare("SELECT table_name FROM information_schema.tables WHERE "
                             "table_schema = current_schema() AND table_type = 'BASE TABLE' "
                             "ORDER BY table_name")
                   : prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND "
                             "name NOT LIKE 'sqlite_%' ORDER BY name");
    if (!st.ok())
        return st.error();
    QStringList out;
    AGRO_TRY(st->forEachRow([&] { out.push_back(st->text(0)); }));
    return out;
}

Result<void> runAlone(Connection &db, Statement &st) {
    if (!db.isPostgres())
        return st.run();
    AGRO_TRY(db.exec("SAVEPOINT agro_alone"));
    auto r = st.run();
    if (!r.ok()) {
        AGRO_TRY(db.exec("ROLLBACK TO SAVEPOINT agro_alone"));
        (void)db.exec("RELEASE SAVEPOINT agro_alone");
        return r;
    }
    AGRO_TRY(db.exec("RELEASE SAVEPOINT agro_alone"));
    return {};
}

Result<Transaction> Transaction::begin(Connection &db) {
    if (db.isPostgres()) {
        // One key for every AgroDesk writer of this database ("AGRO" in ASCII).
        AGRO_TRY(db.exec("BEGIN; SELECT pg_advisory_xact_lock(1095188047)"));
        return Transaction(&db);
    }
    AGRO_TRY(db.exec("BEGIN IMMEDIATE"));
    return Transaction(&db);
}

Transaction::Transaction(Transaction &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)) {}

Transaction::~Transaction() {
    if (m_db)
        (void)m_db->exec("ROLLBACK");
}

Result<void> Transaction::commit() {
    if (!m_db)
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("transaction not active"));
    auto r = m_db->exec("COMMIT");
    if (!r.ok())
        return r; // destructor rolls back
    m_db = nullptr;
    return {};
}

} // namespace agro::store
