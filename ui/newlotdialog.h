#pragma once

#include "recorddialog.h"
#include "services/lotregistry.h"

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QLineEdit;
class QRadioButton;

namespace agro::ui {

/// Registers a lot at intake or packing: its product, batch number, production and expiry
/// dates (expiry follows the product's shelf life until changed), quantity, and where it came
/// from — a supplier, or one of the farm's plantings with the lot's mass, so that QC losses
/// reach the planting's figures.
class NewLotDialog : public RecordDialog {
    Q_OBJECT
public:
    NewLotDialog(QString workspace, services::Actor actor, QWidget *parent = nullptr);

    QComboBox *productBox() const { return m_product; }
    QLineEdit *batchBox() const { return m_batch; }
    QDateEdit *producedBox() const { return m_produced; }
    QDateEdit *expiresBox() const { return m_expires; }
    QDoubleSpinBox *quantityBox() const { return m_quantity; }
    QRadioButton *fromPlantingButton() const { return m_fromPlanting; }
    QLineEdit *supplierBox() const { return m_supplier; }
    QComboBox *plantingBox() const { return m_planting; }
    QDoubleSpinBox *massBox() const { return m_mass; }
    QComboBox *massUnitBox() const { return m_massUnit; }

Q_SIGNALS:
    void choicesLoaded();
    /// The lot was written; its id and batch number.
    void registered(const QString &lotId, const QString &batch);

private:
    void productChanged();
    void sourceChanged();
    void save() override;

    QString m_workspace;
    services::Actor m_actor;
    services::LotChoices m_choices;
    QComboBox *m_product;
    QLineEdit *m_batch;
    QDateEdit *m_produced;
    QDateEdit *m_expires;
    QCheckBox *m_expiresFromShelfLife;
    QDoubleSpinBox *m_quantity;
    QRadioButton *m_bought;
    QRadioButton *m_fromPlanting;
    QLineEdit *m_supplier;
    QComboBox *m_planting;
    QDoubleSpinBox *m_mass;
    QComboBox *m_massUnit;
};

} // namespace agro::ui
