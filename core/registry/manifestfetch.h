#pragma once

#include "common/error.h"
#include "registry/httpanswer.h"
#include "registry/imagereference.h"
#include "registry/manifest.h"
#include "registry/registrycredentials.h"
#include "registry/registryerror.h"

#include <QObject>
#include <QPointer>
#include <optional>

namespace slipway::registry {

class RegistryCall;
class RegistryClient;

struct ManifestResponse {
    QString digest;    // verified: the hash of the bytes (GET), or Docker-Content-Digest (HEAD)
    QString mediaType; // Content-Type without parameters
    qint64 size = -1;
    QByteArray bytes;                 // GET only
    std::optional<Manifest> manifest; // GET only
    RateLimit rateLimit;              // Docker Hub's headers, when sent

    friend bool operator==(const ManifestResponse&, const ManifestResponse&) = default;
};

// HEAD or GET /v2/<name>/manifests/<tag|digest> with the full Accept list. A GET body must hash to
// Docker-Content-Digest when the registry sends it, and to the requested digest when there is one.
// A HEAD that cannot be trusted or explained (no digest header; 404, 400 or 405 without a body) is
// repeated as a GET, so a missing tag and a missing repository still read as different errors.
class ManifestFetch : public QObject {
    Q_OBJECT

public:
    ManifestFetch(RegistryClient& client, ImageReference reference, bool headOnly,
                  std::optional<RegistryCredentials> credentials, QObject* parent = nullptr);

    void start();
    void cancel();
    // Docker Hub's rate-limit headers of the last answer, also when it was an error (429).
    const RateLimit& rateLimit() const { return m_rateLimit; }

Q_SIGNALS:
    void finished(const slipway::Result<slipway::registry::ManifestResponse>& response);

private:
    void request(bool head);
    void onAnswer(const Result<HttpAnswer>& answer, bool head);
    void finish(Result<ManifestResponse> result);

    RegistryClient& m_client;
    ImageReference m_reference;
    bool m_headOnly;
    std::optional<RegistryCredentials> m_credentials;
    QPointer<RegistryCall> m_call;
    RateLimit m_rateLimit;
    bool m_done = false;
};

} // namespace slipway::registry
