#include "credentials/credentialhelperclient.h"

#include "credentials/credentialstore.h"
#include "credentials/futureresult.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QPromise>
#include <QStandardPaths>
#include <QTimer>
#include <memory>

namespace slipway::credentials {

namespace {

const QLatin1StringView kNotFoundMessage{"credentials not found in native keychain"};

// Runs `program action` with `input` on stdin; the future holds stdout on exit status 0. The error
// quotes the helper's stdout only for failures: on success stdout carries the secret.
QFuture<Result<QByteArray>> runHelper(const QString& helperName, const QString& action,
                                      const QByteArray& input) {
    const QString program = CredentialHelperClient::programName(helperName);
    const QString path = QStandardPaths::findExecutable(program);
    if (path.isEmpty())
        return readyFuture<Result<QByteArray>>(fail(
            QStringLiteral("credentials.helper-missing"),
            QStringLiteral("The credential helper %1 is not installed (not found on PATH).").arg(program),
            QStringLiteral("Install %1, or log in to the registry with Slipway instead.").arg(program)));

    auto promise = std::make_shared<QPromise<Result<QByteArray>>>();
    promise->start();
    auto* process = new QProcess;
    auto* timer = new QTimer(process);
    timer->setSingleShot(true);
    const auto finish = [promise, process](Result<QByteArray> result) {
        if (promise->future().isFinished())
            return;
        promise->addResult(std::move(result));
        promise->finish();
        process->deleteLater();
    };
    QObject::connect(timer, &QTimer::timeout, process, [process, program, finish] {
        process->kill();
        finish(fail(
            QStringLiteral("credentials.helper-timeout"),
            QStringLiteral("%1 did not answer within %2 s.")
                .arg(program)
                .arg(CredentialHelperClient::kTimeoutMs / 1000),
            QStringLiteral("It may be waiting for you to unlock something: run `%1 list` in a terminal to "
                           "see what it needs.")
                .arg(program)));
    });
    QObject::connect(
        process, &QProcess::errorOccurred, process, [process, program, finish](QProcess::ProcessError error) {
            if (error == QProcess::FailedToStart)
                finish(fail(QStringLiteral("credentials.helper-failed"),
                            QStringLiteral("Could not start %1: %2").arg(program, process->errorString()),
                            QStringLiteral("Check that %1 is executable.").arg(program)));
        });
    QObject::connect(
        process, &QProcess::finished, process,
        [process, program, action, finish](int exitCode, QProcess::ExitStatus status) {
            const QByteArray output = process->readAllStandardOutput();
            if (status == QProcess::NormalExit && exitCode == 0)
                return finish(output);
            const QString message = QString::fromUtf8(output).trimmed();
            if (message == kNotFoundMessage)
                return finish(fail(QString(kNotFound),
                                   QStringLiteral("%1 has no login for this registry.").arg(program)));
            finish(fail(QStringLiteral("credentials.helper-failed"),
                        QStringLiteral("%1 %2 failed: %3")
                            .arg(program, action,
                                 message.isEmpty() ? QStringLiteral("exit status %1").arg(exitCode)
                                                   : message.left(300)),
                        QStringLiteral("Run `%1 list` in a terminal to see what it needs.").arg(program)));
        });
    process->setProgram(path);
    process->setArguments({action});
    process->setProcessChannelMode(QProcess::SeparateChannels);
    process->start();
    process->write(input);
    process->closeWriteChannel();
    timer->start(CredentialHelperClient::kTimeoutMs);
    return promise->future();
}

Error malformed(const QString& helperName, const QString& action) {
    return {QStringLiteral("credentials.helper-failed"),
            QStringLiteral("%1 %2 answered something that is not the credential helper protocol's JSON.")
                .arg(CredentialHelperClient::programName(helperName), action),
            QStringLiteral("Check that %1 is a docker credential helper.")
                .arg(CredentialHelperClient::programName(helperName)),
            {}};
}

} // namespace

QString CredentialHelperClient::programName(const QString& helperName) {
    return QStringLiteral("docker-credential-") + helperName;
}

QFuture<Result<HelperLogin>> CredentialHelperClient::get(const QString& helperName,
                                                         const QString& serverUrl) {
    return runHelper(helperName, QStringLiteral("get"), serverUrl.toUtf8() + '\n')
        .then([helperName, serverUrl](Result<QByteArray> output) -> Result<HelperLogin> {
            if (!output)
                return std::unexpected(output.error());
            const QJsonObject object = QJsonDocument::fromJson(*output).object();
            if (!object.contains(QStringLiteral("Secret")))
                return std::unexpected(malformed(helperName, QStringLiteral("get")));
            HelperLogin login{serverUrl, object.value(QStringLiteral("Username")).toString(),
                              object.value(QStringLiteral("Secret")).toString(), false};
            if (login.username == QLatin1String("<token>")) {
                login.username.clear();
                login.identityToken = true;
            }
            return login;
        });
}

QFuture<Result<QMap<QString, QString>>> CredentialHelperClient::list(const QString& helperName) {
    return runHelper(helperName, QStringLiteral("list"), {})
        .then([helperName](Result<QByteArray> output) -> Result<QMap<QString, QString>> {
            if (!output)
                return std::unexpected(output.error());
            const QJsonDocument document = QJsonDocument::fromJson(*output);
            if (!document.isObject())
                return std::unexpected(malformed(helperName, QStringLiteral("list")));
            QMap<QString, QString> logins;
            const QJsonObject object = document.object();
            for (auto it = object.begin(); it != object.end(); ++it)
                logins.insert(it.key(), it.value().toString());
            return logins;
        });
}

} // namespace slipway::credentials
