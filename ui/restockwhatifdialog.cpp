#include "restockwhatifdialog.h"

#include <QCoroTask>
#include <QDate>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace agro::ui {

RestockWhatIfDialog::RestockWhatIfDialog(const QString &workspace, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_targetLabel(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_progressBar(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_table(new QTableWidget(3, 5, this))
    , m_progress(std::make_shared<Progress>()) {
    setWindowTitle(tr("Restock what-if: the last year replayed"));
    // 80.0 … 99.5 % in steps of 0.5.
    m_slider->setRange(160, 199);
    m_slider->setValue(190);
    m_slider->setEnabled(false);
    m_slider->setToolTip(tr("Target fill rate: the share of demand to meet from stock"));
    m_summary->setWordWrap(true);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_progressBar->setRange(0, 1000);
    m_table->setHorizontalHeaderLabels({tr("Fill rate"), tr("Average stock value"),
                                        tr("Stock-out days"), tr("Orders"),
                                        tr("Holding + ordering cost")});
    m_table->setVerticalHeaderLabels({tr("AgroDesk policy"), tr("Naive forecast, same fill rate"),
                                      tr("Fixed reorder level, same fill rate")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Target fill rate"), this));
    row->addWidget(m_slider, 1);
    row->addWidget(m_targetLabel);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progressBar, 1);
    progressRow->addWidget(m_cancel);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addLayout(progressRow);
    layout->addWidget(m_table);
    layout->addWidget(m_summary, 1);
    layout->addWidget(buttons);
    resize(900, 380);

    auto updateLabel = [this] {
        m_targetLabel->setText(
            QStringLiteral("%1 %").arg(QLocale().toString(target() * 100, 'f', 1)));
    };
    updateLabel();
    connect(m_slider, &QSlider::valueChanged, this, updateLabel);
    // Replay when the slider comes to rest, not on every pixel of a drag.
    connect(m_slider, &QSlider::sliderReleased, this, &RestockWhatIfDialog::replay);
    connect(m_slider, &QSlider::valueChanged, this, [this] {
        if (!m_slider->isSliderDown())
            replay();
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] { m_progress->cancelled = true; });
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this,
            [this] { m_progressBar->setValue(m_progress->permille()); });
    timer->start(100);

    m_summary->setText(tr("Preparing a year of forecasts as they would have been made…"));
    QCoro::connect(services::RestockService::prepareWhatIf(m_workspace, m_progress), this,
                   [this](const Result<std::shared_ptr<const services::PreparedReplay>> &r) {
                       if (!r.ok()) {
                           m_summary->setText(r.error().code == ErrorCode::Cancelled
                                                  ? tr("Cancelled.")
                                                  : errorText(r.error()) + QStringLiteral(": ") +
                                                        r.error().detail);
                           m_cancel->setEnabled(false);
                           Q_EMIT failed(m_summary->text());
                           return;
                       }
                       m_prepared = r.value();
                       m_slider->setEnabled(true);
                       replay();
                   });
}

RestockWhatIfDialog::~RestockWhatIfDialog() {
    m_progress->cancelled = true;
}

double RestockWhatIfDialog::target() const {
    return m_slider->value() / 200.0;
}

void RestockWhatIfDialog::setTarget(double fillRate) {
    m_slider->setValue(int(std::lround(fillRate * 200)));
}

QString RestockWhatIfDialog::resultText(int row, int column) const {
    const auto *item = m_table->item(row, column);
    return item ? item->text() : QString();
}

void RestockWhatIfDialog::replay() {
    if (!m_prepared)
        return;
    if (m_running) {
        m_again = true; // one more once this one ends, at the slider's latest value
        return;
    }
    m_running = true;
    m_progress = std::make_shared<Progress>();
    m_cancel->setEnabled(true);
    QCoro::connect(services::RestockService::whatIf(m_prepared, target(), m_progress), this,
                   [this](const Result<services::RestockSimulation> &r) {
                       m_running = false;
                       if (m_again) {
                           m_again = false;
                           replay();
                           return;
                       }
                       if (!r.ok()) {
                           Q_EMIT failed(errorText(r.error()));
                           return;
                       }
                       show(r.value());
                   });
}

void RestockWhatIfDialog::show(const services::RestockSimulation &sim) {
    const QLocale l;
    const services::PolicyOutcome *rows[] = {&sim.policy, &sim.naiveAtSameFill,
                                             &sim.fixedAtSameFill};
    for (int r = 0; r < 3; ++r) {
        const auto &o = *rows[r];
        const QStringList cells{QStringLiteral("%1 %").arg(l.toString(100 * o.fillRate, 'f', 2)),
                                l.toString(o.averageInventoryValue, 'f', 0),
                                l.toString(o.stockoutDays), l.toString(o.orders),
                                l.toString(o.totalCost(), 'f', 0)};
        for (int c = 0; c < 5; ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(r, c, item);
        }
    }
    const double saving =
        sim.naiveAtSameFill.averageInventoryValue > 0
            ? 1 - sim.policy.averageInventoryValue / sim.naiveAtSameFill.averageInventoryValue
            : 0;
    const QString comparison =
        saving >= 0 ? tr("%1 % less stock value than").arg(l.toString(100 * saving, 'f', 1))
                    : tr("%1 % more stock value than").arg(l.toString(-100 * saving, 'f', 1));
    m_progressBar->setValue(1000);
    m_summary->setText(
        tr("%1 products replayed from %2 to %3 (%4 without enough history). Aiming at %5 %, the "
           "policy met %6 % of demand; at that fill rate it held %7 the same policy on a naive "
           "forecast. Baselines are tuned to the policy's fill rate so stock is compared at equal "
           "service.")
            .arg(sim.products)
            .arg(l.toString(QDate(1970, 1, 1).addDays(sim.firstDay), QLocale::ShortFormat),
                 l.toString(QDate(1970, 1, 1).addDays(sim.lastDay), QLocale::ShortFormat))
            .arg(sim.skipped)
            .arg(l.toString(100 * sim.targetFillRate, 'f', 1),
                 l.toString(100 * sim.policy.fillRate, 'f', 1), comparison));
    m_cancel->setEnabled(false);
    Q_EMIT computed();
}

} // namespace agro::ui
