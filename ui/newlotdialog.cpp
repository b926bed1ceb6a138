#include "newlotdialog.h"

#include "domain/units.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>

#include <QCoroTask>

namespace agro::ui {

NewLotDialog::NewLotDialog(QString workspace, services::Actor actor, QWidget *parent)
    : RecordDialog(parent)
    , m_workspace(std::move(workspace))
    , m_actor(std::move(actor))
    , m_product(new QComboBox(this))
    , m_batch(new QLineEdit(this))
    , m_produced(new QDateEdit(QDate::currentDate(), this))
    , m_expires(new QDateEdit(QDate::currentDate(), this))
    , m_expiresFromShelfLife(new QCheckBox(this))
    , m_quantity(new QDoubleSpinBox(this))
    , m_bought(new QRadioButton(tr("&Bought in"), this))
    , m_fromPlanting(new QRadioButton(tr("From our &own planting"), this))
    , m_supplier(new QLineEdit(this))
    , m_planting(new QComboBox(this))
    , m_mass(new QDoubleSpinBox(this))
    , m_massUnit(new QComboBox(this)) {
    setWindowTitle(tr("New lot"));
    // Typing part of a name finds the product among thousands.
    m_product->setEditable(true);
    m_product->setInsertPolicy(QComboBox::NoInsert);
    m_product->completer()->setFilterMode(Qt::MatchContains);
    m_product->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_product->setMinimumContentsLength(36);
    m_batch->setMaxLength(64);
    m_batch->setPlaceholderText(tr("As printed on the lot, e.g. L261124-07"));
    for (QDateEdit *d : {m_produced, m_expires}) {
        d->setCalendarPopup(true);
        d->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    m_expiresFromShelfLife->setChecked(true);
    m_quantity->setRange(0, 1e9);
    m_quantity->setDecimals(2);
    m_quantity->setGroupSeparatorShown(true);
    m_quantity->setSuffix(tr(" units"));
    m_supplier->setPlaceholderText(tr("Supplier's name"));
    m_planting->setMinimumContentsLength(36);
    m_mass->setRange(0, 1e9);
    m_mass->setDecimals(1);
    m_mass->setGroupSeparatorShown(true);
    m_massUnit->addItem(tr("kg"), QStringLiteral("kg"));
    m_massUnit->addItem(tr("lb"), QStringLiteral("lb"));
    m_massUnit->addItem(tr("t"), QStringLiteral("t"));
    auto *source = new QButtonGroup(this);
    source->addButton(m_bought);
    source->addButton(m_fromPlanting);
    m_bought->setChecked(true);

    auto *expiresRow = new QWidget(this);
    auto *expiresLayout = new QHBoxLayout(expiresRow);
    expiresLayout->setContentsMargins(0, 0, 0, 0);
    expiresLayout->addWidget(m_expires);
    expiresLayout->addWidget(m_expiresFromShelfLife, 1);
    auto *sourceRow = new QWidget(this);
    auto *sourceLayout = new QHBoxLayout(sourceRow);
    sourceLayout->setContentsMargins(0, 0, 0, 0);
    sourceLayout->addWidget(m_bought);
    sourceLayout->addWidget(m_fromPlanting);
    sourceLayout->addStretch(1);
    auto *massRow = new QWidget(this);
    auto *massLayout = new QHBoxLayout(massRow);
    massLayout->setContentsMargins(0, 0, 0, 0);
    massLayout->addWidget(m_mass, 1);
    massLayout->addWidget(m_massUnit);

    addRow(tr("&Product:"), m_product, {QStringLiteral("product")});
    addRow(tr("Ba&tch number:"), m_batch, {QStringLiteral("batch")});
    addRow(tr("Pro&duced on:"), m_produced, {QStringLiteral("produced_on")});
    addRow(tr("&Expires on:"), expiresRow, {QStringLiteral("expires_on")});
    addRow(tr("&Quantity:"), m_quantity, {QStringLiteral("quantity")});
    addRow(tr("Source:"), sourceRow, {});
    addRow(tr("&Supplier:"), m_supplier, {QStringLiteral("supplier")});
    addRow(tr("Pla&nting:"), m_planting, {QStringLiteral("planting")});
    addRow(tr("&Mass of the lot:"), massRow, {QStringLiteral("quantity_kg")});
    finishLayout();
    saveButton()->setText(tr("&Register"));

    connect(m_product, &QComboBox::currentIndexChanged, this, &NewLotDialog::productChanged);
    connect(m_produced, &QDateEdit::dateChanged, this, &NewLotDialog::productChanged);
    connect(m_expiresFromShelfLife, &QCheckBox::toggled, this, &NewLotDialog::productChanged);
    connect(m_fromPlanting, &QRadioButton::toggled, this, &NewLotDialog::sourceChanged);
    sourceChanged();
    saveButton()->setEnabled(false);
    QCoro::connect(services::LotRegistry::choices(m_workspace), this,
                   [this](const Result<services::LotChoices> &r) {
                       if (!r.ok()) {
                           showGeneral(errorText(r.error()));
                           return;
                       }
                       m_choices = r.value();
                       const QSignalBlocker block(m_product);
                       for (const auto &p : m_choices.products)
                           m_product->addItem(tr("%1 (%2) · %3").arg(p.name, p.sku, p.farmName),
                                              p.id);
                       m_product->setCurrentIndex(m_choices.products.empty() ? -1 : 0);
                       productChanged();
                       saveButton()->setEnabled(!m_choices.products.empty());
                       if (m_choices.products.empty())
                           showGeneral(tr("The workspace has no products yet: import or add "
                                          "products first."));
                       Q_EMIT choicesLoaded();
                   });
}

void NewLotDialog::productChanged() {
    const QString id = m_product->currentData().toString();
    const services::LotProductChoice *product = nullptr;
    for (const auto &p : m_choices.products)
        if (p.id == id)
            product = &p;
    // Expiry follows the shelf life until the person unticks it and picks a date.
    const int shelfLife = product ? product->shelfLifeDays : 0;
    m_expiresFromShelfLife->setEnabled(shelfLife > 0);
    m_expiresFromShelfLife->setText(shelfLife > 0
                                        ? tr("%n day(s) of shelf life", nullptr, shelfLife)
                                        : tr("shelf life unknown"));
    const bool follow = shelfLife > 0 && m_expiresFromShelfLife->isChecked();
    m_expires->setEnabled(!follow);
    if (follow)
        m_expires->setDate(m_produced->date().addDays(shelfLife));
    // Only the product's own farm's plantings can have grown it.
    const QString keep = m_planting->currentData().toString();
    m_planting->clear();
    if (product)
        for (const auto &p : m_choices.plantings)
            if (p.farmId == product->farmId)
                m_planting->addItem(p.label, p.id);
    m_planting->setCurrentIndex(std::max(0, m_planting->findData(keep)));
    m_fromPlanting->setEnabled(m_planting->count() > 0);
    if (m_planting->count() == 0)
        m_bought->setChecked(true);
}

void NewLotDialog::sourceChanged() {
    const bool own = m_fromPlanting->isChecked();
    m_supplier->setEnabled(!own);
    m_planting->setEnabled(own);
    m_mass->setEnabled(own);
    m_massUnit->setEnabled(own);
}

void NewLotDialog::save() {
    clearProblems();
    services::NewLot lot;
    lot.productId = m_product->currentData().toString();
    // An edited product text that matches no item is no product.
    if (m_product->currentIndex() < 0 ||
        m_product->currentText() != m_product->itemText(m_product->currentIndex()))
        lot.productId.clear();
    lot.batchNumber = m_batch->text();
    lot.producedOn = m_produced->date();
    lot.expiresOn = m_expires->date();
    lot.quantity = m_quantity->value();
    if (m_fromPlanting->isChecked()) {
        lot.plantingId = m_planting->currentData().toString();
        const auto unit =
            domain::massUnitFromKey(m_massUnit->currentData().toString().toStdString())
                .value_or(domain::MassUnit::Kilogram);
        lot.quantityKg = domain::toKilograms(m_mass->value(), unit);
    } else {
        lot.supplier = m_supplier->text();
    }
    saveButton()->setEnabled(false);
    QCoro::connect(
        services::LotRegistry::registerLot(m_workspace, m_actor, lot), this,
        [this, batch = lot.batchNumber.trimmed()](const Result<QString> &r) {
            saveButton()->setEnabled(true);
            if (!r.ok()) {
                if (r.error().code == ErrorCode::InvalidArgument && !r.error().field.isEmpty()) {
                    // The service's detail is for logs; people read these.
                    const std::map<QString, QString> words = {
                        {QStringLiteral("product"), tr("Choose a product from the list.")},
                        {QStringLiteral("batch"),
                         tr("Enter a batch number (at most 64 characters) not "
                            "used before for this product.")},
                        {QStringLiteral("produced_on"), tr("Enter the production date.")},
                        {QStringLiteral("expires_on"),
                         tr("The lot cannot expire before it was produced.")},
                        {QStringLiteral("quantity"), tr("Enter a quantity above 0.")},
                        {QStringLiteral("supplier"),
                         tr("Name the supplier, or choose the planting the lot "
                            "comes from.")},
                        {QStringLiteral("planting"), tr("Choose one of this farm's plantings.")},
                        {QStringLiteral("quantity_kg"),
                         tr("Enter the lot's mass: what QC rejects or holds comes "
                            "off the planting's sellable yield.")}};
                    showProblems({{r.error().field, r.error().code, r.error().detail}}, words);
                } else {
                    showGeneral(tr("Nothing was saved. %1").arg(errorText(r.error())));
                }
                Q_EMIT saveFinished(false);
                return;
            }
            Q_EMIT registered(r.value(), batch);
            Q_EMIT saveFinished(true);
            accept();
        });
}

} // namespace agro::ui
