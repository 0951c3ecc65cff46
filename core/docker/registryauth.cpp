#include "docker/registryauth.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace slipway::docker {

namespace {

QJsonObject authObject(const RegistryAuth& auth) {
    QJsonObject object;
    if (!auth.identityToken.isEmpty()) {
        object.insert(QStringLiteral("identitytoken"), auth.identityToken);
    } else {
        object.insert(QStringLiteral("username"), auth.username);
        object.insert(QStringLiteral("password"), auth.password);
    }
    object.insert(QStringLiteral("serveraddress"), auth.serverAddress);
    return object;
}

QByteArray encode(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toBase64(QByteArray::Base64UrlEncoding);
}

} // namespace

QByteArray encodeRegistryAuth(const std::optional<RegistryAuth>& auth) {
    return encode(auth ? authObject(*auth) : QJsonObject());
}

QByteArray encodeRegistryConfig(const QMap<QString, RegistryAuth>& auths) {
    QJsonObject object;
    for (auto it = auths.begin(); it != auths.end(); ++it)
        object.insert(it.key(), authObject(it.value()));
    return encode(object);
}

bool hasRegistryHost(const QString& imageReference) {
    const qsizetype slash = imageReference.indexOf(u'/');
    if (slash < 0)
        return false;
    const QString first = imageReference.left(slash);
    return first.contains(u'.') || first.contains(u':') || first == QLatin1String("localhost");
}

QString registryHostOf(const QString& imageReference) {
    return hasRegistryHost(imageReference) ? imageReference.left(imageReference.indexOf(u'/'))
                                           : QStringLiteral("docker.io");
}

std::pair<QString, QString> splitTag(const QString& imageReference) {
    const QString withoutDigest = imageReference.section(u'@', 0, 0);
    const qsizetype colon = withoutDigest.lastIndexOf(u':');
    if (colon > withoutDigest.lastIndexOf(u'/'))
        return {withoutDigest.left(colon), withoutDigest.mid(colon + 1)};
    return {withoutDigest, QStringLiteral("latest")};
}

} // namespace slipway::docker
