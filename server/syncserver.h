#pragma once

#include "common/result.h"
#include "loginthrottle.h"
#include "metrics.h"
#include "storeaddress.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QSslConfiguration>
#include <QThread>

#include <memory>
#include <optional>
#include <vector>

namespace agro::server {

struct ServerConfig {
    StoreAddress store; ///< the server's store: a workspace file (created if missing) or PostgreSQL
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0; ///< 0: any free port
    QString certPath; ///< PEM certificate and key: HTTPS. Without them, loopback only.
    QString keyPath;
    int workers = 8;
};

/// The clock difference beyond which the server refuses to sync with a client.
inline constexpr qint64 kMaxClockSkewMs = 5 * 60 * 1000;

class HttpWorker;

/// agrodesk-server's HTTP(S) API, /v1 (docs/sync.md, "Protocol"). `workers` threads each
/// serve connections on the shared port; every request opens its own database connection and
/// the store serialises writers.
class SyncServer : public QObject {
    Q_OBJECT
public:
    explicit SyncServer(ServerConfig config, QObject *parent = nullptr);
    ~SyncServer() override;

    /// Opens the store (creating and migrating it if needed), sets up TLS, listens. Returns
    /// the port. Refuses plain HTTP on a non-loopback address.
    Result<quint16> start();

    struct Call {
        QByteArray body;
        QByteArray bearer;
        QString address;
        QUrlQuery query;
    };

private:
    QHttpServerResponse login(const Call &c);
    QHttpServerResponse logout(const Call &c);
    QHttpServerResponse push(const Call &c);
    QHttpServerResponse pull(const Call &c);
    QHttpServerResponse sanity(const Call &c);
    QHttpServerResponse members(const Call &c);
    QHttpServerResponse health();
    friend class HttpWorker;
    void addRoutes(QHttpServer &http);

    ServerConfig m_config;
    std::optional<QSslConfiguration> m_ssl;
    std::vector<std::unique_ptr<QThread>> m_workers;
    LoginThrottle m_throttle;
    Metrics m_metrics;
    QString m_dummyHash; ///< verified against for unknown names, so timing reveals nothing
};

} // namespace agro::server
