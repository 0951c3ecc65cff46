#include "docker/pushjob.h"

#include "docker/pusherror.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

namespace slipway::docker {

namespace {

PushLayerProgress::State layerState(const QString& status) {
    if (status == QLatin1String("Preparing"))
        return PushLayerProgress::State::Preparing;
    if (status == QLatin1String("Waiting"))
        return PushLayerProgress::State::Waiting;
    if (status == QLatin1String("Pushed"))
        return PushLayerProgress::State::Pushed;
    if (status == QLatin1String("Layer already exists"))
        return PushLayerProgress::State::AlreadyExists;
    if (status.startsWith(QLatin1String("Mounted from")))
        return PushLayerProgress::State::Mounted;
    return PushLayerProgress::State::Pushing; // "Pushing", "Retrying in N seconds"
}

} // namespace

PushJob::PushJob(EngineClient* engine, QString imageReference, RegistryAuthLookup auth, QObject* parent)
    : QObject(parent), m_engine(engine), m_reference(std::move(imageReference)), m_auth(std::move(auth)) {
    m_result.imageReference = m_reference;
}

PushJob::~PushJob() {
    m_finished = true;
    delete m_request;
}

void PushJob::start() {
    if (!m_engine) {
        finish(fail(QStringLiteral("engine-unreachable"), QStringLiteral("no Docker engine to push with")));
        return;
    }
    if (m_engine->isReady()) {
        push();
        return;
    }
    connect(
        m_engine, &EngineClient::ready, this,
        [this](const Result<EngineInfo>& info) {
            if (m_finished)
                return;
            if (!info)
                finish(std::unexpected(info.error()));
            else
                push();
        },
        Qt::SingleShotConnection);
    m_engine->connectToEngine();
}

void PushJob::cancel() {
    if (m_finished)
        return;
    if (m_request)
        m_request->cancel();
    finish(fail(QStringLiteral("cancelled"), QStringLiteral("the push was cancelled")));
}

void PushJob::push() {
    const auto [name, tag] = splitTag(m_reference);
    std::optional<RegistryAuth> auth = m_auth ? m_auth(registryHostOf(m_reference)) : std::nullopt;
    // Always send the header: old engines otherwise read credentials from the body and fail.
    EngineRequest::Request request{"POST",
                                   "/images/" + QUrl::toPercentEncoding(name, "/:") +
                                       "/push?tag=" + QUrl::toPercentEncoding(tag),
                                   {{"X-Registry-Auth", encodeRegistryAuth(auth)}},
                                   {},
                                   nullptr};
    m_request = m_engine->request(std::move(request), this);
    connect(m_request, &EngineRequest::bodyReceived, this, [this](const QByteArray& data) {
        if (m_request->head().status != 200) {
            m_errorBody += data;
            return;
        }
        for (const JsonMessage& message : m_stream.feed(data))
            onMessage(message);
    });
    connect(m_request, &EngineRequest::finished, this, &PushJob::onRequestFinished);
    m_request->start();
}

void PushJob::onMessage(const JsonMessage& message) {
    if (message.isError()) {
        if (m_error.isEmpty())
            m_error = message.error;
        return;
    }
    if (message.hasAux()) {
        const QJsonObject aux = message.aux.toObject();
        if (aux.contains(QLatin1String("Digest"))) {
            m_result.digest = aux.value(QLatin1String("Digest")).toString();
            m_result.size = aux.value(QLatin1String("Size")).toInteger();
        }
        return;
    }
    if (message.status.isEmpty())
        return;
    // A layer's status carries its short id; everything else is a line for the log.
    static const QRegularExpression digestLine(
        QStringLiteral("digest: (sha256:[0-9a-f]{64})(?: size: (\\d+))?"));
    if (message.id.isEmpty() || message.status.contains(QLatin1String("digest:"))) {
        const QRegularExpressionMatch match = digestLine.match(message.status);
        if (match.hasMatch() && m_result.digest.isEmpty()) {
            m_result.digest = match.captured(1);
            m_result.size = match.captured(2).toLongLong();
        }
        Q_EMIT statusLine(message.id.isEmpty() ? message.status
                                               : message.id + QStringLiteral(": ") + message.status);
        return;
    }
    PushLayerProgress layer;
    layer.layerId = message.id;
    layer.state = layerState(message.status);
    layer.current = message.current;
    layer.total = message.total;
    if (layer.state == PushLayerProgress::State::Mounted ||
        message.status.startsWith(QLatin1String("Retrying")))
        layer.detail = message.status;
    Q_EMIT layerProgress(layer);
}

void PushJob::onRequestFinished(const Result<void>& result) {
    if (m_finished)
        return;
    if (!result) {
        Error error = result.error();
        if (error.code == QLatin1String("engine-disconnected"))
            error.message = QStringLiteral("the connection to the Docker engine dropped while pushing %1")
                                .arg(m_reference);
        finish(std::unexpected(error));
        return;
    }
    for (const JsonMessage& message : m_stream.finish())
        onMessage(message);
    const int status = m_request->head().status;
    if (status != 200) {
        const QString message = EngineReply{m_request->head(), m_errorBody}.message();
        finish(std::unexpected(classifyPushError(message, m_reference)));
        return;
    }
    if (!m_error.isEmpty()) {
        finish(std::unexpected(classifyPushError(m_error, m_reference)));
        return;
    }
    if (m_result.digest.isEmpty()) {
        finish(fail(QStringLiteral("push-incomplete"),
                    QStringLiteral("the engine ended the push of %1 without reporting the pushed digest")
                        .arg(m_reference),
                    QStringLiteral("push again; if it keeps happening, check the registry for the image")));
        return;
    }
    finish(m_result);
}

void PushJob::finish(const Result<PushResult>& result) {
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(result);
}

} // namespace slipway::docker
