#pragma once

#include "registry/authchallenge.h"

#include <QHash>
#include <QString>
#include <QUrl>
#include <optional>

namespace slipway::registry {

// What the /v2/ ping of a host found: where it answers and how it wants to be authenticated.
struct RegistryEndpoint {
    QUrl base;                              // "https://ghcr.io" or "http://127.0.0.1:5000"
    std::optional<AuthChallenge> challenge; // none: the registry needs no authentication for /v2/

    friend bool operator==(const RegistryEndpoint&, const RegistryEndpoint&) = default;
};

// Ping results kept between runs (a JSON file in the cache folder), so a fresh `slipway-cli check`
// asks for its token straight away instead of pinging /v2/ first: registries do not move their token
// realm between one check and the next, and a remembered endpoint that no longer answers is dropped
// and pinged again (RegistryCall). Holds no secrets: hosts, schemes and the registry's public
// challenge. At most kMaxHosts hosts; writes are atomic.
class RegistryEndpointStore {
public:
    static constexpr int kMaxHosts = 64;

    explicit RegistryEndpointStore(QString path);
    // The cache file shared by the app and the CLI.
    static QString defaultPath();

    QHash<QString, RegistryEndpoint> load() const;
    // Best effort: a cache that cannot be written costs one ping next time, so failures are silent.
    void save(const QHash<QString, RegistryEndpoint>& endpoints) const;

private:
    QString m_path;
};

} // namespace slipway::registry
