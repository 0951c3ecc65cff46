#include "docker/pusherror.h"

#include "docker/registryauth.h"

#include <QRegularExpression>

namespace slipway::docker {

namespace {

bool matches(const QString& text, const char* pattern) {
    return QRegularExpression(QString::fromLatin1(pattern), QRegularExpression::CaseInsensitiveOption)
        .match(text)
        .hasMatch();
}

} // namespace

Error classifyPushError(const QString& engineMessage, const QString& imageReference) {
    const QString host = registryHostOf(imageReference);
    const QString repository = splitTag(imageReference).first;
    const QString path = repository.mid(repository.indexOf(u'/') + 1);
    Error error;
    error.detail = engineMessage;
    if (matches(engineMessage, "does not exist locally|No such image")) {
        error.code = QStringLiteral("push-no-image");
        error.message = QStringLiteral("there is no local image %1 to push").arg(imageReference);
        error.fix = QStringLiteral("build the image first");
    } else if (matches(engineMessage, "toomanyrequests|rate limit")) {
        error.code = QStringLiteral("push-rate-limited");
        error.message = QStringLiteral("%1 is rate-limiting requests").arg(host);
        error.fix = QStringLiteral("wait a few minutes and push again, or log in to get a higher limit");
    } else if (matches(engineMessage,
                       "name unknown|repository does not exist|NAME_UNKNOWN|repository .* not found")) {
        error.code = QStringLiteral("push-unknown-repository");
        error.message = QStringLiteral("the repository %1 does not exist on %2").arg(path, host);
        error.fix =
            host.contains(QLatin1String(".ecr."))
                ? QStringLiteral("create it first: `aws ecr create-repository --repository-name %1`")
                      .arg(path)
                : QStringLiteral("create the repository in the registry's web interface (some registries, "
                                 "like Amazon ECR, do not create repositories on push), then push again");
    } else if (matches(engineMessage, "denied|forbidden|insufficient_scope")) {
        error.code = QStringLiteral("push-denied");
        error.message =
            QStringLiteral("%1 refused the push to %2: your account may not write there").arg(host, path);
        error.fix =
            QStringLiteral("check the registry and name in the spec, and that the credentials saved for "
                           "%1 have push (write) access to %2")
                .arg(host, path);
    } else if (matches(engineMessage, "unauthorized|authentication required|no basic auth credentials|401")) {
        error.code = QStringLiteral("push-unauthorized");
        error.message = QStringLiteral("%1 wants you to log in before pushing").arg(host);
        error.fix =
            QStringLiteral("add credentials for %1 (Slipway's credential wizard, or `docker login %1`), "
                           "then push again")
                .arg(host);
    } else if (matches(engineMessage, "status: 5\\d\\d|\\b5\\d\\d (Internal Server Error|Bad Gateway|Service "
                                      "Unavailable|Gateway Timeout)|internal server error")) {
        error.code = QStringLiteral("push-registry-error");
        error.message =
            QStringLiteral("%1 failed while receiving the image (a server error on its side)").arg(host);
        error.fix =
            QStringLiteral("push again in a moment; if it keeps failing, check the registry's status page "
                           "or logs");
    } else if (matches(engineMessage, "dial tcp|connection refused|no such host|i/o timeout|connection reset|"
                                      "EOF|TLS handshake|network is unreachable|server gave HTTP response")) {
        error.code = QStringLiteral("push-network");
        error.message = QStringLiteral("the Docker engine could not reach %1").arg(host);
        error.fix = QStringLiteral("check the registry address, your network and proxy settings (the engine "
                                   "connects, not Slipway), then push again");
    } else {
        error.code = QStringLiteral("push-failed");
        error.message = QStringLiteral("pushing %1 failed: %2").arg(imageReference, engineMessage);
        error.fix = QStringLiteral("check the message above; push again once it is fixed");
    }
    return error;
}

} // namespace slipway::docker
