#pragma once

#include "check/specstatus.h"
#include "project/buildhistory.h"
#include "project/imagestatusstore.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <optional>

class QFileSystemWatcher;

namespace slipway::ui {

// Everything the project tree shows about one spec's image, looked up by its reference.
struct ImageStatus {
    SpecStatus status = SpecStatus::NotBuilt;
    SpecBuildState build = SpecBuildState::NotBuilt;
    std::optional<project::ImageCheckRecord> lastCheck;

    std::optional<registry::PullVerdict> verdict() const;
    BadgeLook look() const;
    // Rich text: the status, what the build history and the last pull check say (when, digest, fix).
    QString toolTip(const QString& reference) const;
};

// The build states and pull check verdicts of images, for the project tree. The build history lists
// its records from disk, so that runs on the thread pool and is kept here by reference; the pull
// check store is small and asked directly. Either source may be null (no status then) or go away.
class ImageStatuses : public QObject {
    Q_OBJECT

public:
    explicit ImageStatuses(QObject* parent = nullptr);

    void setSources(const project::BuildHistory* history, const project::ImageStatusStore* statuses);
    bool hasSources() const { return m_history || m_store; }
    // None while there are no sources or the build history is still being read.
    std::optional<ImageStatus> status(const QString& reference) const;

Q_SIGNALS:
    // Any image's status may have changed.
    void changed();

private:
    void forgetHistory();
    void watchHistoryFolder();
    void reloadHistory();

    QPointer<const project::BuildHistory> m_history;
    QPointer<const project::ImageStatusStore> m_store;
    QFileSystemWatcher* m_historyFolder;
    QHash<QString, SpecBuildState> m_builds; // by ImageStatusStore::key()
    bool m_historyLoaded = false;
    bool m_reading = false;   // a reading of the history is in flight
    bool m_readAgain = false; // the history changed while it was read
    quint64 m_generation = 0; // bumped when the history is replaced: older readings are dropped
};

// How far each image got, from build records (any order): Pushed beats Built beats nothing. Keys are
// ImageStatusStore::key() of the references.
QHash<QString, SpecBuildState> buildStatesByImage(const QList<project::BuildRecord>& records);

} // namespace slipway::ui
