#pragma once

#include "common/result.h"

#include <QCoroTask>
#include <QEventLoop>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>

#include <optional>

namespace agro::test {

/// A real agrodesk-server process on 127.0.0.1 and a free port, for the sync tests.
class ServerProcess {
public:
    /// `database`: a workspace file, or a postgresql:// address.
    explicit ServerProcess(QString database);
    ~ServerProcess();

    /// Starts the server with `extra` arguments; returns false (with the output in `log()`)
    /// when it does not report its port within 20 s.
    bool start(const QStringList &extra = {},
               const QString &listen = QStringLiteral("127.0.0.1:0"));
    /// SIGKILL, as a crash would.
    void kill();
    void stop();
    quint16 port() const { return m_port; }
    QString url(const QString &scheme = QStringLiteral("http")) const;
    /// What the server printed so far (reads what is new).
    QString log() {
        m_log += QString::fromUtf8(m_process.readAll());
        return m_log;
    }
    bool running() const { return m_process.state() == QProcess::Running; }
    QString exitInfo() const {
        return QStringLiteral("exit status %1 code %2 error %3")
            .arg(int(m_process.exitStatus()))
            .arg(m_process.exitCode())
            .arg(m_process.errorString());
    }
    const QString &database() const { return m_database; }
    /// The --database argument: sqlite:FILE or the postgresql:// address.
    QString databaseSpec() const;

    /// Runs `agrodesk-server ARGS --database SPEC` to the end: exit code, output in `out`.
    int admin(const QStringList &args, const QByteArray &stdinText = {}, QString *out = nullptr);

    static QString binary();

private:
    QString m_database;
    QProcess m_process;
    quint16 m_port = 0;
    QString m_log;
};

/// A bare HTTP exchange for protocol tests: status and JSON body.
struct HttpReply {
    int status = 0;
    QJsonObject json;
    QByteArray body;
    QByteArray header(const QByteArray &name) const;
    QList<QPair<QByteArray, QByteArray>> headers;
};
HttpReply http(const QString &verb, const QString &url, const QByteArray &body = {},
               const QString &token = {});

/// Runs a coroutine to its end on a local event loop.
template<class T> T runTask(QCoro::Task<T> task) {
    std::optional<T> out;
    QEventLoop loop;
    auto wrapper = [&]() -> QCoro::Task<> {
        out.emplace(co_await std::move(task));
        loop.quit();
    };
    auto running = wrapper();
    if (!out)
        loop.exec();
    return std::move(*out);
}

} // namespace agro::test
