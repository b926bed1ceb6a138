#include "synccontroller.h"

#include "services/syncservice.h"
#include "sync/syncclient.h"

#include <QCoroTask>

#include <qt6keychain/keychain.h>

namespace agro::ui {

namespace {
const QString kKeychainService = QStringLiteral("AgroDesk sync");
} // namespace

SyncController::SyncController(QObject *parent)
    : QObject(parent) {
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { syncNow(); });
}

SyncController::~SyncController() = default;

int SyncController::backoffMs(int failures) {
    if (failures <= 0)
        return kIntervalMs;
    return static_cast<int>(
        std::min<qint64>(qint64(30000) << std::min(failures - 1, 10), 30 * 60 * 1000));
}

QString SyncController::keychainKey() const {
    return m_workspaceId + QLatin1Char('|') + m_server + QLatin1Char('|') + m_account;
}

void SyncController::setWorkspace(const QString &path, const QString &workspaceId) {
    m_timer.stop();
    m_workspace = path;
    m_workspaceId = workspaceId;
    m_token.clear();
    m_client = std::make_unique<sync::SyncClient>(path);
    m_failures = 0;
    QCoro::connect(services::SyncService::settings(path), this,
                   [this, path](const Result<services::SyncSettings> &s) {
                       if (path != m_workspace)
                           return;
                       if (!s.ok() || s->server.isEmpty()) {
                           m_server.clear();
                           m_account.clear();
                           setState(State::NotSetUp);
                           return;
                       }
                       m_server = s->server;
                       m_account = s->account;
                       m_caFile = s->caFile;
                       setState(State::SignedOut);
                       loadToken();
                   });
}

QString SyncController::statusText() const {
    switch (m_state) {
    case State::NotSetUp:
        return tr("Sync: not set up");
    case State::SignedOut:
        return tr("Sync: signed out");
    case State::Syncing:
        return tr("Sync: syncing…");
    case State::UpToDate:
        return tr("Sync: up to date");
    case State::Pending:
        return tr("Sync: %n change(s) to send", nullptr, static_cast<int>(m_pending));
    case State::Offline:
        return tr("Sync: offline (%1)").arg(m_detail);
    case State::Error:
        return tr("Sync: error — %1").arg(m_detail);
    }
    return {};
}

void SyncController::setState(State s, const QString &detail) {
    m_state = s;
    m_detail = detail;
    Q_EMIT statusChanged();
}

void SyncController::loadToken() {
    auto *job = new QKeychain::ReadPasswordJob(kKeychainService, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never in plain settings
    job->setKey(keychainKey());
    const QString ws = m_workspace;
    connect(job, &QKeychain::Job::finished, this, [this, job, ws](QKeychain::Job *) {
        if (ws != m_workspace)
            return;
        if (job->error() == QKeychain::NoError) {
            m_keychainOk = true;
            m_token = job->textData();
            syncNow();
        } else {
            m_keychainOk = job->error() != QKeychain::NoBackendAvailable &&
                           job->error() != QKeychain::OtherError;
            setState(State::SignedOut, job->errorString());
        }
    });
    job->start();
}

void SyncController::storeToken(const QString &token) {
    auto *job = new QKeychain::WritePasswordJob(kKeychainService, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(keychainKey());
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [this, job](QKeychain::Job *) {
        m_keychainOk = job->error() == QKeychain::NoError;
        Q_EMIT statusChanged();
    });
    job->start();
}

void SyncController::signIn(const QString &server, const QString &account, const QString &password,
                            const QString &caFile) {
    if (m_workspace.isEmpty())
        return;
    sync::ServerLink link;
    link.url = QUrl(server.trimmed());
    link.caFile = caFile;
    auto task = [](sync::SyncClient *client, sync::ServerLink l, QString user,
                   QString pass) -> QCoro::Task<Result<sync::LoginReply>> {
        auto login = client->login(std::move(l), std::move(user), std::move(pass));
        auto result = co_await login;
        co_return result;
    }(m_client.get(), link, account, password);
    const QString ws = m_workspace;
    QCoro::connect(std::move(task), this,
                   [this, ws, server, account, caFile](const Result<sync::LoginReply> &r) {
                       if (ws != m_workspace)
                           return;
                       if (!r.ok()) {
                           Q_EMIT signInFinished(false, errorText(r.error()));
                           return;
                       }
                       m_server = server.trimmed();
                       m_account = account;
                       m_caFile = caFile;
                       m_token = r->token;
                       storeToken(m_token);
                       QCoro::connect(
                           services::SyncService::saveSettings(ws, {m_server, m_account, m_caFile}),
                           this, [this](const Result<void> &saved) {
                               Q_EMIT signInFinished(
                                   saved.ok(), saved.ok() ? QString() : errorText(saved.error()));
                               if (saved.ok())
                                   syncNow();
                           });
                   });
}

void SyncController::signOut() {
    m_timer.stop();
    if (!m_token.isEmpty() && m_client) {
        sync::ServerLink link{QUrl(m_server), m_token, m_caFile};
        QCoro::connect(m_client->logout(link), this, [](const Result<void> &) {});
    }
    m_token.clear();
    auto *job = new QKeychain::DeletePasswordJob(kKeychainService, this);
    job->setAutoDelete(true);
    job->setKey(keychainKey());
    job->start();
    setState(m_server.isEmpty() ? State::NotSetUp : State::SignedOut);
}

void SyncController::refreshPending() {
    const QString ws = m_workspace;
    QCoro::connect(services::SyncService::pendingCount(ws), this,
                   [this, ws](const Result<std::int64_t> &n) {
                       if (ws != m_workspace || !n.ok() || m_running)
                           return;
                       m_pending = n.value();
                       if (m_state == State::UpToDate || m_state == State::Pending)
                           setState(m_pending > 0 ? State::Pending : State::UpToDate);
                   });
}

void SyncController::scheduleNext() {
    m_timer.start(backoffMs(m_failures));
}

void SyncController::syncNow(bool allowMassDelete) {
    if (m_running || m_workspace.isEmpty())
        return;
    if (m_token.isEmpty()) {
        setState(m_server.isEmpty() ? State::NotSetUp : State::SignedOut);
        return;
    }
    m_running = true;
    m_timer.stop();
    setState(State::Syncing);
    sync::ServerLink link{QUrl(m_server), m_token, m_caFile};
    sync::RoundOptions options;
    options.allowMassDelete = allowMassDelete;
    const QString ws = m_workspace;
    QCoro::connect(
        m_client->syncRound(link, options), this, [this, ws](const Result<sync::RoundReport> &r) {
            m_running = false;
            if (ws != m_workspace)
                return;
            if (!r.ok()) {
                const Error &e = r.error();
                ++m_failures;
                const QString why = errorText(e);
                QCoro::connect(services::SyncService::logError(ws, why), this,
                               [](const Result<void> &) {});
                if (e.code == ErrorCode::SignInRequired) {
                    m_token.clear();
                    setState(State::SignedOut, why);
                } else if (e.code == ErrorCode::Network) {
                    setState(State::Offline, e.detail);
                    scheduleNext();
                } else {
                    setState(State::Error, e.detail.isEmpty() ? why : e.detail);
                    scheduleNext();
                }
                Q_EMIT roundFinished(false, why);
                return;
            }
            m_failures = 0;
            if (!r->needsConfirmation.isEmpty()) {
                setState(State::Error, r->needsConfirmation);
                Q_EMIT massDeletion(r->needsConfirmation);
                return;
            }
            m_pending = 0;
            setState(State::UpToDate);
            refreshPending();
            scheduleNext();
            Q_EMIT roundFinished(true, tr("Synced: %1 sent, %2 received, %3 conflicts kept")
                                           .arg(r->pushed)
                                           .arg(r->pulled)
                                           .arg(r->conflicts));
        });
}

} // namespace agro::ui
