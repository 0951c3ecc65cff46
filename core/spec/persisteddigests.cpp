#include "spec/persisteddigests.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace slipway::spec {

namespace {
constexpr QByteArrayView kMagic = "slipway-source-digest 1";
constexpr qint64 kMaxEntryBytes = 64 * 1024;
} // namespace

PersistedDigests::PersistedDigests(QString directory) : m_directory(std::move(directory)) {}

QString PersistedDigests::defaultDirectory() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation))
        .filePath(QStringLiteral("slipway/source-digests"));
}

QString PersistedDigests::entryPath(const QString& key) const {
    const QByteArray name = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QDir(m_directory).filePath(QString::fromLatin1(name));
}

std::optional<QString> PersistedDigests::find(const QString& key, const QByteArray& fingerprint) const {
    QFile file(entryPath(key));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QList<QByteArray> lines = file.read(kMaxEntryBytes).split('\n');
    // magic, key, fingerprint, digest, and the empty rest after the last newline.
    if (lines.size() != 5 || lines[0] != kMagic || lines[1] != key.toUtf8().toBase64() ||
        lines[2] != fingerprint.toHex() || lines[3].isEmpty())
        return std::nullopt;
    // Used now: the least recently used entries are the ones pruned.
    file.setFileTime(QDateTime::currentDateTimeUtc(), QFileDevice::FileModificationTime);
    return QString::fromLatin1(lines[3]);
}

void PersistedDigests::store(const QString& key, const QByteArray& fingerprint, const QString& digest) const {
    if (!QDir().mkpath(m_directory))
        return;
    QSaveFile file(entryPath(key));
    if (!file.open(QIODevice::WriteOnly))
        return;
    file.write(kMagic.toByteArray() + '\n' + key.toUtf8().toBase64() + '\n' + fingerprint.toHex() + '\n' +
               digest.toLatin1() + '\n');
    if (file.commit())
        prune();
}

void PersistedDigests::prune() const {
    const QFileInfoList entries =
        QDir(m_directory).entryInfoList(QDir::Files | QDir::NoDotAndDotDot, QDir::Time); // newest first
    for (qsizetype i = kMaxEntries; i < entries.size(); ++i)
        QFile::remove(entries[i].filePath());
}

} // namespace slipway::spec
