#include "reportspage.h"

#include "reportpainter.h"
#include "reports/reportcatalog.h"
#include "services/reportservice.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPdfDocument>
#include <QPdfView>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTemporaryDir>
#include <QTimer>
#include <QVBoxLayout>

#include <QCoroTask>

namespace agro::ui {

ReportsPage::ReportsPage(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_description(new QLabel(this))
    , m_farm(new QComboBox(this))
    , m_season(new QComboBox(this))
    , m_period(new QCheckBox(tr("Choose the &period"), this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_previewButton(new QPushButton(tr("Pre&view"), this))
    , m_export(new QPushButton(tr("&Export…"), this))
    , m_print(new QPushButton(tr("P&rint…"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_busy(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_document(new QPdfDocument(this))
    , m_view(new QPdfView(this)) {
    setObjectName(QStringLiteral("ReportsPage"));
    for (const auto &r : reports::reportCatalog()) {
        auto *item = new QListWidgetItem(r.title, m_list);
        item->setData(Qt::UserRole, r.name);
        item->setToolTip(r.description);
    }
    m_list->setCurrentRow(0);
    m_description->setWordWrap(true);
    m_farm->setMinimumContentsLength(20);
    m_season->setMinimumContentsLength(12);
    for (QDateEdit *d : {m_from, m_to}) {
        d->setCalendarPopup(true);
        d->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    m_from->setDate(QDate::currentDate().addDays(-89));
    m_to->setDate(QDate::currentDate());
    m_previewButton->setToolTip(tr("Build the report with these parameters (F5)"));
    m_export->setToolTip(tr("Save as PDF, CSV or Excel (Ctrl+E)"));
    m_print->setToolTip(tr("Print with a preview (Ctrl+P)"));
    m_busy->setRange(0, 0); // building takes a moment; its length is not known ahead
    m_busy->hide();
    m_cancel->hide();
    m_cancel->setToolTip(tr("Stop the export; nothing is left behind (Esc)"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_view->setDocument(m_document);
    m_view->setPageMode(QPdfView::PageMode::MultiPage);
    m_view->setZoomMode(QPdfView::ZoomMode::FitToWidth);

    auto *form = new QFormLayout;
    form->addRow(tr("&Farm:"), m_farm);
    form->addRow(tr("&Season:"), m_season);
    form->addRow(QString(), m_period);
    form->addRow(tr("F&rom:"), m_from);
    form->addRow(tr("&To:"), m_to);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_previewButton);
    buttons->addWidget(m_export);
    buttons->addWidget(m_print);
    buttons->addStretch();
    auto *side = new QWidget(this);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(new QLabel(tr("Reports"), this));
    sideLayout->addWidget(m_list, 1);
    sideLayout->addWidget(m_description);
    sideLayout->addLayout(form);
    sideLayout->addLayout(buttons);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_busy, 1);
    progressRow->addWidget(m_cancel);
    sideLayout->addLayout(progressRow);
    sideLayout->addWidget(m_status);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(side);
    split->addWidget(m_view);
    split->setStretchFactor(1, 1);
    split->setSizes({340, 900});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_list, &QListWidget::currentRowChanged, this, &ReportsPage::reportChanged);
    connect(m_period, &QCheckBox::toggled, this, &ReportsPage::reportChanged);
    connect(m_previewButton, &QPushButton::clicked, this, &ReportsPage::preview);
    connect(m_export, &QPushButton::clicked, this, [this] { exportTo(); });
    connect(m_print, &QPushButton::clicked, this, &ReportsPage::print);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_progress) {
            m_progress->cancelled = true;
            m_status->setText(tr("Cancelling…"));
        }
    });
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(escape, &QShortcut::activated, m_cancel, &QPushButton::click);
    auto *f5 = new QShortcut(QKeySequence(Qt::Key_F5), this);
    connect(f5, &QShortcut::activated, this, &ReportsPage::preview);
    auto *exportKey = new QShortcut(QKeySequence(tr("Ctrl+E")), this);
    connect(exportKey, &QShortcut::activated, this, [this] { exportTo(); });
    auto *printKey = new QShortcut(QKeySequence::Print, this);
    connect(printKey, &QShortcut::activated, this, &ReportsPage::print);
    reportChanged();
}

ReportsPage::~ReportsPage() = default;

void ReportsPage::setWorkspace(const store::WorkspaceInfo &workspace) {
    m_workspace = workspace;
    m_report.reset();
    m_document->close();
    m_export->setEnabled(false);
    m_print->setEnabled(false);
    QCoro::connect(services::ReportService::choices(workspace.path), this,
                   [this, path = workspace.path](const Result<services::ReportChoices> &r) {
                       if (path != m_workspace.path)
                           return;
                       if (!r.ok()) {
                           Q_EMIT failed(errorText(r.error()));
                           return;
                       }
                       m_farm->clear();
                       m_farm->addItem(tr("All farms"), QString());
                       for (const auto &f : r->farms)
                           m_farm->addItem(f.name, f.id);
                       m_season->clear();
                       m_season->addItem(tr("Latest season"), QString());
                       for (const QString &s : r->seasons)
                           m_season->addItem(s, s);
                       Q_EMIT choicesLoaded();
                   });
}

const reports::ReportInfo *ReportsPage::currentInfo() const {
    // The list holds the catalogue in its order.
    const int row = m_list->currentRow();
    const auto &catalog = reports::reportCatalog();
    return row >= 0 && row < int(catalog.size()) ? &catalog[size_t(row)] : nullptr;
}

void ReportsPage::reportChanged() {
    const reports::ReportInfo *info = currentInfo();
    m_description->setText(info ? info->description : QString());
    m_season->setEnabled(info && info->usesSeason);
    m_period->setEnabled(info && info->usesPeriod);
    const bool period = info && info->usesPeriod && m_period->isChecked();
    m_from->setEnabled(period);
    m_to->setEnabled(period);
    m_period->setToolTip(info && info->name == QLatin1String("qc-summary")
                             ? tr("Unticked: the 90 days to the last inspection")
                             : tr("Unticked: from the first day to the last"));
    // Streamed data has no page form: it goes straight to a file.
    const bool stream = streamed();
    m_previewButton->setEnabled(!stream && m_busy->isHidden());
    m_export->setEnabled(m_busy->isHidden() && (stream || m_report.has_value()));
    m_print->setEnabled(!stream && m_busy->isHidden() && m_report.has_value());
}

bool ReportsPage::streamed() const {
    const reports::ReportInfo *info = currentInfo();
    return info && info->streamed;
}

reports::Parameters ReportsPage::parameters() const {
    reports::Parameters p;
    p.farm = m_farm->currentData().toString();
    if (m_season->isEnabled())
        p.season = m_season->currentData().toString();
    if (m_from->isEnabled()) {
        p.from = m_from->date();
        p.to = m_to->date();
    }
    return p;
}

void ReportsPage::setBusy(const QString &what) {
    m_busy->show();
    m_status->setText(what);
    m_previewButton->setEnabled(false);
    m_export->setEnabled(false);
    m_print->setEnabled(false);
}

void ReportsPage::setIdle(const QString &message) {
    m_busy->hide();
    m_cancel->hide();
    m_busy->setRange(0, 0);
    m_status->setText(message);
    reportChanged(); // the buttons follow the chosen report again
}

int ReportsPage::previewPages() const {
    return m_document->status() == QPdfDocument::Status::Ready ? m_document->pageCount() : 0;
}

void ReportsPage::preview() {
    const reports::ReportInfo *info = currentInfo();
    if (m_workspace.path.isEmpty() || !info)
        return;
    const QString name = info->name;
    setBusy(tr("Building the report…"));
    const int serial = ++m_previewSerial;
    QCoro::connect(
        services::ReportService::build(m_workspace.path, name, parameters(),
                                       QApplication::applicationVersion()),
        this, [this, serial](const Result<reports::Report> &r) {
            if (serial != m_previewSerial)
                return; // a newer preview was asked for
            if (!r.ok()) {
                m_report.reset();
                m_document->close();
                setIdle(tr("No report: %1").arg(errorText(r.error())));
                Q_EMIT failed(errorText(r.error()));
                return;
            }
            m_report = r.value();
            if (!m_previewDir)
                m_previewDir = std::make_unique<QTemporaryDir>();
            const QString file =
                m_previewDir->filePath(QStringLiteral("preview-%1.pdf").arg(serial));
            QCoro::connect(
                services::ReportService::write(r.value(), services::ReportFormat::Pdf, file), this,
                [this, serial, file](const Result<void> &w) {
                    if (serial != m_previewSerial)
                        return;
                    if (!w.ok()) {
                        setIdle(tr("No preview: %1").arg(errorText(w.error())));
                        return;
                    }
                    m_document->close();
                    m_document->load(file);
                    setIdle(tr("%1 · data SHA-256 %2…")
                                .arg(m_report->title, m_report->dataSha256.left(16)));
                    Q_EMIT previewed();
                });
        });
}

void ReportsPage::exportTo(const QString &chosen) {
    if (streamed()) {
        QString path = chosen;
        if (path.isEmpty())
            path = QFileDialog::getSaveFileName(this, tr("Export sales data"),
                                                QStringLiteral("sales-data.csv"),
                                                tr("CSV (*.csv);;Excel workbook (*.xlsx)"));
        if (!path.isEmpty())
            exportSales(path);
        return;
    }
    if (!m_report)
        return;
    QString path = chosen;
    if (path.isEmpty()) {
        path = QFileDialog::getSaveFileName(
            this, tr("Export report"), m_report->name + QStringLiteral(".pdf"),
            tr("PDF (*.pdf);;CSV (*.csv);;Excel workbook (*.xlsx)"));
        if (path.isEmpty())
            return;
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    const auto format = suffix == QLatin1String("csv")    ? services::ReportFormat::Csv
                        : suffix == QLatin1String("xlsx") ? services::ReportFormat::Xlsx
                                                          : services::ReportFormat::Pdf;
    if (suffix != QLatin1String("csv") && suffix != QLatin1String("xlsx") &&
        suffix != QLatin1String("pdf"))
        path += QStringLiteral(".pdf");
    setBusy(tr("Writing %1…").arg(QFileInfo(path).fileName()));
    QCoro::connect(services::ReportService::write(*m_report, format, path, m_workspace.path), this,
                   [this, path](const Result<void> &r) {
                       if (!r.ok()) {
                           setIdle(tr("Nothing was written: %1").arg(errorText(r.error())));
                           Q_EMIT failed(errorText(r.error()));
                           return;
                       }
                       setIdle(tr("Written to %1").arg(QDir::toNativeSeparators(path)));
                       Q_EMIT exported(path);
                   });
}

void ReportsPage::exportSales(const QString &chosen) {
    QString path = chosen;
    const bool xlsx =
        QFileInfo(path).suffix().compare(QLatin1String("xlsx"), Qt::CaseInsensitive) == 0;
    if (!xlsx && QFileInfo(path).suffix().compare(QLatin1String("csv"), Qt::CaseInsensitive) != 0)
        path += QStringLiteral(".csv");
    setBusy(tr("Writing %1…").arg(QFileInfo(path).fileName()));
    m_progress = std::make_shared<Progress>();
    m_busy->setRange(0, 1000);
    m_busy->setValue(0);
    m_cancel->show();
    auto *poll = new QTimer(this);
    connect(poll, &QTimer::timeout, this,
            [this, progress = m_progress] { m_busy->setValue(progress->permille()); });
    poll->start(100);
    QCoro::connect(
        services::ReportService::exportSales(m_workspace.path, parameters(),
                                             xlsx ? services::ReportFormat::Xlsx
                                                  : services::ReportFormat::Csv,
                                             path, QApplication::applicationVersion(), m_progress),
        this, [this, path, poll](const Result<qint64> &r) {
            poll->deleteLater();
            m_progress.reset();
            if (!r.ok()) {
                setIdle(r.error().code == ErrorCode::Cancelled
                            ? tr("Export cancelled: nothing was written.")
                            : tr("Nothing was written: %1").arg(errorText(r.error())));
                if (r.error().code != ErrorCode::Cancelled)
                    Q_EMIT failed(errorText(r.error()));
                Q_EMIT exportFinished(false);
                return;
            }
            setIdle(tr("%1 rows written to %2")
                        .arg(QLocale().toString(r.value()), QDir::toNativeSeparators(path)));
            Q_EMIT exported(path);
            Q_EMIT exportFinished(true);
        });
}

void ReportsPage::print() {
    if (!m_report)
        return;
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageLayout(render::ReportPainter::pageLayout());
    printer.setDocName(m_report->title);
    QPrintPreviewDialog dialog(&printer, this);
    const reports::Report report = *m_report;
    connect(&dialog, &QPrintPreviewDialog::paintRequested, this, [report](QPrinter *p) {
        render::ReportPainter painter(report);
        painter.paint(*p);
    });
    dialog.exec();
}

} // namespace agro::ui
