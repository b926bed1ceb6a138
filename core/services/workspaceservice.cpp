#include "workspaceservice.h"

#include "security/passwordpolicy.h"
#include "store/repository.h"
#include "userservice.h"

#include <QFile>

#include "worker.h"

namespace agro::services {

QCoro::Task<Result<store::WorkspaceInfo>> WorkspaceService::open(QString path) {
    auto work = [path] { return store::Workspace::open(path); };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<store::WorkspaceInfo>> WorkspaceService::create(QString path) {
    auto work = [path] { return store::Workspace::create(path); };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

Result<store::WorkspaceInfo> createWorkspace(const QString &path, const FirstOwner &owner) {
    const QString farmName = owner.farmName.trimmed();
    if (farmName.isEmpty()) {
        Error e = Error::make(ErrorCode::InvalidArgument, QStringLiteral("the farm needs a name"));
        e.field = QStringLiteral("farm");
        return e;
    }
    // The rules first, so that a refused password leaves no file behind.
    AGRO_TRY(security::checkNewPassword(owner.password, owner.username.trimmed()));
    auto info = store::Workspace::create(path);
    if (!info.ok())
        return info.error();
    auto filled = [&]() -> Result<void> {
        auto db = store::Workspace::connect(path);
        if (!db.ok())
            return db.error();
        {
            auto m = store::Mutator::begin(db.value());
            if (!m.ok())
                return m.error();
            domain::Farm farm;
            farm.id = m->newId();
            farm.name = farmName;
            farm.currency = owner.currency;
            AGRO_TRY(store::Repository<domain::Farm>::insert(m.value(), farm));
            AGRO_TRY(m->commit());
        }
        auto user = users::add(db.value(), owner.username, owner.displayName, owner.password,
                               farmName, QStringLiteral("owner"));
        if (!user.ok())
            return user.error();
        return {};
    }();
    if (!filled.ok()) {
        QFile::remove(path);
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        return filled.error();
    }
    return info;
}

QCoro::Task<Result<store::WorkspaceInfo>> WorkspaceService::create(QString path, FirstOwner owner) {
    auto work = [path, owner] { return createWorkspace(path, owner); };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<store::WorkspaceInfo>>
WorkspaceService::generateDemo(QString path, demo::DemoOptions options, ProgressPtr progress) {
    auto work = [path, options, progress]() -> Result<store::WorkspaceInfo> {
        auto made = demo::generateDemo(path, options, progress.get());
        if (!made.ok())
            return made.error();
        return store::Workspace::open(path);
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services
