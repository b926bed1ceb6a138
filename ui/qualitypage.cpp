#include "qualitypage.h"

#include "rolegate.h"

#include "bulktablefill.h"
#include "inspectionform.h"
#include "newlotdialog.h"
#include "qcformeditordialog.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QShortcut>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QUndoStack>
#include <QUrl>
#include <QUuid>
#include <QVBoxLayout>

#include <QCoroTask>

namespace agro::ui {

QualityPage::QualityPage(QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_search(new QLineEdit(this))
    , m_newLot(new QPushButton(tr("&New lot…"), this))
    , m_lots(new QListWidget(this))
    , m_lotLabel(new QLabel(this))
    , m_stockLabel(new QLabel(this))
    , m_form(new InspectionForm(this))
    , m_override(new QComboBox(this))
    , m_reason(new QLineEdit(this))
    , m_notes(new QLineEdit(this))
    , m_record(new QPushButton(tr("&Record inspection"), this))
    , m_discard(new QPushButton(tr("Discard draft"), this))
    , m_editForm(new QPushButton(tr("Edit form…"), this))
    , m_draftLabel(new QLabel(this))
    , m_draftTimer(new QTimer(this))
    , m_historyDisposition(new QComboBox(this))
    , m_historySupplier(new QLineEdit(this))
    , m_export(new QPushButton(tr("Export CSV…"), this))
    , m_openPhoto(new QPushButton(tr("Open &photo"), this))
    , m_history(new QTableWidget(this)) {
    setObjectName(QStringLiteral("QualityPage"));
    m_search->setPlaceholderText(tr("Find a lot: batch, product, SKU, supplier…"));
    m_search->setClearButtonEnabled(true);
    m_lots->setObjectName(QStringLiteral("lotList"));
    m_lotLabel->setWordWrap(true);
    m_stockLabel->setWordWrap(true);
    m_override->addItem(tr("The rules decide"), QString());
    m_override->addItem(tr("Override: pass"), QStringLiteral("pass"));
    m_override->addItem(tr("Override: hold"), QStringLiteral("hold"));
    m_override->addItem(tr("Override: fail"), QStringLiteral("fail"));
    m_reason->setPlaceholderText(tr("Why the rules are wrong here (required to override)"));
    m_notes->setPlaceholderText(tr("Notes for the record"));
    m_record->setToolTip(tr("Record the inspection (Ctrl+Return)"));
    m_newLot->setToolTip(tr("Register a lot received or packed (Ctrl+Shift+L)"));
    m_editForm->setToolTip(tr("Change this category's fields and rules (owners and managers)"));
    m_draftLabel->setObjectName(QStringLiteral("draftLabel"));
    m_draftTimer->setSingleShot(true);
    m_draftTimer->setInterval(400);

    // Inspect tab: lots | form | decision.
    auto *lotsBox = new QWidget(this);
    auto *lotsLayout = new QVBoxLayout(lotsBox);
    lotsLayout->setContentsMargins(0, 0, 0, 0);
    auto *findRow = new QHBoxLayout;
    findRow->addWidget(m_search, 1);
    findRow->addWidget(m_newLot);
    lotsLayout->addLayout(findRow);
    lotsLayout->addWidget(m_lots, 1);
    auto *formScroll = new QScrollArea(this);
    formScroll->setWidget(m_form);
    formScroll->setWidgetResizable(true);
    formScroll->setFrameShape(QFrame::NoFrame);
    auto *side = new QWidget(this);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(m_lotLabel);
    sideLayout->addWidget(m_stockLabel);
    auto *decision = new QFormLayout;
    decision->addRow(tr("Verdict"), m_override);
    decision->addRow(tr("Reason"), m_reason);
    decision->addRow(tr("Notes"), m_notes);
    sideLayout->addLayout(decision);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_record);
    buttons->addWidget(m_discard);
    buttons->addStretch();
    buttons->addWidget(m_editForm);
    sideLayout->addLayout(buttons);
    sideLayout->addWidget(m_draftLabel);
    sideLayout->addStretch();
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(lotsBox);
    split->addWidget(formScroll);
    split->addWidget(side);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 2);
    split->setSizes({330, 560, 420});
    m_tabs->addTab(split, tr("Inspect"));

    // History tab.
    auto *history = new QWidget(this);
    auto *hl = new QVBoxLayout(history);
    auto *filters = new QHBoxLayout;
    m_historyDisposition->addItem(tr("Any verdict"), QString());
    m_historyDisposition->addItem(tr("Pass"), QStringLiteral("pass"));
    m_historyDisposition->addItem(tr("Hold"), QStringLiteral("hold"));
    m_historyDisposition->addItem(tr("Fail"), QStringLiteral("fail"));
    m_historySupplier->setPlaceholderText(tr("Supplier (exact)"));
    filters->addWidget(m_historyDisposition);
    filters->addWidget(m_historySupplier, 1);
    filters->addWidget(m_openPhoto);
    filters->addWidget(m_export);
    hl->addLayout(filters);
    m_openPhoto->setEnabled(false);
    m_openPhoto->setToolTip(tr("Open the photo stored with the selected inspection (Enter)"));
    connect(m_openPhoto, &QPushButton::clicked, this, &QualityPage::openSelectedPhoto);
    connect(m_history, &QTableWidget::itemSelectionChanged, this, [this] {
        const int row = m_history->currentRow();
        bool any = false;
        if (row >= 0 && row < int(m_historyRows.size()))
            for (auto it = m_historyRows[size_t(row)].values.begin();
                 it != m_historyRows[size_t(row)].values.end(); ++it)
                any = any || !services::photoIdOf(it.value().toString()).isEmpty();
        m_openPhoto->setEnabled(any);
    });
    connect(m_history, &QTableWidget::itemActivated, this, [this] { openSelectedPhoto(); });
    hl->addWidget(m_history, 1);
    m_history->setColumnCount(10);
    m_history->setHorizontalHeaderLabels({tr("When"), tr("Lot"), tr("Product"), tr("Supplier"),
                                          tr("Inspector"), tr("Verdict"), tr("Rules said"),
                                          tr("Decided by"), tr("Form"), tr("Photo")});
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_history->verticalHeader()->hide();
    m_history->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_history->horizontalHeader()->setStretchLastSection(true);
    m_tabs->addTab(history, tr("History"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);

    auto *typing = new QTimer(this);
    typing->setSingleShot(true);
    typing->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, typing, qOverload<>(&QTimer::start));
    connect(typing, &QTimer::timeout, this, &QualityPage::refresh);
    connect(m_lots, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { selectLot(item->data(Qt::UserRole).toString()); });
    connect(m_lots, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item && (!m_lot || m_lot->id != item->data(Qt::UserRole).toString()))
            selectLot(item->data(Qt::UserRole).toString());
    });
    connect(m_form, &InspectionForm::valuesChanged, this, &QualityPage::scheduleDraft);
    connect(m_notes, &QLineEdit::textEdited, this, &QualityPage::scheduleDraft);
    connect(m_draftTimer, &QTimer::timeout, this, &QualityPage::saveDraftNow);
    connect(m_record, &QPushButton::clicked, this, &QualityPage::record);
    connect(m_discard, &QPushButton::clicked, this, &QualityPage::discardDraft);
    connect(m_editForm, &QPushButton::clicked, this, &QualityPage::editForm);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int i) {
        if (i == 1)
            loadHistory();
    });
    connect(m_historyDisposition, &QComboBox::currentIndexChanged, this, &QualityPage::loadHistory);
    connect(m_historySupplier, &QLineEdit::editingFinished, this, &QualityPage::loadHistory);
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("Export inspections"),
                                                          QStringLiteral("inspections.csv"),
                                                          tr("CSV files (*.csv)"));
        if (file.isEmpty())
            return;
        services::InspectionFilter f;
        f.disposition = m_historyDisposition->currentData().toString();
        f.supplier = m_historySupplier->text().trimmed();
        QCoro::connect(services::QcService::exportHistory(m_workspace.path, f, file), this,
                       [this, file](const Result<qint64> &r) {
                           if (!r.ok())
                               Q_EMIT failed(errorText(r.error()));
                           else
                               Q_EMIT recorded(tr("%1 inspections written to %2")
                                                   .arg(QLocale().toString(r.value()), file));
                       });
    });
    connect(m_newLot, &QPushButton::clicked, this, &QualityPage::newLot);
    auto *newLotKey = new QShortcut(QKeySequence(tr("Ctrl+Shift+L")), this);
    connect(newLotKey, &QShortcut::activated, this, &QualityPage::newLot);
    auto *recordKey = new QShortcut(QKeySequence(tr("Ctrl+Return")), this);
    connect(recordKey, &QShortcut::activated, this, &QualityPage::record);
    m_record->setEnabled(false);
    m_newLot->setEnabled(false); // until we know who is acting
    m_discard->setEnabled(false);
    m_editForm->setEnabled(false);
}

void QualityPage::setWorkspace(const store::WorkspaceInfo &workspace) {
    m_workspace = workspace;
    m_actor.reset();
    m_newLot->setEnabled(false);
    m_lot.reset();
    m_wantedLot.clear();
    m_draftId.clear();
    m_form->setSchema({});
    QCoro::connect(services::ActorService::defaultActor(workspace.path), this,
                   [this, path = workspace.path](const Result<services::Actor> &r) {
                       if (path == m_workspace.path && r.ok()) {
                           m_actor = r.value();
                           m_newLot->setEnabled(
                               mayDo(m_actor->roles, "lots", security::Action::Create));
                       }
                   });
    // Forms first, then the lots, then a draft left from last time.
    QCoro::connect(
        services::QcService::forms(workspace.path), this,
        [this, path = workspace.path](const Result<std::vector<services::CategoryForm>> &r) {
            if (path != m_workspace.path)
                return;
            if (!r.ok()) {
                Q_EMIT failed(errorText(r.error()));
                return;
            }
            m_forms = r.value();
            refresh();
            QCoro::connect(services::QcService::latestDraft(path), this,
                           [this, path](const Result<std::optional<services::Draft>> &d) {
                               if (path != m_workspace.path || !d.ok() || !d->has_value())
                                   return;
                               const services::Draft draft = **d;
                               QCoro::connect(
                                   services::QcService::lotInfo(path, draft.lotId), this,
                                   [this, path, draft](const Result<services::LotInfo> &l) {
                                       if (path != m_workspace.path || !l.ok() ||
                                           (!m_wantedLot.isEmpty() && m_wantedLot != draft.lotId))
                                           return;
                                       m_wantedLot = draft.lotId;
                                       m_draftId = draft.id;
                                       loadLot(l.value(), draft.values, draft.notes);
                                       m_draftLabel->setText(tr("Draft restored from %1.")
                                                                 .arg(QLocale().toString(
                                                                     draft.updatedAt.toLocalTime(),
                                                                     QLocale::ShortFormat)));
                                   });
                           });
        });
}

NewLotDialog *QualityPage::newLot() {
    if (m_workspace.path.isEmpty() || !m_actor)
        return nullptr;
    auto *d = new NewLotDialog(m_workspace.path, *m_actor, this);
    d->setAttribute(Qt::WA_DeleteOnClose);
    connect(d, &NewLotDialog::registered, this, [this](const QString &id, const QString &batch) {
        // The new lot is first in the list (never inspected) and ready for its inspection.
        {
            const QSignalBlocker block(m_search);
            m_search->clear();
        }
        refresh();
        selectLot(id);
        Q_EMIT recorded(tr("Lot %1 registered: it waits for inspection.").arg(batch));
    });
    d->open();
    return d;
}

void QualityPage::refresh() {
    if (m_workspace.path.isEmpty())
        return;
    QCoro::connect(
        services::QcService::lots(m_workspace.path, m_search->text()), this,
        [this, path = m_workspace.path](const Result<std::vector<services::LotInfo>> &r) {
            if (path != m_workspace.path)
                return;
            if (!r.ok()) {
                Q_EMIT failed(errorText(r.error()));
                return;
            }
            const QSignalBlocker block(m_lots);
            m_lots->clear();
            for (const auto &l : r.value()) {
                auto *item = new QListWidgetItem(
                    tr("%1 · %2\n%3 · %4").arg(l.batch, l.productName, l.supplier, l.status),
                    m_lots);
                item->setData(Qt::UserRole, l.id);
            }
            Q_EMIT lotsLoaded();
        });
}

void QualityPage::selectLot(const QString &lotId) {
    if (lotId.isEmpty() || m_wantedLot == lotId)
        return;
    m_wantedLot = lotId;
    QCoro::connect(services::QcService::lotInfo(m_workspace.path, lotId), this,
                   [this, lotId](const Result<services::LotInfo> &r) {
                       if (lotId != m_wantedLot)
                           return;
                       if (!r.ok()) {
                           m_wantedLot.clear();
                           Q_EMIT failed(errorText(r.error()));
                           return;
                       }
                       // A new lot is a new form; the previous draft stays until discarded.
                       m_draftId.clear();
                       m_draftLabel->clear();
                       loadLot(r.value(), {}, {});
                   });
}

void QualityPage::loadLot(const services::LotInfo &lot, const QJsonObject &values,
                          const QString &notes) {
    m_lot = lot;
    const services::CategoryForm *form = nullptr;
    for (const auto &f : m_forms)
        if (f.categoryId == lot.categoryId)
            form = &f;
    m_lotLabel->setText(
        tr("<b>%1</b> — %2 (%3)<br>%4 · supplier %5<br>%6 %7 · expires %8 · "
           "status <b>%9</b>")
            .arg(lot.batch.toHtmlEscaped(), lot.productName.toHtmlEscaped(),
                 lot.sku.toHtmlEscaped(), lot.farmName.toHtmlEscaped(),
                 lot.supplier.toHtmlEscaped(), QLocale().toString(lot.quantity, 'f', 0),
                 tr("units"), QLocale().toString(lot.expiresOn, QLocale::ShortFormat), lot.status));
    m_notes->setText(notes);
    m_override->setCurrentIndex(0);
    m_reason->clear();
    if (!form || form->version == 0) {
        m_form->setSchema({});
        m_record->setEnabled(false);
        m_editForm->setEnabled(false);
        m_draftLabel->setText(tr("This product's category has no inspection form yet."));
    } else {
        m_form->setSchema(form->schema, values);
        m_form->setInspectionDate(QDate::currentDate());
        m_record->setEnabled(m_actor.has_value() &&
                             mayDo(m_actor->roles, "qc_inspections", security::Action::Create));
        // Forms are the owners' and managers' (QcService::saveForm checks the same).
        m_editForm->setEnabled(m_actor.has_value() &&
                               (m_actor->roles.contains(QStringLiteral("owner")) ||
                                m_actor->roles.contains(QStringLiteral("manager"))));
        m_form->setFocus();
    }
    m_discard->setEnabled(!m_draftId.isEmpty());
    loadStock();
    Q_EMIT lotLoaded();
}

void QualityPage::loadStock() {
    if (!m_lot)
        return;
    QCoro::connect(services::QcService::stock(m_workspace.path, m_lot->productId), this,
                   [this, product = m_lot->productId](const Result<services::LotStock> &r) {
                       if (!m_lot || m_lot->productId != product || !r.ok())
                           return;
                       const QLocale loc;
                       m_stockLabel->setText(tr("%1 in lots: sellable %2 · held %3 · rejected %4")
                                                 .arg(m_lot->productName,
                                                      loc.toString(r->sellable, 'f', 0),
                                                      loc.toString(r->held, 'f', 0),
                                                      loc.toString(r->rejected, 'f', 0)));
                       Q_EMIT stockLoaded();
                   });
}

QString QualityPage::lotText() const {
    return m_lotLabel->text();
}

QString QualityPage::stockText() const {
    return m_stockLabel->text();
}

void QualityPage::setOverride(const QString &disposition, const QString &reason) {
    m_override->setCurrentIndex(std::max(0, m_override->findData(disposition)));
    m_reason->setText(reason);
}

void QualityPage::scheduleDraft() {
    if (!m_lot || m_form->schema().fields.empty())
        return;
    m_draftTimer->start();
}

void QualityPage::saveDraftNow() {
    if (!m_lot)
        return;
    if (m_draftId.isEmpty())
        m_draftId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    services::Draft d{m_draftId,       m_lot->categoryId, m_lot->id,
                      m_notes->text(), m_form->values(),  QDateTime::currentDateTimeUtc()};
    QCoro::connect(
        services::QcService::saveDraft(m_workspace.path, d), this, [this](const Result<void> &r) {
            if (!r.ok()) {
                Q_EMIT failed(errorText(r.error()));
                return;
            }
            m_discard->setEnabled(true);
            m_draftLabel->setText(
                tr("Draft saved %1.")
                    .arg(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)));
            Q_EMIT draftSaved();
        });
}

void QualityPage::discardDraft() {
    if (m_draftId.isEmpty())
        return;
    m_draftTimer->stop();
    const QString id = m_draftId;
    QCoro::connect(services::QcService::discardDraft(m_workspace.path, id), this,
                   [this](const Result<void> &r) {
                       if (!r.ok()) {
                           Q_EMIT failed(errorText(r.error()));
                           return;
                       }
                       m_draftId.clear();
                       m_discard->setEnabled(false);
                       m_draftLabel->setText(tr("Draft discarded."));
                       // Only if no other lot was asked for meanwhile.
                       if (m_lot && m_lot->id == m_wantedLot) {
                           const auto lot = *m_lot;
                           loadLot(lot, {}, {});
                       }
                   });
}

void QualityPage::record() {
    if (!m_lot || !m_actor || !m_record->isEnabled())
        return;
    m_draftTimer->stop();
    services::InspectionRequest r;
    r.lotId = m_lot->id;
    r.values = m_form->values();
    r.notes = m_notes->text();
    r.overrideDisposition = m_override->currentData().toString();
    r.overrideReason = m_reason->text();
    r.draftId = m_draftId;
    m_record->setEnabled(false);
    QCoro::connect(services::QcService::record(m_workspace.path, *m_actor, r), this,
                   [this](const Result<services::InspectionOutcome> &o) {
                       m_record->setEnabled(true); // a recorder may record again
                       if (!o.ok()) {
                           Q_EMIT failed(errorText(o.error()));
                           if (QWidget *w = m_form->editor(o.error().field))
                               w->setFocus();
                           return;
                       }
                       m_draftId.clear();
                       m_discard->setEnabled(false);
                       m_draftLabel->clear();
                       Q_EMIT recorded(tr("Lot %1: %2%3 — the lot is now %4.")
                                           .arg(m_lot->batch, o->disposition.toUpper(),
                                                o->ruleMessage.isEmpty()
                                                    ? QString()
                                                    : tr(" (%1)").arg(o->ruleMessage),
                                                o->lotStatus));
                       const QString id = m_lot->id;
                       m_lot.reset();
                       m_wantedLot = id;
                       refresh();
                       QCoro::connect(services::QcService::lotInfo(m_workspace.path, id), this,
                                      [this, id](const Result<services::LotInfo> &l) {
                                          if (l.ok() && id == m_wantedLot)
                                              loadLot(l.value(), {}, {});
                                      });
                   });
}

void QualityPage::editForm() {
    if (!m_lot || !m_actor)
        return;
    for (const auto &f : m_forms)
        if (f.categoryId == m_lot->categoryId) {
            auto *dialog = new QcFormEditorDialog(m_workspace.path, *m_actor, f, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(dialog, &QcFormEditorDialog::saved, this, [this](int version) {
                Q_EMIT recorded(tr("Form saved as version %1.").arg(version));
                setWorkspace(m_workspace);
            });
            dialog->open();
            return;
        }
}

void QualityPage::showHistory() {
    m_tabs->setCurrentIndex(1);
    loadHistory();
}

void QualityPage::loadHistory() {
    if (m_workspace.path.isEmpty())
        return;
    services::InspectionFilter f;
    f.disposition = m_historyDisposition->currentData().toString();
    f.supplier = m_historySupplier->text().trimmed();
    f.limit = 2000;
    QCoro::connect(
        services::QcService::history(m_workspace.path, f), this,
        [this](const Result<std::vector<services::InspectionRow>> &r) {
            if (!r.ok()) {
                Q_EMIT failed(errorText(r.error()));
                return;
            }
            m_historyRows = r.value();
            m_openPhoto->setEnabled(false);
            const BulkTableFill fill(m_history);
            m_history->setRowCount(int(r->size()));
            int row = 0;
            for (const auto &i : r.value()) {
                int photos = 0;
                for (auto it = i.values.begin(); it != i.values.end(); ++it)
                    photos += services::photoIdOf(it.value().toString()).isEmpty() ? 0 : 1;
                const QStringList cells{
                    i.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                    i.batch,
                    i.productName,
                    i.supplier,
                    i.inspector,
                    i.disposition,
                    i.ruleDisposition,
                    i.overrideReason.isEmpty() ? i.decidedBy
                                               : tr("%1: %2").arg(i.decidedBy, i.overrideReason),
                    tr("%1 v%2").arg(i.categoryName).arg(i.schemaVersion),
                    photos == 0 ? QString() : tr("%n photo(s)", nullptr, photos)};
                for (int c = 0; c < cells.size(); ++c)
                    m_history->setItem(row, c, new QTableWidgetItem(cells[c]));
                ++row;
            }
            Q_EMIT historyLoaded();
        });
}

void QualityPage::openSelectedPhoto() {
    const int row = m_history->currentRow();
    if (row < 0 || row >= int(m_historyRows.size()))
        return;
    QString photoId;
    const QJsonObject &values = m_historyRows[size_t(row)].values;
    for (auto it = values.begin(); it != values.end() && photoId.isEmpty(); ++it)
        photoId = services::photoIdOf(it.value().toString());
    if (photoId.isEmpty())
        return;
    QCoro::connect(
        services::QcService::photo(m_workspace.path, photoId), this,
        [this](const Result<services::StoredPhoto> &r) {
            if (!r.ok()) {
                Q_EMIT failed(errorText(r.error()));
                return;
            }
            // Named by content, so opening the same photo twice reuses the copy.
            const QString dir = QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
                                    .filePath(QStringLiteral("agrodesk-photos"));
            QDir().mkpath(dir);
            const QString suffix = r->mime == QLatin1String("image/png")    ? QStringLiteral("png")
                                   : r->mime == QLatin1String("image/heic") ? QStringLiteral("heic")
                                                                            : QStringLiteral("jpg");
            const QString path = QDir(dir).filePath(r->sha256.left(16) + QLatin1Char('.') + suffix);
            QSaveFile out(path);
            if (!out.open(QIODevice::WriteOnly) || out.write(r->data) != r->data.size() ||
                !out.commit()) {
                Q_EMIT failed(
                    tr("Cannot write the photo to %1.").arg(QDir::toNativeSeparators(path)));
                return;
            }
            Q_EMIT photoSaved(path);
            QDesktopServices::openUrl(QUrl::fromLocalFile(path));
        });
}

} // namespace agro::ui
