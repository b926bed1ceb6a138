// RestockService: the restock operations on worker threads (restockservice.h).
#include "restockservice.h"

#include "store/workspace.h"
#include "worker.h"

namespace agro::services {

QCoro::Task<Result<RestockRunOutcome>> RestockService::generate(QString workspace) {
    auto work = [workspace]() -> Result<RestockRunOutcome> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return generateProposals(db.value());
    };
    auto task = onWriter(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<std::vector<ProposalView>>> RestockService::list(QString workspace) {
    auto work = [workspace]() -> Result<std::vector<ProposalView>> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return listProposals(db.value());
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<Decision>> RestockService::decide(QString workspace, Actor actor,
                                                     DecisionRequest request) {
    auto work = [workspace, actor, request]() -> Result<Decision> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return services::decide(db.value(), actor, request);
    };
    auto task = onWriter(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<int>> RestockService::approveAll(QString workspace, Actor actor,
                                                    QStringList ids) {
    auto work = [workspace, actor, ids]() -> Result<int> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        int done = 0;
        for (const QString &id : ids) {
            auto d = services::decide(db.value(), actor, {id, DecisionAction::Approve, 0, {}, {}});
            if (!d.ok())
                return d.error();
            ++done;
        }
        return done;
    };
    auto task = onWriter(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<qint64>> RestockService::exportLog(QString workspace, QString file) {
    auto work = [workspace, file]() -> Result<qint64> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return exportDecisionLog(db.value(), file);
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<std::vector<OverrideOutcome>>> RestockService::overrides(QString workspace) {
    auto work = [workspace]() -> Result<std::vector<OverrideOutcome>> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return reviewOverrides(db.value());
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<std::shared_ptr<const PreparedReplay>>>
RestockService::prepareWhatIf(QString workspace, ProgressPtr progress) {
    auto work = [workspace, progress]() -> Result<std::shared_ptr<const PreparedReplay>> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return prepareRestockReplay(db.value(), RestockSimulationOptions{}, *progress);
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<RestockSimulation>>
RestockService::whatIf(std::shared_ptr<const PreparedReplay> prepared, double target,
                       ProgressPtr progress) {
    auto work = [prepared, target, progress]() -> Result<RestockSimulation> {
        return runRestockReplay(*prepared, target, *progress);
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services
