#include "lotregistry.h"

#include "qcservice.h"
#include "store/auditlog.h"
#include "store/mutator.h"
#include "store/workspace.h"
#include "withdb.h"
#include "worker.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace agro::services {

namespace {

Error invalid(const QString &field, const QString &why) {
    Error e = Error::make(ErrorCode::InvalidArgument, why);
    e.field = field;
    return e;
}

} // namespace

Result<LotChoices> lotChoices(store::Connection &db) {
    LotChoices c;
    {
        auto st = db.prepare("SELECT p.id, p.name, p.sku, p.farm_id, f.name, "
                             "coalesce(p.shelf_life_days, 0) FROM products p JOIN farms f ON "
                             "f.id = p.farm_id ORDER BY p.name, p.sku");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] {
            c.products.push_back({st->text(0), st->text(1), st->text(2), st->text(3), st->text(4),
                                  int(st->int64(5))});
        }));
    }
    {
        auto st = db.prepare(
            "SELECT p.id, p.farm_id, fl.name, cr.name, s.name FROM plantings p JOIN fields fl ON "
            "fl.id = p.field_id JOIN crops cr ON cr.id = p.crop_id JOIN seasons s ON s.id = "
            "p.season_id ORDER BY s.starts_on DESC, fl.name, cr.name");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] {
            c.plantings.push_back(
                {st->text(0), st->text(1),
                 QStringLiteral("%1 · %2 · %3").arg(st->text(2), st->text(3), st->text(4)),
                 st->text(3)});
        }));
    }
    return c;
}

Result<QString> registerLot(store::Connection &db, const Actor &actor, const NewLot &in) {
    AGRO_TRY(requireSignedInActor(db, actor));
    // The product decides the farm, and so who may register the lot.
    QString farmId, farmName, productName;
    int shelfLife = 0;
    {
        auto st = db.prepare("SELECT p.farm_id, f.name, p.name, coalesce(p.shelf_life_days, 0) "
                             "FROM products p JOIN farms f ON f.id = p.farm_id WHERE p.id = ?1");
        if (!st.ok())
            return st.error();
        st->bind(1, in.productId);
        auto row = st->step();
        if (!row.ok())
            return row.error();
        if (!row.value())
            return invalid(QStringLiteral("product"), QStringLiteral("choose a product"));
        farmId = st->text(0);
        farmName = st->text(1);
        productName = st->text(2);
        shelfLife = int(st->int64(3));
    }
    auto role = roleOn(db, actor.userId, farmId);
    if (!role.ok())
        return role.error();
    if (!mayInspect(role.value()))
        return refuse(
            db, actor, QStringLiteral("lots"), in.productId,
            QStringLiteral("%1 may not register lots on %2").arg(actor.displayName, farmName));

    const QString batch = in.batchNumber.trimmed();
    if (batch.isEmpty())
        return invalid(QStringLiteral("batch"), QStringLiteral("the batch number is required"));
    if (batch.size() > 64)
        return invalid(QStringLiteral("batch"),
                       QStringLiteral("a batch number has at most 64 characters"));
    if (!in.producedOn.isValid())
        return invalid(QStringLiteral("produced_on"),
                       QStringLiteral("the production date is required"));
    QDate expires = in.expiresOn;
    if (!expires.isValid() && shelfLife > 0)
        expires = in.producedOn.addDays(shelfLife);
    if (expires.isValid() && expires < in.producedOn)
        return invalid(QStringLiteral("expires_on"),
                       QStringLiteral("the lot expires before it was produced"));
    if (!std::isfinite(in.quantity) || in.quantity <= 0)
        return invalid(QStringLiteral("quantity"),
                       QStringLiteral("the quantity must be more than 0"));

    QString supplier = in.supplier.trimmed();
    if (!in.plantingId.isEmpty()) {
        auto st = db.prepare("SELECT farm_id FROM plantings WHERE id = ?1");
        if (!st.ok())
            return st.error();
        st->bind(1, in.plantingId);
        auto row = st->step();
        if (!row.ok())
            return row.error();
        if (!row.value())
            return invalid(QStringLiteral("planting"), QStringLiteral("no such planting"));
        if (st->text(0) != farmId)
            return invalid(QStringLiteral("planting"),
                           QStringLiteral("the planting is on another farm than %1").arg(farmName));
        // Without its mass, a loss in QC could not be charged to the planting.
        if (!in.quantityKg || !std::isfinite(*in.quantityKg) || *in.quantityKg <= 0)
            return invalid(QStringLiteral("quantity_kg"),
                           QStringLiteral("a lot from a planting needs its mass in kg"));
        if (supplier.isEmpty())
            supplier = QStringLiteral("Own harvest");
    } else if (in.quantityKg && (!std::isfinite(*in.quantityKg) || *in.quantityKg < 0)) {
        return invalid(QStringLiteral("quantity_kg"),
                       QStringLiteral("the mass cannot be negative"));
    }
    if (supplier.isEmpty())
        return invalid(QStringLiteral("supplier"),
                       QStringLiteral("name the supplier, or the planting the lot comes from"));
    {
        auto st = db.prepare("SELECT 1 FROM lots WHERE product_id = ?1 AND batch_number = ?2");
        if (!st.ok())
            return st.error();
        st->bind(1, in.productId);
        st->bind(2, batch);
        auto row = st->step();
        if (!row.ok())
            return row.error();
        if (row.value())
            return invalid(QStringLiteral("batch"),
                           QStringLiteral("%1 already has a lot %2").arg(productName, batch));
    }

    auto m = store::Mutator::begin(db);
    if (!m.ok())
        return m.error();
    const QString id = m->newId();
    AGRO_TRY(m->insert(
        QStringLiteral("lots"), id,
        {{QStringLiteral("farm_id"), farmId},
         {QStringLiteral("product_id"), in.productId},
         {QStringLiteral("batch_number"), batch},
         {QStringLiteral("produced_on"), in.producedOn.toString(Qt::ISODate)},
         {QStringLiteral("expires_on"),
          expires.isValid() ? QVariant(expires.toString(Qt::ISODate)) : QVariant()},
         {QStringLiteral("quantity"), in.quantity},
         {QStringLiteral("status"), QStringLiteral("available")},
         {QStringLiteral("supplier"), supplier},
         {QStringLiteral("planting_id"), in.plantingId.isEmpty() ? QVariant() : in.plantingId},
         {QStringLiteral("quantity_kg"), in.quantityKg ? QVariant(*in.quantityKg) : QVariant()}}));
    const QJsonObject detail{{QStringLiteral("product"), productName},
                             {QStringLiteral("batch"), batch},
                             {QStringLiteral("quantity"), in.quantity}};
    AGRO_TRY(store::AuditLog::append(
        m->db(),
        {actor.userId, QStringLiteral("qc.lot"), QStringLiteral("lot"), id,
         QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact)), QString()}));
    AGRO_TRY(m->commit());
    return id;
}

QCoro::Task<Result<LotChoices>> LotRegistry::choices(QString workspace) {
    auto task = onWorker(
        [workspace] { return withDb(workspace, [](auto &db) { return lotChoices(db); }); });
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<QString>> LotRegistry::registerLot(QString workspace, Actor actor, NewLot lot) {
    auto task = onWriter([workspace, actor, lot] {
        return withDb(workspace, [&](auto &db) { return services::registerLot(db, actor, lot); });
    });
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services
