#pragma once

#include "common/cancel.h"
#include "common/error.h"
#include "project/projectfile.h"
#include "project/projectscanner.h"
#include "project/referencestatus.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <memory>

namespace slipway::spec {
class SourceDigestCache;
}

namespace slipway::project {

class ProjectWatcher;

// An open project folder: the ImageSpecs it holds, kept current as files change on disk, and the image
// reference of each. Scanning and hashing run on the thread pool; results arrive as signals on the
// thread that owns the project, so a GUI never waits for the disk.
class Project : public QObject {
    Q_OBJECT

public:
    explicit Project(QObject* parent = nullptr);
    ~Project() override;

    // Starts scanning `folder` (reloads when it is already open). Fails when it is not a folder.
    Result<void> open(const QString& folder);
    void reload();
    void close();

    bool isOpen() const { return !m_folder.isEmpty(); }
    QString folder() const { return m_folder; }
    QString name() const;
    bool isScanning() const { return m_scanning; }
    bool isComputingReferences() const { return m_pendingReferences > 0; }
    // False until the first scan of the open folder has finished.
    bool hasScanned() const { return m_scanned; }

    const ProjectScan& lastScan() const { return m_scan; }
    const QList<ProjectFile>& files() const { return m_scan.files; }
    const SpecEntry* spec(int fileIndex, int specIndex) const;
    ReferenceStatus referenceStatus(int fileIndex, int specIndex) const;
    int specCount() const;
    ProblemCount problemCount() const;

    void setFileLimit(int limit) { m_fileLimit = limit; }
    void setRescanQuietPeriod(int milliseconds);

Q_SIGNALS:
    void folderChanged();
    void scanStarted();
    // Around replacing files(): indexes into the old list are invalid after filesAboutToChange().
    void filesAboutToChange();
    void filesChanged();
    void referenceChanged(int fileIndex, int specIndex);
    void referencesFinished();
    void logged(const QString& line);

private:
    void startScan(const QString& reason);
    void acceptScan(ProjectScan scan);
    void replaceScan(ProjectScan scan);
    void computeReferences();
    void acceptReference(int fileIndex, int specIndex, const Result<QString>& reference);
    void cancelWork();

    QString m_folder;
    ProjectScan m_scan;
    QList<QList<ReferenceStatus>> m_references; // parallel to m_scan.files[i].specs
    ProjectWatcher* m_watcher = nullptr;
    std::shared_ptr<CancelFlag> m_cancel;
    // Shared by every spec's reference: specs with the same source_root read it once.
    std::shared_ptr<spec::SourceDigestCache> m_digests;
    quint64 m_generation = 0; // results of older scans are dropped
    bool m_scanning = false;
    bool m_scanned = false;
    int m_fileLimit = ProjectScanner::kDefaultFileLimit;
    int m_pendingReferences = 0;
    QElapsedTimer m_clock;
};

} // namespace slipway::project
