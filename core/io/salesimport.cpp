#include "importsink.h"
#include "store/salesbulkwriter.h"

#include <string>
#include <unordered_map>

namespace agro::io {

namespace {
enum Col { Sku, Date, Quantity, Price, Promotion, Channel, Stockout };

class SalesSink final : public ImportSink {
public:
    Result<void> start(store::Mutator &m, const QString &source) override {
        auto st = m.db().prepare("SELECT p.lid, p.sku, f.lid, f.id FROM products p "
                                 "JOIN farms f ON f.id = p.farm_id");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] {
            m_products.emplace(std::string(st->utf8(1)),
                               Product{st->int64(0), st->int64(2), st->text(3)});
        }));
        auto w = store::SalesBulkWriter::create(m, source);
        if (!w.ok())
            return w.error();
        m_writer.emplace(std::move(w).value());
        return {};
    }

    Result<void> row(const RowContext &row) override {
        const auto sku = trimmed(row.raw(Sku));
        m_key.assign(sku.data(), sku.size());
        const auto product = m_products.find(m_key);
        if (product == m_products.end())
            return row.error(ErrorCode::CsvUnknownReference, Sku, row.text(Sku));
        store::SaleRow s;
        s.productLid = product->second.lid;
        auto day = row.date(Date);
        if (!day.ok())
            return day.error();
        s.day = day.value();
        auto qty = row.number(Quantity, 0);
        if (!qty.ok())
            return qty.error();
        s.quantity = qty.value();
        auto price = row.number(Price, 0);
        if (!price.ok())
            return price.error();
        s.price = price.value();
        auto promo = row.flag(Promotion);
        if (!promo.ok())
            return promo.error();
        s.promotion = promo.value();
        auto out = row.flag(Stockout);
        if (!out.ok())
            return out.error();
        s.stockout = out.value();
        const auto channel = trimmed(row.raw(Channel));
        if (channel.size() > 32)
            return row.error(ErrorCode::CsvBadValue, Channel, QStringLiteral("longer than 32"));
        s.channel = channel.empty() ? std::string_view("store") : channel;
        auto r = m_writer->add(s, product->second.farmLid, product->second.farmId);
        if (!r.ok()) {
            if (r.error().code == ErrorCode::CsvDuplicateKey)
                return row.error(ErrorCode::CsvDuplicateKey, Date,
                                 row.text(Sku) + QStringLiteral(" ") + row.text(Date));
            return r.error();
        }
        return {};
    }

    Result<std::int64_t> finish() override { return m_writer->finish(); }

private:
    struct Product {
        std::int64_t lid;
        std::int64_t farmLid;
        QString farmId;
    };
    std::unordered_map<std::string, Product> m_products;
    std::optional<store::SalesBulkWriter> m_writer;
    std::string m_key;
};
} // namespace

std::unique_ptr<ImportSink> makeSalesSink() {
    return std::make_unique<SalesSink>();
}

} // namespace agro::io
