#include "recordscontroller.h"

#include "formatting.h"
#include "services/recordservice.h"

#include <QUndoCommand>
#include <QUndoStack>

namespace agro::ui {

namespace {
/// One edit of a cost entry. The first redo() is skipped: the edit was written before the
/// command was pushed (so that a rejected save never reaches the stack).
class CostEditCommand : public QUndoCommand {
public:
    CostEditCommand(RecordsController *c, std::optional<domain::CostEntry> before,
                    std::optional<domain::CostEntry> after, const QString &text)
        : QUndoCommand(text)
        , m_controller(c)
        , m_before(std::move(before))
        , m_after(std::move(after)) {}

    void redo() override {
        if (m_first) {
            m_first = false;
            return;
        }
        m_controller->applyCost(m_after, m_before);
    }
    void undo() override { m_controller->applyCost(m_before, m_after); }

private:
    RecordsController *m_controller;
    std::optional<domain::CostEntry> m_before;
    std::optional<domain::CostEntry> m_after;
    bool m_first = true;
};
} // namespace

RecordsController::RecordsController(QUndoStack *stack, QObject *parent)
    : QObject(parent)
    , m_stack(stack) {}

void RecordsController::recordCostEdit(std::optional<domain::CostEntry> before,
                                       std::optional<domain::CostEntry> after,
                                       const QString &text) {
    m_stack->push(new CostEditCommand(this, std::move(before), std::move(after), text));
    Q_EMIT changed();
}

void RecordsController::deleteCost(const QString &id) {
    ++m_pending;
    QCoro::connect(services::RecordService::deleteCost(m_workspace, id), this,
                   [this](const Result<domain::CostEntry> &r) {
                       if (r.ok()) {
                           const auto &c = r.value();
                           m_stack->push(new CostEditCommand(
                               this, c, std::nullopt,
                               tr("Delete cost %1").arg(format::moneyExact(c.amount, c.currency))));
                       }
                       finished(r.ok(), r.ok() ? QString() : errorText(r.error()));
                   });
}

void RecordsController::applyCost(const std::optional<domain::CostEntry> &target,
                                  const std::optional<domain::CostEntry> &current) {
    ++m_pending;
    if (target) {
        QCoro::connect(services::RecordService::saveCost(m_workspace, *target), this,
                       [this](const Result<services::SaveOutcome<domain::CostEntry>> &r) {
                           if (!r.ok())
                               finished(false, errorText(r.error()));
                           else if (!r->saved)
                               finished(false, errorText(domain::toError(r->problems)));
                           else
                               finished(true, {});
                       });
    } else if (current) {
        QCoro::connect(services::RecordService::deleteCost(m_workspace, current->id), this,
                       [this](const Result<domain::CostEntry> &r) {
                           finished(r.ok(), r.ok() ? QString() : errorText(r.error()));
                       });
    } else {
        finished(true, {});
    }
}

void RecordsController::finished(bool ok, const QString &message) {
    --m_pending;
    if (!ok)
        Q_EMIT failed(message);
    Q_EMIT changed();
    if (m_pending == 0)
        Q_EMIT idle();
}

} // namespace agro::ui
