#pragma once

#include "registry/platform.h"

#include <QHash>
#include <QString>
#include <optional>

namespace slipway::registry {

// The platform of image configs already read, by config digest, kept between runs (a JSON file in
// the cache folder). A digest names its bytes for good, so the platform read from a verified config
// never changes: a second pull check of a single-platform image needs its manifest but not its
// config again. At most kMaxEntries digests (the oldest go first); writes are atomic; no secrets.
class ConfigPlatformStore {
public:
    static constexpr int kMaxEntries = 256;

    explicit ConfigPlatformStore(QString path);
    // The cache file shared by the app and the CLI.
    static QString defaultPath();

    std::optional<Platform> find(const QString& configDigest);
    // Best effort: a cache that cannot be written costs one request next time.
    void insert(const QString& configDigest, const Platform& platform);

private:
    void load();
    void save() const;

    QString m_path;
    bool m_loaded = false;
    QHash<QString, Platform> m_platforms;
    QStringList m_order; // oldest first
};

} // namespace slipway::registry
