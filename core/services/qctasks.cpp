// QcService: the QC operations on worker threads (qcservice.h).
#include "qcservice.h"

#include "store/workspace.h"
#include "withdb.h"
#include "worker.h"

namespace agro::services {

QCoro::Task<Result<std::vector<CategoryForm>>> QcService::forms(QString workspace) {
    auto task = onWorker(
        [workspace] { return withDb(workspace, [](auto &db) { return categoryForms(db); }); });
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<std::vector<LotInfo>>> QcService::lots(QString workspace, QString search) {
    auto task = onWorker([workspace, search] {
        return withDb(workspace, [&](auto &db) { return lotsForInspection(db, search); });
    });
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<LotStock>> QcService::stock(QString workspace, QString productId) {
    auto task = onWorker([workspace, productId] {
        return withDb(workspace,
                      [&](auto &db) { return lotStock(db, productId, QDate::currentDate()); });
    });
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<InspectionOutcome>> QcService::record(QString workspace, Actor actor,
                                                         InspectionRequest request) {
    auto task = onWriter([workspace, actor, request] {
        return withDb(workspace, [&](auto &db) { return recordInspection(db, actor, request); });
    });
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<void>> QcService::saveDraft(QString workspace, Draft draft) {
    auto task = onWriter([workspace, draft] {
        return withDb(workspace, [&](auto &db) { return services::saveDraft(db, draft); });
    });
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<void>> QcService::discardDraft(QString workspace, QString draftId) {
    auto task = onWriter([workspace, draftId] {
        return withDb(workspace, [&](auto &db) { return services::discardDraft(db, draftId); });
    });
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<std::optional<Draft>>> QcService::latestDraft(QString workspace) {
    auto task = onWorker([workspace] {
        return withDb(workspace, [](auto &db) { return services::latestDraft(db); });
    });
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<std::vector<InspectionRow>>> QcService::history(QString workspace,
                                                                   InspectionFilter filter) {
    auto task = onWorker([workspace, filter] {
        return withDb(workspace, [&](auto &db) { return listInspections(db, filter); });
    });
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<StoredPhoto>> QcService::photo(QString workspace, QString photoId) {
    auto task = onWorker([workspace, photoId] {
        return withDb(workspace, [&](auto &db) { return storedPhoto(db, photoId); });
    });
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<LotInfo>> QcService::lotInfo(QString workspace, QString lotId) {
    auto task = onWorker(
        [workspace, lotId] { return withDb(workspace, [&](auto &db) { return lot(db, lotId); }); });
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<qint64>> QcService::exportHistory(QString workspace, InspectionFilter filter,
                                                     QString file) {
    auto task = onWorker([workspace, filter, file] {
        return withDb(workspace, [&](auto &db) { return exportInspections(db, filter, file); });
    });
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<int>> QcService::saveForm(QString workspace, Actor actor, QString categoryId,
                                             QByteArray json) {
    auto task = onWriter([workspace, actor, categoryId, json] {
        return withDb(workspace,
                      [&](auto &db) { return saveCategoryForm(db, actor, categoryId, json); });
    });
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services
