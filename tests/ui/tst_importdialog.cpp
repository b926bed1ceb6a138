#include "appsettings.h"
#include "importdialog.h"
#include "testsupport.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace agro;
using namespace agro::ui;

class TestImportDialog : public QObject {
    Q_OBJECT
    test::Scratch m_dir;
    QString m_path;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<AppSettings> m_settings;

    static QPushButton *importButton(ImportDialog &d) {
        for (auto *b : d.findChildren<QPushButton *>())
            if (b->text() == ImportDialog::tr("&Import"))
                return b;
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase() {
        m_path = m_dir.path(QStringLiteral("imp.agrodesk"));
        test::makeSmallDemo(m_path);
        m_qsettings =
            std::make_unique<QSettings>(m_dir.path(QStringLiteral("s.ini")), QSettings::IniFormat);
        m_settings = std::make_unique<AppSettings>(m_qsettings.get());
    }

    void previewMapAndImport() {
        // Headers in another language: the person maps them; the preview shows the rows.
        const QString file = m_dir.write(QStringLiteral("verkauf.csv"),
                                         "Artikel;Datum;Menge;Preis\nDEMO-00001;2026-11-01;4;2,5\n"
                                         "DEMO-00002;2026-11-01;1;3\n");
        ImportDialog dialog(m_path, *m_settings);
        dialog.show();
        QSignalSpy ready(&dialog, &ImportDialog::previewReady);
        dialog.setFile(io::CsvKind::Sales, file);
        QVERIFY(ready.wait(5000));
        auto *table = dialog.findChild<QTableWidget *>();
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->columnCount(), 4);
        QCOMPARE(table->item(0, 3)->text(), QStringLiteral("2,5"));
        const auto boxes = dialog.findChildren<QComboBox *>();
        // The first combo is the kind; then one per format column, in format order.
        QCOMPARE(boxes.size(), 1 + 7);
        for (int i = 0; i < 4; ++i)
            boxes[1 + i]->setCurrentIndex(i + 1); // sku←1, date←2, quantity←3, price←4
        QSignalSpy imported(&dialog, &ImportDialog::imported);
        QSignalSpy finished(&dialog, &ImportDialog::finished);
        importButton(dialog)->click();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.front().at(0).toBool(), true);
        QCOMPARE(imported.size(), 1);
        QCOMPARE(imported.front().at(1).toLongLong(), 2);
        auto db = test::connect(m_path);
        QCOMPARE(test::intOf(db, "SELECT count(*) FROM sales_daily WHERE day = 20758"), 2);
    }

    void rejectionIsShownAndChangesNothing() {
        const QByteArray before = test::contentHash(m_path);
        const QString file = m_dir.write(QStringLiteral("bad.csv"),
                                         "sku,date,quantity,price\nDEMO-00001,2026-11-05,4,2\n"
                                         "DEMO-00001,2026-13-01,4,2\n");
        ImportDialog dialog(m_path, *m_settings);
        QSignalSpy ready(&dialog, &ImportDialog::previewReady);
        dialog.setFile(io::CsvKind::Sales, file);
        QVERIFY(ready.wait(5000));
        QSignalSpy finished(&dialog, &ImportDialog::finished);
        importButton(dialog)->click();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.front().at(0).toBool(), false);
        const QString message = finished.front().at(1).toString();
        QVERIFY2(message.contains(file + QStringLiteral(":3:2")), qPrintable(message));
        QVERIFY(dialog.isVisible() || !dialog.result()); // stays open to show the problem
        QCOMPARE(test::contentHash(m_path), before);
    }

    void missingRequiredMappingIsCaughtBeforeImport() {
        const QString file = m_dir.write(QStringLiteral("partial.csv"), "a,b\n1,2\n");
        ImportDialog dialog(m_path, *m_settings);
        QSignalSpy ready(&dialog, &ImportDialog::previewReady);
        dialog.setFile(io::CsvKind::Sales, file);
        QVERIFY(ready.wait(5000));
        QSignalSpy finished(&dialog, &ImportDialog::finished);
        importButton(dialog)->click();
        QVERIFY(!dialog.isRunning());
        QCOMPARE(finished.size(), 0);
        bool said = false;
        for (auto *l : dialog.findChildren<QLabel *>())
            said = said || l->text().contains(QString::fromUtf8("“sku”"));
        QVERIFY(said);
    }
};

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
