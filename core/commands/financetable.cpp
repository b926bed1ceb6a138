#include "financetable.h"

#include "domain/costs.h"
#include "io/csvreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>
#include <variant>

namespace agro::commands {

namespace {
using Value = std::variant<QString, double, std::optional<double>>;

std::vector<std::pair<QString, Value>> columns(const domain::FinanceGroup &g) {
    const analytics::CropFigures f = analytics::cropFigures(g.account);
    std::vector<std::pair<QString, Value>> c = {
        {QStringLiteral("key"), g.key},
        {QStringLiteral("name"), g.label},
        {QStringLiteral("currency"), g.currency},
        {QStringLiteral("plantings"), double(g.account.plantings)},
        {QStringLiteral("area_ha"), g.account.areaHa},
        {QStringLiteral("total_cost"), f.totalCost},
        {QStringLiteral("cost_per_ha"), f.costPerHa}};
    for (domain::CostCategory cat : domain::kCostCategories) {
        const auto k = domain::costCategoryKey(cat);
        c.emplace_back(QStringLiteral("cost_") +
                           QString::fromLatin1(k.data(), qsizetype(k.size())) +
                           QStringLiteral("_per_ha"),
                       f.costPerHaByCategory[size_t(cat)]);
    }
    c.insert(c.end(), {{QStringLiteral("harvested_kg"), g.account.harvestedKg},
                       {QStringLiteral("rejected_at_harvest_kg"), g.account.rejectedKg},
                       {QStringLiteral("qc_rejected_kg"), g.account.qcRejectedKg},
                       {QStringLiteral("qc_held_kg"), g.account.qcHeldKg},
                       {QStringLiteral("sellable_kg"), f.sellableKg},
                       {QStringLiteral("yield_kg_ha"), f.yieldKgHa},
                       {QStringLiteral("expected_yield_kg_ha"), f.expectedYieldKgHa},
                       {QStringLiteral("yield_gap_kg_ha"), f.yieldGapKgHa},
                       {QStringLiteral("yield_gap_ratio"), f.yieldGapRatio},
                       {QStringLiteral("revenue"), f.revenue},
                       {QStringLiteral("gross_margin"), f.grossMargin},
                       {QStringLiteral("margin_per_ha"), f.marginPerHa},
                       {QStringLiteral("roi"), f.roi},
                       {QStringLiteral("cost_per_sellable_kg"), f.costPerSellableKg},
                       {QStringLiteral("break_even_price_per_kg"), f.breakEvenPricePerKg},
                       {QStringLiteral("break_even_yield_kg_ha"), f.breakEvenYieldKgHa}});
    return c;
}

} // namespace

QByteArray financeCsv(const std::vector<domain::FinanceGroup> &groups) {
    std::string out;
    const auto header = columns(domain::FinanceGroup{});
    for (size_t i = 0; i < header.size(); ++i) {
        if (i)
            out.push_back(',');
        out += header[i].first.toStdString();
    }
    out.push_back('\n');
    for (const auto &g : groups) {
        const auto row = columns(g);
        for (size_t i = 0; i < row.size(); ++i) {
            if (i)
                out.push_back(',');
            if (const auto *s = std::get_if<QString>(&row[i].second))
                io::appendCsvField(out, s->toStdString());
            else if (const auto *d = std::get_if<double>(&row[i].second))
                io::appendCsvNumber(out, *d);
            else if (const auto &o = std::get<std::optional<double>>(row[i].second))
                io::appendCsvNumber(out, *o);
        }
        out.push_back('\n');
    }
    return QByteArray::fromStdString(out);
}

QByteArray financeJson(const std::vector<domain::FinanceGroup> &groups) {
    QJsonArray array;
    for (const auto &g : groups) {
        QJsonObject o;
        for (const auto &[name, value] : columns(g)) {
            if (const auto *s = std::get_if<QString>(&value))
                o.insert(name, *s);
            else if (const auto *d = std::get_if<double>(&value))
                o.insert(name, *d);
            else if (const auto &opt = std::get<std::optional<double>>(value))
                o.insert(name, *opt);
            else
                o.insert(name, QJsonValue::Null);
        }
        array.append(o);
    }
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

} // namespace agro::commands
