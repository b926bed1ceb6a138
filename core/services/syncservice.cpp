#include "syncservice.h"

#include "store/workspace.h"
#include "sync/outbox.h"
#include "withdb.h"
#include "worker.h"

namespace agro::services {

QCoro::Task<Result<SyncSettings>> SyncService::settings(QString workspace) {
    auto work = [workspace] {
        return withDb(workspace, [](store::Connection &db) -> Result<SyncSettings> {
            SyncSettings s;
            auto server = store::Workspace::meta(db, sync::meta::server());
            if (!server.ok())
                return server.error();
            auto account = store::Workspace::meta(db, sync::meta::account());
            if (!account.ok())
                return account.error();
            auto ca = store::Workspace::meta(db, sync::meta::caFile());
            if (!ca.ok())
                return ca.error();
            s.server = server.value();
            s.account = account.value();
            s.caFile = ca.value();
            return s;
        });
    };
    auto task = onWorker(std::move(work));
    co_return co_await task;
}

QCoro::Task<Result<void>> SyncService::saveSettings(QString workspace, SyncSettings s) {
    auto work = [workspace, s] {
        return withDb(workspace, [&](store::Connection &db) -> Result<void> {
            AGRO_TRY(store::Workspace::setMeta(db, sync::meta::server(), s.server));
            AGRO_TRY(store::Workspace::setMeta(db, sync::meta::account(), s.account));
            return store::Workspace::setMeta(db, sync::meta::caFile(), s.caFile);
        });
    };
    auto task = onWriter(std::move(work));
    co_return co_await task;
}

QCoro::Task<Result<std::int64_t>> SyncService::pendingCount(QString workspace) {
    auto work = [workspace] {
        return withDb(workspace,
                      [](store::Connection &db) { return sync::Outbox(db).pendingCount(); });
    };
    auto task = onWorker(std::move(work));
    co_return co_await task;
}

QCoro::Task<Result<void>> SyncService::logError(QString workspace, QString message) {
    auto work = [workspace, message] {
        return withDb(workspace, [&](store::Connection &db) {
            return sync::logSync(db, QStringLiteral("error"), message);
        });
    };
    auto task = onWriter(std::move(work));
    co_return co_await task;
}

QCoro::Task<Result<std::vector<sync::SyncLogEntry>>> SyncService::log(QString workspace) {
    auto work = [workspace] {
        return withDb(workspace, [](store::Connection &db) { return sync::syncLog(db); });
    };
    auto task = onWorker(std::move(work));
    co_return co_await task;
}

QCoro::Task<Result<std::vector<sync::Conflict>>> SyncService::conflicts(QString workspace,
                                                                        QString status) {
    auto work = [workspace, status] {
        return withDb(workspace,
                      [&](store::Connection &db) { return sync::listConflicts(db, status); });
    };
    auto task = onWorker(std::move(work));
    co_return co_await task;
}

QCoro::Task<Result<void>> SyncService::restore(QString workspace, qint64 conflictId) {
    auto work = [workspace, conflictId] {
        return withDb(workspace,
                      [&](store::Connection &db) { return sync::restoreConflict(db, conflictId); });
    };
    auto task = onWriter(std::move(work));
    co_return co_await task;
}

QCoro::Task<Result<void>> SyncService::keep(QString workspace, qint64 conflictId) {
    auto work = [workspace, conflictId] {
        return withDb(workspace,
                      [&](store::Connection &db) { return sync::keepConflict(db, conflictId); });
    };
    auto task = onWriter(std::move(work));
    co_return co_await task;
}

} // namespace agro::services
