#include "output.h"
#include "speccommand.h"

#include <QCoreApplication>

namespace {

const char* const kUsage = R"(Usage: slipway-cli <command> ...

Commands:
  spec tag FILE          flytekit's tag for the spec
  spec id FILE           flytekit's id (the image's _F_IMG_ID)
  spec image FILE        the full image reference registry/name:tag
  spec dockerfile FILE   the Dockerfile flytekit's default builder would write
                         [--dialect buildkit|classic] [--installer uv|pip] [--no-flytekit]
                         [--flytekit-version V] [--no-syntax-line]
  spec context FILE -o OUT.tar   the build context as a tar (OUT '-' for stdout), same options
  spec validate FILE [--json]    problems with the spec, each with its fix
  spec show FILE [--json]        arguments, resolved values, id, tag, image and problems

FILE is an ImageSpec YAML file or a Python file, optionally with a variable: workflows/wf.py:image_spec.
Relative paths inside the spec resolve against the current directory, as pyflyte resolves them.
Exit codes: 0 ok, 1 invalid or unhashable spec, 2 usage.
)";

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
        printOut(QString::fromUtf8(kUsage));
        return arguments.isEmpty() ? kExitUsage : kExitOk;
    }
    if (arguments.first() == QLatin1String("--version")) {
        printOut(QStringLiteral("slipway-cli %1\n").arg(QCoreApplication::applicationVersion()));
        return kExitOk;
    }
    const QString command = arguments.takeFirst();
    if (command == QLatin1String("spec"))
        return runSpecCommand(arguments);
    printErr(QStringLiteral("slipway-cli: unknown command '%1'\n\n").arg(command) +
             QString::fromUtf8(kUsage));
    return kExitUsage;
}
