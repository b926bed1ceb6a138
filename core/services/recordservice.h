#pragma once

#include "common/result.h"
#include "domain/costs.h"
#include "domain/farm.h"
#include "domain/validation.h"
#include "store/sqlite.h"

#include <QCoroTask>

#include <vector>

namespace agro::services {

/// A cost entry with what a list shows next to it.
struct CostEntryRow {
    domain::CostEntry entry;
    QString farmName;
    QString plantingLabel; ///< "Field · Crop · Season", empty for farm-level
};

/// A planting a cost can be booked on.
struct PlantingChoice {
    QString id;
    QString label;
    QDate seasonStart;
    QDate seasonEnd;
    double areaHa = 0;
};

/// The outcome of a save: the stored record, or the field-level problems (nothing written).
template<class T> struct SaveOutcome {
    std::optional<T> saved;
    std::vector<domain::FieldError> problems;
};

/// A planting with the names a list shows, and what hangs on it.
struct PlantingRow {
    domain::Planting planting;
    QString fieldName, cropName, seasonName;
    int costEntries = 0;
    int harvests = 0;
};

/// A harvest with its planting's label.
struct HarvestRow {
    domain::Harvest harvest;
    QString plantingLabel;
};

/// What a planting form offers for one farm.
struct PlantingOptions {
    struct Item {
        QString id;
        QString name;
        double areaHa = 0; ///< fields only
    };
    std::vector<Item> fields, crops, seasons; ///< seasons newest first
};

/// Reading and editing records. Edits run on the single writer thread, in the order made,
/// through the mutation API (each one transaction with its change-log entries).
class RecordService {
public:
    static QCoro::Task<Result<std::vector<CostEntryRow>>> costs(QString workspace, QString farmId,
                                                                QString season);
    static QCoro::Task<Result<std::vector<PlantingChoice>>> plantings(QString workspace,
                                                                      QString farmId);
    /// Inserts (unknown id, or empty id: a new one is made) or updates the entry. With
    /// `shares`, they replace the entry's shares in the same transaction; a planting-level or
    /// "area" entry keeps none.
    static QCoro::Task<Result<SaveOutcome<domain::CostEntry>>>
    saveCost(QString workspace, domain::CostEntry entry,
             std::optional<std::vector<domain::CostShare>> shares = std::nullopt);
    static QCoro::Task<Result<std::vector<domain::CostShare>>> costShares(QString workspace,
                                                                          QString costId);
    /// Deletes the entry and its shares; returns them as they were, so that the deletion can be
    /// undone.
    static QCoro::Task<Result<domain::CostWithShares>> deleteCost(QString workspace, QString id);

    static QCoro::Task<Result<std::vector<PlantingRow>>>
    plantingRows(QString workspace, QString farmId, QString season);
    static QCoro::Task<Result<PlantingOptions>> plantingOptions(QString workspace, QString farmId);
    static QCoro::Task<Result<SaveOutcome<domain::Planting>>> savePlanting(QString workspace,
                                                                           domain::Planting p);
    /// Refused (Constraint) while costs, harvests, lots or shares refer to the planting.
    static QCoro::Task<Result<domain::Planting>> deletePlanting(QString workspace, QString id);
    /// Copies a season's plantings of a farm into the season named `toSeason`, creating that
    /// season (the source's dates moved by whole years) when the farm has none of that name.
    /// Fields already planted there are skipped. Returns the plantings created.
    static QCoro::Task<Result<std::vector<domain::Planting>>>
    copySeasonPlan(QString workspace, QString farmId, QString fromSeasonId, QString toSeason);

    static QCoro::Task<Result<std::vector<HarvestRow>>> harvestRows(QString workspace,
                                                                    QString farmId, QString season);
    static QCoro::Task<Result<SaveOutcome<domain::Harvest>>> saveHarvest(QString workspace,
                                                                         domain::Harvest h);
    static QCoro::Task<Result<domain::Harvest>> deleteHarvest(QString workspace, QString id);
};

/// Synchronous cores of the edits (for the CLI and tests); `db` is a workspace connection.
Result<SaveOutcome<domain::Planting>> savePlantingRecord(store::Connection &db, domain::Planting p);
Result<domain::Planting> deletePlantingRecord(store::Connection &db, const QString &id);
Result<std::vector<domain::Planting>> copySeasonPlanRecords(store::Connection &db,
                                                            const QString &farmId,
                                                            const QString &fromSeasonId,
                                                            const QString &toSeason);
Result<SaveOutcome<domain::Harvest>> saveHarvestRecord(store::Connection &db, domain::Harvest h);

/// The synchronous core of saveCost (also for the CLI and tests): validates against the
/// workspace, then writes. `db` must be a connection to the workspace.
Result<SaveOutcome<domain::CostEntry>>
saveCostEntry(store::Connection &db, domain::CostEntry entry,
              std::optional<std::vector<domain::CostShare>> shares = std::nullopt);

} // namespace agro::services
