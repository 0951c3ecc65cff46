#pragma once

#include "common/error.h"
#include "registry/pullcheckjob.h"
#include "registry/pullverdict.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace slipway::project {

// What Slipway remembers of the last pull check of one image: enough for a status badge and its
// tooltip. Never a credential: a PullCheckResult carries none, and its texts are redacted on the way in.
struct ImageCheckRecord {
    QString imageRef; // as the store keys it: normalised when it parses ("docker.io/library/x:1")
    registry::PullVerdict verdict = registry::PullVerdict::Unreachable;
    QDateTime checkedAt; // UTC
    QString digest;      // the manifest digest to pin; empty when the image was not found
    QString message;     // what the check found
    QString fix;         // what to do; empty when the cluster can pull
    QString detail;      // the registry's own words
    QStringList imagePlatforms;
    QStringList clusterPlatforms;
    bool anonymousPull = false;

    QJsonObject toJson() const;
    static Result<ImageCheckRecord> fromJson(const QJsonObject& json);
    friend bool operator==(const ImageCheckRecord&, const ImageCheckRecord&) = default;
};

// The last pull check verdict per image reference, so every spec can show whether the cluster can pull
// its image without asking the registry again at each start. One small JSON file in the app data dir
// (DESIGN.md "Project state"), written atomically (QSaveFile) after each check, holding the most recently
// checked `capacity()` references. A damaged file is set aside (renamed to *.damaged) and reported by
// problem(); the store then starts empty instead of taking the app down.
class ImageStatusStore : public QObject {
    Q_OBJECT

public:
    static constexpr int kDefaultCapacity = 200;
    static constexpr int kSchemaVersion = 1;

    // <AppDataLocation>/checks
    static QString defaultDirectory();
    // The key an image reference is stored under: the normalised reference when it parses, else as given.
    static QString key(const QString& imageRef);

    explicit ImageStatusStore(QString directory, QObject* parent = nullptr);

    QString filePath() const;
    int capacity() const { return m_capacity; }
    // Drops the oldest checks beyond `capacity` (at least 1) at once and on every later record.
    void setCapacity(int capacity);
    int size() const { return static_cast<int>(m_records.size()); }

    // Remembers `result` as the latest check of `imageRef` (the reference the spec shows; the result's
    // own reference may be spelled differently) and saves. A failed save keeps the check in memory
    // and is reported by problem() and failed().
    void recordCheck(const QString& imageRef, const registry::PullCheckResult& result);
    std::optional<registry::PullVerdict> lastVerdict(const QString& imageRef) const;
    std::optional<ImageCheckRecord> lastCheck(const QString& imageRef) const;
    // Every remembered check, oldest first.
    const QList<ImageCheckRecord>& checks() const { return m_records; }

    // What went wrong when loading or last saving; none when all went well.
    const std::optional<Error>& problem() const { return m_problem; }

Q_SIGNALS:
    // The last check of this reference (key() form) changed.
    void changed(const QString& imageRef);
    // Saving failed: the checks of this session are kept in memory only.
    void failed(const slipway::Error& error);

private:
    void load();
    void setAside(const QString& reason);
    void trim();
    Result<void> save() const;
    qsizetype indexOf(const QString& key) const;

    QString m_directory;
    int m_capacity = kDefaultCapacity;
    QList<ImageCheckRecord> m_records; // oldest first
    std::optional<Error> m_problem;
};

} // namespace slipway::project
