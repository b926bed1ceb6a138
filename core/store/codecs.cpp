#include "codecs.h"

#include <QTimeZone>

namespace agro::store {

namespace {
using namespace agro::domain;

// Conversions between domain fields and stored values. Empty ids, null dates and unset
// optionals are SQL NULL; dates are ISO 8601 text; timestamps are UTC ISO 8601 with "Z".
QVariant ref(const QString &id) {
    return id.isEmpty() ? QVariant() : QVariant(id);
}
QVariant date(const QDate &d) {
    return d.isValid() ? QVariant(d.toString(Qt::ISODate)) : QVariant();
}
QVariant stamp(const QDateTime &t) {
    return t.isValid() ? QVariant(t.toUTC().toString(Qt::ISODateWithMs)) : QVariant();
}
template<class N> QVariant opt(const std::optional<N> &v) {
    return v ? QVariant(*v) : QVariant();
}

QString str(const QVariant &v) {
    return v.isNull() ? QString() : v.toString();
}
QDate toDate(const QVariant &v) {
    return QDate::fromString(v.toString(), Qt::ISODate);
}
QDateTime toStamp(const QVariant &v) {
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toTimeZone(QTimeZone::utc()) : t;
}
std::optional<double> optReal(const QVariant &v) {
    return v.isNull() ? std::nullopt : std::optional<double>(v.toDouble());
}
std::optional<int> optInt(const QVariant &v) {
    return v.isNull() ? std::nullopt : std::optional<int>(v.toInt());
}

#define AGRO_TABLE(Type, name, ...)                                                                \
    const QString &Codec<Type>::table() {                                                          \
        static const QString t = QStringLiteral(name);                                             \
        return t;                                                                                  \
    }                                                                                              \
    const QStringList &Codec<Type>::columns() {                                                    \
        static const QStringList c =                                                               \
            QString::fromLatin1(#__VA_ARGS__).remove(QLatin1Char(' ')).split(QLatin1Char(','));    \
        return c;                                                                                  \
    }
} // namespace

AGRO_TABLE(Farm, "farms", name, currency, area_unit, mass_unit, latitude, longitude)
QVariantList Codec<Farm>::values(const Farm &v) {
    return {v.name, v.currency, v.areaUnit, v.massUnit, opt(v.latitude), opt(v.longitude)};
}
Farm Codec<Farm>::fromValues(const QString &id, const QVariantList &v) {
    return {id, str(v[0]), str(v[1]), str(v[2]), str(v[3]), optReal(v[4]), optReal(v[5])};
}

AGRO_TABLE(Field, "fields", farm_id, name, area_ha, soil_type, soil_ph, soil_n_kg_ha)
QVariantList Codec<Field>::values(const Field &v) {
    return {ref(v.farmId), v.name, v.areaHa, v.soilType, opt(v.soilPh), opt(v.soilNitrogenKgHa)};
}
Field Codec<Field>::fromValues(const QString &id, const QVariantList &v) {
    return {id, str(v[0]), str(v[1]), v[2].toDouble(), str(v[3]), optReal(v[4]), optReal(v[5])};
}

AGRO_TABLE(Crop, "crops", farm_id, name, base_temp_c)
QVariantList Codec<Crop>::values(const Crop &v) {
    return {ref(v.farmId), v.name, v.baseTempC};
}
Crop Codec<Crop>::fromValues(const QString &id, const QVariantList &v) {
    return {id, str(v[0]), str(v[1]), v[2].toDouble()};
}

AGRO_TABLE(Season, "seasons", farm_id, name, starts_on, ends_on)
QVariantList Codec<Season>::values(const Season &v) {
    return {ref(v.farmId), v.name, date(v.startsOn), date(v.endsOn)};
}
Season Codec<Season>::fromValues(const QString &id, const QVariantList &v) {
    return {id, str(v[0]), str(v[1]), toDate(v[2]), toDate(v[3])};
}

AGRO_TABLE(Planting, "plantings", farm_id, field_id, crop_id, season_id, planted_area_ha,
           expected_yield_kg_ha, expected_price_kg, planted_on)
QVariantList Codec<Planting>::values(const Planting &v) {
    return {ref(v.farmId),   ref(v.fieldId),      ref(v.cropId),        ref(v.seasonId),
            v.plantedAreaHa, v.expectedYieldKgHa, v.expectedPricePerKg, date(v.plantedOn)};
}
Planting Codec<Planting>::fromValues(const QString &id, const QVariantList &v) {
    return {id,          str(v[0]),       str(v[1]),       str(v[2]),
            str(v[3]),   v[4].toDouble(), v[5].toDouble(), v[6].toDouble(),
            toDate(v[7])};
}

AGRO_TABLE(CostEntry, "cost_entries", farm_id, planting_id, category, amount, currency, incurred_on,
           allocation, description)
QVariantList Codec<CostEntry>::values(const CostEntry &v) {
    const auto key = costCategoryKey(v.category);
    return {
        ref(v.farmId), ref(v.plantingId), QString::fromLatin1(key.data(), qsizetype(key.size())),
        v.amount,      v.currency,        date(v.incurredOn),
        v.allocation,  v.description};
}
CostEntry Codec<CostEntry>::fromValues(const QString &id, const QVariantList &v) {
    const QByteArray key = v[2].toString().toLatin1();
    return {id,
            str(v[0]),
            str(v[1]),
            costCategoryFromKey(std::string_view(key.constData(), size_t(key.size())))
                .value_or(CostCategory::Other),
            v[3].toDouble(),
            str(v[4]),
            toDate(v[5]),
            str(v[6]),
            str(v[7])};
}

AGRO_TABLE(CostShare, "cost_shares", farm_id, cost_id, planting_id, share)
QVariantList Codec<CostShare>::values(const CostShare &v) {
    return {ref(v.farmId), ref(v.costId), ref(v.plantingId), v.share};
}
CostShare Codec<CostShare>::fromValues(const QString &id, const QVariantList &v) {
    return {id, str(v[0]), str(v[1]), str(v[2]), v[3].toDouble()};
}

AGRO_TABLE(Harvest, "harvests", farm_id, planting_id, harvested_on, quantity_kg, rejected_kg,
           entered_unit, grade)
QVariantList Codec<Harvest>::values(const Harvest &v) {
    return {ref(v.farmId), ref(v.plantingId), date(v.harvestedOn),
            v.quantityKg,  v.rejectedKg,      v.enteredUnit,
            v.grade};
}
Harvest Codec<Harvest>::fromValues(const QString &id, const QVariantList &v) {
    return {id,        str(v[0]), str(v[1]), toDate(v[2]), v[3].toDouble(), v[4].toDouble(),
            str(v[5]), str(v[6])};
}

AGRO_TABLE(ProductCategory, "product_categories", farm_id, name, kind, qc_schema)
QVariantList Codec<ProductCategory>::values(const ProductCategory &v) {
    return {ref(v.farmId), v.name, v.kind, v.qcSchema};
}
ProductCategory Codec<ProductCategory>::fromValues(const QString &id, const QVariantList &v) {
    return {id, str(v[0]), str(v[1]), str(v[2]), str(v[3])};
}

AGRO_TABLE(Product, "products", farm_id, sku, name, category_id, unit, price, unit_cost,
           lead_time_days, ordering_cost, holding_cost_rate, pack_size, min_order_qty,
           shelf_life_days, active)
QVariantList Codec<Product>::values(const Product &v) {
    return {ref(v.farmId),        v.sku,           v.name,
            ref(v.categoryId),    v.unit,          v.price,
            v.unitCost,           v.leadTimeDays,  v.orderingCost,
            v.holdingCostRate,    v.packSize,      v.minOrderQty,
            opt(v.shelfLifeDays), v.active ? 1 : 0};
}
Product Codec<Product>::fromValues(const QString &id, const QVariantList &v) {
    return {id,
            str(v[0]),
            str(v[1]),
            str(v[2]),
            str(v[3]),
            str(v[4]),
            v[5].toDouble(),
            v[6].toDouble(),
            v[7].toInt(),
            v[8].toDouble(),
            v[9].toDouble(),
            v[10].toDouble(),
            v[11].toDouble(),
            optInt(v[12]),
            v[13].toInt() != 0};
}

AGRO_TABLE(Lot, "lots", farm_id, product_id, batch_number, produced_on, expires_on, quantity,
           status, supplier, planting_id, quantity_kg)
QVariantList Codec<Lot>::values(const Lot &v) {
    return {ref(v.farmId), ref(v.productId), v.batchNumber, date(v.producedOn), date(v.expiresOn),
            v.quantity,    v.status,         v.supplier,    ref(v.plantingId),  opt(v.quantityKg)};
}
Lot Codec<Lot>::fromValues(const QString &id, const QVariantList &v) {
    return {id,           str(v[0]),    str(v[1]),       str(v[2]),
            toDate(v[3]), toDate(v[4]), v[5].toDouble(), str(v[6]),
            str(v[7]),    str(v[8]),    optReal(v[9])};
}

AGRO_TABLE(Inspection, "qc_inspections", farm_id, lot_id, category_id, schema_version, inspector,
           inspected_at, values_json, disposition, decided_by, notes)
QVariantList Codec<Inspection>::values(const Inspection &v) {
    return {ref(v.farmId),        ref(v.lotId), ref(v.categoryId), v.schemaVersion, v.inspector,
            stamp(v.inspectedAt), v.valuesJson, v.disposition,     v.decidedBy,     v.notes};
}
Inspection Codec<Inspection>::fromValues(const QString &id, const QVariantList &v) {
    return {id,        str(v[0]), str(v[1]), str(v[2]), v[3].toInt(), str(v[4]), toStamp(v[5]),
            str(v[6]), str(v[7]), str(v[8]), str(v[9])};
}

AGRO_TABLE(Sensor, "sensors", farm_id, field_id, name, kind, unit, low_threshold, high_threshold,
           interval_s)
QVariantList Codec<Sensor>::values(const Sensor &v) {
    return {ref(v.farmId),       ref(v.fieldId),       v.name,     v.kind, v.unit,
            opt(v.lowThreshold), opt(v.highThreshold), v.intervalS};
}
Sensor Codec<Sensor>::fromValues(const QString &id, const QVariantList &v) {
    return {id,        str(v[0]),     str(v[1]),     str(v[2]),   str(v[3]),
            str(v[4]), optReal(v[5]), optReal(v[6]), v[7].toInt()};
}

AGRO_TABLE(Alert, "alerts", farm_id, source, kind, severity, status, subject_id, title,
           evidence_json, opened_at)
QVariantList Codec<Alert>::values(const Alert &v) {
    return {ref(v.farmId), v.source, v.kind,         v.severity,       v.status,
            v.subjectId,   v.title,  v.evidenceJson, stamp(v.openedAt)};
}
Alert Codec<Alert>::fromValues(const QString &id, const QVariantList &v) {
    return {id,        str(v[0]), str(v[1]), str(v[2]), str(v[3]),
            str(v[4]), str(v[5]), str(v[6]), str(v[7]), toStamp(v[8])};
}

AGRO_TABLE(User, "users", username, display_name, password_hash, disabled)
QVariantList Codec<User>::values(const User &v) {
    return {v.username, v.displayName, ref(v.passwordHash), v.disabled ? 1 : 0};
}
User Codec<User>::fromValues(const QString &id, const QVariantList &v) {
    return {id, str(v[0]), str(v[1]), str(v[2]), v[3].toInt() != 0};
}

AGRO_TABLE(Membership, "memberships", user_id, farm_id, role)
QVariantList Codec<Membership>::values(const Membership &v) {
    return {ref(v.userId), ref(v.farmId), v.role};
}
Membership Codec<Membership>::fromValues(const QString &id, const QVariantList &v) {
    return {id, str(v[0]), str(v[1]), str(v[2])};
}

} // namespace agro::store
