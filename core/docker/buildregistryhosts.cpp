#include "docker/buildregistryhosts.h"

#include "docker/registryauth.h"

namespace slipway::docker {

QStringList buildRegistryHosts(const QString& imageReference, const spec::ImageSpec& spec,
                               const spec::HostEnvironment& host) {
    QStringList hosts;
    if (!imageReference.isEmpty())
        hosts.append(registryHostOf(imageReference));
    if (const spec::PyValue base = spec.resolved(host).value(spec::Field::BaseImage); base.isStr()) {
        const QString baseHost = registryHostOf(base.str());
        if (!hosts.contains(baseHost))
            hosts.append(baseHost);
    }
    return hosts;
}

} // namespace slipway::docker
