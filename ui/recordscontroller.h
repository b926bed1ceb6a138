#pragma once

#include "domain/costs.h"

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
    void recordCostEdit(std::optional<domain::CostEntry> before,
                        std::optional<domain::CostEntry> after, const QString &text);
    /// Deletes a cost entry (undoably).
    void deleteCost(const QString &id);

    /// Writes `target` (or deletes `current` when `target` is empty). Used by the commands.
    void applyCost(const std::optional<domain::CostEntry> &target,
                   const std::optional<domain::CostEntry> &current);
    int pending() const { return m_pending; }

Q_SIGNALS:
    /// Something was written: views refresh.
    void changed();
    /// All writes submitted so far are done.
    void idle();
    void failed(const QString &message);

private:
    void finished(bool ok, const QString &message);

    QUndoStack *m_stack;
    QString m_workspace;
    int m_pending = 0;
};

} // namespace agro::ui
