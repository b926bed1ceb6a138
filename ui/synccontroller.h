#pragma once

#include "common/result.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace agro::sync {
class SyncClient;
struct RoundReport;
} // namespace agro::sync

namespace agro::ui {

/// The desktop's sync: settings kept in the workspace (server, account, pinned certificate),
/// the session token kept only in the operating system's keychain (never in plain settings),
/// rounds in the background on a timer and on demand, exponential back-off after a failure,
/// and a one-line status for the status bar (docs/sync.md, "In the app").
class SyncController : public QObject {
    Q_OBJECT
public:
    enum class State { NotSetUp, SignedOut, Syncing, UpToDate, Pending, Offline, Error };

    explicit SyncController(QObject *parent = nullptr);
    ~SyncController() override;

    void setWorkspace(const QString &path, const QString &workspaceId);
    State state() const { return m_state; }
    QString statusText() const;
    QString server() const { return m_server; }
    QString account() const { return m_account; }
    QString caFile() const { return m_caFile; }
    bool keychainAvailable() const { return m_keychainOk; }
    /// The session token held in memory (empty when signed out): for the check that it is
    /// written nowhere but the keychain.
    const QString &sessionToken() const { return m_token; }

    /// Signs in and remembers server, account and certificate; the token goes to the keychain.
    void signIn(const QString &server, const QString &account, const QString &password,
                const QString &caFile);
    void signOut();
    /// A round now (again with `allowMassDelete` once the user confirmed a large deletion).
    void syncNow(bool allowMassDelete = false);

    static constexpr int kIntervalMs = 5 * 60 * 1000;
    /// The wait after `failures` failed rounds: 30 s doubling, at most 30 minutes.
    static int backoffMs(int failures);

Q_SIGNALS:
    void statusChanged();
    void signInFinished(bool ok, const QString &message);
    void roundFinished(bool ok, const QString &message);
    /// A round stopped before a mass deletion; the UI asks and calls syncNow(true).
    void massDeletion(const QString &question);

private:
    void setState(State s, const QString &detail = {});
    void scheduleNext();
    void storeToken(const QString &token);
    void loadToken();
    void refreshPending();
    QString keychainKey() const;

    QString m_workspace, m_workspaceId, m_server, m_account, m_caFile, m_token, m_detail;
    State m_state = State::NotSetUp;
    bool m_keychainOk = true;
    bool m_running = false;
    int m_failures = 0;
    qint64 m_pending = 0;
    QTimer m_timer;
    std::unique_ptr<sync::SyncClient> m_client;
};

} // namespace agro::ui
