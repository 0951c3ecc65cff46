#include "registry/registryauthprobe.h"

#include "registry/imagereference.h"
#include "registry/registrycall.h"
#include "registry/registryclient.h"
#include "registry/registryerror.h"

#include <QTimer>

namespace slipway::registry {

RegistryAuthProbe::RegistryAuthProbe(RegistryClient& client, QString registry, QObject* parent)
    : QObject(parent), m_client(client), m_registry(std::move(registry)) {}

void RegistryAuthProbe::start() {
    const QString apiHost = apiHostOf(m_registry);
    if (const auto known = m_client.knownEndpoint(apiHost)) {
        // Queued: callers connect to finished() after start() returns as well as before.
        QTimer::singleShot(0, this,
                           [this, challenged = known->challenge.has_value()] { conclude(challenged); });
        return;
    }
    RegistryCall::Spec spec;
    spec.registry = m_registry;
    spec.path = QStringLiteral("/v2/");
    m_call = new RegistryCall(m_client, std::move(spec), this);
    connect(m_call, &RegistryCall::finished, this, [this, apiHost](const Result<HttpAnswer>& answer) {
        // The ping records what the registry asked for; the call's own answer (a token refused for
        // an anonymous caller, say) does not change that.
        if (const auto known = m_client.knownEndpoint(apiHost))
            conclude(known->challenge.has_value());
        else
            conclude(std::unexpected(
                answer ? Error{errorcode::kUnexpected,
                               QStringLiteral("%1 did not answer as a registry.").arg(m_registry),
                               {},
                               {}}
                       : answer.error()));
    });
    m_call->start();
}

void RegistryAuthProbe::cancel() {
    if (m_call)
        m_call->cancel();
    conclude(fail(errorcode::kCancelled, QStringLiteral("Cancelled.")));
}

void RegistryAuthProbe::conclude(const Result<bool>& result) {
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(result);
}

} // namespace slipway::registry
