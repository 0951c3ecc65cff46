#include "registry/manifestfetch.h"

#include "registry/registrycall.h"
#include "registry/registryclient.h"

namespace slipway::registry {

ManifestFetch::ManifestFetch(RegistryClient& client, ImageReference reference, bool headOnly,
                             std::optional<RegistryCredentials> credentials, QObject* parent)
    : QObject(parent), m_client(client), m_reference(std::move(reference)), m_headOnly(headOnly),
      m_credentials(std::move(credentials)) {}

void ManifestFetch::start() {
    request(m_headOnly);
}

void ManifestFetch::cancel() {
    if (m_call)
        m_call->cancel();
    else
        finish(fail(errorcode::kCancelled, QStringLiteral("Cancelled.")));
}

void ManifestFetch::request(bool head) {
    RegistryCall::Spec spec;
    spec.registry = m_reference.registry;
    spec.repository = m_reference.repository;
    spec.credentials = m_credentials;
    spec.method = head ? "HEAD" : "GET";
    spec.path =
        QStringLiteral("/v2/%1/manifests/%2").arg(m_reference.repository, m_reference.manifestReference());
    spec.headers.append({"Accept", manifestAcceptHeader()});
    if (m_call)
        m_call->deleteLater();
    m_call = new RegistryCall(m_client, std::move(spec), this);
    connect(m_call, &RegistryCall::finished, this,
            [this, head](const Result<HttpAnswer>& answer) { onAnswer(answer, head); });
    m_call->start();
}

void ManifestFetch::onAnswer(const Result<HttpAnswer>& answer, bool head) {
    if (!answer)
        return finish(std::unexpected(answer.error()));
    m_rateLimit = parseRateLimit(*answer);
    const QString headerDigest = QString::fromLatin1(answer->header("Docker-Content-Digest")).trimmed();
    if (head) {
        const bool unexplained = (answer->status == 404 || answer->status == 400 || answer->status == 405) &&
                                 answer->body.isEmpty();
        if (unexplained || (answer->ok() && headerDigest.isEmpty()))
            return request(false);
    }
    if (!answer->ok())
        return finish(std::unexpected(errorForAnswer(*answer, m_reference.toString(), m_reference.registry)));

    ManifestResponse response;
    response.mediaType =
        QString::fromLatin1(answer->header("Content-Type")).section(QLatin1Char(';'), 0, 0).trimmed();
    response.rateLimit = m_rateLimit;
    bool sizeKnown = false;
    response.size = answer->header("Content-Length").toLongLong(&sizeKnown);
    if (head) {
        response.digest = headerDigest;
        if (!sizeKnown)
            response.size = -1;
        if (!m_reference.digest.isEmpty() && headerDigest != m_reference.digest)
            return finish(fail(errorcode::kUnexpected,
                               QStringLiteral("%1 answered with digest %2 when asked for %3.")
                                   .arg(m_reference.registry, headerDigest, m_reference.toString()),
                               QStringLiteral("Report this to the registry's operator.")));
        return finish(response);
    }
    const QString subject = QStringLiteral("manifest of ") + m_reference.toString();
    if (!headerDigest.isEmpty() && headerDigest.startsWith(QLatin1String("sha256:"))) {
        if (auto verified = verifyDigest(answer->body, headerDigest, subject); !verified)
            return finish(std::unexpected(verified.error()));
    }
    if (!m_reference.digest.isEmpty()) {
        if (auto verified = verifyDigest(answer->body, m_reference.digest, subject); !verified)
            return finish(std::unexpected(verified.error()));
    }
    auto manifest = Manifest::parse(answer->body, response.mediaType);
    if (!manifest)
        return finish(std::unexpected(manifest.error()));
    response.digest = sha256Digest(answer->body);
    response.size = answer->body.size();
    response.bytes = answer->body;
    response.manifest = std::move(*manifest);
    finish(response);
}

void ManifestFetch::finish(Result<ManifestResponse> result) {
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(result);
}

} // namespace slipway::registry
