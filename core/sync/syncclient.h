#pragma once

#include "common/result.h"

#include <QCoroTask>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <functional>

namespace agro::sync {

/// Where and how to reach the server.
struct ServerLink {
    QUrl url;       ///< https://host:port (http:// only to a loopback address)
    QString token;  ///< the session token from login()
    QString caFile; ///< optional: trust only this CA or certificate (pinning)
};

struct LoginReply {
    QString token;
    QString account;
    QJsonObject farms; ///< farm id → role
};

struct RoundOptions {
    bool allowMassDelete = false; ///< the user confirmed a large deletion
    int pageSize = 2000;
    std::function<void(const QString &)> progress; ///< one line per step, may be empty
};

/// What a round did.
struct RoundReport {
    qint64 pushed = 0;
    qint64 pulled = 0;
    int conflicts = 0;
    bool resynced = false; ///< the sanity check failed and a full resync ran
    QStringList pendingRows;
    /// Set when the round stopped to ask: a push or pull would delete more than half, or more
    /// than 500, of a farm's rows. Nothing of that step was applied.
    QString needsConfirmation;
};

/// The thresholds of the mass-delete guard (docs/sync.md).
inline constexpr double kMassDeleteShare = 0.5;
inline constexpr int kMassDeleteRows = 500;

/// The desktop's and the CLI's side of the protocol: login, then rounds of push (outbox in
/// batches, each with a fresh batch id), pull (pages after the cursor, merged with the cursor
/// in one transaction), and a sanity check that triggers a full resync on mismatch. Database
/// work runs on worker threads; the network on the caller's event loop.
class SyncClient : public QObject {
    Q_OBJECT
public:
    explicit SyncClient(QString workspace, QObject *parent = nullptr);

    QCoro::Task<Result<LoginReply>> login(ServerLink link, QString username, QString password);
    QCoro::Task<Result<void>> logout(ServerLink link);
    QCoro::Task<Result<RoundReport>> syncRound(ServerLink link, RoundOptions options);

    /// The number of local changes waiting to be pushed.
    static Result<std::int64_t> pendingCount(const QString &workspace);

private:
    // By value, and called as `auto t = call(…); co_await t;`: GCC 12 destroys some temporaries
    // of a `co_await f(temporaries)` expression twice (see services/worker.h).
    QCoro::Task<Result<QJsonObject>> call(ServerLink link, const char *verb, QString path,
                                          QByteArray body);
    QCoro::Task<Result<void>> pushAll(ServerLink link, RoundOptions options, QString node,
                                      RoundReport *report);
    QCoro::Task<Result<void>> pullAll(ServerLink link, RoundOptions options, QString node,
                                      RoundReport *report);
    /// The digests compared; `settled` is false when they describe different moments (the
    /// server's head moved while it computed its digest, or is past this workspace's cursor),
    /// and the differences then mean nothing.
    struct Comparison {
        QStringList differences;
        bool settled = true;
    };
    QCoro::Task<Result<Comparison>> compareWithServer(ServerLink link);
    /// Compares at one position: when other devices' changes keep arriving, pulls them and
    /// compares again, a few times. `settled` false: the server stayed busy.
    QCoro::Task<Result<Comparison>> compareSettled(ServerLink link, RoundOptions options,
                                                   QString node, RoundReport *report);
    QString m_workspace;
    QNetworkAccessManager m_nam;
};

} // namespace agro::sync
