#include "project/autosavestore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace slipway::project {

AutosaveStore::AutosaveStore(QString folder) : m_folder(std::move(folder)) {
    if (m_folder.isEmpty())
        m_folder =
            QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/autosave");
}

QString AutosaveStore::recordPath(const QString& filePath) const {
    const QByteArray key = QFileInfo(filePath).absoluteFilePath().toUtf8();
    return QDir(m_folder).filePath(
        QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha1).toHex()) +
        QStringLiteral(".json"));
}

bool AutosaveStore::save(const QString& filePath, const QString& text) {
    if (!QDir().mkpath(m_folder))
        return false;
    const QJsonObject record{
        {QStringLiteral("file"), QFileInfo(filePath).absoluteFilePath()},
        {QStringLiteral("text"), text},
        {QStringLiteral("savedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}};
    QSaveFile file(recordPath(filePath));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QJsonDocument(record).toJson(QJsonDocument::Compact));
    return file.commit();
}

std::optional<AutosaveStore::Record> AutosaveStore::find(const QString& filePath) const {
    QFile file(recordPath(filePath));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject record = QJsonDocument::fromJson(file.readAll()).object();
    const QString recorded = record.value(QStringLiteral("file")).toString();
    if (recorded != QFileInfo(filePath).absoluteFilePath() ||
        !record.value(QStringLiteral("text")).isString())
        return std::nullopt;
    return Record{
        recorded, record.value(QStringLiteral("text")).toString(),
        QDateTime::fromString(record.value(QStringLiteral("savedAt")).toString(), Qt::ISODateWithMs)};
}

void AutosaveStore::remove(const QString& filePath) {
    QFile::remove(recordPath(filePath));
}

} // namespace slipway::project
