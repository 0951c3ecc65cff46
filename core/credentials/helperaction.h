#pragma once

#include <QByteArray>
#include <QFuture>
#include <QString>

namespace slipway::credentials {

class CredentialStore;

// What docker-credential-slipway prints on stdout and its exit status.
struct HelperReply {
    QByteArray output;
    int exitCode = 0;
};

// The server side of the docker-credential-helpers protocol over a CredentialStore, so that
// docker-credential-slipway and Slipway share the same keychain entries:
//   store  stdin {"ServerURL","Username","Secret"} -> nothing; Username "<token>" = identity token
//   get    stdin server URL -> {"ServerURL","Username","Secret"}, or
//          "credentials not found in native keychain" with exit status 1
//   erase  stdin server URL -> nothing
//   list   -> {"<server URL>": "<username>", ...}
// Errors are one line on stdout with exit status 1, as the protocol wants. Docker Hub is
// "https://index.docker.io/v1/" on the docker side and "docker.io" in Slipway. Server URLs that
// are not a registry (Docker Hub's ".../access-token" bookkeeping) are kept under the URL itself.
QFuture<HelperReply> runHelperAction(const QString& action, const QByteArray& input, CredentialStore& store);

} // namespace slipway::credentials
