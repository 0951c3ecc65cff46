#pragma once

#include "common/error.h"
#include "docker/buildevents.h"
#include "docker/engineclient.h"
#include "docker/jsonmessagestream.h"
#include "docker/registryauth.h"

#include <QObject>
#include <QPointer>

namespace slipway::docker {

struct PushResult {
    QString imageReference; // registry/name:tag as pushed
    QString digest;         // sha256:... of the manifest in the registry
    qint64 size = 0;        // manifest size when the engine says it

    friend bool operator==(const PushResult&, const PushResult&) = default;
};

// Pushes one local image to its registry through the engine (POST /images/{name}/push) with
// X-Registry-Auth from the lookup. Success needs the pushed digest; an error in the stream (HTTP 200
// notwithstanding) ends it with a classified error (denied, unauthorized, unknown repository, server,
// network). cancel() closes the connection, which stops the engine's push.
class PushJob : public QObject {
    Q_OBJECT

public:
    // `engine` is not owned; it is connected first when it is not ready yet.
    PushJob(EngineClient* engine, QString imageReference, RegistryAuthLookup auth, QObject* parent = nullptr);
    ~PushJob() override;

    void start();
    void cancel();

    const QString& imageReference() const { return m_reference; }

Q_SIGNALS:
    void layerProgress(const slipway::docker::PushLayerProgress& layer);
    // The engine's status lines ("The push refers to repository [...]", "<tag>: digest: ..."), for a log.
    void statusLine(const QString& line);
    // Exactly once.
    void finished(const slipway::Result<slipway::docker::PushResult>& result);

private:
    void push();
    void onMessage(const JsonMessage& message);
    void onRequestFinished(const Result<void>& result);
    void finish(const Result<PushResult>& result);

    QPointer<EngineClient> m_engine;
    QString m_reference;
    RegistryAuthLookup m_auth;
    EngineRequest* m_request = nullptr;
    JsonMessageStream m_stream;
    PushResult m_result;
    QString m_error;
    QByteArray m_errorBody; // an HTTP error answer's body
    bool m_finished = false;
};

} // namespace slipway::docker

Q_DECLARE_METATYPE(slipway::docker::PushResult)
