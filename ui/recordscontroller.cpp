#include "recordscontroller.h"

#include "formatting.h"
#include "services/recordservice.h"

#include <QUndoCommand>
#include <QUndoStack>

namespace agro::ui {

namespace {
void apply(RecordsController *c, const std::optional<domain::CostWithShares> &t,
           const std::optional<domain::CostWithShares> &cur) {
    c->applyCost(t, cur);
}
void apply(RecordsController *c, const std::optional<domain::Planting> &t,
           const std::optional<domain::Planting> &cur) {
    c->applyPlanting(t, cur);
}
void apply(RecordsController *c, const std::optional<domain::Harvest> &t,
           const std::optional<domain::Harvest> &cur) {
    c->applyHarvest(t, cur);
}

/// One edit of a record. The first redo() is skipped: the edit was written before the command
/// was pushed (so that a rejected save never reaches the stack).
template<class T> class EditCommand : public QUndoCommand {
public:
    EditCommand(RecordsController *c, std::optional<T> before, std::optional<T> after,
                const QString &text, QUndoCommand *parent = nullptr)
        : QUndoCommand(text, parent)
        , m_controller(c)
        , m_before(std::move(before))
        , m_after(std::move(after)) {}

    void redo() override {
        if (m_first) {
            m_first = false;
            return;
        }
        apply(m_controller, m_after, m_before);
    }
    void undo() override {
        m_first = false;
        apply(m_controller, m_before, m_after);
    }

private:
    RecordsController *m_controller;
    std::optional<T> m_before;
    std::optional<T> m_after;
    bool m_first = true;
};
using CostEditCommand = EditCommand<domain::CostWithShares>;
} // namespace

RecordsController::RecordsController(QUndoStack *stack, QObject *parent)
    : QObject(parent)
    , m_stack(stack) {}

void RecordsController::recordCostEdit(std::optional<domain::CostWithShares> before,
                                       std::optional<domain::CostWithShares> after,
                                       const QString &text) {
    m_stack->push(new CostEditCommand(this, std::move(before), std::move(after), text));
    Q_EMIT changed();
}

void RecordsController::deleteCost(const QString &id) {
    ++m_pending;
    QCoro::connect(services::RecordService::deleteCost(m_workspace, id), this,
                   [this](const Result<domain::CostWithShares> &r) {
                       if (r.ok()) {
                           const auto &c = r->entry;
                           m_stack->push(new CostEditCommand(
                               this, r.value(), std::nullopt,
                               tr("Delete cost %1").arg(format::moneyExact(c.amount, c.currency))));
                       }
                       finished(r.ok(), r.ok() ? QString() : errorText(r.error()));
                   });
}

void RecordsController::applyCost(const std::optional<domain::CostWithShares> &target,
                                  const std::optional<domain::CostWithShares> &current) {
    ++m_pending;
    if (target) {
        QCoro::connect(
            services::RecordService::saveCost(m_workspace, target->entry, target->shares), this,
            [this](const Result<services::SaveOutcome<domain::CostEntry>> &r) {
                if (!r.ok())
                    finished(false, errorText(r.error()));
                else if (!r->saved)
                    finished(false, errorText(domain::toError(r->problems)));
                else
                    finished(true, {});
            });
    } else if (current) {
        QCoro::connect(services::RecordService::deleteCost(m_workspace, current->entry.id), this,
                       [this](const Result<domain::CostWithShares> &r) {
                           finished(r.ok(), r.ok() ? QString() : errorText(r.error()));
                       });
    } else {
        finished(true, {});
    }
}

template<class T> void RecordsController::handleSave(const Result<T> &r) {
    if (!r.ok())
        finished(false, errorText(r.error()));
    else if constexpr (requires { r->saved; }) {
        if (!r->saved)
            finished(false, errorText(domain::toError(r->problems)));
        else
            finished(true, {});
    } else {
        finished(true, {});
    }
}

void RecordsController::recordPlantingEdit(std::optional<domain::Planting> before,
                                           std::optional<domain::Planting> after,
                                           const QString &text) {
    m_stack->push(
        new EditCommand<domain::Planting>(this, std::move(before), std::move(after), text));
    Q_EMIT changed();
}

void RecordsController::recordHarvestEdit(std::optional<domain::Harvest> before,
                                          std::optional<domain::Harvest> after,
                                          const QString &text) {
    m_stack->push(
        new EditCommand<domain::Harvest>(this, std::move(before), std::move(after), text));
    Q_EMIT changed();
}

void RecordsController::deletePlanting(const QString &id) {
    ++m_pending;
    QCoro::connect(services::RecordService::deletePlanting(m_workspace, id), this,
                   [this](const Result<domain::Planting> &r) {
                       if (r.ok())
                           m_stack->push(new EditCommand<domain::Planting>(
                               this, r.value(), std::nullopt, tr("Delete planting")));
                       finished(r.ok(), r.ok() ? QString() : errorText(r.error()));
                   });
}

void RecordsController::deleteHarvest(const QString &id) {
    ++m_pending;
    QCoro::connect(services::RecordService::deleteHarvest(m_workspace, id), this,
                   [this](const Result<domain::Harvest> &r) {
                       if (r.ok())
                           m_stack->push(new EditCommand<domain::Harvest>(
                               this, r.value(), std::nullopt, tr("Delete harvest")));
                       finished(r.ok(), r.ok() ? QString() : errorText(r.error()));
                   });
}

void RecordsController::copySeasonPlan(const QString &farmId, const QString &fromSeasonId,
                                       const QString &toSeason) {
    ++m_pending;
    QCoro::connect(
        services::RecordService::copySeasonPlan(m_workspace, farmId, fromSeasonId, toSeason), this,
        [this](const Result<std::vector<domain::Planting>> &r) {
            if (r.ok() && !r->empty()) {
                // One undo step for the whole copy: a parent command with one child per planting.
                auto *group =
                    new QUndoCommand(tr("Copy season plan (%1 plantings)").arg(r->size()));
                for (const auto &p : r.value())
                    new EditCommand<domain::Planting>(this, std::nullopt, p, QString(), group);
                m_stack->push(group);
            }
            finished(r.ok(), r.ok() ? QString() : errorText(r.error()));
        });
}

void RecordsController::applyPlanting(const std::optional<domain::Planting> &target,
                                      const std::optional<domain::Planting> &current) {
    ++m_pending;
    if (target)
        QCoro::connect(services::RecordService::savePlanting(m_workspace, *target), this,
                       [this](const auto &r) { handleSave(r); });
    else if (current)
        QCoro::connect(services::RecordService::deletePlanting(m_workspace, current->id), this,
                       [this](const auto &r) { handleSave(r); });
    else
        finished(true, {});
}

void RecordsController::applyHarvest(const std::optional<domain::Harvest> &target,
                                     const std::optional<domain::Harvest> &current) {
    ++m_pending;
    if (target)
        QCoro::connect(services::RecordService::saveHarvest(m_workspace, *target), this,
                       [this](const auto &r) { handleSave(r); });
    else if (current)
        QCoro::connect(services::RecordService::deleteHarvest(m_workspace, current->id), this,
                       [this](const auto &r) { handleSave(r); });
    else
        finished(true, {});
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
