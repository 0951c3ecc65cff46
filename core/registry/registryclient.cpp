#include "registry/registryclient.h"

#include "registry/blobfetch.h"
#include "registry/loginverification.h"
#include "registry/manifestfetch.h"

namespace slipway::registry {

RegistryClient::RegistryClient(QObject* parent) : QObject(parent), m_transport(this) {}

void RegistryClient::setHostOptions(const QString& registry, RegistryHostOptions options) {
    m_transport.setHostOptions(apiHostOf(registry), std::move(options));
    // A new CA or insecure flag may change what the ping finds.
    m_endpoints.remove(apiHostOf(registry));
    m_remembered.remove(apiHostOf(registry));
}

void RegistryClient::rememberConfigPlatformsIn(ConfigPlatformStore store) {
    m_configPlatforms = std::move(store);
}

void RegistryClient::rememberEndpointsIn(RegistryEndpointStore store) {
    m_remembered = store.load();
    m_store = std::move(store);
}

ManifestFetch* RegistryClient::fetchManifest(const ImageReference& reference, bool headOnly,
                                             std::optional<RegistryCredentials> credentials,
                                             QObject* parent) {
    return new ManifestFetch(*this, reference, headOnly, std::move(credentials), parent ? parent : this);
}

BlobFetch* RegistryClient::fetchBlob(const ImageReference& repository, const QString& digest,
                                     std::optional<RegistryCredentials> credentials, qint64 maxBytes,
                                     QObject* parent) {
    return new BlobFetch(*this, repository, digest, std::move(credentials), maxBytes, parent ? parent : this);
}

LoginVerification* RegistryClient::verifyLogin(const QString& registry, const QString& repository,
                                               const RegistryCredentials& credentials, QObject* parent) {
    return new LoginVerification(*this, registry, repository, credentials, parent ? parent : this);
}

std::optional<RegistryEndpoint> RegistryClient::knownEndpoint(const QString& apiHost) const {
    const auto it = m_endpoints.constFind(apiHost);
    if (it == m_endpoints.cend())
        return std::nullopt;
    return *it;
}

void RegistryClient::rememberEndpoint(const QString& apiHost, RegistryEndpoint endpoint) {
    if (m_store && m_remembered.value(apiHost) != endpoint) {
        m_remembered.insert(apiHost, endpoint);
        m_store->save(m_remembered);
    }
    m_endpoints.insert(apiHost, std::move(endpoint));
}

std::optional<RegistryEndpoint> RegistryClient::rememberedEndpoint(const QString& apiHost) const {
    const auto it = m_remembered.constFind(apiHost);
    if (it == m_remembered.cend())
        return std::nullopt;
    return *it;
}

void RegistryClient::forgetRememberedEndpoint(const QString& apiHost) {
    if (m_remembered.remove(apiHost) > 0 && m_store)
        m_store->save(m_remembered);
}

} // namespace slipway::registry
