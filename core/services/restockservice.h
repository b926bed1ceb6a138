#pragma once

#include "actor.h"
#include "analytics/inventory/gates.h"
#include "common/progress.h"
#include "restocksimulation.h"
#include "store/sqlite.h"

#include <QCoroTask>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace agro::services {

namespace inv = agro::analytics::inventory;

/// Settings keys in farm_settings (text values).
inline constexpr const char *kSettingAutoConfidence = "restock.auto_confidence";
inline constexpr const char *kSettingReviewConfidence = "restock.review_confidence";
inline constexpr const char *kSettingAutoApproveLimit = "restock.auto_approve_limit";
inline constexpr const char *kSettingHardMaximum = "restock.hard_maximum";
inline constexpr const char *kSettingTargetFillRate = "restock.target_fill_rate";

/// The gates of a farm: its settings where set, the defaults otherwise.
Result<inv::GateSettings> loadGateSettings(store::Connection &db, const QString &farmId);
/// Owner only; recorded in the change log (it syncs) and the audit log.
Result<void> saveGateSettings(store::Connection &db, const QString &actorUserId,
                              const QString &farmId, const inv::GateSettings &s);

struct RestockRunOutcome {
    QString runId;
    QString forecastRunId;
    std::int32_t asOfDay = 0;
    int products = 0;  ///< products with a forecast in the run
    int proposals = 0; ///< products whose position is at or below the reorder point
    int autoApproved = 0;
    double seconds = 0;
};

/// Proposals from the latest forecast run and today's stock: the policy of docs/restock.md
/// per product, gated per farm; auto-approvals are recorded as decisions by "system" with the
/// gate that allowed them. All in one transaction, audited. NeedsPrerequisite without a
/// forecast run.
Result<RestockRunOutcome> generateProposals(store::Connection &db);

enum class ProposalStatus { Pending, Approved, AutoApproved, Overridden, Rejected };
const char *proposalStatusKey(ProposalStatus s);

struct Decision {
    QString id;
    QString action; ///< approve, reject, override
    double quantity = 0;
    QString reasonCode, reasonText;
    QString actor, actorName, actorRole, gate;
    QDateTime decidedAt;
};

struct ProposalView {
    QString id;
    QString runId;
    QString farmId, farmName;
    QString productId, sku, productName, unit;
    double quantity = 0;
    double value = 0;
    std::int32_t dueDay = 0;
    double priority = 0;
    double confidence = 0;
    QString gate;
    QString abc, xyz;
    std::optional<std::int32_t> stockoutDay;
    QJsonObject explanation;
    ProposalStatus status = ProposalStatus::Pending;
    std::optional<Decision> lastDecision; ///< the latest decision event, if any
    int decisions = 0;                    ///< how many decision events (more than one: revised)
};

/// The proposals of a run (empty id: the latest), highest priority first.
Result<std::vector<ProposalView>> listProposals(store::Connection &db, const QString &runId = {});
Result<ProposalView> proposal(store::Connection &db, const QString &proposalId);

enum class DecisionAction { Approve, Reject, Override };
struct DecisionRequest {
    QString proposalId;
    DecisionAction action = DecisionAction::Approve;
    double quantity = 0; ///< override only: the quantity ordered instead
    QString reasonCode;  ///< override: promotion, supplier_issue, storage_limit or other
    QString reasonText;  ///< required with "other"
};

/// Records a decision as an append-only event (synced, audited), after the checks that
/// matter, here and not in the UI: the actor's role on the proposal's farm (viewers,
/// inspectors and agronomists may not decide; managers up to the hard maximum; owners any),
/// and an override's reason. PermissionDenied or InvalidArgument change nothing.
Result<Decision> decide(store::Connection &db, const Actor &actor, const DecisionRequest &request);

/// For an overridden proposal: was the person or the model closer to what followed?
struct OverrideOutcome {
    QString proposalId, sku, productName, reasonCode, actorName;
    QDateTime decidedAt;
    double proposed = 0; ///< the model's quantity
    double chosen = 0;   ///< the person's
    double needed = 0;   ///< in hindsight: demand over the cover period − the position then
    int coverDays = 0;   ///< lead time + 1 + the days the proposed order was meant to last
    int daysKnown = 0;   ///< of those, days with sales so far
    enum class Verdict { Pending, Model, Person, Tie } verdict = Verdict::Pending;
};
/// Every override, judged once its cover period has passed (see docs/restock.md).
Result<std::vector<OverrideOutcome>> reviewOverrides(store::Connection &db);

/// The decision log as CSV (RFC 4180, UTF-8): every decision with its product and figures.
Result<qint64> exportDecisionLog(store::Connection &db, const QString &file);

} // namespace agro::services

namespace agro::services {

/// The restock operations on workers, each with its own connection (writes on the writer).
class RestockService {
public:
    static QCoro::Task<Result<RestockRunOutcome>> generate(QString workspace);
    static QCoro::Task<Result<std::vector<ProposalView>>> list(QString workspace);
    static QCoro::Task<Result<Decision>> decide(QString workspace, Actor actor,
                                                DecisionRequest request);
    /// Approves each proposal in turn; stops at the first refusal and reports it.
    static QCoro::Task<Result<int>> approveAll(QString workspace, Actor actor, QStringList ids);
    static QCoro::Task<Result<qint64>> exportLog(QString workspace, QString file);
    static QCoro::Task<Result<std::vector<OverrideOutcome>>> overrides(QString workspace);
    /// The policy replay, prepared once per dialog, then replayed per target.
    static QCoro::Task<Result<std::shared_ptr<const PreparedReplay>>>
    prepareWhatIf(QString workspace, ProgressPtr progress);
    static QCoro::Task<Result<RestockSimulation>>
    whatIf(std::shared_ptr<const PreparedReplay> prepared, double target, ProgressPtr progress);
};

} // namespace agro::services
