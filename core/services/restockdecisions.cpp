// Decisions, proposal lists, gate settings and actors (restockservice.h).
#include "restockservice.h"

#include "io/csvreader.h"
#include "store/auditlog.h"
#include "store/mutator.h"

#include <QJsonDocument>
#include <QSaveFile>

#include <cmath>

namespace agro::services {

namespace {

struct SettingKey {
    const char *key;
    double inv::GateSettings::*field;
};
constexpr SettingKey kSettingKeys[] = {
    {kSettingAutoConfidence, &inv::GateSettings::autoConfidence},
    {kSettingReviewConfidence, &inv::GateSettings::reviewConfidence},
    {kSettingAutoApproveLimit, &inv::GateSettings::autoApproveLimit},
    {kSettingHardMaximum, &inv::GateSettings::hardMaximum},
    {kSettingTargetFillRate, &inv::GateSettings::targetFillRate},
};

const char *actionKey(DecisionAction a) {
    switch (a) {
    case DecisionAction::Approve:
        return "approve";
    case DecisionAction::Reject:
        return "reject";
    case DecisionAction::Override:
        break;
    }
    return "override";
}

ProposalStatus statusOf(const Decision &d) {
    if (d.action == QLatin1String("reject"))
        return ProposalStatus::Rejected;
    if (d.action == QLatin1String("override"))
        return ProposalStatus::Overridden;
    return d.actor == QLatin1String("system") ? ProposalStatus::AutoApproved
                                              : ProposalStatus::Approved;
}

constexpr const char *kProposalSelect =
    "SELECT p.id, r.id, p.farm_id, f.name, p.product_id, pr.sku, pr.name, pr.unit, p.quantity, "
    "p.value, p.due_day, p.priority, p.confidence, p.gate, p.abc, p.xyz, p.stockout_day, "
    "p.explanation FROM restock_proposals p JOIN restock_runs r ON r.lid = p.run "
    "JOIN farms f ON f.id = p.farm_id JOIN products pr ON pr.id = p.product_id ";

ProposalView readProposal(store::Statement &st) {
    ProposalView v;
    v.id = st.text(0);
    v.runId = st.text(1);
    v.farmId = st.text(2);
    v.farmName = st.text(3);
    v.productId = st.text(4);
    v.sku = st.text(5);
    v.productName = st.text(6);
    v.unit = st.text(7);
    v.quantity = st.real(8);
    v.value = st.real(9);
    v.dueDay = static_cast<std::int32_t>(st.int64(10));
    v.priority = st.real(11);
    v.confidence = st.real(12);
    v.gate = st.text(13);
    v.abc = st.text(14);
    v.xyz = st.text(15);
    if (!st.isNull(16))
        v.stockoutDay = static_cast<std::int32_t>(st.int64(16));
    v.explanation = QJsonDocument::fromJson(st.text(17).toUtf8()).object();
    return v;
}

/// Attaches each proposal's decision events (the latest decides its status).
Result<void> attachDecisions(store::Connection &db, std::vector<ProposalView> &views) {
    auto st =
        db.prepare("SELECT d.id, d.action, d.quantity, d.reason_code, d.reason_text, d.actor, "
                   "coalesce(u.display_name, d.actor), d.actor_role, d.gate, d.decided_at "
                   "FROM restock_decisions d LEFT JOIN users u ON u.id = d.actor "
                   "WHERE d.proposal_id = ?1 ORDER BY d.decided_at, d.lid");
    if (!st.ok())
        return st.error();
    for (ProposalView &v : views) {
        st->reset();
        st->bind(1, v.id);
        AGRO_TRY(st->forEachRow([&] {
            Decision d;
            d.id = st->text(0);
            d.action = st->text(1);
            d.quantity = st->real(2);
            d.reasonCode = st->text(3);
            d.reasonText = st->text(4);
            d.actor = st->text(5);
            d.actorName = st->text(6);
            d.actorRole = st->text(7);
            d.gate = st->text(8);
            d.decidedAt = QDateTime::fromString(st->text(9), Qt::ISODateWithMs);
            v.status = statusOf(d);
            v.lastDecision = d;
            ++v.decisions;
        }));
    }
    return {};
}

} // namespace

const char *proposalStatusKey(ProposalStatus s) {
    switch (s) {
    case ProposalStatus::Pending:
        return "pending";
    case ProposalStatus::Approved:
        return "approved";
    case ProposalStatus::AutoApproved:
        return "auto-approved";
    case ProposalStatus::Overridden:
        return "overridden";
    case ProposalStatus::Rejected:
        break;
    }
    return "rejected";
}

Result<inv::GateSettings> loadGateSettings(store::Connection &db, const QString &farmId) {
    inv::GateSettings s;
    auto st = db.prepare("SELECT key, value FROM farm_settings WHERE farm_id = ?1");
    if (!st.ok())
        return st.error();
    st->bind(1, farmId);
    AGRO_TRY(st->forEachRow([&] {
        const QString key = st->text(0);
        bool ok = false;
        const double v = st->text(1).toDouble(&ok);
        for (const auto &k : kSettingKeys)
            if (ok && key == QLatin1String(k.key))
                s.*(k.field) = v;
    }));
    return s;
}

Result<void> saveGateSettings(store::Connection &db, const QString &actorUserId,
                              const QString &farmId, const inv::GateSettings &s) {
    auto role = roleOn(db, actorUserId, farmId);
    if (!role.ok())
        return role.error();
    if (role.value() != QLatin1String("owner"))
        return refuse(db, Actor{actorUserId, {}, {}, {}}, QStringLiteral("restock_gates"), farmId,
                      QStringLiteral("only an owner may change the restock gates"));
    if (!(s.reviewConfidence >= 0 && s.reviewConfidence <= s.autoConfidence &&
          s.autoConfidence <= 1))
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("confidences: 0 ≤ review ≤ auto-approve ≤ 1"));
    if (!(s.autoApproveLimit >= 0 && s.hardMaximum >= s.autoApproveLimit))
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("limits: 0 ≤ auto-approve limit ≤ hard maximum"));
    if (!(s.targetFillRate > 0 && s.targetFillRate < 1))
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("target fill rate: between 0 and 1"));
    auto loaded = loadGateSettings(db, farmId);
    if (!loaded.ok())
        return loaded.error();
    const inv::GateSettings before = loaded.value();
    auto m = store::Mutator::begin(db);
    if (!m.ok())
        return m.error();
    QJsonObject changes;
    for (const auto &k : kSettingKeys) {
        const double v = s.*(k.field);
        if (v == before.*(k.field))
            continue;
        changes.insert(
            QLatin1String(k.key),
            QJsonObject{{QStringLiteral("from"), before.*(k.field)}, {QStringLiteral("to"), v}});
        auto st = m->db().prepare("SELECT id FROM farm_settings WHERE farm_id = ?1 AND key = ?2");
        if (!st.ok())
            return st.error();
        st->bind(1, farmId);
        st->bindUtf8(2, k.key);
        auto row = st->step();
        if (!row.ok())
            return row.error();
        const QString value = QString::number(v, 'g', 12);
        if (row.value()) {
            const QString id = st->text(0);
            st->reset();
            AGRO_TRY(
                m->update(QStringLiteral("farm_settings"), id, {{QStringLiteral("value"), value}}));
        } else {
            st->reset();
            AGRO_TRY(m->insert(QStringLiteral("farm_settings"), m->newId(),
                               {{QStringLiteral("farm_id"), farmId},
                                {QStringLiteral("key"), QString::fromLatin1(k.key)},
                                {QStringLiteral("value"), value}}));
        }
    }
    if (!changes.isEmpty())
        AGRO_TRY(store::AuditLog::append(
            m->db(), {actorUserId,
                      QStringLiteral("settings.change"),
                      QStringLiteral("farm"),
                      farmId,
                      QString::fromUtf8(QJsonDocument(changes).toJson(QJsonDocument::Compact)),
                      {}}));
    return m->commit();
}

Result<std::vector<ProposalView>> listProposals(store::Connection &db, const QString &runId) {
    QString run = runId;
    if (run.isEmpty()) {
        auto latest =
            db.scalar("SELECT id FROM restock_runs ORDER BY created_at DESC, lid DESC LIMIT 1");
        if (!latest.ok())
            return latest.error();
        if (latest->isNull())
            return std::vector<ProposalView>{};
        run = latest->toString();
    }
    auto st = db.prepare(std::string(kProposalSelect) +
                         "WHERE r.id = ?1 ORDER BY p.priority DESC, p.value DESC, pr.sku");
    if (!st.ok())
        return st.error();
    st->bind(1, run);
    std::vector<ProposalView> out;
    AGRO_TRY(st->forEachRow([&] { out.push_back(readProposal(*st)); }));
    AGRO_TRY(attachDecisions(db, out));
    return out;
}

Result<ProposalView> proposal(store::Connection &db, const QString &proposalId) {
    auto st = db.prepare(std::string(kProposalSelect) + "WHERE p.id = ?1");
    if (!st.ok())
        return st.error();
    st->bind(1, proposalId);
    auto row = st->step();
    if (!row.ok())
        return row.error();
    if (!row.value())
        return Error::make(ErrorCode::NotFound, QStringLiteral("proposal %1").arg(proposalId));
    std::vector<ProposalView> one{readProposal(*st)};
    st->reset();
    AGRO_TRY(attachDecisions(db, one));
    return one.front();
}

Result<Decision> decide(store::Connection &db, const Actor &actor, const DecisionRequest &r) {
    AGRO_TRY(requireSignedInActor(db, actor));
    auto p = proposal(db, r.proposalId);
    if (!p.ok())
        return p.error();
    auto role = roleOn(db, actor.userId, p->farmId);
    if (!role.ok())
        return role.error();
    const QString &rl = role.value();
    if (rl != QLatin1String("owner") && rl != QLatin1String("manager"))
        return refuse(db, actor, QStringLiteral("restock_decisions"), r.proposalId,
                      QStringLiteral("%1 is %2 on %3: only managers and owners decide restocks")
                          .arg(actor.username, rl.isEmpty() ? QStringLiteral("not a member") : rl,
                               p->farmName));
    double quantity = p->quantity;
    if (r.action == DecisionAction::Override) {
        static const QStringList codes{QStringLiteral("promotion"),
                                       QStringLiteral("supplier_issue"),
                                       QStringLiteral("storage_limit"), QStringLiteral("other")};
        if (!codes.contains(r.reasonCode))
            return Error::make(ErrorCode::InvalidArgument,
                               QStringLiteral("an override needs a reason: promotion, "
                                              "supplier_issue, storage_limit or other"));
        if (r.reasonCode == QLatin1String("other") && r.reasonText.trimmed().isEmpty())
            return Error::make(ErrorCode::InvalidArgument,
                               QStringLiteral("an override for another reason needs the reason "
                                              "in words"));
        if (!(r.quantity >= 0) || !std::isfinite(r.quantity))
            return Error::make(ErrorCode::InvalidArgument,
                               QStringLiteral("override quantity: a number, 0 or more"));
        quantity = r.quantity;
    }
    const double unitValue = p->quantity > 0 ? p->value / p->quantity : 0.0;
    const double value = quantity * unitValue;
    if (r.action != DecisionAction::Reject && rl != QLatin1String("owner")) {
        auto gates = loadGateSettings(db, p->farmId);
        if (!gates.ok())
            return gates.error();
        if (value > gates->hardMaximum)
            return refuse(db, actor, QStringLiteral("restock_decisions"), r.proposalId,
                          QStringLiteral("an order of %1 is above the hard maximum %2: only an "
                                         "owner may approve it")
                              .arg(value, 0, 'f', 2)
                              .arg(gates->hardMaximum, 0, 'f', 2));
    }
    Decision d;
    d.action = QString::fromLatin1(actionKey(r.action));
    d.quantity = quantity;
    d.reasonCode = r.action == DecisionAction::Approve ? QString() : r.reasonCode;
    d.reasonText = r.reasonText.trimmed();
    d.actor = actor.userId;
    d.actorName = actor.displayName;
    d.actorRole = rl;
    d.gate = p->gate;
    d.decidedAt = QDateTime::currentDateTimeUtc();
    // The figures the person saw, so that a decision taken on figures that changed before sync
    // can be recognised as stale later.
    QJsonObject figures{{QStringLiteral("proposed_quantity"), p->quantity},
                        {QStringLiteral("proposed_value"), p->value},
                        {QStringLiteral("confidence"), p->confidence},
                        {QStringLiteral("gate"), p->gate},
                        {QStringLiteral("inputs"), p->explanation.value(QStringLiteral("inputs"))}};
    const QString figuresText =
        QString::fromUtf8(QJsonDocument(figures).toJson(QJsonDocument::Compact));
    const QString at = d.decidedAt.toString(Qt::ISODateWithMs);
    auto m = store::Mutator::begin(db);
    if (!m.ok())
        return m.error();
    d.id = m->newId();
    AGRO_TRY(m->insert(QStringLiteral("restock_decisions"), d.id,
                       {{QStringLiteral("farm_id"), p->farmId},
                        {QStringLiteral("proposal_id"), p->id},
                        {QStringLiteral("product_id"), p->productId},
                        {QStringLiteral("action"), d.action},
                        {QStringLiteral("quantity"), d.quantity},
                        {QStringLiteral("reason_code"), d.reasonCode},
                        {QStringLiteral("reason_text"), d.reasonText},
                        {QStringLiteral("actor"), d.actor},
                        {QStringLiteral("actor_role"), d.actorRole},
                        {QStringLiteral("gate"), d.gate},
                        {QStringLiteral("decided_at"), at},
                        {QStringLiteral("figures"), figuresText}}));
    QJsonObject detail{{QStringLiteral("action"), d.action},
                       {QStringLiteral("quantity"), d.quantity},
                       {QStringLiteral("proposed_quantity"), p->quantity},
                       {QStringLiteral("reason_code"), d.reasonCode},
                       {QStringLiteral("reason_text"), d.reasonText},
                       {QStringLiteral("role"), d.actorRole},
                       {QStringLiteral("sku"), p->sku}};
    AGRO_TRY(store::AuditLog::append(
        m->db(),
        {actor.userId, QStringLiteral("restock.decision"), QStringLiteral("restock_proposal"),
         p->id, QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact)), at}));
    AGRO_TRY(m->commit());
    return d;
}

Result<qint64> exportDecisionLog(store::Connection &db, const QString &file) {
    auto st = db.prepare("SELECT d.decided_at, f.name, pr.sku, pr.name, d.action, d.quantity, "
                         "coalesce(p.quantity, ''), d.reason_code, d.reason_text, "
                         "coalesce(u.username, d.actor), d.actor_role, d.gate, d.proposal_id, d.id "
                         "FROM restock_decisions d JOIN farms f ON f.id = d.farm_id "
                         "JOIN products pr ON pr.id = d.product_id "
                         "LEFT JOIN restock_proposals p ON p.id = d.proposal_id "
                         "LEFT JOIN users u ON u.id = d.actor ORDER BY d.decided_at, d.lid");
    if (!st.ok())
        return st.error();
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return Error{ErrorCode::Io, out.errorString(), file, 0, 0, {}};
    QByteArray csv = "decided_at,farm,sku,product,action,quantity,proposed_quantity,reason_code,"
                     "reason_text,actor,role,gate,proposal_id,decision_id\r\n";
    qint64 rows = 0;
    AGRO_TRY(st->forEachRow([&] {
        QStringList cells;
        for (int c = 0; c < 14; ++c)
            cells << io::csvField(st->text(c));
        csv += cells.join(QLatin1Char(',')).toUtf8() + "\r\n";
        ++rows;
    }));
    out.write(csv);
    if (!out.commit())
        return Error{ErrorCode::Io, out.errorString(), file, 0, 0, {}};
    return rows;
}

} // namespace agro::services
