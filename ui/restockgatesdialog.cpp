#include "restockgatesdialog.h"

#include "services/worker.h"
#include "store/workspace.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <QCoroTask>

namespace agro::ui {

namespace {
QDoubleSpinBox *spin(QWidget *parent, double lo, double hi, int decimals, double step) {
    auto *s = new QDoubleSpinBox(parent);
    s->setRange(lo, hi);
    s->setDecimals(decimals);
    s->setSingleStep(step);
    return s;
}
} // namespace

RestockGatesDialog::RestockGatesDialog(const QString &workspace, services::Actor actor,
                                       const std::vector<std::pair<QString, QString>> &farms,
                                       QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_actor(std::move(actor))
    , m_farm(new QComboBox(this))
    , m_auto(spin(this, 0, 1, 2, 0.05))
    , m_review(spin(this, 0, 1, 2, 0.05))
    , m_limit(spin(this, 0, 1e9, 2, 100))
    , m_max(spin(this, 0, 1e9, 2, 500))
    , m_target(spin(this, 0.5, 0.999, 3, 0.005))
    , m_message(new QLabel(this)) {
    setWindowTitle(tr("Restock gates"));
    for (const auto &[id, name] : farms)
        m_farm->addItem(name, id);
    m_message->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Farm"), m_farm);
    form->addRow(tr("&Auto-approve at confidence ≥"), m_auto);
    form->addRow(tr("&Review at confidence ≥ (below: manual)"), m_review);
    form->addRow(tr("Auto-approve only &under value"), m_limit);
    form->addRow(tr("&Hard maximum per order (owner above)"), m_max);
    form->addRow(tr("&Target fill rate"), m_target);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this);
    connect(buttons->button(QDialogButtonBox::Save), &QPushButton::clicked, this,
            &RestockGatesDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    connect(m_farm, &QComboBox::currentIndexChanged, this, &RestockGatesDialog::load);
    load();
}

QString RestockGatesDialog::farmId() const {
    return m_farm->currentData().toString();
}

QString RestockGatesDialog::message() const {
    return m_message->text();
}

void RestockGatesDialog::setSettings(const analytics::inventory::GateSettings &s) {
    m_auto->setValue(s.autoConfidence);
    m_review->setValue(s.reviewConfidence);
    m_limit->setValue(s.autoApproveLimit);
    m_max->setValue(s.hardMaximum);
    m_target->setValue(s.targetFillRate);
}

analytics::inventory::GateSettings RestockGatesDialog::settings() const {
    analytics::inventory::GateSettings s;
    s.autoConfidence = m_auto->value();
    s.reviewConfidence = m_review->value();
    s.autoApproveLimit = m_limit->value();
    s.hardMaximum = m_max->value();
    s.targetFillRate = m_target->value();
    return s;
}

void RestockGatesDialog::load() {
    const QString farm = farmId();
    const QString ws = m_workspace;
    auto work = [ws, farm]() -> Result<analytics::inventory::GateSettings> {
        auto db = store::Workspace::connect(ws);
        if (!db.ok())
            return db.error();
        return services::loadGateSettings(db.value(), farm);
    };
    QCoro::connect(services::onWorker(std::move(work)), this,
                   [this](const Result<analytics::inventory::GateSettings> &r) {
                       if (!r.ok()) {
                           m_message->setText(errorText(r.error()));
                           return;
                       }
                       setSettings(r.value());
                       m_message->setText(
                           tr("Changes are recorded in the audit log and sync to the team."));
                       Q_EMIT loaded();
                   });
}

void RestockGatesDialog::save() {
    const QString farm = farmId();
    const QString ws = m_workspace;
    const auto s = settings();
    const QString user = m_actor.userId;
    auto work = [ws, farm, s, user]() -> Result<void> {
        auto db = store::Workspace::connect(ws);
        if (!db.ok())
            return db.error();
        return services::saveGateSettings(db.value(), user, farm, s);
    };
    QCoro::connect(services::onWriter(std::move(work)), this, [this](const Result<void> &r) {
        if (!r.ok()) {
            m_message->setText(errorText(r.error()) + QStringLiteral(": ") + r.error().detail);
            return;
        }
        m_message->setText(tr("Saved."));
        Q_EMIT saved();
    });
}

} // namespace agro::ui
