#pragma once

#include "codecs.h"
#include "mutator.h"

#include <optional>
#include <vector>

namespace agro::store {

/// Reads and writes one entity type. Writes go through the Mutator (and so into the change
/// log); updates write only the columns whose value changed, so that concurrent edits of
/// different fields merge field by field in sync.
template<class T> class Repository {
public:
    using C = Codec<T>;

    static Result<void> insert(Mutator &m, const T &v) {
        const QStringList &names = C::columns();
        const QVariantList vals = C::values(v);
        Columns cols;
        cols.reserve(size_t(names.size()));
        for (qsizetype i = 0; i < names.size(); ++i)
            cols.push_back({names[i], vals[i]});
        return m.insert(C::table(), C::idOf(v), cols);
    }

    static Result<void> update(Mutator &m, const T &v) {
        auto current = get(m.db(), C::idOf(v));
        if (!current.ok())
            return current.error();
        if (!current.value())
            return Error::make(ErrorCode::NotFound, C::table() + QStringLiteral(" ") + C::idOf(v));
        const QStringList &names = C::columns();
        const QVariantList before = C::values(*current.value());
        const QVariantList after = C::values(v);
        Columns changed;
        for (qsizetype i = 0; i < names.size(); ++i)
            if (before[i] != after[i] || before[i].isNull() != after[i].isNull())
                changed.push_back({names[i], after[i]});
        return m.update(C::table(), C::idOf(v), changed);
    }

    static Result<void> remove(Mutator &m, const QString &id) { return m.remove(C::table(), id); }

    static Result<std::optional<T>> get(Connection &db, const QString &id) {
        auto rows = select(db, QStringLiteral("id = ?"), {id});
        if (!rows.ok())
            return rows.error();
        if (rows->empty())
            return std::optional<T>();
        return std::optional<T>(std::move(rows->front()));
    }

    /// All rows matching an optional SQL condition with positional parameters, in lid order.
    static Result<std::vector<T>> select(Connection &db, const QString &where = {},
                                         const QVariantList &params = {}) {
        QString sql = QStringLiteral("SELECT id, ") + C::columns().join(QStringLiteral(", ")) +
                      QStringLiteral(" FROM ") + C::table();
        if (!where.isEmpty())
            sql += QStringLiteral(" WHERE ") + where;
        sql += QStringLiteral(" ORDER BY lid");
        auto st = db.prepare(sql.toStdString());
        if (!st.ok())
            return st.error();
        for (qsizetype i = 0; i < params.size(); ++i)
            st->bind(int(i) + 1, params[i]);
        std::vector<T> out;
        const int n = int(C::columns().size());
        AGRO_TRY(st->forEachRow([&] {
            QVariantList vals;
            vals.reserve(n);
            for (int c = 0; c < n; ++c)
                vals.push_back(st->variant(c + 1));
            out.push_back(C::fromValues(st->text(0), vals));
        }));
        return out;
    }
};

} // namespace agro::store
