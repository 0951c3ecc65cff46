#include "project/imagestatusstore.h"

#include "project/secretredaction.h"
#include "registry/imagereference.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSaveFile>
#include <QStandardPaths>
#include <algorithm>

namespace slipway::project {

using registry::PullVerdict;

namespace {

const QString kFileName = QStringLiteral("image-status.json");

std::optional<PullVerdict> verdictFromName(const QString& name) {
    for (int value = 0; value <= static_cast<int>(PullVerdict::Unreachable); ++value) {
        const auto verdict = static_cast<PullVerdict>(value);
        if (registry::verdictName(verdict) == name)
            return verdict;
    }
    return std::nullopt;
}

QStringList platformNames(const QList<registry::Platform>& platforms) {
    QStringList names;
    for (const registry::Platform& platform : platforms)
        names.append(platform.toString());
    return names;
}

QStringList stringList(const QJsonValue& value) {
    QStringList list;
    for (const QJsonValue& item : value.toArray())
        list.append(item.toString());
    return list;
}

} // namespace

QJsonObject ImageCheckRecord::toJson() const {
    return QJsonObject{
        {QStringLiteral("image"), imageRef},
        {QStringLiteral("verdict"), registry::verdictName(verdict)},
        {QStringLiteral("checkedAt"), checkedAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("digest"), digest},
        {QStringLiteral("message"), message},
        {QStringLiteral("fix"), fix},
        {QStringLiteral("detail"), detail},
        {QStringLiteral("imagePlatforms"), QJsonArray::fromStringList(imagePlatforms)},
        {QStringLiteral("clusterPlatforms"), QJsonArray::fromStringList(clusterPlatforms)},
        {QStringLiteral("anonymousPull"), anonymousPull},
    };
}

Result<ImageCheckRecord> ImageCheckRecord::fromJson(const QJsonObject& json) {
    ImageCheckRecord record;
    record.imageRef = json.value(QStringLiteral("image")).toString();
    const QString verdictText = json.value(QStringLiteral("verdict")).toString();
    const std::optional<PullVerdict> verdict = verdictFromName(verdictText);
    if (record.imageRef.isEmpty() || !verdict)
        return fail(
            QStringLiteral("image-status-entry"),
            QStringLiteral("a pull check entry has no image or an unknown verdict \"%1\"").arg(verdictText),
            QStringLiteral("Run the pull check of that image again."));
    record.verdict = *verdict;
    record.checkedAt =
        QDateTime::fromString(json.value(QStringLiteral("checkedAt")).toString(), Qt::ISODateWithMs);
    record.digest = json.value(QStringLiteral("digest")).toString();
    record.message = json.value(QStringLiteral("message")).toString();
    record.fix = json.value(QStringLiteral("fix")).toString();
    record.detail = json.value(QStringLiteral("detail")).toString();
    record.imagePlatforms = stringList(json.value(QStringLiteral("imagePlatforms")));
    record.clusterPlatforms = stringList(json.value(QStringLiteral("clusterPlatforms")));
    record.anonymousPull = json.value(QStringLiteral("anonymousPull")).toBool();
    return record;
}

QString ImageStatusStore::defaultDirectory() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("checks"));
}

QString ImageStatusStore::key(const QString& imageRef) {
    const Result<registry::ImageReference> parsed = registry::ImageReference::parse(imageRef.trimmed());
    return parsed ? parsed->toString() : imageRef.trimmed();
}

ImageStatusStore::ImageStatusStore(QString directory, QObject* parent)
    : QObject(parent), m_directory(std::move(directory)) {
    load();
}

QString ImageStatusStore::filePath() const {
    return QDir(m_directory).filePath(kFileName);
}

void ImageStatusStore::setCapacity(int capacity) {
    m_capacity = std::max(1, capacity);
    trim();
}

qsizetype ImageStatusStore::indexOf(const QString& key) const {
    const auto found =
        std::find_if(m_records.cbegin(), m_records.cend(),
                     [&key](const ImageCheckRecord& record) { return record.imageRef == key; });
    return found == m_records.cend() ? -1 : found - m_records.cbegin();
}

void ImageStatusStore::recordCheck(const QString& imageRef, const registry::PullCheckResult& result) {
    ImageCheckRecord record;
    record.imageRef = key(imageRef);
    record.verdict = result.verdict;
    record.checkedAt = QDateTime::currentDateTimeUtc();
    record.digest = result.digest;
    // The registry's words are attacker-controlled input that ends up in a file: redact them like a log.
    record.message = redactSecrets(result.message);
    record.fix = redactSecrets(result.fix);
    record.detail = redactSecrets(result.detail);
    record.imagePlatforms = platformNames(result.imagePlatforms);
    record.clusterPlatforms = platformNames(result.clusterPlatforms);
    record.anonymousPull = result.anonymousPull;

    if (const qsizetype existing = indexOf(record.imageRef); existing >= 0)
        m_records.removeAt(existing);
    m_records.append(record);
    trim();
    if (Result<void> saved = save(); !saved) {
        m_problem = saved.error();
        Q_EMIT failed(saved.error());
    }
    Q_EMIT changed(record.imageRef);
}

std::optional<PullVerdict> ImageStatusStore::lastVerdict(const QString& imageRef) const {
    const qsizetype index = indexOf(key(imageRef));
    return index < 0 ? std::nullopt : std::optional(m_records[index].verdict);
}

std::optional<ImageCheckRecord> ImageStatusStore::lastCheck(const QString& imageRef) const {
    const qsizetype index = indexOf(key(imageRef));
    return index < 0 ? std::nullopt : std::optional(m_records[index]);
}

void ImageStatusStore::trim() {
    if (m_records.size() > m_capacity)
        m_records.remove(0, m_records.size() - m_capacity);
}

void ImageStatusStore::load() {
    QFile file(filePath());
    if (!file.exists())
        return;
    if (!file.open(QIODevice::ReadOnly)) {
        m_problem = Error{QStringLiteral("image-status-read"),
                          QStringLiteral("cannot read the pull check results %1: %2")
                              .arg(QDir::toNativeSeparators(filePath()), file.errorString()),
                          QStringLiteral("Check that you may read the file; until then specs show their "
                                         "build state only and checks are remembered for this session."),
                          {}};
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    file.close();
    const QJsonObject root = document.object();
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        setAside(QStringLiteral("%1 at byte %2").arg(parseError.errorString()).arg(parseError.offset));
        return;
    }
    if (root.value(QStringLiteral("schema")).toInt() > kSchemaVersion) {
        setAside(QStringLiteral("written by a newer Slipway"));
        return;
    }
    int skipped = 0;
    for (const QJsonValue& value : root.value(QStringLiteral("checks")).toArray()) {
        Result<ImageCheckRecord> record = ImageCheckRecord::fromJson(value.toObject());
        if (!record || indexOf(record->imageRef) >= 0) {
            ++skipped;
            continue;
        }
        m_records.append(std::move(*record));
    }
    trim();
    if (skipped > 0)
        m_problem = Error{QStringLiteral("image-status-entry"),
                          QStringLiteral("%1 pull check result(s) in %2 could not be read and were skipped")
                              .arg(skipped)
                              .arg(QDir::toNativeSeparators(filePath())),
                          QStringLiteral("Run the pull check of those images again."),
                          {}};
}

// The damaged file is kept for whoever wants to look at it, out of the way of the next save.
void ImageStatusStore::setAside(const QString& reason) {
    const QString path = filePath();
    const QString damaged = path + QStringLiteral(".damaged");
    QFile::remove(damaged);
    const bool moved = QFile::rename(path, damaged);
    m_problem =
        Error{QStringLiteral("image-status-format"),
              QStringLiteral("the saved pull check results %1 are damaged (%2)")
                  .arg(QDir::toNativeSeparators(path), reason),
              moved ? QStringLiteral(
                          "Nothing to do: Slipway starts a new list and kept the old file as %1. Re-check "
                          "your images to see their status again.")
                          .arg(QDir::toNativeSeparators(damaged))
                    : QStringLiteral("Delete the file; Slipway starts a new list without it."),
              {}};
}

Result<void> ImageStatusStore::save() const {
    if (!QDir().mkpath(m_directory))
        return fail(QStringLiteral("image-status-folder"),
                    QStringLiteral("cannot create the folder %1 for pull check results")
                        .arg(QDir::toNativeSeparators(m_directory)),
                    QStringLiteral("Check that the disk is not full and that you may write there."));
    QJsonArray checks;
    for (const ImageCheckRecord& record : m_records)
        checks.append(record.toJson());
    const QByteArray json = QJsonDocument(QJsonObject{{QStringLiteral("schema"), kSchemaVersion},
                                                      {QStringLiteral("checks"), checks}})
                                .toJson(QJsonDocument::Indented);
    QSaveFile file(filePath());
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit())
        return fail(
            QStringLiteral("image-status-write"),
            QStringLiteral("cannot save the pull check results %1: %2")
                .arg(QDir::toNativeSeparators(filePath()), file.errorString()),
            QStringLiteral("Check that the disk is not full; the previous results are kept on disk."));
    return {};
}

} // namespace slipway::project
