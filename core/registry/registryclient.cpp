#include "registry/registryclient.h"

#include "registry/blobfetch.h"
#include "registry/loginverification.h"
#include "registry/manifestfetch.h"

namespace slipway::registry {

RegistryClient::RegistryClient(QObject* parent) : QObject(parent), m_transport(this) {}

void RegistryClient::setHostOptions(const QString& registry, RegistryHostOptions options) {
    m_transport.setHostOptions(apiHostOf(registry), std::move(options));
    m_endpoints.remove(apiHostOf(registry)); // a new CA or insecure flag may change what the ping finds
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
    m_endpoints.insert(apiHost, std::move(endpoint));
}

} // namespace slipway::registry
