#pragma once

#include "registry/authchallenge.h"
#include "registry/configplatformstore.h"
#include "registry/imagereference.h"
#include "registry/registrycredentials.h"
#include "registry/registryendpointstore.h"
#include "registry/registryhost.h"
#include "registry/registrytransport.h"
#include "registry/tokencache.h"

#include <QHash>
#include <QObject>
#include <QUrl>
#include <optional>

namespace slipway::registry {

class BlobFetch;
class LoginVerification;
class ManifestFetch;

// A client for OCI distribution registries (Docker Hub, GHCR, ECR, GAR, ACR, Quay, docker-registry)
// on QNetworkAccessManager. It owns what requests share: the transport (TLS options per host, request
// count), what pings found per host, and the token cache. Operations are job objects made here and
// started by the caller after connecting to their finished() signal; results are Result<T> values.
// Jobs belong to `parent`, or to the client when none is given, and must not outlive the client.
// Everything runs on the thread that owns the client; nothing blocks.
class RegistryClient : public QObject {
    Q_OBJECT

public:
    explicit RegistryClient(QObject* parent = nullptr);

    // Keep what pings find in `store` and start with what it remembers from earlier runs.
    void rememberEndpointsIn(RegistryEndpointStore store);
    // Keep the platforms of image configs read (by digest) in `store`; see ConfigPlatformStore.
    void rememberConfigPlatformsIn(ConfigPlatformStore store);
    // Null unless rememberConfigPlatformsIn was called.
    ConfigPlatformStore* configPlatforms() { return m_configPlatforms ? &*m_configPlatforms : nullptr; }

    // `registry` as in an image reference; Docker Hub's names all share one entry.
    void setHostOptions(const QString& registry, RegistryHostOptions options);
    // Every HTTP request made so far (pings, tokens, manifests, blobs, redirects followed).
    int requestCount() const { return m_transport.requestCount(); }

    // HEAD or GET of the reference's manifest (tag or digest), verified against its digest.
    ManifestFetch* fetchManifest(const ImageReference& reference, bool headOnly,
                                 std::optional<RegistryCredentials> credentials, QObject* parent = nullptr);
    // A blob of the reference's repository (a config), redirects followed without Authorization
    // across hosts, verified against `digest`. `maxBytes` guards memory: configs are small.
    BlobFetch* fetchBlob(const ImageReference& repository, const QString& digest,
                         std::optional<RegistryCredentials> credentials, qint64 maxBytes = 4 * 1024 * 1024,
                         QObject* parent = nullptr);
    // A real login test for the credential wizard: with `repository` set, asks for pull,push on it
    // and starts (then cancels) a blob upload, which only succeeds with push permission; without,
    // checks that the registry accepts the credentials at all. Fails with the registry's own reason.
    LoginVerification* verifyLogin(const QString& registry, const QString& repository,
                                   const RegistryCredentials& credentials, QObject* parent = nullptr);

    // Shared state for the jobs (RegistryCall and friends).
    RegistryTransport& transport() { return m_transport; }
    TokenCache& tokens() { return m_tokens; }
    // What a ping found in this run.
    std::optional<RegistryEndpoint> knownEndpoint(const QString& apiHost) const;
    void rememberEndpoint(const QString& apiHost, RegistryEndpoint endpoint);
    // What a ping found in an earlier run (the store), unconfirmed in this one.
    std::optional<RegistryEndpoint> rememberedEndpoint(const QString& apiHost) const;
    void forgetRememberedEndpoint(const QString& apiHost);

private:
    RegistryTransport m_transport;
    TokenCache m_tokens;
    QHash<QString, RegistryEndpoint> m_endpoints;
    QHash<QString, RegistryEndpoint> m_remembered;
    std::optional<RegistryEndpointStore> m_store;
    std::optional<ConfigPlatformStore> m_configPlatforms;
};

} // namespace slipway::registry
