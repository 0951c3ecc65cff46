#pragma once

#include "common/error.h"

#include <QFuture>
#include <QMap>
#include <QString>

namespace slipway::credentials {

// What a docker credential helper returns for `get`.
struct HelperLogin {
    QString serverUrl;
    QString username; // "<token>" from the helper is turned into an empty username + identityToken
    QString secret;
    bool identityToken = false;
};

// Runs a user's docker credential helper (`docker-credential-<name>`, found on PATH) the way the
// docker CLI does: one action per process, the server URL or JSON on stdin — never a secret in
// argv — and the answer on stdout; an error is the text on stdout with exit status 1. A helper that
// does not answer within the timeout is killed. Futures finish on the calling thread's event loop.
class CredentialHelperClient {
public:
    static constexpr int kTimeoutMs = 60000;

    // "docker-credential-<name>"
    static QString programName(const QString& helperName);

    // The login the helper holds for serverUrl; Error code kNotFound (credentialstore.h) when the
    // helper says "credentials not found in native keychain".
    static QFuture<Result<HelperLogin>> get(const QString& helperName, const QString& serverUrl);
    // server URL -> username for every login the helper holds.
    static QFuture<Result<QMap<QString, QString>>> list(const QString& helperName);
};

} // namespace slipway::credentials
