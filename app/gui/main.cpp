#include "main/mainwindow.h"
#include "widgets/darkpalette.h"
#include "widgets/icons.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Slipway"));
    QApplication::setApplicationName(QStringLiteral("slipway"));
    QApplication::setApplicationDisplayName(QStringLiteral("Slipway"));
    QApplication::setApplicationVersion(QStringLiteral(SLIPWAY_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("slipway"));
    QApplication::setWindowIcon(slipway::ui::icon(slipway::ui::IconName::App));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Specify, build, push and check Flyte ImageSpec images."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("folder"), QStringLiteral("Project folder to open."),
                                 QStringLiteral("[FOLDER]"));
    // For screenshots and demos: show a spec's details without a click.
    QCommandLineOption selectFirstSpec(QStringLiteral("select-first-spec"));
    selectFirstSpec.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(selectFirstSpec);
    QCommandLineOption darkPalette(QStringLiteral("dark-palette"));
    darkPalette.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(darkPalette);
    parser.process(app);
    if (parser.isSet(darkPalette))
        slipway::ui::useDarkPalette();

    slipway::ui::MainWindow window;
    if (parser.isSet(selectFirstSpec))
        window.selectFirstSpecWhenScanned();
    const QStringList folders = parser.positionalArguments();
    if (folders.isEmpty())
        window.openLastProject();
    else
        window.openProject(folders.first());
    window.show();
    return QApplication::exec();
}
