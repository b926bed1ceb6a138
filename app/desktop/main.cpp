#include "appsettings.h"
#include "dashboardpage.h"
#include "mainwindow.h"
#include "reportpdf.h"
#include "reports/reportwriters.h"
#include "reportspage.h"
#include "sensorspage.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <QTimer>

#include <cstdio>

int main(int argc, char **argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("AgroDesk"));
    QApplication::setOrganizationName(QStringLiteral("AgroDesk"));
    QApplication::setApplicationVersion(QStringLiteral(AGRODESK_VERSION));
    agro::ui::installTranslations(app);
    agro::reports::setPdfWriter(&agro::render::writeReportPdf);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "AgroDesk desktop"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("workspace"),
                                 QApplication::translate("main", "Workspace file to open."),
                                 QStringLiteral("[WORKSPACE]"));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QApplication::translate("main", "Open the demo workspace."));
    const QCommandLineOption shot(
        QStringLiteral("screenshot"),
        QApplication::translate("main",
                                "Save the window as a PNG once the dashboard shows, then quit."),
        QStringLiteral("file"));
    const QCommandLineOption area(
        QStringLiteral("area"),
        QApplication::translate("main",
                                "Open at an area: dashboard, costs, records, forecasts, restock, "
                                "alerts, quality, sensors, conditions (Sensors → Conditions "
                                "and QC) or reports."),
        QStringLiteral("name"));
    parser.addOptions({demo, shot, area});
    parser.process(app);

    QSettings qsettings;
    agro::ui::AppSettings settings(&qsettings);
    agro::ui::MainWindow window(settings);
    window.show();

    static const QStringList areas{QStringLiteral("dashboard"),  QStringLiteral("costs"),
                                   QStringLiteral("records"),    QStringLiteral("forecasts"),
                                   QStringLiteral("restock"),    QStringLiteral("alerts"),
                                   QStringLiteral("quality"),    QStringLiteral("sensors"),
                                   QStringLiteral("conditions"), QStringLiteral("reports")};
    const int areaIndex = parser.isSet(area) ? int(areas.indexOf(parser.value(area))) : 0;
    if (areaIndex < 0) {
        std::fprintf(
            stderr, "%s\n",
            qPrintable(
                QApplication::translate("main", "unknown area: %1").arg(parser.value(area))));
        return 2;
    }
    if (areaIndex > 0) {
        QObject::connect(
            window.dashboard(), &agro::ui::DashboardPage::loaded, &window,
            [&window, areaIndex] {
                // "conditions" is a tab of Sensors; "reports" comes after it in the list.
                window.showArea(areaIndex == 9 ? 8 : std::min(areaIndex, 7));
                if (areaIndex == 8)
                    window.sensors()->showTab(1);
                if (areaIndex == 9)
                    window.reports()->preview();
            },
            Qt::SingleShotConnection);
    }
    if (parser.isSet(shot)) {
        const QString file = parser.value(shot);
        // Another area loads after the dashboard: give it time to fetch and lay out.
        const int delay = areaIndex > 0 ? 4000 : 300;
        // The file is captured by value: this block ends long before the dashboard loads.
        QObject::connect(
            window.dashboard(), &agro::ui::DashboardPage::loaded, &window,
            [&window, file, delay] {
                QTimer::singleShot(delay, &window, [&window, file] {
                    const bool saved = window.grab().save(file);
                    std::fprintf(stderr, "%s\n", saved ? "screenshot saved" : "screenshot failed");
                    QApplication::exit(saved ? 0 : 1);
                });
            },
            Qt::SingleShotConnection);
        QObject::connect(&window, &agro::ui::MainWindow::workspaceFailed, &app,
                         [] { QApplication::exit(1); });
    }
    const QStringList args = parser.positionalArguments();
    if (parser.isSet(demo))
        window.openDemoWorkspace();
    else
        window.openInitial(args.isEmpty() ? QString() : args.front());
    return app.exec();
}
