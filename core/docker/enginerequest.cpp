#include "docker/enginerequest.h"

namespace slipway::docker {

EngineRequest::EngineRequest(EngineEndpoint endpoint, Request request, QObject* parent)
    : QObject(parent), m_endpoint(std::move(endpoint)), m_request(std::move(request)) {
    m_parser = std::make_unique<HttpResponseParser>(HttpResponseParser::Callbacks{
        [this](const HttpResponseParser::Head& head) {
            m_head = head;
            Q_EMIT headersReceived(head);
        },
        [this](QByteArrayView data) { Q_EMIT bodyReceived(data.toByteArray()); }, [this] { finish({}); }});
    connect(&m_socket, &QLocalSocket::connected, this, &EngineRequest::onConnected);
    connect(&m_socket, &QLocalSocket::readyRead, this, &EngineRequest::onReadyRead);
    connect(&m_socket, &QLocalSocket::disconnected, this, &EngineRequest::onDisconnected);
    connect(&m_socket, &QLocalSocket::errorOccurred, this, &EngineRequest::onSocketError);
}

EngineRequest::~EngineRequest() {
    m_finished = true; // no signals from a dying object
    m_socket.abort();
}

void EngineRequest::start() {
    if (m_endpoint.kind != EngineEndpoint::Kind::Unix) {
        finish(fail(QStringLiteral("engine-unsupported"),
                    QStringLiteral("connecting to %1 is not supported yet").arg(m_endpoint.url()),
                    QStringLiteral("use the engine's unix socket")));
        return;
    }
    m_socket.connectToServer(m_endpoint.socketPath);
}

void EngineRequest::cancel() {
    if (m_finished)
        return;
    finish(fail(QStringLiteral("cancelled"), QStringLiteral("cancelled")));
    m_socket.abort();
}

void EngineRequest::onConnected() {
    QByteArray text = m_request.method + ' ' + m_request.path + " HTTP/1.1\r\nHost: docker\r\n";
    text += "User-Agent: Slipway\r\nConnection: close\r\n";
    for (const auto& [name, value] : m_request.headers)
        text += name + ": " + value + "\r\n";
    if (!m_request.body.isEmpty() || m_request.method == "POST")
        text += "Content-Length: " + QByteArray::number(m_request.body.size()) + "\r\n";
    text += "\r\n";
    m_socket.write(text);
    m_socket.write(m_request.body);
}

void EngineRequest::onReadyRead() {
    const QByteArray data = m_socket.readAll();
    if (m_finished)
        return;
    if (!m_parser->feed(data))
        finish(fail(QStringLiteral("engine-protocol"), m_parser->errorString(),
                    QStringLiteral("check that %1 is a Docker engine socket").arg(m_endpoint.url())));
}

void EngineRequest::onDisconnected() {
    if (m_finished)
        return;
    if (m_parser->finish())
        finish({});
    else
        finish(fail(QStringLiteral("engine-disconnected"), m_parser->errorString(),
                    QStringLiteral("check that the engine at %1 is still running").arg(m_endpoint.url())));
}

void EngineRequest::onSocketError(QLocalSocket::LocalSocketError error) {
    if (m_finished || error == QLocalSocket::PeerClosedError)
        return;
    QString fix = QStringLiteral("start Docker (e.g. `sudo systemctl start docker`) or set DOCKER_HOST");
    if (error == QLocalSocket::SocketAccessError)
        fix = QStringLiteral(
            "add your user to the docker group (`sudo usermod -aG docker $USER`, then log in again)");
    finish(fail(QStringLiteral("engine-unreachable"),
                QStringLiteral("cannot connect to the Docker engine at %1 (%2): %3")
                    .arg(m_endpoint.url(), m_endpoint.origin, m_socket.errorString()),
                fix));
}

void EngineRequest::finish(Result<void> result) {
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(result);
}

} // namespace slipway::docker
