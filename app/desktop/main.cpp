#include "appsettings.h"
#include "dashboardpage.h"
#include "mainwindow.h"

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
    parser.addOptions({demo, shot});
    parser.process(app);

    QSettings qsettings;
    agro::ui::AppSettings settings(&qsettings);
    agro::ui::MainWindow window(settings);
    window.show();

    if (parser.isSet(shot)) {
        const QString file = parser.value(shot);
        QObject::connect(window.dashboard(), &agro::ui::DashboardPage::loaded, &window, [&] {
            QTimer::singleShot(300, &window, [&] {
                const bool saved = window.grab().save(file);
                std::fprintf(stderr, "%s\n", saved ? "screenshot saved" : "screenshot failed");
                QApplication::exit(saved ? 0 : 1);
            });
        });
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
