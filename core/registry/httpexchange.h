#pragma once

#include "common/error.h"
#include "registry/httpanswer.h"
#include "registry/registrytransport.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslError>

class QNetworkReply;

namespace slipway::registry {

// One logical HTTP request: sends it, follows redirects by hand (at most five) and drops the
// Authorization header as soon as a redirect leaves the original origin; refuses a redirect from HTTPS
// to plain HTTP unless the target host allows plain HTTP. Any HTTP status is an answer; only "no
// answer" (refused, DNS, TLS, timeout, body too large) is an error.
class HttpExchange : public QObject {
    Q_OBJECT

public:
    HttpExchange(RegistryTransport& transport, HttpRequest request, QObject* parent = nullptr);
    ~HttpExchange() override;

    void start();
    // Aborts the request; finished() reports kCancelled.
    void cancel();

Q_SIGNALS:
    void finished(const slipway::Result<slipway::registry::HttpAnswer>& answer);

private:
    void send();
    void onReplyFinished();
    void finish(Result<HttpAnswer> result);

    RegistryTransport& m_transport;
    HttpRequest m_request;
    QUrl m_originalUrl;
    QPointer<QNetworkReply> m_reply;
    QList<QSslError> m_sslErrors;
    int m_redirects = 0;
    bool m_tooLarge = false;
    bool m_cancelled = false;
    bool m_done = false;
};

// The error for a request that got no HTTP answer.
Error noAnswerError(const QUrl& url, int networkError, const QString& errorString,
                    const QList<QSslError>& sslErrors);

} // namespace slipway::registry
