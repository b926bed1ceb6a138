#pragma once

#include "services/sensorservice.h"
#include "store/workspace.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace agro::ui {

class AppSettings;
class ConditionsPanel;
class SensorChart;

/// Sensors: the registry per farm and field (kind, unit, limits, readings held, active
/// alerts); the selected sensor's readings over a chosen period with its limits and the
/// detectors' episodes shaded; its limits edited in place (owners, managers, agronomists).
/// Readings are imported with File → Import CSV (kind "readings"). A second tab, "Conditions
/// and QC", compares the fields' sensors with the inspections of their lots (ConditionsPanel).
class SensorsPage : public QWidget {
    Q_OBJECT
public:
    explicit SensorsPage(AppSettings &settings, QWidget *parent = nullptr);

    void setWorkspace(const store::WorkspaceInfo &workspace);
    void refresh();
    bool selectSensor(const QString &id);
    /// Period in days ending at the sensor's last reading.
    void setPeriodDays(int days);
    void saveLimits();

    QTableWidget *table() const { return m_table; }
    SensorChart *chart() const { return m_chart; }
    QLineEdit *lowEdit() const { return m_low; }
    QLineEdit *highEdit() const { return m_high; }
    QLineEdit *rateEdit() const { return m_rate; }
    ConditionsPanel *conditions() const { return m_conditions; }
    /// 0: readings, 1: conditions and QC.
    void showTab(int index);

Q_SIGNALS:
    void loaded();
    void seriesLoaded();
    void saved(const QString &message);
    void failed(const QString &message);

private:
    void showSelected();
    std::optional<services::SensorRow> selected() const;

    store::WorkspaceInfo m_workspace;
    std::optional<services::Actor> m_actor;
    std::vector<services::SensorRow> m_sensors;
    QComboBox *m_period;
    QTableWidget *m_table;
    SensorChart *m_chart;
    QLabel *m_summary;
    QLineEdit *m_low;
    QLineEdit *m_high;
    QLineEdit *m_rate;
    QPushButton *m_save;
    QTabWidget *m_tabs;
    ConditionsPanel *m_conditions;
};

} // namespace agro::ui
