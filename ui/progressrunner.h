#pragma once

#include "common/progress.h"

#include <QProgressDialog>
#include <QTimer>

namespace agro::ui {

/// A modal-free progress dialog bound to a Progress: polls it every 100 ms (the worker never
/// signals the UI per row) and turns Cancel into a cancellation request.
class ProgressRunner : public QProgressDialog {
    Q_OBJECT
public:
    ProgressRunner(const QString &label, QWidget *parent)
        : QProgressDialog(label, tr("Cancel"), 0, 1000, parent)
        , m_progress(std::make_shared<Progress>()) {
        setWindowModality(Qt::WindowModal);
        setMinimumDuration(300);
        setAutoClose(false);
        setAutoReset(false);
        setValue(0);
        auto *timer = new QTimer(this);
        connect(timer, &QTimer::timeout, this, [this] { setValue(m_progress->permille()); });
        timer->start(100);
        connect(this, &QProgressDialog::canceled, this, [this] {
            m_progress->cancelled = true;
            setLabelText(tr("Cancelling…"));
        });
    }
    ~ProgressRunner() override { m_progress->cancelled = true; }

    const ProgressPtr &progress() const { return m_progress; }

private:
    ProgressPtr m_progress;
};

} // namespace agro::ui
