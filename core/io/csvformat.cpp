#include "csvformat.h"

namespace agro::io {

namespace {
CsvColumnSpec req(const char *n) {
    return {QString::fromLatin1(n), true};
}
CsvColumnSpec opt(const char *n) {
    return {QString::fromLatin1(n), false};
}
} // namespace

const std::vector<CsvKind> &allCsvKinds() {
    static const std::vector<CsvKind> kinds = {CsvKind::Sales, CsvKind::Products, CsvKind::Costs,
                                               CsvKind::Harvests, CsvKind::Readings};
    return kinds;
}

QString csvKindName(CsvKind kind) {
    switch (kind) {
    case CsvKind::Sales:
        return QStringLiteral("sales");
    case CsvKind::Products:
        return QStringLiteral("products");
    case CsvKind::Costs:
        return QStringLiteral("costs");
    case CsvKind::Harvests:
        return QStringLiteral("harvests");
    case CsvKind::Readings:
        return QStringLiteral("readings");
    }
    return {};
}

std::optional<CsvKind> csvKindFromName(const QString &name) {
    for (CsvKind k : allCsvKinds())
        if (csvKindName(k) == name)
            return k;
    return std::nullopt;
}

const std::vector<CsvColumnSpec> &csvColumns(CsvKind kind) {
    static const std::vector<CsvColumnSpec> sales = {
        req("sku"),       req("date"),    req("quantity"), req("price"),
        opt("promotion"), opt("channel"), opt("stockout")};
    static const std::vector<CsvColumnSpec> products = {req("sku"),
                                                        req("name"),
                                                        req("farm"),
                                                        opt("category"),
                                                        opt("unit"),
                                                        req("price"),
                                                        opt("unit_cost"),
                                                        opt("lead_time_days"),
                                                        opt("ordering_cost"),
                                                        opt("holding_cost_rate"),
                                                        opt("pack_size"),
                                                        opt("min_order_qty"),
                                                        opt("shelf_life_days"),
                                                        opt("active")};
    static const std::vector<CsvColumnSpec> costs = {
        opt("id"),       req("farm"), opt("planting"),   req("category"),   req("amount"),
        opt("currency"), req("date"), opt("allocation"), opt("description")};
    static const std::vector<CsvColumnSpec> harvests = {
        opt("id"),   req("planting"), req("date"), req("quantity"),
        opt("unit"), opt("rejected"), opt("grade")};
    static const std::vector<CsvColumnSpec> readings = {req("sensor"), req("timestamp"),
                                                        req("value")};
    switch (kind) {
    case CsvKind::Sales:
        return sales;
    case CsvKind::Products:
        return products;
    case CsvKind::Costs:
        return costs;
    case CsvKind::Harvests:
        return harvests;
    case CsvKind::Readings:
        return readings;
    }
    return sales;
}

} // namespace agro::io
