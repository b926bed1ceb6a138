#include "outbox.h"

#include "bulkfacts.h"
#include "store/workspace.h"

namespace agro::sync {

namespace {
// Everything a client pushes: its own entries in synced tables and its bulk batches. Pulled
// entries carry the remote node and never go back out.
std::string pendingFrom() {
    return "FROM change_log WHERE seq > ?1 AND node = ?2 AND (tbl IN " + syncedTablesSqlList() +
           " OR tbl = 'bulk_batches')";
}
} // namespace

Result<QString> Outbox::node() {
    return store::Workspace::meta(*m_db, QStringLiteral("node_id"));
}

Result<std::int64_t> Outbox::mark() {
    auto v = m_db->scalar("SELECT value FROM workspace_meta WHERE key = 'sync_pushed_seq'");
    if (!v.ok())
        return v.error();
    return v->toLongLong();
}

Result<Changes> Outbox::pending(int limit) {
    auto me = node();
    if (!me.ok())
        return me.error();
    auto from = mark();
    if (!from.ok())
        return from.error();
    auto st = m_db->prepare(std::string("SELECT seq, tbl, row_id, col, value, hlc, node, "
                                        "farm_id, base_hlc, base_node ") +
                            pendingFrom() + " ORDER BY seq LIMIT ?3");
    if (!st.ok())
        return st.error();
    st->bind(1, from.value());
    st->bind(2, me.value());
    st->bind(3, limit + kPageSlack);
    Changes out;
    std::int64_t bulkRows = 0;
    bool full = false;
    AGRO_TRY(st->forEachRow([&] {
        if (full)
            return;
        Change c;
        c.seq = st->int64(0);
        c.table = st->text(1);
        c.rowId = st->text(2);
        c.column = st->text(3);
        c.value = st->dynamic(4);
        c.version = {st->int64(5), st->text(6)};
        c.farmId = st->text(7);
        if (!st->isNull(8))
            c.base = {st->int64(8), st->text(9)};
        if (static_cast<int>(out.size()) >= limit && !continuesWrite(out.back(), c)) {
            full = true;
            return;
        }
        if (isBulkHeader(c)) {
            // A batch travels whole, with its rows; a push stops adding batches at a bound.
            const std::int64_t rows = c.value.toLongLong();
            if (bulkRows > 0 && bulkRows + rows > kBulkRowsPerMessage) {
                full = true;
                return;
            }
            bulkRows += rows;
        }
        out.push_back(std::move(c));
    }));
    st = store::Statement();
    auto attached = attachBulkRows(*m_db, out);
    if (!attached.ok())
        return attached.error();
    return out;
}

Result<std::int64_t> Outbox::pendingCount() {
    auto me = node();
    if (!me.ok())
        return me.error();
    auto from = mark();
    if (!from.ok())
        return from.error();
    auto st = m_db->prepare("SELECT count(*) " + pendingFrom());
    if (!st.ok())
        return st.error();
    st->bind(1, from.value());
    st->bind(2, me.value());
    auto row = st->step();
    if (!row.ok())
        return row.error();
    return st->int64(0);
}

Result<std::map<QString, int>> Outbox::pendingDeletesByFarm() {
    auto me = node();
    if (!me.ok())
        return me.error();
    auto from = mark();
    if (!from.ok())
        return from.error();
    auto st = m_db->prepare(std::string("SELECT coalesce(farm_id, ''), count(*) ") + pendingFrom() +
                            " AND col = '_deleted' GROUP BY 1");
    if (!st.ok())
        return st.error();
    st->bind(1, from.value());
    st->bind(2, me.value());
    std::map<QString, int> out;
    AGRO_TRY(st->forEachRow([&] { out[st->text(0)] = static_cast<int>(st->int64(1)); }));
    return out;
}

Result<void> Outbox::markPushed(std::int64_t seq) {
    auto from = mark();
    if (!from.ok())
        return from.error();
    if (seq <= from.value())
        return {};
    return store::Workspace::setMeta(*m_db, meta::pushedSeq(), QString::number(seq));
}

} // namespace agro::sync
