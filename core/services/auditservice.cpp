#include "auditservice.h"

#include "actor.h"
#include "io/csvreader.h"
#include "store/auditlog.h"
#include "store/workspace.h"
#include "worker.h"

#include <QFileInfo>
#include <QSaveFile>

namespace agro::services {

namespace {

Result<std::vector<AuditRow>> query(store::Connection &db, const AuditFilter &f, bool newestFirst,
                                    int limit) {
    const std::string sql =
        std::string(
            "SELECT a.seq, a.at, a.actor, coalesce(u.username, a.actor), a.action, "
            "a.entity, a.entity_id, a.detail_json FROM audit_log a LEFT JOIN users u ON "
            "u.id = a.actor WHERE (coalesce(?1, '') = '' OR a.action = ?1 OR a.action LIKE ?1 || "
            "'.%') "
            "AND (coalesce(?2, '') = '' OR coalesce(u.username, a.actor) = ?2) AND (coalesce(?3, "
            "'') = '' OR "
            "substr(a.at, 1, 10) >= ?3) AND (coalesce(?4, '') = '' OR substr(a.at, 1, 10) <= ?4) "
            "ORDER BY a.seq ") +
        (newestFirst ? "DESC" : "ASC") + " LIMIT ?5";
    auto st = db.prepare(sql);
    if (!st.ok())
        return st.error();
    st->bind(1, f.action.trimmed());
    st->bind(2, f.actor.trimmed());
    st->bind(3, f.from.isValid() ? f.from.toString(Qt::ISODate) : QString());
    st->bind(4, f.to.isValid() ? f.to.toString(Qt::ISODate) : QString());
    st->bind(5, qint64(limit));
    std::vector<AuditRow> out;
    AGRO_TRY(st->forEachRow([&] {
        out.push_back({st->int64(0), st->text(1), st->text(2), st->text(3), st->text(4),
                       st->text(5), st->text(6), st->text(7)});
    }));
    return out;
}

} // namespace

QCoro::Task<Result<std::vector<AuditRow>>> AuditService::entries(QString workspace,
                                                                 AuditFilter filter) {
    auto work = [workspace, filter]() -> Result<std::vector<AuditRow>> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        AGRO_TRY(requireOwner(db.value(), QStringLiteral("read the audit log")));
        return query(db.value(), filter, true, filter.limit);
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<qint64>> AuditService::exportCsv(QString workspace, AuditFilter filter,
                                                    QString file) {
    auto work = [workspace, filter, file]() -> Result<qint64> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        AGRO_TRY(requireOwner(db.value(), QStringLiteral("read the audit log")));
        auto rows = query(db.value(), filter, false, std::numeric_limits<int>::max());
        if (!rows.ok())
            return rows.error();
        QSaveFile out(file);
        if (!out.open(QIODevice::WriteOnly)) {
            Error e = Error::make(ErrorCode::Io, out.errorString());
            e.file = file;
            return e;
        }
        QString text = QStringLiteral("seq,at,actor_id,actor,action,entity,entity_id,detail\n");
        for (const AuditRow &r : rows.value())
            text += QStringList{QString::number(r.seq),   io::csvField(r.at),
                                io::csvField(r.actorId),  io::csvField(r.actorName),
                                io::csvField(r.action),   io::csvField(r.entity),
                                io::csvField(r.entityId), io::csvField(r.detailJson)}
                        .join(QLatin1Char(',')) +
                    QLatin1Char('\n');
        out.write(text.toUtf8());
        if (!out.commit()) {
            Error e = Error::make(ErrorCode::Io, out.errorString());
            e.file = file;
            return e;
        }
        AGRO_TRY(store::AuditLog::record(
            db.value(), QStringLiteral("export.audit"), QStringLiteral("audit_log"), {},
            {{QStringLiteral("file"), QFileInfo(file).absoluteFilePath()},
             {QStringLiteral("rows"), qint64(rows->size())}}));
        return qint64(rows->size());
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<qint64>> AuditService::verify(QString workspace) {
    auto work = [workspace]() -> Result<qint64> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        auto v = store::AuditLog::verify(db.value());
        if (!v.ok())
            return v.error();
        if (!v->ok())
            return Error::make(ErrorCode::Constraint,
                               QStringLiteral("entry %1: %2").arg(*v->firstBroken).arg(v->reason));
        return v->entries;
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

QCoro::Task<Result<QStringList>> AuditService::actions(QString workspace) {
    auto work = [workspace]() -> Result<QStringList> {
        auto db = store::Workspace::connect(workspace);
        if (!db.ok())
            return db.error();
        AGRO_TRY(requireOwner(db.value(), QStringLiteral("read the audit log")));
        auto st = db->prepare("SELECT DISTINCT action FROM audit_log ORDER BY action");
        if (!st.ok())
            return st.error();
        QStringList out;
        AGRO_TRY(st->forEachRow([&] { out << st->text(0); }));
        return out;
    };
    auto task = onWorker(std::move(work));
    auto result = co_await task;
    co_return result;
}

} // namespace agro::services
