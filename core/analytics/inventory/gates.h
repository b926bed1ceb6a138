#pragma once

namespace agro::analytics::inventory {

/// Who must look at a proposal.
enum class Gate {
    Auto,   ///< approved by the system, recorded as its decision
    Review, ///< a manager (or owner) confirms
    Manual, ///< confidence too low: a person decides from scratch
    Owner,  ///< above the hard maximum per order: only an owner may approve
};
const char *gateKey(Gate g); ///< "auto", "review", "manual", "owner"

/// Per-farm thresholds (farm_settings; defaults from the restock issue).
struct GateSettings {
    double autoConfidence = 0.8;    ///< auto-approve at or above, when under the limit
    double reviewConfidence = 0.6;  ///< below: manual decision
    double autoApproveLimit = 1000; ///< order value (strictly) under which auto-approval may apply
    double hardMaximum = 5000;      ///< order value above which only an owner may approve
    double targetFillRate = 0.95;
};

/// confidence ≥ auto and value < limit → Auto; value > hard maximum → Owner; confidence ≥
/// review → Review (also high-confidence orders at or above the limit); otherwise Manual.
Gate gateFor(double confidence, double value, const GateSettings &s);

/// A proposal's confidence in [0, 1] from its forecast: the geometric mean of an accuracy score
/// 1 − WAPE of the backtest and a sharpness score 1 − (q97.5 − q2.5)/(2μ) of lead-time demand
/// (both clamped to [0, 1]), times 0.8 when the backtest's 95 % coverage fell below 85 % (the
/// bands were too narrow to trust). A forecast without a backtest scores at most 0.5: it
/// never auto-approves. See docs/restock.md for why these and not others.
double proposalConfidence(double backtestWape, double backtestCoverage95, int backtestPoints,
                          double leadTimeDemandMean, double lo95, double hi95);

} // namespace agro::analytics::inventory
