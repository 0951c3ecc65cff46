#include "common/cachefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

namespace slipway {

namespace {
const QString kFormatKey = QStringLiteral("format");
} // namespace

std::optional<QJsonObject> readCacheFile(const QString& path, int format, qint64 maxBytes) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > maxBytes)
        return std::nullopt;
    QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    if (root.value(kFormatKey).toInt() != format)
        return std::nullopt;
    return root;
}

void writeCacheFile(const QString& path, int format, QJsonObject contents) {
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return;
    contents.insert(kFormatKey, format);
    file.write(QJsonDocument(contents).toJson(QJsonDocument::Compact));
    file.commit();
}

} // namespace slipway
