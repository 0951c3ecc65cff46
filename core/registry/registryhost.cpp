#include "registry/registryhost.h"

#include <QHostAddress>

namespace slipway::registry {

QString hostName(const QString& hostAndPort) {
    if (hostAndPort.startsWith(QLatin1Char('['))) {
        const qsizetype close = hostAndPort.indexOf(QLatin1Char(']'));
        return close > 0 ? hostAndPort.mid(1, close - 1) : hostAndPort;
    }
    return hostAndPort.section(QLatin1Char(':'), 0, 0);
}

bool isLoopbackHost(const QString& hostAndPort) {
    const QString host = hostName(hostAndPort).toLower();
    if (host == QLatin1String("localhost"))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool isInternalAddress(const QString& hostAndPort) {
    const QString host = hostName(hostAndPort).toLower();
    if (host == QLatin1String("localhost"))
        return true;
    const QHostAddress address(host);
    if (address.isNull())
        return false;
    for (const char* subnet : {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"}) {
        if (address.isInSubnet(QHostAddress::parseSubnet(QLatin1String(subnet))))
            return true;
    }
    return address.isLoopback() || address.isLinkLocal() || address.isSiteLocal() ||
           address.isUniqueLocalUnicast();
}

} // namespace slipway::registry
