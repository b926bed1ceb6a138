// The QC summary (reportbuilders.h).
#include "reportbuilders.h"
#include "reporttext.h"

namespace agro::reports {

namespace {

std::vector<Column> rateColumns(const QString &labelTitle) {
    return {{QStringLiteral("name"), labelTitle, ColumnType::Text, 0},
            {QStringLiteral("inspections"), t("Inspections"), ColumnType::Integer, 0},
            {QStringLiteral("pass"), t("Pass"), ColumnType::Integer, 0},
            {QStringLiteral("hold"), t("Hold"), ColumnType::Integer, 0},
            {QStringLiteral("fail"), t("Fail"), ColumnType::Integer, 0},
            {QStringLiteral("pass_rate"), t("Pass rate"), ColumnType::Percent, 1},
            {QStringLiteral("hold_rate"), t("Hold rate"), ColumnType::Percent, 1},
            {QStringLiteral("fail_rate"), t("Fail rate"), ColumnType::Percent, 1}};
}

/// Where the period's inspections are: the farm filter and the period as SQL bindings ?1–?3.
constexpr const char *kScope =
    "(coalesce(?1, '') = '' OR i.farm_id = ?1) AND substr(i.inspected_at, 1, 10) "
    "BETWEEN ?2 AND ?3";

Result<Section> rates(store::Connection &db, const char *labelSql, const char *joins,
                      const QString &key, const QString &title, const QString &labelTitle,
                      const QString &farm, const QDate &from, const QDate &to) {
    const std::string sql = std::string("SELECT ") + labelSql +
                            ", count(*), sum(i.disposition = 'pass'), sum(i.disposition = 'hold'), "
                            "sum(i.disposition = 'fail') FROM qc_inspections i " +
                            joins + " WHERE " + kScope + " GROUP BY 1 ORDER BY 1";
    auto st = db.prepare(sql);
    if (!st.ok())
        return st.error();
    st->bind(1, farm);
    st->bind(2, from.toString(Qt::ISODate));
    st->bind(3, to.toString(Qt::ISODate));
    Section s;
    s.key = key;
    s.title = title;
    s.columns = rateColumns(labelTitle);
    AGRO_TRY(st->forEachRow([&] {
        const double n = double(st->int64(1));
        const double pass = double(st->int64(2)), hold = double(st->int64(3)),
                     fail = double(st->int64(4));
        s.rows.push_back({st->text(0), n, pass, hold, fail, pass / n, hold / n, fail / n});
    }));
    return s;
}

} // namespace

Result<Report> qcSummary(store::Connection &db, const Parameters &p) {
    auto farm = farmId(db, p.farm);
    if (!farm.ok())
        return farm.error();
    QDate to = p.to, from = p.from;
    if (!to.isValid()) {
        auto st = db.prepare("SELECT max(substr(inspected_at, 1, 10)) FROM qc_inspections i "
                             "WHERE coalesce(?1, '') = '' OR i.farm_id = ?1");
        if (!st.ok())
            return st.error();
        st->bind(1, farm.value());
        auto row = st->step();
        if (!row.ok())
            return row.error();
        to = QDate::fromString(st->text(0), Qt::ISODate);
        if (!to.isValid())
            return Error::make(ErrorCode::NeedsPrerequisite,
                               QStringLiteral("there are no inspections to report on"));
    }
    if (!from.isValid())
        from = to.addDays(-89);
    if (from > to)
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("the period starts after it ends"));

    Report r;
    r.name = QStringLiteral("qc-summary");
    r.title = t("Quality control summary");
    r.parameters = p;
    r.parameters.from = from;
    r.parameters.to = to;
    r.parameterLines = {{QStringLiteral("farm"), farmName(db, farm.value())},
                        {QStringLiteral("from"), from.toString(Qt::ISODate)},
                        {QStringLiteral("to"), to.toString(Qt::ISODate)}};
    r.dataTables = {QStringLiteral("farms"), QStringLiteral("lots"),
                    QStringLiteral("product_categories"), QStringLiteral("products"),
                    QStringLiteral("qc_inspections")};

    auto byCategory = rates(db, "c.name", "JOIN product_categories c ON c.id = i.category_id",
                            QStringLiteral("categories"), t("By category"), t("Category"),
                            farm.value(), from, to);
    if (!byCategory.ok())
        return byCategory.error();
    byCategory->note = t("Every inspection in the period counts, re-inspections included; the "
                         "verdict is the recorded one (an inspector's override, if any).");
    byCategory->chart = ChartSpec{t("Verdicts by category"), 0, {2, 3, 4}, true};
    auto bySupplier =
        rates(db, "l.supplier", "JOIN lots l ON l.id = i.lot_id", QStringLiteral("suppliers"),
              t("By supplier or farm"), t("Supplier"), farm.value(), from, to);
    if (!bySupplier.ok())
        return bySupplier.error();
    auto byInspector = rates(db, "i.inspector", "", QStringLiteral("inspectors"), t("By inspector"),
                             t("Inspector"), farm.value(), from, to);
    if (!byInspector.ok())
        return byInspector.error();

    // The rules that stopped lots: the deciding rule of every hold or fail.
    Section rules;
    rules.key = QStringLiteral("rules");
    rules.title = t("Rules that stopped lots");
    rules.note = t("The rule that decided each hold or fail (as the rules said, before any "
                   "override), most frequent first.");
    rules.columns = {{QStringLiteral("rule"), t("Rule"), ColumnType::Text, 0},
                     {QStringLiteral("verdict"), t("Verdict"), ColumnType::Text, 0},
                     {QStringLiteral("inspections"), t("Inspections"), ColumnType::Integer, 0},
                     {QStringLiteral("share"), t("Share of all"), ColumnType::Percent, 1}};
    {
        auto st = db.prepare(
            // Inspections written before schema v7 (and the demo's) name the rule only in
            // decided_by, and their recorded verdict is the rules' verdict.
            std::string("SELECT CASE WHEN i.rule_id <> '' THEN i.rule_id ELSE i.decided_by END, "
                        "coalesce(i.rule_disposition, i.disposition), count(*), (SELECT count(*) "
                        "FROM qc_inspections i WHERE ") +
            kScope + ") FROM qc_inspections i WHERE " + kScope +
            " AND coalesce(i.rule_disposition, i.disposition) IN ('hold', 'fail') AND (i.rule_id "
            "<> '' OR i.rule_disposition IS NULL) GROUP BY 1, 2 ORDER BY 3 DESC, 1");
        if (!st.ok())
            return st.error();
        st->bind(1, farm.value());
        st->bind(2, from.toString(Qt::ISODate));
        st->bind(3, to.toString(Qt::ISODate));
        AGRO_TRY(st->forEachRow([&] {
            rules.rows.push_back({st->text(0), st->text(1), double(st->int64(2)),
                                  double(st->int64(2)) / double(st->int64(3))});
        }));
    }

    // Lots held now (at the end of the period's data), oldest first.
    Section held;
    held.key = QStringLiteral("held_lots");
    held.title = t("Lots on hold");
    held.note = t("Lots whose status is held: not sellable until inspected again.");
    held.columns = {{QStringLiteral("batch"), t("Lot"), ColumnType::Text, 0},
                    {QStringLiteral("product"), t("Product"), ColumnType::Text, 0},
                    {QStringLiteral("supplier"), t("Supplier"), ColumnType::Text, 0},
                    {QStringLiteral("produced_on"), t("Produced"), ColumnType::Date, 0},
                    {QStringLiteral("expires_on"), t("Expires"), ColumnType::Date, 0},
                    {QStringLiteral("quantity"), t("Quantity"), ColumnType::Number, 0}};
    {
        auto st = db.prepare(
            "SELECT l.batch_number, p.name, l.supplier, l.produced_on, "
            "l.expires_on, l.quantity FROM lots l JOIN products p ON p.id = "
            "l.product_id WHERE l.status = 'held' AND (coalesce(?1, '') = '' OR l.farm_id = "
            "?1) ORDER BY l.produced_on, l.batch_number");
        if (!st.ok())
            return st.error();
        st->bind(1, farm.value());
        AGRO_TRY(st->forEachRow([&] {
            const QDate produced = QDate::fromString(st->text(3), Qt::ISODate);
            const QDate expires = QDate::fromString(st->text(4), Qt::ISODate);
            held.rows.push_back({st->text(0), st->text(1), st->text(2),
                                 produced.isValid() ? Cell(produced) : Cell(),
                                 expires.isValid() ? Cell(expires) : Cell(), st->real(5)});
        }));
    }
    r.sections = {std::move(byCategory.value()), std::move(bySupplier.value()),
                  std::move(byInspector.value()), std::move(rules), std::move(held)};
    return r;
}

} // namespace agro::reports
