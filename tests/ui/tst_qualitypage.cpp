#include "appsettings.h"
#include "inspectionform.h"
#include "mainwindow.h"
#include "newlotdialog.h"
#include "plantingviewdialog.h"
#include "qcformeditordialog.h"
#include "qualitypage.h"
#include "store/financereader.h"
#include "testsupport.h"
#include "translations.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QUndoStack>
#include <QUrl>

using namespace agro;
using namespace agro::ui;

/// The Quality area in the real main window on the small demo: forms generated from the
/// built-in schemas, the rule that decides shown as you type, recording moves the lot and the
/// sellable stock, drafts survive a killed app, undo works, the history lists and the form
/// editor refuses a malformed form with its line.
class TestQualityPage : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_path;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    QUrl m_viewed;

    QualityPage *page() const { return m_window->quality(); }

    void openWindow() {
        m_window = std::make_unique<MainWindow>(*m_settings);
        m_window->resize(1440, 900);
        m_window->show();
        QSignalSpy lots(page(), &QualityPage::lotsLoaded);
        m_window->openWorkspace(m_path);
        QVERIFY(lots.wait(20000));
        m_window->showArea(6);
    }
    /// An available lot of a category kind, newest first; `fresh`: not expired by today's date
    /// (the demo's data end on 2026-10-31; the stock shown counts lots unexpired today).
    QString lotOf(const char *kind, int skip = 0, bool fresh = false) {
        auto db = test::connect(m_path);
        return test::textOf(
            db, qPrintable(QStringLiteral("SELECT l.id FROM lots l JOIN products p ON p.id = "
                                          "l.product_id JOIN product_categories c ON c.id = "
                                          "p.category_id WHERE c.kind = '%1' AND l.status = "
                                          "'available' AND l.expires_on > %3 ORDER BY "
                                          "l.lid DESC LIMIT 1 OFFSET %2")
                               .arg(QLatin1String(kind))
                               .arg(skip)
                               .arg(fresh ? QStringLiteral("date('now')")
                                          : QStringLiteral("'2000-01-01'"))));
    }
    void select(const QString &lot) {
        QSignalSpy loaded(page(), &QualityPage::lotLoaded);
        page()->selectLot(lot);
        QVERIFY(loaded.wait(10000));
    }
    void type(const QString &key, const QString &text) {
        auto *e = qobject_cast<QLineEdit *>(page()->form()->editor(key));
        QVERIFY2(e, qPrintable(key));
        e->clear();
        QTest::keyClicks(e, text);
    }
    void shot(const QString &name) {
        if (const QString dir = qEnvironmentVariable("AGRODESK_SCREENSHOT_DIR"); !dir.isEmpty()) {
            QTest::qWait(200);
            QVERIFY(m_window->grab().save(dir + QLatin1Char('/') + name));
        }
    }

public Q_SLOTS:
    void viewerAsked(const QUrl &url) { m_viewed = url; }

private Q_SLOTS:
    void initTestCase() {
        installTranslations(*QCoreApplication::instance());
        m_path = m_dir.path(QStringLiteral("qp.agrodesk"));
        test::makeSmallDemo(m_path);
        m_qsettings =
            std::make_unique<QSettings>(m_dir.path(QStringLiteral("s.ini")), QSettings::IniFormat);
        m_settings = std::make_unique<AppSettings>(m_qsettings.get());
        openWindow();
        QVERIFY(page()->lots()->count() > 0);
    }
    void cleanupTestCase() { m_window.reset(); }

    void dairyAtSixDegreesFailsWithTheRuleShown() {
        const QString lot = lotOf("dairy");
        select(lot);
        InspectionForm *f = page()->form();
        QCOMPARE(f->schema().category, QStringLiteral("dairy"));
        type(QStringLiteral("temperature_c"), QStringLiteral("6"));
        QCOMPARE(f->evaluation().disposition, qc::Disposition::Fail);
        QVERIFY2(f->dispositionText().contains(QStringLiteral("Temperature must be 1–4 °C")),
                 qPrintable(f->dispositionText()));
        QVERIFY(f->dispositionText().contains(QStringLiteral("dairy-temperature")));
        // The other required fields say so.
        QVERIFY(!f->problemText(QStringLiteral("expiry_date")).isEmpty());
        type(QStringLiteral("expiry_date"), QStringLiteral("2027-01-15"));
        f->setValue(QStringLiteral("packaging_ok"), true);
        type(QStringLiteral("bacterial_cfu_ml"), QStringLiteral("900"));
        QVERIFY(f->evaluation().complete());
        shot(QStringLiteral("qc-dairy.png"));
        QSignalSpy recorded(page(), &QualityPage::recorded);
        QTest::keyClick(f->editor(QStringLiteral("temperature_c")), Qt::Key_Return,
                        Qt::ControlModifier);
        QVERIFY(recorded.wait(10000));
        QVERIFY(recorded.front().front().toString().contains(QStringLiteral("FAIL")));
        auto db = test::connect(m_path);
        QCOMPARE(test::textOf(db, qPrintable(QStringLiteral("SELECT status FROM lots WHERE id = "
                                                            "'%1'")
                                                 .arg(lot))),
                 QStringLiteral("rejected"));
        QCOMPARE(test::textOf(db, qPrintable(QStringLiteral("SELECT rule_id FROM qc_inspections "
                                                            "WHERE lot_id = '%1' ORDER BY lid "
                                                            "DESC LIMIT 1")
                                                 .arg(lot))),
                 QStringLiteral("dairy-temperature"));
    }

    void aHeldLotDropsOutOfSellableStock() {
        const QString lot = lotOf("produce", 0, true);
        QVERIFY(!lot.isEmpty());
        QSignalSpy stock(page(), &QualityPage::stockLoaded);
        select(lot);
        if (stock.isEmpty())
            QVERIFY(stock.wait(10000));
        const QString before = page()->stockText();
        auto db = test::connect(m_path);
        const double quantity = test::realOf(
            db, qPrintable(QStringLiteral("SELECT quantity FROM lots WHERE id = '%1'").arg(lot)));
        InspectionForm *f = page()->form();
        f->setValue(QStringLiteral("visual_ok"), true);
        f->setValue(QStringLiteral("ripeness"), QStringLiteral("over"));
        f->setValue(QStringLiteral("residue_tested"), true);
        type(QStringLiteral("pest_residue_ppm"), QStringLiteral("0.01"));
        QCOMPARE(f->evaluation().disposition, qc::Disposition::Hold);
        shot(QStringLiteral("qc-produce.png"));
        stock.clear();
        QSignalSpy recorded(page(), &QualityPage::recorded);
        page()->record();
        QVERIFY(recorded.wait(10000));
        QVERIFY(stock.wait(10000));
        QCOMPARE(
            test::textOf(
                db, qPrintable(QStringLiteral("SELECT status FROM lots WHERE id = '%1'").arg(lot))),
            QStringLiteral("held"));
        // "sellable N · held M": sellable goes down by the lot, held up by it.
        auto number = [](const QString &text, const QString &word) {
            const auto at = text.indexOf(word) + word.size() + 1;
            return QLocale().toDouble(text.mid(at, text.indexOf(QLatin1Char(' '), at) - at));
        };
        QCOMPARE(number(page()->stockText(), QStringLiteral("sellable")),
                 number(before, QStringLiteral("sellable")) - quantity);
        QCOMPARE(number(page()->stockText(), QStringLiteral("held")),
                 number(before, QStringLiteral("held")) + quantity);
    }

    void undoTakesBackAnEdit() {
        select(lotOf("protein"));
        InspectionForm *f = page()->form();
        type(QStringLiteral("temperature_c"), QStringLiteral("7"));
        QCOMPARE(f->evaluation().disposition, qc::Disposition::Fail);
        f->undoStack()->undo();
        QVERIFY(!f->values().contains(QStringLiteral("temperature_c")));
        QCOMPARE(qobject_cast<QLineEdit *>(f->editor(QStringLiteral("temperature_c")))->text(),
                 QString());
        f->undoStack()->redo();
        QCOMPARE(f->values().value(QStringLiteral("temperature_c")).toDouble(), 7.0);
        type(QStringLiteral("temperature_c"), QString());
    }

    void aDraftSurvivesKillingTheApp() {
        const QString lot = lotOf("protein", 3);
        QVERIFY(!lot.isEmpty());
        select(lot);
        QSignalSpy saved(page(), &QualityPage::draftSaved);
        type(QStringLiteral("temperature_c"), QStringLiteral("2.5"));
        page()->form()->setValue(QStringLiteral("grade"), QStringLiteral("B"));
        QVERIFY(saved.wait(10000));
        shot(QStringLiteral("qc-protein.png"));
        // No close, no save: the window is simply gone, as after a crash.
        m_window.reset();
        openWindow();
        QTRY_COMPARE_WITH_TIMEOUT(page()->currentLotId(), lot, 10000);
        const QJsonObject v = page()->form()->values();
        QCOMPARE(v.value(QStringLiteral("temperature_c")).toDouble(), 2.5);
        QCOMPARE(v.value(QStringLiteral("grade")).toString(), QStringLiteral("B"));
        QCOMPARE(qobject_cast<QLineEdit *>(page()->form()->editor(QStringLiteral("temperature_c")))
                     ->text(),
                 QLocale().toString(2.5));
        QVERIFY(page()
                    ->findChild<QLabel *>(QStringLiteral("draftLabel"))
                    ->text()
                    .contains(QStringLiteral("restored")));
        // Discarding removes it.
        page()->discardDraft();
        auto db = test::connect(m_path);
        QTRY_COMPARE_WITH_TIMEOUT(test::intOf(db, "SELECT count(*) FROM qc_drafts"), qint64(0),
                                  10000);
    }

    void aPhotoIsKeptAndOpensFromTheHistory() {
        // The system viewer is not started in a test: file URLs come here instead.
        QDesktopServices::setUrlHandler(QStringLiteral("file"), this, "viewerAsked");
        const QByteArray png = QByteArray("\x89PNG\r\n\x1A\n", 8) + QByteArray(500, 'q');
        const QString file = m_dir.write(QStringLiteral("lot-photo.png"), png);
        const QString lot = lotOf("dairy");
        QVERIFY(!lot.isEmpty());
        select(lot);
        InspectionForm *f = page()->form();
        QCOMPARE(f->schema().category, QStringLiteral("dairy"));
        type(QStringLiteral("temperature_c"), QStringLiteral("3"));
        type(QStringLiteral("expiry_date"), QStringLiteral("2027-02-01"));
        f->setValue(QStringLiteral("packaging_ok"), true);
        type(QStringLiteral("bacterial_cfu_ml"), QStringLiteral("700"));
        f->setValue(QStringLiteral("photo"), file);
        QVERIFY(f->evaluation().complete());
        QSignalSpy recorded(page(), &QualityPage::recorded);
        page()->record();
        QVERIFY(recorded.wait(10000));
        QVERIFY(QFile::remove(file)); // the workspace has its own copy now

        QSignalSpy loaded(page(), &QualityPage::historyLoaded);
        page()->showHistory();
        QVERIFY(loaded.wait(10000));
        QTableWidget *h = page()->historyTable();
        h->setCurrentCell(0, 0); // newest first: the one just recorded
        QVERIFY(h->item(0, 9)->text().contains(QStringLiteral("1 photo")));
        QSignalSpy saved(page(), &QualityPage::photoSaved);
        page()->openSelectedPhoto(); // what Enter or "Open photo" does
        QVERIFY(saved.wait(10000));
        QFile copy(saved.front().front().toString());
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), png);
        QCOMPARE(m_viewed, QUrl::fromLocalFile(saved.front().front().toString()));
        QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
    }

    void aLotFromAPlantingThatFailsCostsThePlanting() {
        // A produce product and a planting of its farm that has harvests.
        QString product, planting;
        {
            auto db = test::connect(m_path);
            product = test::textOf(
                db, "SELECT p.id FROM products p JOIN product_categories c ON c.id = "
                    "p.category_id WHERE c.kind = 'produce' AND EXISTS (SELECT 1 FROM plantings "
                    "pl JOIN harvests h ON h.planting_id = pl.id WHERE pl.farm_id = p.farm_id) "
                    "ORDER BY p.lid LIMIT 1");
            planting = test::textOf(
                db, qPrintable(QStringLiteral(
                                   "SELECT pl.id FROM plantings pl WHERE pl.farm_id = (SELECT "
                                   "farm_id FROM products WHERE id = '%1') AND EXISTS (SELECT 1 "
                                   "FROM harvests h WHERE h.planting_id = pl.id) ORDER BY pl.lid "
                                   "LIMIT 1")
                                   .arg(product)));
        }
        QVERIFY(!product.isEmpty() && !planting.isEmpty());
        NewLotDialog *d = page()->newLot();
        QVERIFY(d);
        QSignalSpy choices(d, &NewLotDialog::choicesLoaded);
        QVERIFY(choices.wait(10000));
        d->productBox()->setCurrentIndex(d->productBox()->findData(product));
        d->batchBox()->setText(QStringLiteral("E2E-OWN-1"));
        d->quantityBox()->setValue(50);
        d->fromPlantingButton()->setChecked(true);
        QVERIFY(!d->supplierBox()->isEnabled());
        d->plantingBox()->setCurrentIndex(d->plantingBox()->findData(planting));
        QCOMPARE(d->plantingBox()->currentData().toString(), planting);

        // Without the lot's mass: refused at the field, nothing written.
        const QByteArray before = test::contentHash(m_path);
        QSignalSpy finished(d, &NewLotDialog::saveFinished);
        QTest::mouseClick(d->saveButton(), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.front().front().toBool(), false);
        QVERIFY(!d->problem(QStringLiteral("quantity_kg")).isEmpty());
        QCOMPARE(test::contentHash(m_path), before);
        if (const QString dir = qEnvironmentVariable("AGRODESK_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(d->grab().save(dir + QStringLiteral("/qc-new-lot.png")));

        d->massBox()->setValue(250);
        QSignalSpy registered(d, &NewLotDialog::registered);
        QTest::mouseClick(d->saveButton(), Qt::LeftButton);
        QVERIFY(registered.wait(10000));
        const QString lot = registered.front().front().toString();
        QTRY_COMPARE_WITH_TIMEOUT(page()->currentLotId(), lot, 10000);

        // The inspection fails it: visible decay.
        InspectionForm *f = page()->form();
        QCOMPARE(f->schema().category, QStringLiteral("produce"));
        f->setValue(QStringLiteral("visual_ok"), false);
        type(QStringLiteral("defects"), QStringLiteral("soft rot"));
        f->setValue(QStringLiteral("ripeness"), QStringLiteral("optimal"));
        f->setValue(QStringLiteral("residue_tested"), false);
        QCOMPARE(f->evaluation().disposition, qc::Disposition::Fail);
        QSignalSpy recorded(page(), &QualityPage::recorded);
        page()->record();
        QVERIFY(recorded.wait(10000));

        // 250 kg less to sell from that planting, shown in its view.
        auto db = test::connect(m_path);
        auto data = store::FinanceReader::load(db, {});
        QVERIFY(data.ok());
        double lost = -1;
        for (const auto &p : data->plantings)
            if (p.plantingId == planting)
                lost = p.account.qcRejectedKg;
        QCOMPARE(lost, 250.0);
        const QString farm = test::textOf(
            db, qPrintable(
                    QStringLiteral("SELECT farm_id FROM plantings WHERE id = '%1'").arg(planting)));
        const QString season = test::textOf(
            db, qPrintable(QStringLiteral("SELECT s.name FROM plantings p JOIN seasons s ON s.id "
                                          "= p.season_id WHERE p.id = '%1'")
                               .arg(planting)));
        auto *v = new PlantingViewDialog(m_path, farm, season, planting, m_window.get());
        v->setAttribute(Qt::WA_DeleteOnClose);
        v->open();
        QSignalSpy loaded(v, &PlantingViewDialog::loaded);
        QVERIFY(loaded.wait(10000));
        QVERIFY2(v->figure(QStringLiteral("qcLosses")).contains(QLocale().toString(250)),
                 qPrintable(v->figure(QStringLiteral("qcLosses"))));
        if (const QString dir = qEnvironmentVariable("AGRODESK_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(v->grab().save(dir + QStringLiteral("/planting-qc-losses.png")));
        v->close();
    }

    void historyListsTheInspections() {
        QSignalSpy loaded(page(), &QualityPage::historyLoaded);
        page()->showHistory();
        QVERIFY(loaded.wait(10000));
        auto db = test::connect(m_path);
        QCOMPARE(qint64(page()->historyTable()->rowCount()),
                 std::min<qint64>(2000, test::intOf(db, "SELECT count(*) FROM qc_inspections")));
        shot(QStringLiteral("qc-history.png"));
    }

    void theFormEditorRefusesAMalformedForm() {
        auto db = test::connect(m_path);
        auto owner = services::actorByUsername(db, QStringLiteral("demo.owner")).value();
        auto forms = services::categoryForms(db).value();
        const auto dairy = std::find_if(forms.begin(), forms.end(), [](const auto &f) {
            return f.kind == QLatin1String("dairy");
        });
        QVERIFY(dairy != forms.end());
        QcFormEditorDialog dialog(m_path, owner, *dairy);
        QVERIFY(dialog.canSave());
        dialog.setText(QString::fromUtf8(qc::schemaToJson(dairy->schema))
                           .replace(QStringLiteral("\"outside\""), QStringLiteral("\"outsde\"")));
        QVERIFY(!dialog.canSave());
        QVERIFY2(dialog.statusText().contains(QStringLiteral("unknown property")),
                 qPrintable(dialog.statusText()));
        QVERIFY(dialog.statusText().startsWith(QStringLiteral("Line ")));
    }
};

QTEST_MAIN(TestQualityPage)
#include "tst_qualitypage.moc"
