#pragma once

#include "sqlite.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace agro::store {

/// One audit entry as the caller gives it; `at` defaults to now (UTC).
struct AuditEntry {
    QString actor;  ///< user id, or "system"
    QString action; ///< e.g. "restock.decision", "restock.run", "settings.change"
    QString entity;
    QString entityId;
    QString detailJson = QStringLiteral("{}");
    QString at; ///< ISO 8601 UTC; empty: now
};

struct AuditVerification {
    qint64 entries = 0;
    std::optional<qint64> firstBroken; ///< seq of the first entry whose hash does not verify
    QString reason;                    ///< what is wrong with it, for people
    bool ok() const { return !firstBroken; }
};

/// The tamper-evident audit log: a SHA-256 hash chain, each entry's hash covering the previous
/// entry's hash and every field of its own (Haber & Stornetta 1991; the construction of
/// Schneier & Kelsey 1999 without the keys). Append inside the caller's transaction so the
/// entry commits with what it records.
class AuditLog {
public:
    static Result<void> append(Connection &db, const AuditEntry &entry);
    /// Appends an entry for the person signed in to the workspace (security::Sessions; else
    /// "system"): inside the caller's transaction if one is open, else in its own.
    static Result<void> record(Connection &db, const QString &action, const QString &entity,
                               const QString &entityId, const QJsonObject &detail);
    /// Recomputes the chain from the first entry; reports the first entry that does not match.
    static Result<AuditVerification> verify(Connection &db);
    /// The hash an entry must have (exposed for tests).
    static QString entryHash(const QString &prevHash, qint64 seq, const QString &at,
                             const QString &actor, const QString &action, const QString &entity,
                             const QString &entityId, const QString &detailJson);
    static const QString &genesisHash(); ///< 64 zeros: the "previous hash" of the first entry
};

} // namespace agro::store
