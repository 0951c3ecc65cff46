#pragma once

#include "common/error.h"
#include "docker/bodysource.h"
#include "docker/engineendpoint.h"
#include "docker/enginesocket.h"
#include "docker/httpresponseparser.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <memory>

namespace slipway::docker {

// One HTTP request to the engine on its own connection (the Engine API streams builds and pushes for
// as long as they run, so connections are not shared). Asynchronous: the answer arrives through
// signals on the calling thread's event loop. cancel() closes the connection, which is how the
// engine learns to stop a build.
class EngineRequest : public QObject {
    Q_OBJECT

public:
    using Headers = QList<std::pair<QByteArray, QByteArray>>;

    struct Request {
        QByteArray method = "GET";
        QByteArray path; // with query, e.g. "/v1.41/images/json"
        Headers headers;
        QByteArray body;
        // Sent with chunked transfer encoding instead of `body`, pulled as the socket drains. Not owned;
        // must outlive the request.
        BodySource* bodyStream = nullptr;
    };

    EngineRequest(EngineEndpoint endpoint, Request request, QObject* parent = nullptr);
    ~EngineRequest() override;

    void start();
    void cancel();

    const HttpResponseParser::Head& head() const { return m_head; }
    const EngineEndpoint& endpoint() const { return m_socket.endpoint(); }
    // The request line and headers as they may appear in a log: credentials replaced by "<redacted>".
    static QByteArray describe(const Request& request);

Q_SIGNALS:
    void headersReceived(const slipway::docker::HttpResponseParser::Head& head);
    void bodyReceived(const QByteArray& data);
    // The engine answered 101 Switching Protocols (BuildKit's /session): from now on `connection` carries
    // the upgraded protocol and this object no longer reads it. `bytesAfterHeaders` were read past the
    // blank line already. The connection stays open until the peer closes it, close() on the device or
    // cancel(); then finished() follows.
    void upgraded(QIODevice* connection, const QByteArray& bytesAfterHeaders);
    // Exactly once: success when the whole answer arrived (any HTTP status) or an upgraded connection
    // closed, else the error.
    void finished(const slipway::Result<void>& result);

private:
    void onConnected();
    void onReadyRead();
    void onDisconnected();
    void sendBody();
    void finish(Result<void> result);

    Request m_request;
    EngineSocket m_socket;
    std::unique_ptr<HttpResponseParser> m_parser;
    HttpResponseParser::Head m_head;
    bool m_headSent = false; // the body waits for it: a socket still connecting buffers writes in order
    bool m_bodyDone = false;
    bool m_upgraded = false;
    bool m_finished = false;
};

} // namespace slipway::docker
