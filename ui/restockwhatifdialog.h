#pragma once

#include "common/progress.h"
#include "services/restockservice.h"

#include <QDialog>

#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QTableWidget;

namespace agro::ui {

/// What-if: the last year replayed with the restock policy at a chosen target fill rate,
/// beside a naive-forecast policy and a fixed reorder level tuned to the same fill rate. The
/// history is prepared once (progress, cancel); moving the slider replays it at the new target
/// in the background.
class RestockWhatIfDialog : public QDialog {
    Q_OBJECT
public:
    RestockWhatIfDialog(const QString &workspace, QWidget *parent = nullptr);
    ~RestockWhatIfDialog() override;

    void setTarget(double fillRate); ///< replays at it once prepared
    double target() const;
    QString resultText(int row, int column) const;

Q_SIGNALS:
    void computed();
    void failed(const QString &message);

private:
    void replay();
    void show(const services::RestockSimulation &sim);

    QString m_workspace;
    QSlider *m_slider;
    QLabel *m_targetLabel;
    QLabel *m_summary;
    QProgressBar *m_progressBar;
    QPushButton *m_cancel;
    QTableWidget *m_table;
    ProgressPtr m_progress;
    std::shared_ptr<const services::PreparedReplay> m_prepared;
    bool m_running = false;
    bool m_again = false;
};

} // namespace agro::ui
