#include "docker/enginerequest.h"

namespace slipway::docker {

namespace {

// Enough queued bytes to keep the socket busy; more would only hold a large body in memory.
constexpr qint64 kHighWater = 1024 * 1024;
constexpr qsizetype kChunkSize = 256 * 1024;

bool isSecretHeader(const QByteArray& name) {
    return name.compare("X-Registry-Auth", Qt::CaseInsensitive) == 0 ||
           name.compare("X-Registry-Config", Qt::CaseInsensitive) == 0 ||
           name.compare("Authorization", Qt::CaseInsensitive) == 0 ||
           name.compare("X-Docker-Expose-Session-Sharedkey", Qt::CaseInsensitive) == 0;
}

} // namespace

EngineRequest::EngineRequest(EngineEndpoint endpoint, Request request, QObject* parent)
    : QObject(parent), m_request(std::move(request)), m_socket(std::move(endpoint)) {
    m_parser = std::make_unique<HttpResponseParser>(HttpResponseParser::Callbacks{
        [this](const HttpResponseParser::Head& head) {
            m_head = head;
            if (!head.upgrade)
                Q_EMIT headersReceived(head);
        },
        [this](QByteArrayView data) { Q_EMIT bodyReceived(data.toByteArray()); },
        [this] {
            // http-parser also completes the "message" at the end of a 101's headers; that is not the end.
            if (!m_head.upgrade)
                finish({});
        }});
    connect(&m_socket, &EngineSocket::connected, this, &EngineRequest::onConnected);
    connect(&m_socket, &EngineSocket::readyRead, this, &EngineRequest::onReadyRead);
    connect(&m_socket, &EngineSocket::bytesWritten, this, &EngineRequest::sendBody);
    connect(&m_socket, &EngineSocket::disconnected, this, &EngineRequest::onDisconnected);
    connect(&m_socket, &EngineSocket::failed, this,
            [this](const Error& error) { finish(std::unexpected(error)); });
    if (m_request.bodyStream)
        connect(m_request.bodyStream, &BodySource::readyRead, this, &EngineRequest::sendBody);
}

EngineRequest::~EngineRequest() {
    m_finished = true; // no signals from a dying object
    m_socket.abort();
}

QByteArray EngineRequest::describe(const Request& request) {
    QByteArray text = request.method + ' ' + request.path;
    for (const auto& [name, value] : request.headers)
        text += "\n" + name + ": " + (isSecretHeader(name) ? QByteArray("<redacted>") : value);
    return text;
}

void EngineRequest::start() {
    m_socket.connectToEngine();
}

void EngineRequest::cancel() {
    if (m_finished)
        return;
    finish(fail(QStringLiteral("cancelled"), QStringLiteral("cancelled")));
    m_socket.abort();
}

void EngineRequest::onConnected() {
    QByteArray text = m_request.method + ' ' + m_request.path + " HTTP/1.1\r\nHost: docker\r\n";
    text += "User-Agent: Slipway\r\n";
    bool upgrade = false;
    for (const auto& [name, value] : m_request.headers) {
        text += name + ": " + value + "\r\n";
        upgrade = upgrade || name.compare("Upgrade", Qt::CaseInsensitive) == 0;
    }
    // An upgrade keeps the connection; every other request is the only one on its connection.
    if (!upgrade)
        text += "Connection: close\r\n";
    if (m_request.bodyStream)
        text += "Transfer-Encoding: chunked\r\n";
    else if (!m_request.body.isEmpty() || m_request.method == "POST")
        text += "Content-Length: " + QByteArray::number(m_request.body.size()) + "\r\n";
    text += "\r\n";
    QIODevice* device = m_socket.device();
    device->write(text);
    m_headSent = true;
    if (!m_request.bodyStream) {
        device->write(m_request.body);
        m_bodyDone = true;
    }
    sendBody();
}

// Moves what the body stream has ready into the socket, as chunks, while the socket has room.
// Also called when the body stream has data, which can be before the connection is up: a TCP socket
// still connecting is already open and would send that chunk ahead of the request line.
void EngineRequest::sendBody() {
    if (!m_headSent || m_bodyDone || m_finished || !m_request.bodyStream)
        return;
    QIODevice* device = m_socket.device();
    if (!device || !device->isOpen())
        return;
    while (device->bytesToWrite() < kHighWater) {
        const QByteArray chunk = m_request.bodyStream->read(kChunkSize);
        if (chunk.isEmpty()) {
            if (m_request.bodyStream->atEnd()) {
                device->write("0\r\n\r\n");
                m_bodyDone = true;
            }
            return;
        }
        device->write(QByteArray::number(chunk.size(), 16) + "\r\n");
        device->write(chunk);
        device->write("\r\n");
    }
}

void EngineRequest::onReadyRead() {
    if (m_upgraded)
        return; // the upgraded protocol's owner reads the connection
    const QByteArray data = m_socket.device()->readAll();
    if (m_finished)
        return;
    qsizetype upgradedAt = -1;
    if (!m_parser->feed(data, &upgradedAt)) {
        finish(fail(QStringLiteral("engine-protocol"), m_parser->errorString(),
                    QStringLiteral("check that %1 is a Docker engine").arg(endpoint().url())));
        return;
    }
    if (m_parser->isUpgraded() && !m_upgraded) {
        m_upgraded = true;
        Q_EMIT upgraded(m_socket.device(), data.mid(upgradedAt));
    }
}

void EngineRequest::onDisconnected() {
    if (m_finished)
        return;
    if (m_parser->finish())
        finish({});
    else
        finish(
            fail(QStringLiteral("engine-disconnected"), m_parser->errorString(),
                 QStringLiteral("check that the Docker engine at %1 is still running (e.g. `docker info`), "
                                "then try again")
                     .arg(endpoint().url())));
}

void EngineRequest::finish(Result<void> result) {
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(result);
}

} // namespace slipway::docker
