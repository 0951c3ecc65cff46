#include "docker/dockerconfigauth.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace slipway::docker {

namespace {

// config.json keys are "host", "https://host", "https://host/v1/" ...: compare the host part.
QString keyHost(const QString& key) {
    if (key == QLatin1String("https://index.docker.io/v1/"))
        return QStringLiteral("docker.io");
    if (!key.contains(QLatin1String("://")))
        return key.section(u'/', 0, 0);
    const QUrl url(key);
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
}

} // namespace

RegistryAuthLookup dockerConfigAuthLookup(const QProcessEnvironment& environment) {
    const QString directory =
        environment.value(QStringLiteral("DOCKER_CONFIG"), QDir::home().filePath(QStringLiteral(".docker")));
    QFile file(QDir(directory).filePath(QStringLiteral("config.json")));
    QMap<QString, RegistryAuth> byHost;
    if (file.open(QIODevice::ReadOnly)) {
        const QJsonObject auths =
            QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("auths")).toObject();
        for (auto it = auths.begin(); it != auths.end(); ++it) {
            const QJsonObject entry = it.value().toObject();
            RegistryAuth auth;
            auth.serverAddress = it.key();
            const QByteArray decoded =
                QByteArray::fromBase64(entry.value(QStringLiteral("auth")).toString().toLatin1());
            const qsizetype colon = decoded.indexOf(':');
            if (colon > 0) {
                auth.username = QString::fromUtf8(decoded.left(colon));
                auth.password = QString::fromUtf8(decoded.mid(colon + 1));
            }
            auth.identityToken = entry.value(QStringLiteral("identitytoken")).toString();
            if (!auth.username.isEmpty() || !auth.identityToken.isEmpty())
                byHost.insert(keyHost(it.key()), auth);
        }
    }
    return [byHost](const QString& host) -> std::optional<RegistryAuth> {
        const QString key =
            host == QLatin1String("registry-1.docker.io") || host == QLatin1String("index.docker.io")
                ? QStringLiteral("docker.io")
                : host;
        if (auto it = byHost.find(key); it != byHost.end())
            return *it;
        return std::nullopt;
    };
}

} // namespace slipway::docker
