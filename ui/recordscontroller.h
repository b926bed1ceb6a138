#pragma once

#include "domain/costs.h"
#include "domain/farm.h"

#include "common/result.h"

#include <QObject>

#include <optional>

class QUndoStack;

namespace agro::ui {

/// Applies record edits through RecordService and keeps them undoable: every saved or
/// deleted record becomes a command on the window's QUndoStack, whose undo and redo write the
/// record back (again through the mutation API, so sync sees undo as an ordinary edit).
class RecordsController : public QObject {
    Q_OBJECT
public:
    RecordsController(QUndoStack *stack, QObject *parent = nullptr);

    void setWorkspace(const QString &path) { m_workspace = path; }
    const QString &workspace() const { return m_workspace; }
    QUndoStack *undoStack() const { return m_stack; }

    /// Records an edit that has already been written: `before` empty for a new record,
    /// `after` empty for a deletion.
    void recordCostEdit(std::optional<domain::CostWithShares> before,
                        std::optional<domain::CostWithShares> after, const QString &text);
    /// Deletes a cost entry (undoably).
    void deleteCost(const QString &id);

    void recordPlantingEdit(std::optional<domain::Planting> before,
                            std::optional<domain::Planting> after, const QString &text);
    void deletePlanting(const QString &id);
    void recordHarvestEdit(std::optional<domain::Harvest> before,
                           std::optional<domain::Harvest> after, const QString &text);
    void deleteHarvest(const QString &id);
    /// Copies a season's plan into the season named `toSeason` (created if needed); undoable
    /// as one step (the plantings; a season it created stays, empty).
    void copySeasonPlan(const QString &farmId, const QString &fromSeasonId,
                        const QString &toSeason);

    /// Writes `target` (or deletes `current` when `target` is empty). Used by the commands.
    void applyCost(const std::optional<domain::CostWithShares> &target,
                   const std::optional<domain::CostWithShares> &current);
    void applyPlanting(const std::optional<domain::Planting> &target,
                       const std::optional<domain::Planting> &current);
    void applyHarvest(const std::optional<domain::Harvest> &target,
                      const std::optional<domain::Harvest> &current);
    int pending() const { return m_pending; }

Q_SIGNALS:
    /// Something was written: views refresh.
    void changed();
    /// All writes submitted so far are done.
    void idle();
    void failed(const QString &message);

private:
    void finished(bool ok, const QString &message);
    template<class T> void handleSave(const Result<T> &r);

    QUndoStack *m_stack;
    QString m_workspace;
    int m_pending = 0;
};

} // namespace agro::ui
