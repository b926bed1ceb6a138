#pragma once

#include "services/restockservice.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLabel;

namespace agro::ui {

/// A farm's restock gates and target fill rate (farm_settings, synced). Only an owner may save:
/// the service checks, and a refusal is shown here.
class RestockGatesDialog : public QDialog {
    Q_OBJECT
public:
    RestockGatesDialog(const QString &workspace, services::Actor actor,
                       const std::vector<std::pair<QString, QString>> &farms,
                       QWidget *parent = nullptr);

    void setSettings(const analytics::inventory::GateSettings &s);
    analytics::inventory::GateSettings settings() const;
    QString farmId() const;
    QString message() const;
    void save();

Q_SIGNALS:
    void loaded();
    void saved();

private:
    void load();

    QString m_workspace;
    services::Actor m_actor;
    QComboBox *m_farm;
    QDoubleSpinBox *m_auto, *m_review, *m_limit, *m_max, *m_target;
    QLabel *m_message;
};

} // namespace agro::ui
