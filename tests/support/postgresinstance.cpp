#include "postgresinstance.h"

#include "store/postgres.h"
#include "store/sqlite.h"

#include <QCollator>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTcpServer>

#include <pwd.h>
#include <unistd.h>

namespace agro::test {

namespace {
/// PostgreSQL's binaries: AGRODESK_PG_BIN, or Debian's newest /usr/lib/postgresql/N/bin.
QString findBinaries() {
    const QString given = qEnvironmentVariable("AGRODESK_PG_BIN");
    if (!given.isEmpty())
        return given;
    QDir lib(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = lib.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCollator numeric;
    numeric.setNumericMode(true);
    std::sort(versions.begin(), versions.end(), numeric);
    for (auto v = versions.crbegin(); v != versions.crend(); ++v) {
        const QString bin = lib.filePath(*v + QStringLiteral("/bin"));
        if (QFileInfo::exists(bin + QStringLiteral("/initdb")))
            return bin;
    }
    return {};
}
} // namespace

PostgresInstance::~PostgresInstance() {
    stop();
}

QStringList PostgresInstance::asOwner(const QStringList &command) const {
    if (::geteuid() != 0)
        return command;
    return QStringList{QStringLiteral("runuser"), QStringLiteral("-u"), QStringLiteral("postgres"),
                       QStringLiteral("--")} +
           command;
}

bool PostgresInstance::run(const QStringList &command, int timeoutMs) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    const QStringList full = asOwner(command);
    p.start(full.first(), full.mid(1));
    if (!p.waitForFinished(timeoutMs) || p.exitStatus() != QProcess::NormalExit ||
        p.exitCode() != 0) {
        m_why = full.join(QLatin1Char(' ')) + QStringLiteral(": ") +
                QString::fromLocal8Bit(p.readAll()).right(2000) + p.errorString();
        return false;
    }
    return true;
}

bool PostgresInstance::start() {
    m_bin = findBinaries();
    if (m_bin.isEmpty()) {
        m_why = QStringLiteral("no PostgreSQL server binaries (install postgresql, or set "
                               "AGRODESK_PG_BIN)");
        return false;
    }
    QByteArray pattern = QDir::tempPath().toLocal8Bit() + "/agrodesk-pg-XXXXXX";
    if (!::mkdtemp(pattern.data())) {
        m_why = QStringLiteral("cannot make a directory in %1").arg(QDir::tempPath());
        return false;
    }
    m_dir = QString::fromLocal8Bit(pattern);
    if (::geteuid() == 0) {
        const passwd *pw = ::getpwnam("postgres");
        if (!pw || ::chown(pattern.constData(), pw->pw_uid, pw->pw_gid) != 0) {
            m_why = QStringLiteral("running as root needs the postgres account (install "
                                   "postgresql)");
            return false;
        }
    }
    const QString data = m_dir + QStringLiteral("/data");
    if (!run({m_bin + QStringLiteral("/initdb"), QStringLiteral("-D"), data, QStringLiteral("-U"),
              QStringLiteral("agrodesk"), QStringLiteral("--auth=trust"),
              QStringLiteral("--no-sync"), QStringLiteral("--locale=C"),
              QStringLiteral("--encoding=UTF8")},
             120000))
        return false;
    {
        QTcpServer probe; // a free port; PostgreSQL takes it right after
        probe.listen(QHostAddress::LocalHost, 0);
        m_port = probe.serverPort();
    }
    const QString options = QStringLiteral("-c listen_addresses=127.0.0.1 -p %1 "
                                           "-c unix_socket_directories=%2 -c fsync=off "
                                           "-c synchronous_commit=off -c max_connections=300")
                                .arg(m_port)
                                .arg(m_dir);
    if (!run({m_bin + QStringLiteral("/pg_ctl"), QStringLiteral("-D"), data, QStringLiteral("-o"),
              options, QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"),
              QStringLiteral("-l"), m_dir + QStringLiteral("/server.log"), QStringLiteral("start")},
             90000))
        return false;
    m_running = true;
    return true;
}

void PostgresInstance::stop() {
    store::closeIdlePostgresSessions();
    if (m_running) {
        run({m_bin + QStringLiteral("/pg_ctl"), QStringLiteral("-D"),
             m_dir + QStringLiteral("/data"), QStringLiteral("-m"), QStringLiteral("immediate"),
             QStringLiteral("stop")},
            60000);
        m_running = false;
    }
    if (!m_dir.isEmpty()) {
        QDir(m_dir).removeRecursively();
        m_dir.clear();
    }
}

QString PostgresInstance::url(const QString &database) const {
    return QStringLiteral("postgresql://agrodesk@127.0.0.1:%1/%2").arg(m_port).arg(database);
}

bool PostgresInstance::createDatabase(const QString &name, const QString &templateName) {
    auto db = store::Connection::openPostgres(url(QStringLiteral("postgres")));
    if (!db.ok()) {
        m_why = db.error().detail;
        return false;
    }
    std::string sql = "CREATE DATABASE " + name.toStdString();
    if (!templateName.isEmpty())
        sql += " TEMPLATE " + templateName.toStdString();
    auto r = db->exec(sql);
    if (!r.ok())
        m_why = r.error().detail;
    return r.ok();
}

bool PostgresInstance::dropDatabase(const QString &name) {
    store::closeIdlePostgresSessions();
    auto db = store::Connection::openPostgres(url(QStringLiteral("postgres")));
    if (!db.ok()) {
        m_why = db.error().detail;
        return false;
    }
    auto r = db->exec("DROP DATABASE IF EXISTS " + name.toStdString() + " WITH (FORCE)");
    if (!r.ok())
        m_why = r.error().detail;
    return r.ok();
}

} // namespace agro::test
