#pragma once

#include "common/error.h"
#include "registry/httpanswer.h"
#include "registry/imagereference.h"
#include "registry/registrycredentials.h"

#include <QObject>
#include <QPointer>
#include <optional>

namespace slipway::registry {

class RegistryCall;
class RegistryClient;

// GET /v2/<name>/blobs/<digest> into memory (configs; layers are streamed elsewhere). Redirects to
// blob storage are followed without the registry's Authorization; the bytes must hash to `digest`.
class BlobFetch : public QObject {
    Q_OBJECT

public:
    BlobFetch(RegistryClient& client, ImageReference repository, QString digest,
              std::optional<RegistryCredentials> credentials, qint64 maxBytes, QObject* parent = nullptr);

    void start();
    void cancel();

Q_SIGNALS:
    void finished(const slipway::Result<QByteArray>& blob);

private:
    void onAnswer(const Result<HttpAnswer>& answer);

    RegistryClient& m_client;
    ImageReference m_repository;
    QString m_digest;
    std::optional<RegistryCredentials> m_credentials;
    qint64 m_maxBytes;
    QPointer<RegistryCall> m_call;
};

} // namespace slipway::registry
