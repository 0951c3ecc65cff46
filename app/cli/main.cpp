#include "command.h"
#include "output.h"

#include <QCoreApplication>

namespace {

QString usageText() {
    QString text = QStringLiteral("Usage: slipway-cli <command> ...\n\nCommands:\n");
    for (const CliCommand& command : cliCommands())
        text += command.help;
    text +=
        QStringLiteral("\nFILE is an ImageSpec YAML file or a Python file, optionally with a variable: "
                       "workflows/wf.py:image_spec.\n"
                       "Relative paths inside the spec resolve against the current directory, as pyflyte "
                       "resolves them.\n"
                       "Exit codes: 0 ok, 1 failure (invalid spec, failed build, image not pullable, ...), "
                       "2 usage.\n");
    return text;
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("slipway-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Slipway"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SLIPWAY_VERSION));

    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    if (arguments.isEmpty() || arguments.first() == QLatin1String("--help") ||
        arguments.first() == QLatin1String("-h") || arguments.first() == QLatin1String("help")) {
        printOut(usageText());
        return arguments.isEmpty() ? kExitUsage : kExitOk;
    }
    if (arguments.first() == QLatin1String("--version")) {
        printOut(QStringLiteral("slipway-cli %1\n").arg(QCoreApplication::applicationVersion()));
        return kExitOk;
    }
    const QString name = arguments.takeFirst();
    for (const CliCommand& command : cliCommands()) {
        if (command.name == name)
            return command.run(arguments);
    }
    printErr(QStringLiteral("slipway-cli: unknown command '%1'\n\n").arg(name) + usageText());
    return kExitUsage;
}
