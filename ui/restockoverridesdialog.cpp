#include "restockoverridesdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace agro::ui {

RestockOverridesDialog::RestockOverridesDialog(QWidget *parent)
    : QDialog(parent)
    , m_summary(new QLabel(this))
    , m_table(new QTableWidget(this)) {
    setWindowTitle(tr("Overrides: who was closer?"));
    m_summary->setWordWrap(true);
    m_table->setColumnCount(8);
    m_table->setHorizontalHeaderLabels({tr("Decided"), tr("SKU"), tr("By"), tr("Reason"),
                                        tr("Model"), tr("Person"), tr("Needed"), tr("Closer")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(820, 460);
}

void RestockOverridesDialog::setOutcomes(const std::vector<services::OverrideOutcome> &outcomes) {
    using V = services::OverrideOutcome::Verdict;
    const QLocale l;
    m_table->setRowCount(int(outcomes.size()));
    int model = 0, person = 0, open = 0;
    for (int i = 0; i < int(outcomes.size()); ++i) {
        const auto &o = outcomes[size_t(i)];
        model += o.verdict == V::Model;
        person += o.verdict == V::Person;
        open += o.verdict == V::Pending;
        const QString closer =
            o.verdict == V::Model    ? tr("Model")
            : o.verdict == V::Person ? tr("Person")
            : o.verdict == V::Tie
                ? tr("Tie")
                : tr("Open: %1 of %2 days known").arg(o.daysKnown).arg(o.coverDays);
        const QStringList cells{l.toString(o.decidedAt.toLocalTime(), QLocale::ShortFormat),
                                o.sku,
                                o.actorName,
                                o.reasonCode,
                                l.toString(o.proposed, 'f', 0),
                                l.toString(o.chosen, 'f', 0),
                                o.verdict == V::Pending ? QString() : l.toString(o.needed, 'f', 0),
                                closer};
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(i, c, new QTableWidgetItem(cells[c]));
    }
    m_table->resizeColumnsToContents();
    m_summary->setText(outcomes.empty()
                           ? tr("No overrides yet.")
                           : tr("Of the overrides whose period has passed, the model's quantity "
                                "was closer to what was needed %1 times and the person's %2 "
                                "times; %3 are still open. \"Needed\" is the demand over the "
                                "period the proposed order was meant to cover, minus the stock "
                                "position then.")
                                 .arg(model)
                                 .arg(person)
                                 .arg(open));
}

QString RestockOverridesDialog::summary() const {
    return m_summary->text();
}

int RestockOverridesDialog::rows() const {
    return m_table->rowCount();
}

} // namespace agro::ui
