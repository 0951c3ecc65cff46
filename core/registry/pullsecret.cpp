#include "registry/pullsecret.h"

#include "registry/imagereference.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace slipway::registry {

namespace {

const QString kFix = QStringLiteral(
    "Give the content of a kubernetes.io/dockerconfigjson secret, e.g. from kubectl get secret NAME -o "
    "jsonpath='{.data.\\.dockerconfigjson}' | base64 -d > secret.json");

bool hostMatches(const QString& pattern, const QString& host) {
    const QStringList patternLabels = pattern.split(QLatin1Char('.'));
    const QStringList hostLabels = host.split(QLatin1Char('.'));
    if (patternLabels.size() != hostLabels.size())
        return false;
    for (qsizetype i = 0; i < patternLabels.size(); ++i) {
        const QString& label = patternLabels.at(i);
        if (label == QLatin1String("*"))
            continue;
        if (label.startsWith(QLatin1Char('*'))) {
            if (!hostLabels.at(i).endsWith(label.mid(1)))
                return false;
        } else if (label != hostLabels.at(i)) {
            return false;
        }
    }
    return true;
}

// The key's path below the host, without the legacy /v1/ or /v2/ API markers.
QString keyPath(const QString& key) {
    QString rest = key.contains(QLatin1String("://")) ? key.section(QLatin1String("://"), 1) : key;
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    QString path = slash < 0 ? QString() : rest.mid(slash + 1);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (path == QLatin1String("v1") || path == QLatin1String("v2"))
        path.clear();
    return path;
}

Result<RegistryCredentials> entryCredentials(const QJsonObject& entry, const QString& key) {
    RegistryCredentials credentials;
    const QString auth = entry.value(QStringLiteral("auth")).toString();
    if (!auth.isEmpty()) {
        const QString decoded = QString::fromUtf8(QByteArray::fromBase64(auth.toLatin1()));
        const qsizetype colon = decoded.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            return fail(QStringLiteral("registry.pull-secret.auth"),
                        QStringLiteral("The pull secret's entry for %1 has an 'auth' that is not base64 of "
                                       "user:password.")
                            .arg(key),
                        kFix);
        credentials.username = decoded.left(colon);
        credentials.secret = decoded.mid(colon + 1);
        return credentials;
    }
    credentials.username = entry.value(QStringLiteral("username")).toString();
    credentials.secret = entry.value(QStringLiteral("password")).toString();
    if (credentials.username.isEmpty() || credentials.secret.isEmpty())
        return fail(
            QStringLiteral("registry.pull-secret.auth"),
            QStringLiteral("The pull secret's entry for %1 has neither 'auth' nor username and password.")
                .arg(key),
            kFix);
    return credentials;
}

// The secret's `auths` object, from a dockerconfigjson or a whole Secret object.
Result<QJsonObject> authsOf(const QByteArray& content) {
    QJsonObject root = QJsonDocument::fromJson(content).object();
    // A whole Secret object: the config is base64 under data.
    const QJsonObject data = root.value(QStringLiteral("data")).toObject();
    if (data.contains(QStringLiteral(".dockerconfigjson")))
        root =
            QJsonDocument::fromJson(
                QByteArray::fromBase64(data.value(QStringLiteral(".dockerconfigjson")).toString().toLatin1()))
                .object();
    if (!root.value(QStringLiteral("auths")).isObject())
        return fail(QStringLiteral("registry.pull-secret.format"),
                    QStringLiteral("The pull secret is not a Docker config with an 'auths' object."), kFix);
    return root.value(QStringLiteral("auths")).toObject();
}

} // namespace

Result<QStringList> pullSecretRegistries(const QByteArray& content) {
    const auto auths = authsOf(content);
    if (!auths)
        return std::unexpected(auths.error());
    if (auths->isEmpty())
        return fail(QStringLiteral("registry.pull-secret.format"),
                    QStringLiteral("The pull secret's 'auths' holds no registry."), kFix);
    for (auto it = auths->begin(); it != auths->end(); ++it) {
        if (auto credentials = entryCredentials(it.value().toObject(), it.key()); !credentials)
            return std::unexpected(credentials.error());
    }
    return auths->keys();
}

QByteArray dockerConfigJsonFor(const QString& serverUrl, const RegistryCredentials& credentials) {
    const QJsonObject entry{
        {QStringLiteral("username"), credentials.username},
        {QStringLiteral("password"), credentials.secret},
        {QStringLiteral("auth"),
         QString::fromLatin1(
             (credentials.username + QLatin1Char(':') + credentials.secret).toUtf8().toBase64())}};
    const QJsonObject root{{QStringLiteral("auths"), QJsonObject{{serverUrl, entry}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

Result<std::optional<RegistryCredentials>>
credentialsFromPullSecret(const QByteArray& content, const QString& registry, const QString& repository) {
    const auto parsed = authsOf(content);
    if (!parsed)
        return std::unexpected(parsed.error());
    const QJsonObject& auths = *parsed;
    const QString wantedHost = normaliseRegistryHost(registry);
    // Kubelet tries the most specific key first: an exact host before a wildcard, a longer path first.
    QString bestKey;
    int bestScore = -1;
    for (auto it = auths.begin(); it != auths.end(); ++it) {
        const QString host = normaliseRegistryHost(it.key());
        if (!hostMatches(host, wantedHost))
            continue;
        const QString path = keyPath(it.key());
        if (!path.isEmpty() && repository != path && !repository.startsWith(path + QLatin1Char('/')))
            continue;
        const int score = static_cast<int>(path.size()) * 2 + (host.contains(QLatin1Char('*')) ? 0 : 1);
        if (score > bestScore) {
            bestScore = score;
            bestKey = it.key();
        }
    }
    if (bestScore < 0)
        return std::optional<RegistryCredentials>();
    auto credentials = entryCredentials(auths.value(bestKey).toObject(), bestKey);
    if (!credentials)
        return std::unexpected(credentials.error());
    return std::optional(*credentials);
}

} // namespace slipway::registry
