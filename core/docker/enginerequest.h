#pragma once

#include "common/error.h"
#include "docker/engineendpoint.h"
#include "docker/httpresponseparser.h"

#include <QByteArray>
#include <QList>
#include <QLocalSocket>
#include <QObject>
#include <memory>
#include <optional>

namespace slipway::docker {

// One HTTP request to the engine on its own connection (the Engine API streams builds and pushes for
// as long as they run, so connections are not shared). Asynchronous: the answer arrives through
// signals on the calling thread's event loop. cancel() closes the connection, which is how the
// engine learns to stop a build.
class EngineRequest : public QObject {
    Q_OBJECT

public:
    struct Request {
        QByteArray method = "GET";
        QByteArray path; // with query, e.g. "/v1.41/images/json"
        QList<std::pair<QByteArray, QByteArray>> headers;
        QByteArray body;
    };

    EngineRequest(EngineEndpoint endpoint, Request request, QObject* parent = nullptr);
    ~EngineRequest() override;

    void start();
    void cancel();

    const HttpResponseParser::Head& head() const { return m_head; }

Q_SIGNALS:
    void headersReceived(const slipway::docker::HttpResponseParser::Head& head);
    void bodyReceived(const QByteArray& data);
    // Exactly once: success when the whole answer arrived (any HTTP status), else the error.
    void finished(const slipway::Result<void>& result);

private:
    void onConnected();
    void onReadyRead();
    void onDisconnected();
    void onSocketError(QLocalSocket::LocalSocketError error);
    void finish(Result<void> result);

    EngineEndpoint m_endpoint;
    Request m_request;
    QLocalSocket m_socket;
    std::unique_ptr<HttpResponseParser> m_parser;
    HttpResponseParser::Head m_head;
    bool m_finished = false;
};

} // namespace slipway::docker
