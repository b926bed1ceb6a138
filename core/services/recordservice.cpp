#include "recordservice.h"

#include "store/repository.h"
#include "store/workspace.h"
#include "worker.h"

namespace agro::services {

using namespace agro::domain;

Result<SaveOutcome<CostEntry>> saveCostEntry(store::Connection &db, CostEntry entry) {
    SaveOutcome<CostEntry> out;
    out.problems = validateCostEntry(entry);
    {
        auto st = db.prepare("SELECT currency FROM farms WHERE id = ?");
        if (!st.ok())
            return st.error();
        st->bind(1, entry.farmId);
        auto row = st->step();
        if (!row.ok())
            return row.error();
        if (!row.value())
            out.problems.push_back({QStringLiteral("farmId"), ErrorCode::NotFound, entry.farmId});
        else if (st->text(0) != entry.currency)
            out.problems.push_back(
                {QStringLiteral("currency"), ErrorCode::InvalidArgument,
                 QStringLiteral("the farm keeps its books in %1").arg(st->text(0))});
    }
    if (!entry.plantingId.isEmpty()) {
        auto st = db.prepare("SELECT farm_id FROM plantings WHERE id = ?");
        if (!st.ok())
            return st.error();
        st->bind(1, entry.plantingId);
        auto row = st->step();
        if (!row.ok())
            return row.error();
        if (!row.value() || st->text(0) != entry.farmId)
            out.problems.push_back({QStringLiteral("plantingId"), ErrorCode::NotFound,
                                    QStringLiteral("not a planting of this farm")});
    }
    if (!out.problems.empty())
        return out;
    auto m = store::Mutator::begin(db);
    if (!m.ok())
        return m.error();
    if (entry.id.isEmpty())
        entry.id = m->newId();
    auto existing = store::Repository<CostEntry>::get(db, entry.id);
    if (!existing.ok())
        return existing.error();
    AGRO_TRY(existing->has_value() ? store::Repository<CostEntry>::update(m.value(), entry)
                                   : store::Repository<CostEntry>::insert(m.value(), entry));
    AGRO_TRY(m->commit());
    out.saved = entry;
    return out;
}

QCoro::Task<Result<std::vector<CostEntryRow>>>
RecordService::costs(QString workspace, QString farmId, QString season) {
    auto work = [workspace, farmId, season]() -> Result<std::vector<CostEntryRow>> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        auto entries = store::Repository<CostEntry>::select(
            db.value(),
            QStringLiteral("(?1 IS NULL OR farm_id = ?1) AND (?2 IS NULL OR planting_id IN "
                           "(SELECT p.id FROM plantings p JOIN seasons s ON s.id = p.season_id "
                           "WHERE s.name = ?2) OR (planting_id IS NULL AND EXISTS (SELECT 1 FROM "
                           "seasons s WHERE s.farm_id = cost_entries.farm_id AND s.name = ?2 AND "
                           "incurred_on BETWEEN s.starts_on AND s.ends_on)))"),
            {farmId.isEmpty() ? QVariant() : QVariant(farmId),
             season.isEmpty() ? QVariant() : QVariant(season)});
        if (!entries.ok())
            return entries.error();
        QHash<QString, QString> farms, plantings;
        auto f = db->prepare("SELECT id, name FROM farms");
        if (!f.ok())
            return f.error();
        AGRO_TRY(f->forEachRow([&] { farms.insert(f->text(0), f->text(1)); }));
        auto p = db->prepare("SELECT p.id, fl.name || ' · ' || c.name || ' · ' || s.name FROM "
                             "plantings p JOIN fields fl ON fl.id = p.field_id JOIN crops c ON "
                             "c.id = p.crop_id JOIN seasons s ON s.id = p.season_id");
        if (!p.ok())
            return p.error();
        AGRO_TRY(p->forEachRow([&] { plantings.insert(p->text(0), p->text(1)); }));
        std::vector<CostEntryRow> out;
        out.reserve(entries->size());
        for (auto &e : entries.value())
            out.push_back({e, farms.value(e.farmId), plantings.value(e.plantingId)});
        // Newest first: what a person entered last is on top.
        std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
            return a.entry.incurredOn > b.entry.incurredOn;
        });
        return out;
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<std::vector<PlantingChoice>>> RecordService::plantings(QString workspace,
                                                                          QString farmId) {
    auto work = [workspace, farmId]() -> Result<std::vector<PlantingChoice>> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        auto st = db->prepare("SELECT p.id, s.name || ' · ' || fl.name || ' · ' || c.name FROM "
                              "plantings p JOIN fields fl ON fl.id = p.field_id JOIN crops c ON "
                              "c.id = p.crop_id JOIN seasons s ON s.id = p.season_id WHERE "
                              "p.farm_id = ? ORDER BY s.starts_on DESC, fl.name, c.name");
        if (!st.ok())
            return st.error();
        st->bind(1, farmId);
        std::vector<PlantingChoice> out;
        AGRO_TRY(st->forEachRow([&] { out.push_back({st->text(0), st->text(1)}); }));
        return out;
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<SaveOutcome<CostEntry>>> RecordService::saveCost(QString workspace,
                                                                    CostEntry entry) {
    auto work = [workspace, entry]() -> Result<SaveOutcome<CostEntry>> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return saveCostEntry(db.value(), entry);
    };
    auto task = onWriter(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<CostEntry>> RecordService::deleteCost(QString workspace, QString id) {
    auto work = [workspace, id]() -> Result<CostEntry> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        auto m = store::Mutator::begin(db.value());
        if (!m.ok())
            return m.error();
        auto existing = store::Repository<CostEntry>::get(db.value(), id);
        if (!existing.ok())
            return existing.error();
        if (!existing->has_value())
            return Error::make(ErrorCode::NotFound, id);
        // Shares of a farm-level cost go with it (each delete logged).
        auto shares =
            store::Repository<CostShare>::select(db.value(), QStringLiteral("cost_id = ?"), {id});
        if (!shares.ok())
            return shares.error();
        for (const auto &s : shares.value())
            AGRO_TRY(store::Repository<CostShare>::remove(m.value(), s.id));
        AGRO_TRY(store::Repository<CostEntry>::remove(m.value(), id));
        AGRO_TRY(m->commit());
        return **existing;
    };
    auto task = onWriter(std::move(work));
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services
