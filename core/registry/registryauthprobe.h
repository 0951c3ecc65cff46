#pragma once

#include "common/error.h"

#include <QObject>
#include <QPointer>

namespace slipway::registry {

class RegistryCall;
class RegistryClient;

// Does a registry want a login at all? Its anonymous /v2/ ping answers 401 with a challenge
// (htpasswd, token servers, every cloud registry) or 200 (an open docker-registry on localhost).
// Asked before a push when Slipway holds no login for the registry, so the credential wizard can
// open before a build rather than after a refused push. The ping's answer is the client's
// (RegistryClient::knownEndpoint), so a host already pinged costs no request.
class RegistryAuthProbe : public QObject {
    Q_OBJECT

public:
    RegistryAuthProbe(RegistryClient& client, QString registry, QObject* parent = nullptr);

    void start();
    void cancel();

Q_SIGNALS:
    // Exactly once: whether the registry asks for a login; an error when it did not answer.
    void finished(const slipway::Result<bool>& requiresLogin);

private:
    void conclude(const Result<bool>& result);

    RegistryClient& m_client;
    QString m_registry;
    QPointer<RegistryCall> m_call;
    bool m_done = false;
};

} // namespace slipway::registry
