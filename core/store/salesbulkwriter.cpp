#include "salesbulkwriter.h"

namespace agro::store {

SalesBulkWriter::SalesBulkWriter(Mutator &m, Statement insert, const QString &source)
    : m_mutator(&m)
    , m_insert(std::move(insert))
    , m_batches(m, QStringLiteral("sales_daily"), source) {}

Result<SalesBulkWriter> SalesBulkWriter::create(Mutator &m, const QString &source) {
    auto st = m.db().prepare("INSERT INTO sales_daily (product, day, channel, quantity, price, "
                             "promotion, stockout, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st.ok())
        return st.error();
    return SalesBulkWriter(m, std::move(st).value(), source);
}

Result<void> SalesBulkWriter::add(const SaleRow &row, std::int64_t farmLid, const QString &farmId) {
    auto batch = m_batches.batchFor(farmLid, farmId);
    if (!batch.ok())
        return batch.error();
    m_insert.bind(1, row.productLid);
    m_insert.bind(2, std::int64_t(row.day));
    m_insert.bindUtf8(3, row.channel);
    m_insert.bind(4, row.quantity);
    m_insert.bind(5, row.price);
    m_insert.bind(6, std::int64_t(row.promotion));
    m_insert.bind(7, std::int64_t(row.stockout));
    m_insert.bind(8, batch.value());
    auto r = m_insert.run();
    if (!r.ok()) {
        Error e = r.error();
        if (e.code == ErrorCode::Constraint && e.detail.contains(QLatin1String("UNIQUE")))
            e.code = ErrorCode::CsvDuplicateKey;
        return e;
    }
    Totals &t = m_daily[{farmLid, row.day}];
    t.units += row.quantity;
    t.revenue += row.quantity * row.price;
    ++m_rows;
    return {};
}

Result<std::int64_t> SalesBulkWriter::finish() {
    auto up = m_mutator->db().prepare(
        "INSERT INTO sales_farm_daily (farm, day, units, revenue) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(farm, day) DO UPDATE SET units = units + excluded.units, "
        "revenue = revenue + excluded.revenue");
    if (!up.ok())
        return up.error();
    for (const auto &[key, t] : m_daily) {
        up->bind(1, key.first);
        up->bind(2, std::int64_t(key.second));
        up->bind(3, t.units);
        up->bind(4, t.revenue);
        AGRO_TRY(up->run());
    }
    AGRO_TRY(m_batches.finish());
    return m_rows;
}

} // namespace agro::store
