#pragma once

#include "services/fieldconditions.h"
#include "store/workspace.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace agro::ui {

class AppSettings;

/// Sensors → Conditions and QC: for a field or a whole farm, which sensor conditions in the
/// days before harvest go with failed or held lots — every tested condition with its counts,
/// risk ratio, Fisher's exact p and Benjamini–Hochberg q, the notable ones in plain words, and
/// a condition of the user's own (kind, above/below, threshold, window, outcome) tested beside
/// them. docs/alerts.md explains the method and its limits.
class ConditionsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ConditionsPanel(AppSettings &settings, QWidget *parent = nullptr);

    void setWorkspace(const store::WorkspaceInfo &workspace);
    void refresh();
    /// Selects a scope by field or farm id; false if it has no inspected lots.
    bool selectScope(const QString &id);
    /// Tests the condition in the form beside the scan.
    void testCustom();
    void setCustom(const services::ConditionSpec &spec);

    QTableWidget *table() const { return m_table; }
    QString summaryText() const;
    const std::optional<services::FieldConditionReport> &report() const { return m_report; }

Q_SIGNALS:
    void scopesLoaded();
    void reportLoaded();
    void failed(const QString &message);

private:
    void load(std::optional<services::ConditionSpec> custom);
    void show(const services::FieldConditionReport &r,
              const std::optional<services::ConditionSpec> &custom);

    AppSettings &m_settings;
    store::WorkspaceInfo m_workspace;
    std::vector<services::ConditionScope> m_scopes;
    std::optional<services::FieldConditionReport> m_report;
    QString m_wanted; ///< scope last asked for: late answers for another one are dropped
    QComboBox *m_scope;
    QLabel *m_summary;
    QTableWidget *m_table;
    QComboBox *m_kind;
    QComboBox *m_direction;
    QDoubleSpinBox *m_threshold;
    QSpinBox *m_window;
    QComboBox *m_outcome;
    QPushButton *m_test;
};

} // namespace agro::ui
