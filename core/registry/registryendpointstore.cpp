#include "registry/registryendpointstore.h"

#include "common/cachefile.h"

#include <QDir>
#include <QJsonObject>
#include <QStandardPaths>

namespace slipway::registry {

namespace {

constexpr int kFormat = 1;
constexpr qint64 kMaxFileBytes = 256 * 1024;

// The parts of a /v2/ challenge that describe the registry, not one request's answer.
bool describesRegistry(const QString& name) {
    return name != QLatin1String("scope") && name != QLatin1String("error") &&
           name != QLatin1String("error_description");
}

QJsonObject toJson(const RegistryEndpoint& endpoint) {
    QJsonObject object{{QStringLiteral("base"), endpoint.base.toString()}};
    if (endpoint.challenge) {
        QJsonObject params;
        for (const auto& [name, value] : endpoint.challenge->params)
            if (describesRegistry(name))
                params.insert(name, value);
        object.insert(QStringLiteral("challenge"),
                      QJsonObject{{QStringLiteral("scheme"), endpoint.challenge->scheme},
                                  {QStringLiteral("params"), params}});
    }
    return object;
}

std::optional<RegistryEndpoint> fromJson(const QJsonObject& object) {
    RegistryEndpoint endpoint;
    endpoint.base = QUrl(object.value(QStringLiteral("base")).toString());
    const QString scheme = endpoint.base.scheme();
    if (!endpoint.base.isValid() || endpoint.base.host().isEmpty() ||
        (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
        return std::nullopt;
    if (const QJsonValue challenge = object.value(QStringLiteral("challenge")); challenge.isObject()) {
        AuthChallenge parsed;
        parsed.scheme = challenge[QStringLiteral("scheme")].toString();
        const QJsonObject params = challenge[QStringLiteral("params")].toObject();
        for (auto it = params.begin(); it != params.end(); ++it)
            parsed.params.append({it.key(), it.value().toString()});
        if (!parsed.isBearer() && !parsed.isBasic())
            return std::nullopt;
        if (parsed.isBearer() && !QUrl(parsed.realm()).isValid())
            return std::nullopt;
        endpoint.challenge = std::move(parsed);
    }
    return endpoint;
}

} // namespace

RegistryEndpointStore::RegistryEndpointStore(QString path) : m_path(std::move(path)) {}

QString RegistryEndpointStore::defaultPath() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation))
        .filePath(QStringLiteral("slipway/registry-endpoints.json"));
}

QHash<QString, RegistryEndpoint> RegistryEndpointStore::load() const {
    QHash<QString, RegistryEndpoint> endpoints;
    const auto root = readCacheFile(m_path, kFormat, kMaxFileBytes);
    if (!root)
        return endpoints;
    const QJsonObject hosts = root->value(QStringLiteral("endpoints")).toObject();
    for (auto it = hosts.begin(); it != hosts.end() && endpoints.size() < kMaxHosts; ++it)
        if (auto endpoint = fromJson(it.value().toObject()))
            endpoints.insert(it.key(), std::move(*endpoint));
    return endpoints;
}

void RegistryEndpointStore::save(const QHash<QString, RegistryEndpoint>& endpoints) const {
    QJsonObject hosts;
    for (auto it = endpoints.begin(); it != endpoints.end() && hosts.size() < kMaxHosts; ++it)
        hosts.insert(it.key(), toJson(it.value()));
    writeCacheFile(m_path, kFormat, QJsonObject{{QStringLiteral("endpoints"), hosts}});
}

} // namespace slipway::registry
