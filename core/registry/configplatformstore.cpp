#include "registry/configplatformstore.h"

#include "common/cachefile.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>

namespace slipway::registry {

namespace {

constexpr int kFormat = 1;
constexpr qint64 kMaxFileBytes = 256 * 1024;

bool isDigest(const QString& text) {
    static const QRegularExpression digest(QStringLiteral("^sha(256:[0-9a-f]{64}|512:[0-9a-f]{128})$"));
    return digest.match(text).hasMatch();
}

} // namespace

ConfigPlatformStore::ConfigPlatformStore(QString path) : m_path(std::move(path)) {}

QString ConfigPlatformStore::defaultPath() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation))
        .filePath(QStringLiteral("slipway/config-platforms.json"));
}

// Read on first use: a check that never needs a config never reads the file.
void ConfigPlatformStore::load() {
    if (std::exchange(m_loaded, true))
        return;
    const auto root = readCacheFile(m_path, kFormat, kMaxFileBytes);
    if (!root)
        return;
    for (const QJsonValue& value : root->value(QStringLiteral("configs")).toArray()) {
        const QJsonObject entry = value.toObject();
        const QString digest = entry.value(QStringLiteral("digest")).toString();
        const Platform platform = Platform::fromFields(entry.value(QStringLiteral("os")).toString(),
                                                       entry.value(QStringLiteral("architecture")).toString(),
                                                       entry.value(QStringLiteral("variant")).toString());
        if (!isDigest(digest) || platform.os.isEmpty() || platform.architecture.isEmpty() ||
            m_platforms.contains(digest) || m_order.size() >= kMaxEntries)
            continue;
        m_platforms.insert(digest, platform);
        m_order.append(digest);
    }
}

std::optional<Platform> ConfigPlatformStore::find(const QString& configDigest) {
    load();
    const auto it = m_platforms.constFind(configDigest);
    if (it == m_platforms.cend())
        return std::nullopt;
    return *it;
}

void ConfigPlatformStore::insert(const QString& configDigest, const Platform& platform) {
    load();
    if (!isDigest(configDigest) || platform.os.isEmpty() || platform.architecture.isEmpty() ||
        m_platforms.contains(configDigest))
        return;
    m_platforms.insert(configDigest, platform);
    m_order.append(configDigest);
    while (m_order.size() > kMaxEntries)
        m_platforms.remove(m_order.takeFirst());
    save();
}

void ConfigPlatformStore::save() const {
    QJsonArray configs;
    for (const QString& digest : m_order) {
        const Platform& platform = m_platforms[digest];
        configs.append(QJsonObject{{QStringLiteral("digest"), digest},
                                   {QStringLiteral("os"), platform.os},
                                   {QStringLiteral("architecture"), platform.architecture},
                                   {QStringLiteral("variant"), platform.variant}});
    }
    writeCacheFile(m_path, kFormat, QJsonObject{{QStringLiteral("configs"), configs}});
}

} // namespace slipway::registry
