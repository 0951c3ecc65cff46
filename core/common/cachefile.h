#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>

namespace slipway {

// Small JSON files in the cache folder that only save time (remembered pings, config platforms).
// Each carries a "format" number; a file of another format, too large or not JSON reads as absent.
// Writing is atomic (QSaveFile) and best effort: a cache that cannot be written costs time, nothing else.
std::optional<QJsonObject> readCacheFile(const QString& path, int format, qint64 maxBytes);
void writeCacheFile(const QString& path, int format, QJsonObject contents);

} // namespace slipway
