#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <functional>
#include <memory>
#include <utility>

namespace slipway::docker {

// Incremental HTTP/1.1 response parser for the Docker Engine connection, on Debian's http-parser
// (the Node.js parser): bytes go in as they arrive from the socket, in pieces of any size; status,
// headers and de-chunked body bytes come out through callbacks. Body bytes are handed on, never
// collected, so a build's hours-long progress stream costs no memory. An `Upgrade` response (101,
// BuildKit's /session, container attach) stops parsing at the end of the headers and reports where
// the raw protocol bytes begin.
class HttpResponseParser {
public:
    struct Head {
        int status = 0;
        QString reason;
        QList<std::pair<QByteArray, QByteArray>> headers; // names as sent
        bool upgrade = false;

        // Case-insensitive lookup of the first header with this name; empty when absent.
        QByteArray header(QByteArrayView name) const;
    };

    struct Callbacks {
        std::function<void(const Head&)> headers;
        std::function<void(QByteArrayView)> body;
        std::function<void()> complete;
    };

    explicit HttpResponseParser(Callbacks callbacks);
    ~HttpResponseParser();
    HttpResponseParser(const HttpResponseParser&) = delete;
    HttpResponseParser& operator=(const HttpResponseParser&) = delete;

    // Feeds received bytes. Returns false on a protocol error (see errorString()). After an upgrade,
    // returns true and `upgradedAt` receives the offset in `data` where the upgraded protocol starts.
    bool feed(QByteArrayView data, qsizetype* upgradedAt = nullptr);
    // The peer closed the connection: completes a body that runs until close, or reports truncation.
    bool finish();

    bool isComplete() const { return m_complete; }
    bool isUpgraded() const { return m_upgraded; }
    QString errorString() const { return m_error; }

private:
    struct State;
    std::unique_ptr<State> m_state;
    Callbacks m_callbacks;
    Head m_head;
    QByteArray m_pendingField;
    bool m_lastWasValue = false;
    bool m_complete = false;
    bool m_upgraded = false;
    QString m_error;

    friend struct ParserCallbacks;
};

} // namespace slipway::docker
