#include "registry/blobfetch.h"

#include "registry/manifest.h"
#include "registry/registrycall.h"
#include "registry/registryclient.h"
#include "registry/registryerror.h"

namespace slipway::registry {

BlobFetch::BlobFetch(RegistryClient& client, ImageReference repository, QString digest,
                     std::optional<RegistryCredentials> credentials, qint64 maxBytes, QObject* parent)
    : QObject(parent), m_client(client), m_repository(std::move(repository)), m_digest(std::move(digest)),
      m_credentials(std::move(credentials)), m_maxBytes(maxBytes) {}

void BlobFetch::start() {
    RegistryCall::Spec spec;
    spec.registry = m_repository.registry;
    spec.repository = m_repository.repository;
    spec.credentials = m_credentials;
    spec.path = QStringLiteral("/v2/%1/blobs/%2").arg(m_repository.repository, m_digest);
    spec.maxBodyBytes = m_maxBytes;
    m_call = new RegistryCall(m_client, std::move(spec), this);
    connect(m_call, &RegistryCall::finished, this, &BlobFetch::onAnswer);
    m_call->start();
}

void BlobFetch::cancel() {
    if (m_call)
        m_call->cancel();
}

void BlobFetch::onAnswer(const Result<HttpAnswer>& answer) {
    if (!answer)
        return Q_EMIT finished(std::unexpected(answer.error()));
    const QString subject =
        QStringLiteral("blob %1 of %2/%3").arg(m_digest, m_repository.registry, m_repository.repository);
    if (!answer->ok())
        return Q_EMIT finished(std::unexpected(errorForAnswer(*answer, subject, m_repository.registry)));
    if (auto verified = verifyDigest(answer->body, m_digest, subject); !verified)
        return Q_EMIT finished(std::unexpected(verified.error()));
    Q_EMIT finished(answer->body);
}

} // namespace slipway::registry
