// docker-credential-slipway: a docker credential helper (docker-credential-helpers protocol) backed
// by Slipway's keychain entries, so docker, pyflyte and buildx use the logins Slipway stores when
// config.json says "credsStore": "slipway". One action per run: store, get, erase, list, version.
#include "credentials/helperaction.h"
#include "credentials/keychaincredentialstore.h"

#include <QCoreApplication>
#include <QFile>
#include <QTimer>
#include <cstdio>

using namespace slipway::credentials;

namespace {

void writeStdout(const QByteArray& bytes) {
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
    std::fflush(stdout);
}

QByteArray readStdin() {
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly))
        return {};
    return input.readAll();
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("docker-credential-slipway"));
    QCoreApplication::setOrganizationName(QStringLiteral("Slipway"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SLIPWAY_VERSION));

    const QStringList arguments = QCoreApplication::arguments().mid(1);
    if (arguments.size() != 1) {
        // The protocol wants errors on stdout.
        writeStdout("Usage: docker-credential-slipway <store|get|erase|list|version>\n"
                    "Reads its input on stdin as the docker credential helper protocol says; the docker "
                    "CLI runs it when ~/.docker/config.json has \"credsStore\": \"slipway\".\n");
        return 1;
    }
    const QString action = arguments.first();
    if (action == QLatin1String("version")) {
        writeStdout(QStringLiteral("docker-credential-slipway (Slipway) %1\n").arg(SLIPWAY_VERSION).toUtf8());
        return 0;
    }
    // `list` gets nothing meaningful on stdin; reading it anyway could wait on a terminal.
    const QByteArray input = action == QLatin1String("list") ? QByteArray() : readStdin();

    KeychainCredentialStore store;
    // Started from the running event loop: an answer that is ready at once (a refused input) must
    // still reach a loop that QCoreApplication::exit() can end.
    QTimer::singleShot(0, &app, [&app, &store, &action, &input] {
        runHelperAction(action, input, store)
            .then(&app,
                  [](const HelperReply& reply) {
                      writeStdout(reply.output);
                      QCoreApplication::exit(reply.exitCode);
                  })
            .onCanceled(&app, [] {
                writeStdout("the keychain request was cancelled\n");
                QCoreApplication::exit(1);
            });
    });
    return QCoreApplication::exec();
}
