#include "importdialog.h"

#include "appsettings.h"
#include "bulktablefill.h"
#include "services/transferservice.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace agro::ui {

namespace {
QString kindTitle(io::CsvKind k) {
    switch (k) {
    case io::CsvKind::Sales:
        return ImportDialog::tr("Sales history (daily, per SKU)");
    case io::CsvKind::Products:
        return ImportDialog::tr("Products");
    case io::CsvKind::Costs:
        return ImportDialog::tr("Cost entries");
    case io::CsvKind::Harvests:
        return ImportDialog::tr("Harvests");
    case io::CsvKind::Readings:
        return ImportDialog::tr("Sensor readings");
    }
    return {};
}
} // namespace

ImportDialog::ImportDialog(const QString &workspace, AppSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_settings(settings)
    , m_kind(new QComboBox(this))
    , m_file(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse…"), this))
    , m_preview(new QTableWidget(this))
    , m_mapping(new QFormLayout)
    , m_message(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
    , m_import(m_buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole))
    , m_poll(new QTimer(this)) {
    setWindowTitle(tr("Import CSV"));
    resize(860, 620);
    for (io::CsvKind k : io::allCsvKinds())
        m_kind->addItem(kindTitle(k), int(k));
    m_file->setPlaceholderText(tr("Choose a .csv file (UTF-8, comma or semicolon)"));
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->verticalHeader()->setVisible(false);
    m_preview->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bar->setRange(0, 1000);
    m_bar->hide();
    m_import->setEnabled(false);

    auto *top = new QFormLayout;
    top->addRow(tr("&Contents:"), m_kind);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_browse);
    top->addRow(tr("&File:"), fileRow);

    auto *previewBox = new QGroupBox(tr("First rows of the file"), this);
    (new QVBoxLayout(previewBox))->addWidget(m_preview);
    auto *mappingBox = new QGroupBox(tr("Columns (* required)"), this);
    mappingBox->setLayout(m_mapping);

    auto *middle = new QHBoxLayout;
    middle->addWidget(previewBox, 3);
    middle->addWidget(mappingBox, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(middle, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_bar);
    layout->addWidget(m_buttons);

    connect(m_browse, &QPushButton::clicked, this, &ImportDialog::browse);
    connect(m_file, &QLineEdit::editingFinished, this, &ImportDialog::loadPreview);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ImportDialog::rebuildMapping);
    connect(m_import, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);
    connect(m_poll, &QTimer::timeout, this, [this] {
        if (m_progress)
            m_bar->setValue(m_progress->permille());
    });
    m_poll->setInterval(100);
    rebuildMapping();
}

ImportDialog::~ImportDialog() {
    // The import keeps running on its worker until it sees the flag, then rolls back.
    if (m_progress)
        m_progress->cancelled = true;
}

io::CsvKind ImportDialog::kind() const {
    return io::CsvKind(m_kind->currentData().toInt());
}

void ImportDialog::setFile(io::CsvKind k, const QString &file) {
    m_kind->setCurrentIndex(m_kind->findData(int(k)));
    m_file->setText(file);
    loadPreview();
}

void ImportDialog::browse() {
    const QString file =
        QFileDialog::getOpenFileName(this, tr("Import CSV"), m_settings.lastImportDirectory(),
                                     tr("CSV files (*.csv *.txt);;All files (*)"));
    if (file.isEmpty())
        return;
    m_settings.setLastImportDirectory(QFileInfo(file).absolutePath());
    m_file->setText(file);
    loadPreview();
}

void ImportDialog::loadPreview() {
    const QString file = m_file->text().trimmed();
    m_header.clear();
    m_preview->clear();
    m_preview->setRowCount(0);
    m_preview->setColumnCount(0);
    m_message->clear();
    if (file.isEmpty()) {
        rebuildMapping();
        return;
    }
    const quint64 serial = ++m_previewSerial;
    QCoro::connect(
        services::TransferService::preview(file, 20), this,
        [this, serial](const Result<io::CsvPreview> &r) {
            if (serial != m_previewSerial)
                return;
            if (!r.ok()) {
                m_message->setText(errorText(r.error()));
                rebuildMapping();
                return;
            }
            const io::CsvPreview &p = r.value();
            m_header = p.header;
            m_preview->setColumnCount(int(p.header.size()));
            m_preview->setHorizontalHeaderLabels(p.header);
            const BulkTableFill fill(m_preview);
            m_preview->setRowCount(int(p.rows.size()));
            for (size_t row = 0; row < p.rows.size(); ++row)
                for (qsizetype c = 0; c < p.rows[row].size() && c < p.header.size(); ++c)
                    m_preview->setItem(int(row), int(c), new QTableWidgetItem(p.rows[row][c]));
            m_message->setText(tr("%1 columns, separated by “%2”. Check the mapping, then Import.")
                                   .arg(p.header.size())
                                   .arg(QLatin1Char(p.delimiter)));
            rebuildMapping();
            Q_EMIT previewReady();
        });
}

void ImportDialog::rebuildMapping() {
    while (m_mapping->rowCount() > 0)
        m_mapping->removeRow(0);
    m_mappingBoxes.clear();
    const auto &spec = io::csvColumns(kind());
    for (const auto &col : spec) {
        auto *box = new QComboBox;
        box->addItem(tr("(not in file)"), -1);
        int match = 0;
        for (qsizetype i = 0; i < m_header.size(); ++i) {
            box->addItem(QStringLiteral("%1: %2").arg(i + 1).arg(m_header[i]), int(i));
            if (m_header[i].compare(col.name, Qt::CaseInsensitive) == 0)
                match = int(i) + 1;
        }
        box->setCurrentIndex(match);
        m_mapping->addRow(col.name + (col.required ? QStringLiteral(" *") : QString()), box);
        m_mappingBoxes.push_back(box);
    }
    m_import->setEnabled(!m_header.isEmpty());
}

void ImportDialog::setRunning(bool running) {
    m_kind->setEnabled(!running);
    m_file->setEnabled(!running);
    m_browse->setEnabled(!running);
    m_import->setEnabled(!running && !m_header.isEmpty());
    for (QComboBox *b : m_mappingBoxes)
        b->setEnabled(!running);
    m_bar->setVisible(running);
    if (running)
        m_poll->start();
    else
        m_poll->stop();
}

void ImportDialog::startImport() {
    io::ColumnMapping mapping;
    const auto &spec = io::csvColumns(kind());
    for (size_t i = 0; i < spec.size(); ++i)
        mapping[spec[i].name] = m_mappingBoxes[i]->currentData().toInt();
    // A required column mapped to nothing: say so here rather than after reading the file.
    for (size_t i = 0; i < spec.size(); ++i) {
        if (spec[i].required && mapping[spec[i].name] < 0) {
            m_message->setText(tr("Choose the file's column for “%1”.").arg(spec[i].name));
            return;
        }
        if (mapping[spec[i].name] < 0)
            mapping.erase(spec[i].name);
    }
    m_progress = std::make_shared<Progress>();
    m_bar->setValue(0);
    m_message->setText(tr("Importing… The workspace changes only if every row is valid."));
    setRunning(true);
    const io::CsvKind k = kind();
    QCoro::connect(services::TransferService::importCsv(m_workspace, k, m_file->text().trimmed(),
                                                        mapping, m_progress),
                   this, [this, k](const Result<io::ImportSummary> &r) {
                       m_progress.reset();
                       setRunning(false);
                       if (!r.ok()) {
                           const QString msg =
                               r.error().code == ErrorCode::Cancelled
                                   ? tr("Import cancelled. The workspace is unchanged.")
                                   : tr("Nothing was imported. %1").arg(errorText(r.error()));
                           m_message->setText(msg);
                           Q_EMIT finished(false, msg);
                           return;
                       }
                       const QString msg =
                           tr("Imported %1 rows.").arg(QLocale().toString(qint64(r->rows)));
                       m_message->setText(msg);
                       Q_EMIT imported(k, r->rows);
                       Q_EMIT finished(true, msg);
                       accept();
                   });
}

void ImportDialog::reject() {
    if (m_progress) {
        // First Cancel stops the import (it rolls back); the dialog stays to say so.
        m_progress->cancelled = true;
        m_message->setText(tr("Cancelling…"));
        return;
    }
    QDialog::reject();
}

} // namespace agro::ui
