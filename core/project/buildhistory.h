#pragma once

#include "common/error.h"
#include "project/buildrecord.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

namespace slipway::project {

// The build records of this user, one JSON file per build (<id>.json) and its log (<id>.log) in a
// folder of the app data dir (DESIGN.md "Project state": never in the project folder). Records are
// written atomically (QSaveFile), so a crash leaves the previous version or the new one, never half a
// file. A damaged record is reported and skipped; the others stay listed.
class BuildHistory : public QObject {
    Q_OBJECT

public:
    // Which records list() returns; empty fields match everything.
    struct Filter {
        QString specFile; // exact path
        QString image;    // a reference ("ghcr.io/me/img:tag") or a repository ("ghcr.io/me/img")
    };

    struct Listing {
        QList<BuildRecord> records; // newest first
        QList<Error> problems;      // one per record that could not be read
    };

    // <AppDataLocation>/builds
    static QString defaultDirectory();

    explicit BuildHistory(QString directory = defaultDirectory(), QObject* parent = nullptr);

    QString directory() const { return m_directory; }
    QString recordPath(const QString& id) const;
    QString logPath(const QString& id) const;

    Listing list(const Filter& filter = {}) const;
    Result<BuildRecord> load(const QString& id) const;
    // Writes the record (redacted again on the way: the store is the last line of defence).
    Result<void> save(const BuildRecord& record);
    // Removes the record and its log.
    Result<void> remove(const QString& id);
    // Keeps the newest `keepNewest` records (< 0: no count limit) and removes records that started
    // before `olderThan` (invalid: no age limit). Records still running are kept. Returns how many
    // were removed.
    Result<int> prune(int keepNewest, const QDateTime& olderThan = {});

    // The log's last `maxBytes` bytes (all of it when it is smaller), cut at a line start.
    Result<QByteArray> readLog(const QString& id, qint64 maxBytes) const;

Q_SIGNALS:
    // A record was saved, removed or pruned.
    void changed();

private:
    Result<void> ensureDirectory() const;

    QString m_directory;
};

} // namespace slipway::project
