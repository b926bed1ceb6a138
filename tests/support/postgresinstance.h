#pragma once

#include <QString>

namespace agro::test {

/// A throwaway PostgreSQL cluster for the "postgres" tests: initdb into a fresh directory,
/// started on 127.0.0.1 and a free port with trust authentication for the `agrodesk` role,
/// stopped and removed by the destructor. As root (CI), the server runs as the `postgres`
/// account, since PostgreSQL refuses to run as root.
class PostgresInstance {
public:
    PostgresInstance() = default;
    ~PostgresInstance();
    PostgresInstance(const PostgresInstance &) = delete;
    PostgresInstance &operator=(const PostgresInstance &) = delete;

    /// false with why() when the binaries are missing or the cluster does not start.
    bool start();
    void stop();
    const QString &why() const { return m_why; }
    quint16 port() const { return m_port; }
    /// postgresql://agrodesk@127.0.0.1:PORT/DATABASE
    QString url(const QString &database) const;
    bool createDatabase(const QString &name, const QString &templateName = {});
    bool dropDatabase(const QString &name);

private:
    bool run(const QStringList &command, int timeoutMs);
    QStringList asOwner(const QStringList &command) const;
    QString m_bin, m_dir, m_why;
    quint16 m_port = 0;
    bool m_running = false;
};

} // namespace agro::test
