#pragma once

#include "actor.h"
#include "common/result.h"
#include "store/sqlite.h"

#include <QCoroTask>
#include <QDate>

#include <optional>
#include <vector>

namespace agro::services {

/// What a new lot may refer to: the products (with the farm they belong to) and the plantings
/// a lot can be packed from, newest season first.
struct LotProductChoice {
    QString id, name, sku, farmId, farmName;
    int shelfLifeDays = 0; ///< 0: unknown
};
struct LotPlantingChoice {
    QString id, farmId, label; ///< label: "field · crop · season"
    QString cropName;
};
struct LotChoices {
    std::vector<LotProductChoice> products;
    std::vector<LotPlantingChoice> plantings;
};
Result<LotChoices> lotChoices(store::Connection &db);

/// A lot as registered at intake or packing. A lot packed from one's own planting names it and
/// gives its mass, so that what QC later rejects or holds comes off the planting's sellable
/// yield (docs/finance.md, "Quality losses").
struct NewLot {
    QString productId;
    QString batchNumber;
    QDate producedOn;
    QDate expiresOn; ///< invalid: produced + the product's shelf life, if known
    double quantity = 0;
    QString supplier; ///< empty with a planting: "Own harvest"
    QString plantingId;
    std::optional<double> quantityKg;
};
/// Registers the lot (status available, waiting for inspection) and returns its id. Refused,
/// with nothing written, when a value is wrong (InvalidArgument naming the field: product,
/// batch, produced_on, expires_on, quantity, supplier, planting, quantity_kg), the batch
/// number is already used for the product, or the actor is not an owner, manager or
/// inspector of the product's farm. Recorded in the change log (it syncs) and audited.
Result<QString> registerLot(store::Connection &db, const Actor &actor, const NewLot &lot);

/// The same, off the UI thread (registration on the writer thread).
class LotRegistry {
public:
    static QCoro::Task<Result<LotChoices>> choices(QString workspace);
    static QCoro::Task<Result<QString>> registerLot(QString workspace, Actor actor, NewLot lot);
};

} // namespace agro::services
