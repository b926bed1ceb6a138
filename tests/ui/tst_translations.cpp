#include "inspectionform.h"
#include "newlotdialog.h"
#include "qcformeditordialog.h"
#include "qualitypage.h"
#include "signindialog.h"
#include "translations.h"

#include <QApplication>
#include <QTest>

using namespace agro::ui;

/// The English plural forms are built into the app and chosen by count.
class TestTranslations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(installTranslations(*QCoreApplication::instance())); }

    void pluralsFollowTheCount_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("1 photo") << QualityPage::tr("%n photo(s)", nullptr, 1) << "1 photo";
        QTest::newRow("3 photos") << QualityPage::tr("%n photo(s)", nullptr, 3) << "3 photos";
        QTest::newRow("1 day") << NewLotDialog::tr("%n day(s) of shelf life", nullptr, 1)
                               << "1 day of shelf life";
        QTest::newRow("60 days") << NewLotDialog::tr("%n day(s) of shelf life", nullptr, 60)
                                 << "60 days of shelf life";
        QTest::newRow("1 field") << InspectionForm::tr("%n field(s) still to complete or correct",
                                                       nullptr, 1)
                                 << "1 field still to complete or correct";
        QTest::newRow("2 fields") << InspectionForm::tr("%n field(s) still to complete or correct",
                                                        nullptr, 2)
                                  << "2 fields still to complete or correct";
        QTest::newRow("form fields")
            << QcFormEditorDialog::tr("The form is valid: %n field(s)", nullptr, 7)
            << "The form is valid: 7 fields";
        QTest::newRow("1 rule") << QcFormEditorDialog::tr(", %n rule(s).", nullptr, 1)
                                << ", 1 rule.";
        const char *wait = "Too many wrong passwords. Try again in %n second(s).";
        QTest::newRow("1 second") << SignInDialog::tr(wait, nullptr, 1)
                                  << "Too many wrong passwords. Try again in 1 second.";
        QTest::newRow("8 seconds") << SignInDialog::tr(wait, nullptr, 8)
                                   << "Too many wrong passwords. Try again in 8 seconds.";
    }
    void pluralsFollowTheCount() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(text, expected);
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
