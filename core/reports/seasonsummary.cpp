// The season cost & yield summary (reportbuilders.h).
#include "domain/costs.h"
#include "domain/finance.h"
#include "reportbuilders.h"
#include "reporttext.h"
#include "store/financereader.h"

namespace agro::reports {

namespace {

Cell opt(const std::optional<double> &v) {
    return v ? Cell(*v) : Cell();
}

/// The columns of one finance table; formulas in docs/finance.md.
std::vector<Column> financeColumns(const QString &labelTitle) {
    return {{QStringLiteral("name"), labelTitle, ColumnType::Text, 0},
            {QStringLiteral("currency"), t("Currency"), ColumnType::Text, 0},
            {QStringLiteral("plantings"), t("Plantings"), ColumnType::Integer, 0},
            {QStringLiteral("area_ha"), t("Area (ha)"), ColumnType::Number, 2},
            {QStringLiteral("total_cost"), t("Total cost"), ColumnType::Money, 0},
            {QStringLiteral("cost_per_ha"), t("Cost / ha"), ColumnType::Money, 0},
            {QStringLiteral("harvested_kg"), t("Harvested"), ColumnType::Mass, 0},
            {QStringLiteral("sellable_kg"), t("Sellable"), ColumnType::Mass, 0},
            {QStringLiteral("yield_kg_ha"), t("Yield (kg/ha)"), ColumnType::Number, 0},
            {QStringLiteral("expected_yield_kg_ha"), t("Planned (kg/ha)"), ColumnType::Number, 0},
            {QStringLiteral("yield_gap_ratio"), t("Against plan"), ColumnType::Percent, 1},
            {QStringLiteral("revenue"), t("Revenue"), ColumnType::Money, 0},
            {QStringLiteral("gross_margin"), t("Gross margin"), ColumnType::Money, 0},
            {QStringLiteral("margin_per_ha"), t("Margin / ha"), ColumnType::Money, 0},
            {QStringLiteral("roi"), t("ROI"), ColumnType::Percent, 1},
            {QStringLiteral("break_even_price_per_kg"), t("Break-even price / kg"),
             ColumnType::Money, 3},
            {QStringLiteral("break_even_yield_kg_ha"), t("Break-even yield (kg/ha)"),
             ColumnType::Number, 0}};
}

std::vector<Cell> financeRow(const domain::FinanceGroup &g) {
    const analytics::CropFigures f = analytics::cropFigures(g.account);
    return {g.label,
            g.currency,
            double(g.account.plantings),
            g.account.areaHa,
            f.totalCost,
            opt(f.costPerHa),
            g.account.harvestedKg,
            f.sellableKg,
            opt(f.yieldKgHa),
            opt(f.expectedYieldKgHa),
            opt(f.yieldGapRatio),
            f.revenue,
            f.grossMargin,
            opt(f.marginPerHa),
            opt(f.roi),
            opt(f.breakEvenPricePerKg),
            opt(f.breakEvenYieldKgHa)};
}

Section financeSection(const domain::FinanceData &data, domain::FinanceGrouping by,
                       const QString &key, const QString &title, const QString &labelTitle) {
    Section s;
    s.key = key;
    s.title = title;
    s.columns = financeColumns(labelTitle);
    for (const auto &g : domain::groupFinance(data, by))
        s.rows.push_back(financeRow(g));
    return s;
}

Result<QString> latestSeason(store::Connection &db, const QString &farm) {
    auto st = db.prepare(
        "SELECT s.name FROM seasons s WHERE EXISTS (SELECT 1 FROM plantings p "
        "WHERE p.season_id = s.id AND (coalesce(?1, '') = '' OR p.farm_id = ?1)) ORDER BY "
        "s.starts_on DESC LIMIT 1");
    if (!st.ok())
        return st.error();
    st->bind(1, farm);
    auto row = st->step();
    if (!row.ok())
        return row.error();
    if (!row.value())
        return Error::make(ErrorCode::NeedsPrerequisite,
                           QStringLiteral("there are no plantings to report on"));
    return st->text(0);
}

} // namespace

Result<Report> seasonSummary(store::Connection &db, const Parameters &p) {
    auto farm = farmId(db, p.farm);
    if (!farm.ok())
        return farm.error();
    QString season = p.season;
    if (season.isEmpty()) {
        auto latest = latestSeason(db, farm.value());
        if (!latest.ok())
            return latest.error();
        season = latest.value();
    }
    auto data = store::FinanceReader::load(db, {farm.value(), season});
    if (!data.ok())
        return data.error();
    if (data->plantings.empty())
        return Error::make(ErrorCode::NotFound,
                           QStringLiteral("no plantings in season %1").arg(season));

    Report r;
    r.name = QStringLiteral("season-summary");
    r.title = t("Season cost and yield summary");
    r.parameters = p;
    r.parameters.season = season;
    r.parameterLines = {{QStringLiteral("farm"),
                         farm->isEmpty() ? t("all farms") : data->plantings.front().farmName},
                        {QStringLiteral("season"), season}};
    r.dataTables = {
        QStringLiteral("cost_entries"), QStringLiteral("cost_shares"), QStringLiteral("crops"),
        QStringLiteral("farms"),        QStringLiteral("fields"),      QStringLiteral("harvests"),
        QStringLiteral("lots"),         QStringLiteral("plantings"),   QStringLiteral("seasons")};

    Section farms = financeSection(data.value(), domain::FinanceGrouping::Farm,
                                   QStringLiteral("farms"), t("By farm"), t("Farm"));
    farms.note = t("Costs include farm-level costs allocated to the season's "
                   "plantings; revenue is sellable yield (after harvest rejects and "
                   "QC losses) at each planting's price. Formulas: docs/finance.md.");
    farms.chart = ChartSpec{t("Cost and revenue by farm"), 0, {4, 11}, false};
    Section crops = financeSection(data.value(), domain::FinanceGrouping::Crop,
                                   QStringLiteral("crops"), t("By crop"), t("Crop"));
    crops.chart = ChartSpec{t("Gross margin per hectare by crop"), 0, {13}, false};
    Section fields = financeSection(data.value(), domain::FinanceGrouping::Field,
                                    QStringLiteral("fields"), t("By field"), t("Field"));

    // Costs by category per crop, per hectare so crops of different sizes compare.
    Section costs;
    costs.key = QStringLiteral("crop_costs");
    costs.title = t("Cost per hectare by category and crop");
    costs.columns.push_back({QStringLiteral("name"), t("Crop"), ColumnType::Text, 0});
    costs.columns.push_back({QStringLiteral("currency"), t("Currency"), ColumnType::Text, 0});
    for (domain::CostCategory c : domain::kCostCategories) {
        const auto k = domain::costCategoryKey(c);
        const QString key = QString::fromLatin1(k.data(), qsizetype(k.size()));
        QString title = key;
        title[0] = title[0].toUpper();
        costs.columns.push_back({QStringLiteral("cost_") + key + QStringLiteral("_per_ha"), title,
                                 ColumnType::Money, 0});
    }
    std::vector<int> stack;
    for (int i = 0; i < int(domain::kCostCategories.size()); ++i)
        stack.push_back(2 + i);
    costs.chart = ChartSpec{t("Cost per hectare by category"), 0, stack, true};
    for (const auto &g : domain::groupFinance(data.value(), domain::FinanceGrouping::Crop)) {
        const analytics::CropFigures f = analytics::cropFigures(g.account);
        std::vector<Cell> row{g.label, g.currency};
        for (domain::CostCategory c : domain::kCostCategories)
            row.push_back(opt(f.costPerHaByCategory[size_t(c)]));
        costs.rows.push_back(std::move(row));
    }
    Section plantings =
        financeSection(data.value(), domain::FinanceGrouping::Planting, QStringLiteral("plantings"),
                       t("By planting"), t("Planting"));
    r.sections = {std::move(farms), std::move(crops), std::move(costs), std::move(fields),
                  std::move(plantings)};
    return r;
}

} // namespace agro::reports
