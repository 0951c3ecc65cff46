#include "credentials/registrykey.h"

#include <QRegularExpression>

namespace slipway::credentials {

namespace {

const QLatin1StringView kDockerHubServerUrl{"https://index.docker.io/v1/"};

bool isDockerHubHost(const QString& host) {
    return host == kDockerHubKey || host == QLatin1String("index.docker.io") ||
           host == QLatin1String("registry-1.docker.io") || host == QLatin1String("registry.hub.docker.com");
}

// The API version suffixes docker writes after the host in legacy keys.
bool isVersionPath(const QString& path) {
    static const QRegularExpression pattern(QStringLiteral("^(/(v1|v2)?)?/?$"));
    return pattern.match(path).hasMatch();
}

} // namespace

Result<QString> registryKey(const QString& input) {
    QString text = input.trimmed();
    const auto notARegistry = [&input](const QString& why) {
        return fail(QStringLiteral("credentials.bad-registry"),
                    QStringLiteral("'%1' is not a registry: %2.").arg(input, why),
                    QStringLiteral("Give the registry's host name, e.g. ghcr.io, docker.io, "
                                   "myregistry.azurecr.io or 127.0.0.1:5000."));
    };
    if (text.isEmpty())
        return notARegistry(QStringLiteral("it is empty"));
    for (const QLatin1StringView scheme : {QLatin1StringView("https://"), QLatin1StringView("http://")}) {
        if (text.startsWith(scheme, Qt::CaseInsensitive))
            text = text.mid(scheme.size());
    }
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    const QString authority = slash < 0 ? text : text.left(slash);
    const QString path = slash < 0 ? QString() : text.mid(slash);
    if (!isVersionPath(path))
        return notARegistry(
            QStringLiteral("it has a path (%1); log in to the registry, not to an image").arg(path));

    static const QRegularExpression hostPort(QStringLiteral(
        "^(?<host>[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*|\\[[0-9a-f:.]+\\])"
        "(:(?<port>[0-9]{1,5}))?$"));
    const QString lowered = authority.toLower();
    const QRegularExpressionMatch match = hostPort.match(lowered);
    if (!match.hasMatch())
        return notARegistry(QStringLiteral("'%1' is not a host name with an optional port").arg(authority));
    if (!match.captured(u"port").isEmpty() && match.captured(u"port").toInt() > 65535)
        return notARegistry(QStringLiteral("port %1 is out of range").arg(match.captured(u"port")));
    if (isDockerHubHost(match.captured(u"host")) && match.captured(u"port").isEmpty())
        return QString(kDockerHubKey);
    return lowered;
}

QString dockerServerUrl(const QString& registryKey) {
    return registryKey == kDockerHubKey ? QString(kDockerHubServerUrl) : registryKey;
}

} // namespace slipway::credentials
