#include "appsettings.h"
#include "costentrydialog.h"
#include "dashboardpage.h"
#include "harvestdialog.h"
#include "kpicard.h"
#include "mainwindow.h"
#include "plantingdialog.h"
#include "plantingviewdialog.h"
#include "recordscontroller.h"
#include "recordspage.h"
#include "testsupport.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace agro;
using namespace agro::ui;

/// Entering, editing, deleting, undoing and redoing a cost entry in the real window: the
/// dashboard's costs follow every step; an invalid entry is refused and changes nothing.
class TestRecords : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_path;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    double m_baseline = 0;

    double dashboardCosts() const {
        return m_window->dashboard()->card(QStringLiteral("costs"))->value();
    }
    /// Waits until every write is done and the dashboard shows figures loaded after it.
    void settle() {
        QSignalSpy idle(m_window->recordsController(), &RecordsController::idle);
        if (m_window->recordsController()->pending() > 0)
            QVERIFY(idle.wait(10000));
        QSignalSpy loaded(m_window->dashboard(), &DashboardPage::loaded);
        m_window->dashboard()->refresh();
        QVERIFY(loaded.wait(10000));
    }
    CostEntryDialog *openNew() {
        CostEntryDialog *d = m_window->records()->newCost();
        QSignalSpy plantings(d, &CostEntryDialog::plantingsLoaded);
        plantings.wait(5000);
        return d;
    }
    bool save(CostEntryDialog *d) {
        QSignalSpy done(d, &CostEntryDialog::saveFinished);
        d->saveButton()->click();
        if (!done.wait(10000))
            return false;
        return done.front().at(0).toBool();
    }

private Q_SLOTS:
    void initTestCase() {
        m_path = m_dir.path(QStringLiteral("rec.agrodesk"));
        test::makeSmallDemo(m_path);
        m_qsettings =
            std::make_unique<QSettings>(m_dir.path(QStringLiteral("s.ini")), QSettings::IniFormat);
        m_settings = std::make_unique<AppSettings>(m_qsettings.get());
        m_window = std::make_unique<MainWindow>(*m_settings);
        m_window->show();
        QSignalSpy loaded(m_window->dashboard(), &DashboardPage::loaded);
        QSignalSpy records(m_window->records(), &RecordsPage::loaded);
        m_window->openWorkspace(m_path);
        QVERIFY(loaded.wait(20000));
        QVERIFY(records.size() > 0 || records.wait(10000));
        // Dashboard: the 30 days to 31 Oct 2026.
        m_baseline = dashboardCosts();
        m_window->showArea(2);
    }
    void cleanupTestCase() { m_window.reset(); }

    void plantingsShowPredictions() {
        QSignalSpy shown(m_window->records(), &RecordsPage::predictionsShown);
        m_window->records()->refresh();
        QVERIFY(shown.wait(10000));
        QVERIFY(m_window->records()->plantingCount() > 0);
        int predicted = 0;
        for (int i = 0; i < m_window->records()->plantingCount(); ++i)
            predicted += m_window->records()->predictionText(i) != QStringLiteral("—");
        // Every demo planting of 2026 has a crop grown in earlier seasons: all predicted.
        QCOMPARE(predicted, m_window->records()->plantingCount());
    }

    void plantingViewShowsItsFigures() {
        m_window->records()->showTab(1);
        QVERIFY(m_window->records()->plantingCount() > 0);
        const auto &row = m_window->records()->planting(0);
        PlantingViewDialog *v = m_window->records()->viewPlanting(row.planting.id);
        QVERIFY(v);
        QSignalSpy loaded(v, &PlantingViewDialog::loaded);
        QVERIFY(loaded.wait(10000));
        QVERIFY(v->figure(QStringLiteral("area")).contains(QLatin1String("ha")));
        QVERIFY(v->figure(QStringLiteral("cost")).startsWith(QStringLiteral("€")));
        QVERIFY(v->figure(QStringLiteral("predicted")).contains(QLatin1String("8 in 10 seasons")));
        QVERIFY(v->figure(QStringLiteral("roi")) != QStringLiteral("…"));
        if (const QString dir = qEnvironmentVariable("AGRODESK_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(v->grab().save(dir + QStringLiteral("/planting-view.png")));
        v->close();
        m_window->records()->showTab(0);
    }

    void invalidEntryChangesNothing() {
        const QByteArray before = test::contentHash(m_path);
        CostEntryDialog *d = openNew();
        d->amountBox()->setValue(0); // no amount
        QVERIFY(!save(d));
        QVERIFY(!d->problem(QStringLiteral("amount")).isEmpty());
        QVERIFY(d->isVisible());
        QCOMPARE(m_window->recordsController()->undoStack()->count(), 0);
        d->reject();
        QCOMPARE(test::contentHash(m_path), before);
    }

    void addEditUndoRedo() {
        QUndoStack *undo = m_window->recordsController()->undoStack();
        // Add 1,234.50 of labor in the dashboard's period.
        CostEntryDialog *d = openNew();
        d->categoryBox()->setCurrentIndex(2);
        d->amountBox()->setValue(1234.5);
        d->dateBox()->setDate(QDate(2026, 10, 20));
        d->descriptionBox()->setText(QStringLiteral("Harvest crew"));
        QVERIFY(save(d));
        settle();
        QCOMPARE(undo->count(), 1);
        QVERIFY(qAbs(dashboardCosts() - (m_baseline + 1234.5)) < 1e-6);

        // Edit it to 2,000.
        QSignalSpy listed(m_window->records(), &RecordsPage::loaded);
        listed.wait(3000);
        int row = -1;
        for (int i = 0; i < m_window->records()->rowCount(); ++i)
            if (m_window->records()->row(i).entry.description == QLatin1String("Harvest crew"))
                row = i;
        QVERIFY(row >= 0);
        CostEntryDialog *e = m_window->records()->editCost(m_window->records()->row(row).entry.id);
        QVERIFY(e);
        e->amountBox()->setValue(2000);
        QVERIFY(save(e));
        settle();
        QCOMPARE(undo->count(), 2);
        QVERIFY(qAbs(dashboardCosts() - (m_baseline + 2000)) < 1e-6);

        undo->undo(); // back to 1,234.50
        settle();
        QVERIFY(qAbs(dashboardCosts() - (m_baseline + 1234.5)) < 1e-6);
        undo->undo(); // gone
        settle();
        QVERIFY(qAbs(dashboardCosts() - m_baseline) < 1e-6);
        undo->redo(); // added again, same id
        settle();
        QVERIFY(qAbs(dashboardCosts() - (m_baseline + 1234.5)) < 1e-6);
        undo->redo(); // edited again
        settle();
        QVERIFY(qAbs(dashboardCosts() - (m_baseline + 2000)) < 1e-6);

        // Delete, then undo the deletion.
        listed.wait(3000);
        for (int i = 0; i < m_window->records()->rowCount(); ++i)
            if (m_window->records()->row(i).entry.description == QLatin1String("Harvest crew"))
                m_window->records()->selectRow(i);
        m_window->records()->deleteSelected();
        settle();
        QVERIFY(qAbs(dashboardCosts() - m_baseline) < 1e-6);
        undo->undo();
        settle();
        QVERIFY(qAbs(dashboardCosts() - (m_baseline + 2000)) < 1e-6);

        // Every step went through the change log (sync sees undo as ordinary edits).
        auto db = test::connect(m_path);
        QVERIFY(test::intOf(db, "SELECT count(*) FROM change_log WHERE tbl = 'cost_entries' AND "
                                "col = '_deleted'") >= 2);
    }

    void farmLevelCostBySharesWithUndo() {
        QUndoStack *undo = m_window->recordsController()->undoStack();
        m_window->records()->showTab(0);
        CostEntryDialog *d = openNew();
        d->plantingBox()->setCurrentIndex(0); // farm level
        d->allocationBox()->setCurrentIndex(d->allocationBox()->findData(QStringLiteral("shares")));
        d->dateBox()->setDate(QDate(2026, 6, 10));
        d->amountBox()->setValue(600);
        d->descriptionBox()->setText(QStringLiteral("Shared crew"));
        const auto rows = d->shares();
        QVERIFY(rows.size() >= 2); // the farm's 2026 plantings, defaulting to their areas
        for (const auto &[planting, share] : rows)
            d->setShare(planting, 0);
        d->setShare(rows[0].first, 2);
        d->setShare(rows[1].first, 1);
        if (const QString dir = qEnvironmentVariable("AGRODESK_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(d->grab().save(dir + QStringLiteral("/cost-form.png")));
        QVERIFY(save(d));
        settle();
        auto db = test::connect(m_path);
        auto count = [&] {
            return test::intOf(db, "SELECT count(*) FROM cost_shares s JOIN cost_entries c ON "
                                   "c.id = s.cost_id WHERE c.description = 'Shared crew'");
        };
        QCOMPARE(count(), qint64(rows.size()));
        QCOMPARE(test::realOf(db, "SELECT sum(share) FROM cost_shares"), 3.0);
        undo->undo(); // the cost and its shares go
        settle();
        QCOMPARE(count(), 0);
        QCOMPARE(
            test::intOf(db, "SELECT count(*) FROM cost_entries WHERE description = 'Shared crew'"),
            0);
        undo->redo(); // and come back together
        settle();
        QCOMPARE(count(), qint64(rows.size()));
        QCOMPARE(test::realOf(db, "SELECT sum(share) FROM cost_shares"), 3.0);
    }

    void plantingAndHarvestForms() {
        QUndoStack *undo = m_window->recordsController()->undoStack();
        auto db = test::connect(m_path);
        const qint64 plantings = test::intOf(db, "SELECT count(*) FROM plantings");
        m_window->records()->showTab(1);
        PlantingDialog *d = m_window->records()->newPlanting();
        QSignalSpy options(d, &PlantingDialog::optionsLoaded);
        QVERIFY(options.wait(5000));
        d->seasonBox()->setCurrentIndex(d->seasonBox()->findText(QStringLiteral("2026")));
        QVERIFY(d->areaBox()->value() > 0); // the whole field by default
        d->areaBox()->setValue(1e5);        // more than the field
        {
            QSignalSpy done(d, &PlantingDialog::saveFinished);
            d->saveButton()->click();
            QVERIFY(done.wait(5000));
            QCOMPARE(done.front().at(0).toBool(), false);
            QVERIFY(!d->problem(QStringLiteral("plantedAreaHa")).isEmpty());
        }
        d->areaBox()->setValue(1.5);
        d->yieldBox()->setValue(4000);
        d->priceBox()->setValue(0.25);
        // For the docs: AGRODESK_SCREENSHOT_DIR=dir saves the form and the Records area.
        if (const QString dir = qEnvironmentVariable("AGRODESK_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(d->grab().save(dir + QStringLiteral("/planting-form.png")));
        {
            QSignalSpy done(d, &PlantingDialog::saveFinished);
            d->saveButton()->click();
            QVERIFY(done.wait(5000));
            QCOMPARE(done.front().at(0).toBool(), true);
        }
        settle();
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM plantings"), plantings + 1);
        QCOMPARE(
            test::realOf(db, "SELECT planted_area_ha FROM plantings ORDER BY lid DESC LIMIT 1"),
            1.5);
        undo->undo();
        settle();
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM plantings"), plantings);
        undo->redo();
        settle();
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM plantings"), plantings + 1);

        // A harvest entered in tonnes is stored in kilograms.
        m_window->records()->showTab(2);
        HarvestDialog *h = m_window->records()->newHarvest();
        QSignalSpy loaded(h, &HarvestDialog::plantingsLoaded);
        QVERIFY(loaded.wait(5000));
        h->unitBox()->setCurrentIndex(h->unitBox()->findData(QStringLiteral("t")));
        h->quantityBox()->setValue(2.5);
        h->rejectedBox()->setValue(0.1);
        h->dateBox()->setDate(QDate(2026, 9, 20));
        QSignalSpy saved(h, &HarvestDialog::saveFinished);
        h->saveButton()->click();
        QVERIFY(saved.wait(5000));
        QCOMPARE(saved.front().at(0).toBool(), true);
        settle();
        QCOMPARE(test::realOf(db,
                              "SELECT quantity_kg FROM harvests WHERE harvested_on = '2026-09-20' "
                              "AND entered_unit = 't'"),
                 2500.0);
        QCOMPARE(test::realOf(db,
                              "SELECT rejected_kg FROM harvests WHERE harvested_on = '2026-09-20' "
                              "AND entered_unit = 't'"),
                 100.0);
        if (const QString dir = qEnvironmentVariable("AGRODESK_SCREENSHOT_DIR"); !dir.isEmpty()) {
            m_window->records()->showTab(1);
            QTest::qWait(300);
            QVERIFY(m_window->grab().save(dir + QStringLiteral("/records.png")));
        }
    }
};

QTEST_MAIN(TestRecords)
#include "tst_records.moc"
