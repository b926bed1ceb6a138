#pragma once

#include "common/result.h"
#include "domain/costs.h"
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
};

/// The outcome of a save: the stored record, or the field-level problems (nothing written).
template<class T> struct SaveOutcome {
    std::optional<T> saved;
    std::vector<domain::FieldError> problems;
};

/// Reading and editing records. Edits run on the single writer thread, in the order made,
/// through the mutation API (each one transaction with its change-log entries).
class RecordService {
public:
    static QCoro::Task<Result<std::vector<CostEntryRow>>> costs(QString workspace, QString farmId,
                                                                QString season);
    static QCoro::Task<Result<std::vector<PlantingChoice>>> plantings(QString workspace,
                                                                      QString farmId);
    /// Inserts (unknown id, or empty id: a new one is made) or updates the entry.
    static QCoro::Task<Result<SaveOutcome<domain::CostEntry>>> saveCost(QString workspace,
                                                                        domain::CostEntry entry);
    /// Deletes the entry; returns it as it was, so that the deletion can be undone.
    static QCoro::Task<Result<domain::CostEntry>> deleteCost(QString workspace, QString id);
};

/// The synchronous core of saveCost (also for the CLI and tests): validates against the
/// workspace, then writes. `db` must be a connection to the workspace.
Result<SaveOutcome<domain::CostEntry>> saveCostEntry(store::Connection &db,
                                                     domain::CostEntry entry);

} // namespace agro::services
