#include "recordservice.h"

#include "store/repository.h"
#include "store/workspace.h"
#include "withdb.h"
#include "worker.h"

#include <QSet>

#include <cmath>

namespace agro::services {

using namespace agro::domain;

namespace {
/// Inside a write: inserts the record when its id is new (an empty id gets one), else
/// updates the columns that changed.
template<class T> Result<void> upsert(store::Mutator &m, T &value) {
    if (value.id.isEmpty())
        value.id = m.newId();
    auto existing = store::Repository<T>::get(m.db(), value.id);
    if (!existing.ok())
        return existing.error();
    return existing->has_value() ? store::Repository<T>::update(m, value)
                                 : store::Repository<T>::insert(m, value);
}

/// Writes a checked record in its own transaction, unless there are problems.
template<class T>
Result<SaveOutcome<T>> writeChecked(store::Connection &db, T value,
                                    std::vector<FieldError> problems) {
    SaveOutcome<T> out;
    out.problems = std::move(problems);
    if (!out.problems.empty())
        return out;
    auto m = store::Mutator::begin(db);
    if (!m.ok())
        return m.error();
    AGRO_TRY(upsert(m.value(), value));
    AGRO_TRY(m->commit());
    out.saved = value;
    return out;
}

/// Deletes a record and returns it as it was.
template<class T> Result<T> removeRecord(store::Connection &db, const QString &id) {
    auto m = store::Mutator::begin(db);
    if (!m.ok())
        return m.error();
    auto existing = store::Repository<T>::get(db, id);
    if (!existing.ok())
        return existing.error();
    if (!existing->has_value())
        return Error::make(ErrorCode::NotFound, id);
    AGRO_TRY(store::Repository<T>::remove(m.value(), id));
    AGRO_TRY(m->commit());
    return **existing;
}

/// The farm of the row `sql` selects for `id` (empty when there is none).
Result<QString> farmOfRow(store::Connection &db, const char *sql, const QString &id) {
    auto st = db.prepare(sql);
    if (!st.ok())
        return st.error();
    st->bind(1, id);
    auto row = st->step();
    if (!row.ok())
        return row.error();
    return row.value() ? st->text(0) : QString();
}
} // namespace

Result<SaveOutcome<Planting>> savePlantingRecord(store::Connection &db, Planting p) {
    std::optional<double> fieldArea;
    std::vector<FieldError> problems;
    {
        auto st = db.prepare("SELECT farm_id, area_ha FROM fields WHERE id = ?");
        if (!st.ok())
            return st.error();
        st->bind(1, p.fieldId);
        auto row = st->step();
        if (!row.ok())
            return row.error();
        if (row.value()) {
            fieldArea = st->real(1);
            if (st->text(0) != p.farmId)
                problems.push_back({QStringLiteral("fieldId"), ErrorCode::NotFound,
                                    QStringLiteral("not a field of this farm")});
        } else if (!p.fieldId.isEmpty()) {
            problems.push_back({QStringLiteral("fieldId"), ErrorCode::NotFound, p.fieldId});
        }
    }
    auto seasonFarm = farmOfRow(db, "SELECT farm_id FROM seasons WHERE id = ?", p.seasonId);
    if (!seasonFarm.ok())
        return seasonFarm.error();
    if (!p.seasonId.isEmpty() && seasonFarm.value() != p.farmId)
        problems.push_back({QStringLiteral("seasonId"), ErrorCode::NotFound,
                            QStringLiteral("not a season of this farm")});
    {
        auto st = db.prepare("SELECT farm_id FROM crops WHERE id = ?");
        if (!st.ok())
            return st.error();
        st->bind(1, p.cropId);
        auto crop = st->step();
        if (!crop.ok())
            return crop.error();
        if (!p.cropId.isEmpty() && (!crop.value() || (!st->isNull(0) && st->text(0) != p.farmId)))
            problems.push_back({QStringLiteral("cropId"), ErrorCode::NotFound, p.cropId});
    }
    auto own = validatePlanting(p, fieldArea);
    problems.insert(problems.begin(), own.begin(), own.end());
    return writeChecked(db, std::move(p), std::move(problems));
}

Result<Planting> deletePlantingRecord(store::Connection &db, const QString &id) {
    std::int64_t costs = 0, harvests = 0, lots = 0, shares = 0;
    {
        auto st = db.prepare("SELECT (SELECT count(*) FROM cost_entries WHERE planting_id = ?1), "
                             "(SELECT count(*) FROM harvests WHERE planting_id = ?1), "
                             "(SELECT count(*) FROM lots WHERE planting_id = ?1), "
                             "(SELECT count(*) FROM cost_shares WHERE planting_id = ?1)");
        if (!st.ok())
            return st.error();
        st->bind(1, id);
        auto row = st->step();
        if (!row.ok())
            return row.error();
        costs = st->int64(0);
        harvests = st->int64(1);
        lots = st->int64(2);
        shares = st->int64(3);
    }
    if (costs + harvests + lots + shares > 0)
        return Error::make(
            ErrorCode::Constraint,
            QStringLiteral("%1 cost entries, %2 harvests, %3 lots and %4 cost shares "
                           "refer to this planting; delete or move them first")
                .arg(costs)
                .arg(harvests)
                .arg(lots)
                .arg(shares));
    return removeRecord<Planting>(db, id);
}

Result<std::vector<Planting>> copySeasonPlanRecords(store::Connection &db, const QString &farmId,
                                                    const QString &fromSeasonId,
                                                    const QString &toSeason) {
    auto source = store::Repository<Season>::get(db, fromSeasonId);
    if (!source.ok())
        return source.error();
    if (!source->has_value() || (*source)->farmId != farmId)
        return Error::make(ErrorCode::NotFound, fromSeasonId);
    const QString targetName = toSeason.trimmed();
    if (targetName.isEmpty() || targetName == (*source)->name)
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("target season"));
    auto existing = store::Repository<Season>::select(
        db, QStringLiteral("farm_id = ? AND name = ?"), {farmId, targetName});
    if (!existing.ok())
        return existing.error();
    auto m = store::Mutator::begin(db);
    if (!m.ok())
        return m.error();
    QString targetId;
    if (!existing->empty()) {
        targetId = existing->front().id;
    } else {
        // A new season: the source's dates moved by whole years when both names are years,
        // else by one year.
        bool a = false, b = false;
        const int years = targetName.toInt(&a) - (*source)->name.toInt(&b);
        Season s;
        s.id = m->newId();
        s.farmId = farmId;
        s.name = targetName;
        s.startsOn = (*source)->startsOn.addYears(a && b ? years : 1);
        s.endsOn = (*source)->endsOn.addYears(a && b ? years : 1);
        AGRO_TRY(store::Repository<Season>::insert(m.value(), s));
        targetId = s.id;
    }
    auto from = store::Repository<Planting>::select(
        db, QStringLiteral("farm_id = ? AND season_id = ?"), {farmId, fromSeasonId});
    if (!from.ok())
        return from.error();
    auto already = store::Repository<Planting>::select(
        db, QStringLiteral("farm_id = ? AND season_id = ?"), {farmId, targetId});
    if (!already.ok())
        return already.error();
    QSet<QString> planted;
    for (const auto &p : already.value())
        planted.insert(p.fieldId);
    std::vector<Planting> created;
    for (Planting p : from.value()) {
        if (planted.contains(p.fieldId))
            continue;
        p.id = m->newId();
        p.seasonId = targetId;
        p.plantedOn = {};
        AGRO_TRY(store::Repository<Planting>::insert(m.value(), p));
        created.push_back(p);
    }
    AGRO_TRY(m->commit());
    return created;
}

Result<SaveOutcome<Harvest>> saveHarvestRecord(store::Connection &db, Harvest h) {
    auto problems = validateHarvest(h);
    auto farm = farmOfRow(db, "SELECT farm_id FROM plantings WHERE id = ?", h.plantingId);
    if (!farm.ok())
        return farm.error();
    if (!h.plantingId.isEmpty() && farm->isEmpty())
        problems.push_back({QStringLiteral("plantingId"), ErrorCode::NotFound, h.plantingId});
    h.farmId = farm.value();
    return writeChecked(db, std::move(h), std::move(problems));
}

Result<SaveOutcome<CostEntry>> saveCostEntry(store::Connection &db, CostEntry entry,
                                             std::optional<std::vector<CostShare>> shares) {
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
    const bool byShares = entry.plantingId.isEmpty() && entry.allocation == QLatin1String("shares");
    if (byShares && shares) {
        double sum = 0;
        bool valid = true;
        for (const auto &sh : *shares) {
            valid = valid && std::isfinite(sh.share) && sh.share >= 0;
            sum += sh.share;
            auto farm = farmOfRow(db, "SELECT farm_id FROM plantings WHERE id = ?", sh.plantingId);
            if (!farm.ok())
                return farm.error();
            valid = valid && farm.value() == entry.farmId;
        }
        // An empty list means "no explicit shares" (the area rule applies); a list that gives
        // nobody a share is a mistake.
        if (!valid || (!shares->empty() && sum <= 0))
            out.problems.push_back({QStringLiteral("shares"), ErrorCode::InvalidArgument,
                                    QStringLiteral("shares of this farm's plantings, 0 or more, "
                                                   "not all 0")});
    }
    if (!out.problems.empty())
        return out;
    auto m = store::Mutator::begin(db);
    if (!m.ok())
        return m.error();
    AGRO_TRY(upsert(m.value(), entry));
    // Shares go with the entry in the same transaction: replaced when given, dropped when the
    // entry no longer splits by shares.
    if (!byShares || shares) {
        auto old =
            store::Repository<CostShare>::select(db, QStringLiteral("cost_id = ?"), {entry.id});
        if (!old.ok())
            return old.error();
        for (const auto &sh : old.value())
            AGRO_TRY(store::Repository<CostShare>::remove(m.value(), sh.id));
        if (byShares) {
            for (CostShare sh : *shares) {
                sh.id = m->newId();
                sh.farmId = entry.farmId;
                sh.costId = entry.id;
                AGRO_TRY(store::Repository<CostShare>::insert(m.value(), sh));
            }
        }
    }
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
        auto st = db->prepare("SELECT p.id, s.name || ' · ' || fl.name || ' · ' || c.name, "
                              "s.starts_on, s.ends_on, p.planted_area_ha FROM "
                              "plantings p JOIN fields fl ON fl.id = p.field_id JOIN crops c ON "
                              "c.id = p.crop_id JOIN seasons s ON s.id = p.season_id WHERE "
                              "p.farm_id = ? ORDER BY s.starts_on DESC, fl.name, c.name");
        if (!st.ok())
            return st.error();
        st->bind(1, farmId);
        std::vector<PlantingChoice> out;
        AGRO_TRY(st->forEachRow([&] {
            out.push_back({st->text(0), st->text(1), QDate::fromString(st->text(2), Qt::ISODate),
                           QDate::fromString(st->text(3), Qt::ISODate), st->real(4)});
        }));
        return out;
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<SaveOutcome<CostEntry>>>
RecordService::saveCost(QString workspace, CostEntry entry,
                        std::optional<std::vector<CostShare>> shares) {
    auto work = [workspace, entry, shares]() -> Result<SaveOutcome<CostEntry>> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        return saveCostEntry(db.value(), entry, shares);
    };
    auto task = onWriter(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<std::vector<CostShare>>> RecordService::costShares(QString workspace,
                                                                      QString costId) {
    auto work = [workspace, costId] {
        return withDb(workspace, [&](store::Connection &db) {
            return store::Repository<CostShare>::select(db, QStringLiteral("cost_id = ?"),
                                                        {costId});
        });
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<CostWithShares>> RecordService::deleteCost(QString workspace, QString id) {
    auto work = [workspace, id]() -> Result<CostWithShares> {
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
        return CostWithShares{**existing, shares.value()};
    };
    auto task = onWriter(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<std::vector<PlantingRow>>>
RecordService::plantingRows(QString workspace, QString farmId, QString season) {
    auto work = [workspace, farmId, season] {
        return withDb(workspace, [&](store::Connection &db) -> Result<std::vector<PlantingRow>> {
            auto plantings = store::Repository<Planting>::select(
                db,
                QStringLiteral("(?1 IS NULL OR farm_id = ?1) AND (?2 IS NULL OR season_id IN "
                               "(SELECT id FROM seasons WHERE name = ?2))"),
                {farmId.isEmpty() ? QVariant() : QVariant(farmId),
                 season.isEmpty() ? QVariant() : QVariant(season)});
            if (!plantings.ok())
                return plantings.error();
            QHash<QString, PlantingRow> names;
            auto st = db.prepare(
                "SELECT p.id, fl.name, c.name, s.name, (SELECT count(*) FROM cost_entries e WHERE "
                "e.planting_id = p.id), (SELECT count(*) FROM harvests h WHERE h.planting_id = "
                "p.id), s.starts_on FROM plantings p JOIN fields fl ON fl.id = p.field_id JOIN "
                "crops c ON c.id = p.crop_id JOIN seasons s ON s.id = p.season_id");
            if (!st.ok())
                return st.error();
            QHash<QString, QString> starts;
            AGRO_TRY(st->forEachRow([&] {
                PlantingRow r;
                r.fieldName = st->text(1);
                r.cropName = st->text(2);
                r.seasonName = st->text(3);
                r.costEntries = int(st->int64(4));
                r.harvests = int(st->int64(5));
                names.insert(st->text(0), r);
                starts.insert(st->text(0), st->text(6));
            }));
            std::vector<PlantingRow> out;
            for (auto &p : plantings.value()) {
                PlantingRow r = names.value(p.id);
                r.planting = p;
                out.push_back(std::move(r));
            }
            // Newest season first, then by field.
            std::stable_sort(out.begin(), out.end(), [&](const auto &a, const auto &b) {
                const QString sa = starts.value(a.planting.id), sb = starts.value(b.planting.id);
                return sa != sb ? sa > sb : a.fieldName.localeAwareCompare(b.fieldName) < 0;
            });
            return out;
        });
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<PlantingOptions>> RecordService::plantingOptions(QString workspace,
                                                                    QString farmId) {
    auto work = [workspace, farmId] {
        return withDb(workspace, [&](store::Connection &db) -> Result<PlantingOptions> {
            PlantingOptions o;
            auto fields =
                db.prepare("SELECT id, name, area_ha FROM fields WHERE farm_id = ? ORDER BY name");
            if (!fields.ok())
                return fields.error();
            fields->bind(1, farmId);
            AGRO_TRY(fields->forEachRow([&] {
                o.fields.push_back({fields->text(0), fields->text(1), fields->real(2)});
            }));
            auto crops = db.prepare(
                "SELECT id, name FROM crops WHERE farm_id IS NULL OR farm_id = ? ORDER BY name");
            if (!crops.ok())
                return crops.error();
            crops->bind(1, farmId);
            AGRO_TRY(crops->forEachRow([&] {
                o.crops.push_back({crops->text(0), crops->text(1)});
            }));
            auto seasons = db.prepare(
                "SELECT id, name FROM seasons WHERE farm_id = ? ORDER BY starts_on DESC");
            if (!seasons.ok())
                return seasons.error();
            seasons->bind(1, farmId);
            AGRO_TRY(seasons->forEachRow([&] {
                o.seasons.push_back({seasons->text(0), seasons->text(1)});
            }));
            return o;
        });
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<SaveOutcome<Planting>>> RecordService::savePlanting(QString workspace,
                                                                       Planting p) {
    auto work = [workspace, p] {
        return withDb(workspace, [&](store::Connection &db) { return savePlantingRecord(db, p); });
    };
    auto task = onWriter(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<Planting>> RecordService::deletePlanting(QString workspace, QString id) {
    auto work = [workspace, id] {
        return withDb(workspace,
                      [&](store::Connection &db) { return deletePlantingRecord(db, id); });
    };
    auto task = onWriter(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<std::vector<Planting>>> RecordService::copySeasonPlan(QString workspace,
                                                                         QString farmId,
                                                                         QString fromSeasonId,
                                                                         QString toSeasonId) {
    auto work = [=] {
        return withDb(workspace, [&](store::Connection &db) {
            return copySeasonPlanRecords(db, farmId, fromSeasonId, toSeasonId);
        });
    };
    auto task = onWriter(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<std::vector<HarvestRow>>>
RecordService::harvestRows(QString workspace, QString farmId, QString season) {
    auto work = [workspace, farmId, season] {
        return withDb(workspace, [&](store::Connection &db) -> Result<std::vector<HarvestRow>> {
            auto harvests = store::Repository<Harvest>::select(
                db,
                QStringLiteral("(?1 IS NULL OR farm_id = ?1) AND (?2 IS NULL OR planting_id IN "
                               "(SELECT p.id FROM plantings p JOIN seasons s ON s.id = "
                               "p.season_id WHERE s.name = ?2))"),
                {farmId.isEmpty() ? QVariant() : QVariant(farmId),
                 season.isEmpty() ? QVariant() : QVariant(season)});
            if (!harvests.ok())
                return harvests.error();
            QHash<QString, QString> labels;
            auto st = db.prepare("SELECT p.id, s.name || ' · ' || fl.name || ' · ' || c.name FROM "
                                 "plantings p JOIN fields fl ON fl.id = p.field_id JOIN crops c ON "
                                 "c.id = p.crop_id JOIN seasons s ON s.id = p.season_id");
            if (!st.ok())
                return st.error();
            AGRO_TRY(st->forEachRow([&] { labels.insert(st->text(0), st->text(1)); }));
            std::vector<HarvestRow> out;
            for (auto &h : harvests.value())
                out.push_back({h, labels.value(h.plantingId)});
            std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
                return a.harvest.harvestedOn > b.harvest.harvestedOn;
            });
            return out;
        });
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<SaveOutcome<Harvest>>> RecordService::saveHarvest(QString workspace, Harvest h) {
    auto work = [workspace, h] {
        return withDb(workspace, [&](store::Connection &db) { return saveHarvestRecord(db, h); });
    };
    auto task = onWriter(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<Harvest>> RecordService::deleteHarvest(QString workspace, QString id) {
    auto work = [workspace, id] {
        return withDb(workspace,
                      [&](store::Connection &db) { return removeRecord<Harvest>(db, id); });
    };
    auto task = onWriter(std::move(work));
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services
