#pragma once

#include "domain/costs.h"
#include "domain/farm.h"
#include "domain/operations.h"
#include "domain/product.h"

#include <QStringList>
#include <QVariantList>

namespace agro::store {

/// How an entity maps to its table: the table name, the stored columns (without id and lid)
/// and the conversion both ways. One specialization per entity, defined in codecs.cpp;
/// Repository<T> does the rest.
template<class T> struct Codec;

#define AGRO_DECLARE_CODEC(Type)                                                                   \
    template<> struct Codec<domain::Type> {                                                        \
        static const QString &table();                                                             \
        static const QStringList &columns();                                                       \
        static QVariantList values(const domain::Type &v);                                         \
        static domain::Type fromValues(const QString &id, const QVariantList &v);                  \
        static const QString &idOf(const domain::Type &v) { return v.id; }                         \
    };

AGRO_DECLARE_CODEC(Farm)
AGRO_DECLARE_CODEC(Field)
AGRO_DECLARE_CODEC(Crop)
AGRO_DECLARE_CODEC(Season)
AGRO_DECLARE_CODEC(Planting)
AGRO_DECLARE_CODEC(CostEntry)
AGRO_DECLARE_CODEC(CostShare)
AGRO_DECLARE_CODEC(Harvest)
AGRO_DECLARE_CODEC(ProductCategory)
AGRO_DECLARE_CODEC(Product)
AGRO_DECLARE_CODEC(Lot)
AGRO_DECLARE_CODEC(Inspection)
AGRO_DECLARE_CODEC(Sensor)
AGRO_DECLARE_CODEC(Alert)
AGRO_DECLARE_CODEC(User)
AGRO_DECLARE_CODEC(Membership)

#undef AGRO_DECLARE_CODEC

} // namespace agro::store
