#include "project/buildhistory.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSaveFile>
#include <QSignalBlocker>
#include <QStandardPaths>
#include <algorithm>

namespace slipway::project {

namespace {

const QString kRecordSuffix = QStringLiteral(".json");
const QString kLogSuffix = QStringLiteral(".log");

bool matchesImage(const QString& reference, const QString& image) {
    if (image.isEmpty() || reference == image)
        return true;
    // A repository matches each of its tags and digests.
    return reference.startsWith(image) &&
           (reference.at(image.size()) == QLatin1Char(':') || reference.at(image.size()) == QLatin1Char('@'));
}

bool newestFirst(const BuildRecord& a, const BuildRecord& b) {
    if (a.started != b.started)
        return a.started > b.started;
    return a.id > b.id;
}

Error invalidId(const QString& id) {
    return Error{QStringLiteral("build-record-id"),
                 QStringLiteral("\"%1\" is not a build record id").arg(id),
                 QStringLiteral("Pick the build from the history list."),
                 {}};
}

} // namespace

QString BuildHistory::defaultDirectory() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("builds"));
}

BuildHistory::BuildHistory(QString directory, QObject* parent)
    : QObject(parent), m_directory(std::move(directory)) {}

QString BuildHistory::recordPath(const QString& id) const {
    return QDir(m_directory).filePath(id + kRecordSuffix);
}

QString BuildHistory::logPath(const QString& id) const {
    return QDir(m_directory).filePath(id + kLogSuffix);
}

BuildHistory::Listing BuildHistory::list(const Filter& filter) const {
    Listing listing;
    const QStringList files =
        QDir(m_directory)
            .entryList({QLatin1Char('*') + kRecordSuffix}, QDir::Files, QDir::Name | QDir::Reversed);
    for (const QString& file : files) {
        const QString id = file.chopped(kRecordSuffix.size());
        Result<BuildRecord> record = load(id);
        if (!record) {
            listing.problems.append(record.error());
            continue;
        }
        if (!filter.specFile.isEmpty() && record->specFile != filter.specFile)
            continue;
        if (!matchesImage(record->imageReference, filter.image))
            continue;
        listing.records.append(std::move(*record));
    }
    std::stable_sort(listing.records.begin(), listing.records.end(), newestFirst);
    return listing;
}

Result<BuildRecord> BuildHistory::load(const QString& id) const {
    if (!BuildRecord::isValidId(id))
        return std::unexpected(invalidId(id));
    const QString path = recordPath(id);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("build-record-read"),
                    QStringLiteral("cannot read the build record %1: %2").arg(path, file.errorString()),
                    QStringLiteral("Check that the file exists and that you may read it."));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail(QStringLiteral("build-record-format"),
                    QStringLiteral("the build record %1 is damaged (%2 at byte %3)")
                        .arg(path, parseError.errorString())
                        .arg(parseError.offset),
                    QStringLiteral("Delete the file; Slipway lists the other builds without it."));
    Result<BuildRecord> record = BuildRecord::fromJson(document.object());
    if (!record) {
        Error error = record.error();
        error.message = QStringLiteral("%1 (%2)").arg(error.message, path);
        return std::unexpected(error);
    }
    if (record->id != id)
        return fail(QStringLiteral("build-record-format"),
                    QStringLiteral("the build record %1 holds the id %2").arg(path, record->id),
                    QStringLiteral("Delete the file; Slipway lists the other builds without it."));
    return record;
}

Result<void> BuildHistory::ensureDirectory() const {
    if (QDir().mkpath(m_directory))
        return {};
    return fail(QStringLiteral("build-history-folder"),
                QStringLiteral("cannot create the build history folder %1").arg(m_directory),
                QStringLiteral("Check that the disk is not full and that you may write to that folder."));
}

Result<void> BuildHistory::save(const BuildRecord& record) {
    if (!BuildRecord::isValidId(record.id))
        return std::unexpected(invalidId(record.id));
    if (auto ready = ensureDirectory(); !ready)
        return ready;
    const QString path = recordPath(record.id);
    QSaveFile file(path);
    const QByteArray json = QJsonDocument(record.redacted().toJson()).toJson(QJsonDocument::Indented);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit())
        return fail(
            QStringLiteral("build-record-write"),
            QStringLiteral("cannot save the build record %1: %2").arg(path, file.errorString()),
            QStringLiteral("Check that the disk is not full; the previous version of the record is kept."));
    Q_EMIT changed();
    return {};
}

Result<void> BuildHistory::remove(const QString& id) {
    if (!BuildRecord::isValidId(id))
        return std::unexpected(invalidId(id));
    const QString path = recordPath(id);
    if (QFile::exists(path) && !QFile::remove(path))
        return fail(QStringLiteral("build-record-remove"),
                    QStringLiteral("cannot delete the build record %1").arg(path),
                    QStringLiteral("Check that you may write to %1.").arg(m_directory));
    QFile::remove(logPath(id)); // a record without a log is fine; a log without a record is pruned below
    Q_EMIT changed();
    return {};
}

Result<int> BuildHistory::prune(int keepNewest, const QDateTime& olderThan) {
    const Listing listing = list();
    int kept = 0;
    int removed = 0;
    QSignalBlocker quiet(this); // one changed() at the end, not one per record
    for (const BuildRecord& record : listing.records) {
        // An unfinished record from the last day may be a build still running in another window.
        const bool running = !record.isFinished() && record.started.isValid() &&
                             record.started.secsTo(QDateTime::currentDateTimeUtc()) < 24 * 3600;
        const bool tooMany = keepNewest >= 0 && kept >= keepNewest;
        const bool tooOld = olderThan.isValid() && record.started.isValid() && record.started < olderThan;
        if (running)
            continue;
        if (!(tooMany || tooOld)) {
            ++kept;
            continue;
        }
        if (auto done = remove(record.id); !done)
            return std::unexpected(done.error());
        ++removed;
    }
    // Logs whose record is gone (deleted by hand, or a crash between the two removals).
    for (const QString& log : QDir(m_directory).entryList({QLatin1Char('*') + kLogSuffix}, QDir::Files)) {
        if (!QFile::exists(recordPath(log.chopped(kLogSuffix.size()))))
            QFile::remove(QDir(m_directory).filePath(log));
    }
    if (removed > 0) {
        quiet.unblock();
        Q_EMIT changed();
    }
    return removed;
}

Result<QByteArray> BuildHistory::readLog(const QString& id, qint64 maxBytes) const {
    if (!BuildRecord::isValidId(id))
        return std::unexpected(invalidId(id));
    QFile file(logPath(id));
    if (!file.exists())
        return QByteArray();
    if (!file.open(QIODevice::ReadOnly))
        return fail(
            QStringLiteral("build-log-read"),
            QStringLiteral("cannot read the build log %1: %2").arg(file.fileName(), file.errorString()),
            QStringLiteral("Check that you may read the file."));
    const qint64 size = file.size();
    if (size <= maxBytes)
        return file.readAll();
    file.seek(size - maxBytes);
    QByteArray tail = file.readAll();
    const qsizetype lineStart = tail.indexOf('\n');
    return lineStart < 0 ? tail : tail.mid(lineStart + 1);
}

} // namespace slipway::project
