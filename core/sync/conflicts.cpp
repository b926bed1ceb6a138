#include "conflicts.h"

#include "bulkfacts.h"
#include "change.h"
#include "hlc.h"
#include "store/mutator.h"

namespace agro::sync {

namespace {
QDateTime fromHlc(qint64 hlc) {
    return QDateTime::fromMSecsSinceEpoch(Hlc::unpack(hlc).physicalMs, Qt::UTC);
}
} // namespace

Result<std::vector<Conflict>> listConflicts(store::Connection &db, const QString &status,
                                            int limit) {
    auto st = db.prepare("SELECT id, tbl, row_id, col, coalesce(farm_id, ''), lost_value, "
                         "won_value, coalesce(lost_author, ''), coalesce(won_author, ''), "
                         "lost_node, won_node, lost_hlc, won_hlc, status FROM sync_conflicts "
                         "WHERE ?1 = '' OR status = ?1 ORDER BY id DESC LIMIT ?2");
    if (!st.ok())
        return st.error();
    st->bind(1, status.isNull() ? QStringLiteral("") : status);
    st->bind(2, limit);
    std::vector<Conflict> out;
    AGRO_TRY(st->forEachRow([&] {
        Conflict c;
        c.id = st->int64(0);
        c.table = st->text(1);
        c.rowId = st->text(2);
        c.column = st->text(3);
        c.farmId = st->text(4);
        c.lostValue = st->dynamic(5);
        c.wonValue = st->dynamic(6);
        c.lostAuthor = st->text(7);
        c.wonAuthor = st->text(8);
        c.lostNode = st->text(9);
        c.wonNode = st->text(10);
        c.lostAt = fromHlc(st->int64(11));
        c.wonAt = fromHlc(st->int64(12));
        c.status = st->text(13);
        out.push_back(std::move(c));
    }));
    // A deletion wins with its seen-versions as value: say "deleted" instead.
    for (Conflict &c : out) {
        auto del = db.prepare("SELECT 1 FROM change_log WHERE tbl = ? AND row_id = ? AND "
                              "col = '_deleted' LIMIT 1");
        if (!del.ok())
            return del.error();
        del->bind(1, c.table);
        del->bind(2, c.rowId);
        c.wonByDeletion = del->step().value();
    }
    return out;
}

Result<void> restoreConflict(store::Connection &db, qint64 id) {
    QString table, row, col, farmId;
    QVariant lost;
    {
        auto st = db.prepare("SELECT tbl, row_id, col, lost_value, coalesce(farm_id, '') FROM "
                             "sync_conflicts WHERE id = ?");
        if (!st.ok())
            return st.error();
        st->bind(1, id);
        auto r = st->step();
        if (!r.ok())
            return r.error();
        if (!r.value())
            return Error::make(ErrorCode::NotFound, QStringLiteral("conflict %1").arg(id));
        table = st->text(0);
        row = st->text(1);
        col = st->text(2);
        lost = st->dynamic(3);
        farmId = st->text(4);
    }
    const bool fact = col == bulkFactColumn() && isBulkFactTable(table);
    if ((!isSyncedTable(table) && !fact) || col == deletedColumn())
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("not a restorable value"));
    auto m = store::Mutator::begin(db);
    if (!m.ok())
        return m.error();
    auto updated = fact ? restoreBulkFact(m.value(), table, row, farmId, lost.toString())
                        : m->update(table, row, {{col, lost}});
    if (!updated.ok()) {
        if (updated.error().code == ErrorCode::NotFound)
            return Error::make(ErrorCode::NotFound,
                               QStringLiteral("the record was deleted, so its value cannot come "
                                              "back"));
        return updated.error();
    }
    auto mark = m->db().prepare("UPDATE sync_conflicts SET status = 'restored' WHERE id = ?");
    if (!mark.ok())
        return mark.error();
    mark->bind(1, id);
    AGRO_TRY(mark->run());
    mark = store::Statement();
    return m->commit();
}

Result<void> keepConflict(store::Connection &db, qint64 id) {
    auto st =
        db.prepare("UPDATE sync_conflicts SET status = 'kept' WHERE id = ? AND status = 'open'");
    if (!st.ok())
        return st.error();
    st->bind(1, id);
    return st->run();
}

Result<std::vector<SyncLogEntry>> syncLog(store::Connection &db, int limit) {
    auto st = db.prepare("SELECT at, level, message, pushed, pulled, conflicts FROM sync_log "
                         "ORDER BY id DESC LIMIT ?");
    if (!st.ok())
        return st.error();
    st->bind(1, limit);
    std::vector<SyncLogEntry> out;
    AGRO_TRY(st->forEachRow([&] {
        SyncLogEntry e;
        e.at = QDateTime::fromString(st->text(0), Qt::ISODateWithMs);
        e.level = st->text(1);
        e.message = st->text(2);
        e.pushed = st->int64(3);
        e.pulled = st->int64(4);
        e.conflicts = st->int64(5);
        out.push_back(std::move(e));
    }));
    return out;
}

Result<void> logSync(store::Connection &db, const QString &level, const QString &message) {
    auto st = db.prepare("INSERT INTO sync_log (at, level, message) VALUES (?, ?, ?)");
    if (!st.ok())
        return st.error();
    st->bind(1, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    st->bind(2, level);
    st->bind(3, message.left(2000));
    return st->run();
}

} // namespace agro::sync
