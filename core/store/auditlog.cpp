#include "auditlog.h"

#include "security/sessions.h"

#include <QJsonDocument>
#include <sqlite3.h>

#include <QCryptographicHash>
#include <QDateTime>

namespace agro::store {

const QString &AuditLog::genesisHash() {
    static const QString zeros(64, QLatin1Char('0'));
    return zeros;
}

QString AuditLog::entryHash(const QString &prevHash, qint64 seq, const QString &at,
                            const QString &actor, const QString &action, const QString &entity,
                            const QString &entityId, const QString &detailJson) {
    QCryptographicHash h(QCryptographicHash::Sha256);
    // Length-prefixed fields, so no choice of field contents can imitate another split.
    auto add = [&h](const QString &field) {
        const QByteArray utf8 = field.toUtf8();
        h.addData(QByteArray::number(utf8.size()));
        h.addData(QByteArrayView(":"));
        h.addData(utf8);
    };
    add(prevHash);
    add(QString::number(seq));
    add(at);
    add(actor);
    add(action);
    add(entity);
    add(entityId);
    add(detailJson);
    return QString::fromLatin1(h.result().toHex());
}

Result<void> AuditLog::append(Connection &db, const AuditEntry &e) {
    QString prev = genesisHash();
    qint64 seq = 1;
    {
        auto st = db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
        if (!st.ok())
            return st.error();
        auto row = st->step();
        if (!row.ok())
            return row.error();
        if (row.value()) {
            seq = st->int64(0) + 1;
            prev = st->text(1);
        }
    }
    const QString at =
        e.at.isEmpty() ? QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) : e.at;
    const QString hash =
        entryHash(prev, seq, at, e.actor, e.action, e.entity, e.entityId, e.detailJson);
    auto st =
        db.prepare("INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, "
                   "detail_json, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!st.ok())
        return st.error();
    st->bind(1, seq);
    st->bind(2, at);
    st->bindUtf8(3, e.actor.toStdString());
    st->bindUtf8(4, e.action.toStdString());
    st->bindUtf8(5, e.entity.toStdString());
    st->bindUtf8(6, e.entityId.toStdString());
    st->bindUtf8(7, e.detailJson.toStdString());
    st->bind(8, prev);
    st->bind(9, hash);
    return st->run();
}

Result<AuditVerification> AuditLog::verify(Connection &db) {
    auto st =
        db.prepare("SELECT seq, at, actor, action, entity, entity_id, detail_json, prev_hash, "
                   "hash FROM audit_log ORDER BY seq");
    if (!st.ok())
        return st.error();
    AuditVerification v;
    QString prev = genesisHash();
    qint64 expectedSeq = 1;
    AGRO_TRY(st->forEachRow([&] {
        if (v.firstBroken)
            return;
        ++v.entries;
        const qint64 seq = st->int64(0);
        const QString prevHash = st->text(7), hash = st->text(8);
        if (seq != expectedSeq) {
            v.firstBroken = seq;
            v.reason = QStringLiteral("entry %1 follows entry %2: entries are missing")
                           .arg(seq)
                           .arg(expectedSeq - 1);
            return;
        }
        if (prevHash != prev) {
            v.firstBroken = seq;
            v.reason = QStringLiteral("entry %1 does not link to the entry before it").arg(seq);
            return;
        }
        const QString expect = entryHash(prevHash, seq, st->text(1), st->text(2), st->text(3),
                                         st->text(4), st->text(5), st->text(6));
        if (expect != hash) {
            v.firstBroken = seq;
            v.reason = QStringLiteral("entry %1 was altered: its content does not match its hash")
                           .arg(seq);
            return;
        }
        prev = hash;
        ++expectedSeq;
    }));
    return v;
}

Result<void> AuditLog::record(Connection &db, const QString &action, const QString &entity,
                              const QString &entityId, const QJsonObject &detail) {
    const auto who = security::Sessions::current(db.path());
    AuditEntry e;
    e.actor = who ? who->userId : QStringLiteral("system");
    e.action = action;
    e.entity = entity;
    e.entityId = entityId;
    e.detailJson = QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact));
    if (!sqlite3_get_autocommit(db.handle()))
        return append(db, e);
    auto tx = Transaction::begin(db);
    if (!tx.ok())
        return tx.error();
    AGRO_TRY(append(db, e));
    return tx->commit();
}

} // namespace agro::store
