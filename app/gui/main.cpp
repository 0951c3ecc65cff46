#include "main/mainwindow.h"
#include "widgets/icons.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QPalette>
#include <QStyleFactory>

namespace {

// For screenshots of the dark theme where the platform has none (Xvfb): Fusion with a dark palette.
void useDarkPalette() {
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette dark;
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xdf, 0xe1, 0xe5);
    dark.setColor(QPalette::Window, window);
    dark.setColor(QPalette::WindowText, text);
    dark.setColor(QPalette::Base, base);
    dark.setColor(QPalette::AlternateBase, window);
    dark.setColor(QPalette::ToolTipBase, window);
    dark.setColor(QPalette::ToolTipText, text);
    dark.setColor(QPalette::Text, text);
    dark.setColor(QPalette::PlaceholderText, QColor(0x8c, 0x90, 0x96));
    dark.setColor(QPalette::Button, window);
    dark.setColor(QPalette::ButtonText, text);
    dark.setColor(QPalette::BrightText, Qt::white);
    dark.setColor(QPalette::Highlight, QColor(0x35, 0x74, 0xf0));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::Link, QColor(0x58, 0x9d, 0xf6));
    dark.setColor(QPalette::Mid, QColor(0x3c, 0x3f, 0x41));
    dark.setColor(QPalette::Dark, QColor(0x19, 0x1a, 0x1c));
    dark.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4b));
    dark.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6f, 0x73, 0x78));
    dark.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6f, 0x73, 0x78));
    dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6f, 0x73, 0x78));
    QApplication::setPalette(dark);
}

} // namespace

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
        useDarkPalette();

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
