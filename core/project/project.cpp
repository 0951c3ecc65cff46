#include "project/project.h"

#include "project/projectwatcher.h"
#include "spec/sourcedigestcache.h"
#include "spec/spechash.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace slipway::project {

Project::Project(QObject* parent)
    : QObject(parent), m_watcher(new ProjectWatcher(this)), m_digests(spec::SourceDigestCache::persistent()) {
    connect(m_watcher, &ProjectWatcher::changed, this,
            [this] { startScan(QStringLiteral("Files changed on disk, rescanning")); });
}

Project::~Project() {
    cancelWork();
}

Result<void> Project::open(const QString& folder) {
    const QFileInfo info(folder);
    if (!info.isDir()) {
        return fail(QStringLiteral("project.not-a-folder"), QStringLiteral("%1 is not a folder").arg(folder),
                    QStringLiteral("Open an existing folder that holds your workflows and ImageSpecs."));
    }
    const QString path = QDir::cleanPath(info.absoluteFilePath());
    if (path == m_folder) {
        reload();
        return {};
    }
    cancelWork();
    m_watcher->clear();
    m_folder = path;
    m_scanned = false;
    replaceScan(ProjectScan{});
    Q_EMIT folderChanged();
    startScan(QStringLiteral("Opened %1").arg(QDir::toNativeSeparators(path)));
    return {};
}

void Project::reload() {
    if (isOpen())
        startScan(QStringLiteral("Reloading"));
}

void Project::close() {
    if (!isOpen())
        return;
    cancelWork();
    m_watcher->clear();
    m_folder.clear();
    m_scanning = false;
    m_scanned = false;
    replaceScan(ProjectScan{});
    Q_EMIT folderChanged();
}

QString Project::name() const {
    return QFileInfo(m_folder).fileName();
}

const SpecEntry* Project::spec(int fileIndex, int specIndex) const {
    if (fileIndex < 0 || fileIndex >= m_scan.files.size())
        return nullptr;
    const QList<SpecEntry>& specs = m_scan.files[fileIndex].specs;
    return specIndex >= 0 && specIndex < specs.size() ? &specs[specIndex] : nullptr;
}

ReferenceStatus Project::referenceStatus(int fileIndex, int specIndex) const {
    if (!spec(fileIndex, specIndex))
        return {};
    return m_references[fileIndex][specIndex];
}

int Project::specCount() const {
    int count = 0;
    for (const ProjectFile& file : m_scan.files)
        count += static_cast<int>(file.specs.size());
    return count;
}

ProblemCount Project::problemCount() const {
    ProblemCount count;
    for (const ProjectFile& file : m_scan.files)
        count += countProblems(file);
    return count;
}

void Project::setRescanQuietPeriod(int milliseconds) {
    m_watcher->setQuietPeriod(milliseconds);
}

void Project::cancelWork() {
    if (m_cancel)
        m_cancel->store(true);
    m_cancel.reset();
    ++m_generation;
    m_pendingReferences = 0;
}

void Project::startScan(const QString& reason) {
    cancelWork();
    m_cancel = std::make_shared<CancelFlag>(false);
    m_scanning = true;
    m_clock.start();
    Q_EMIT logged(reason);
    Q_EMIT scanStarted();

    const quint64 generation = m_generation;
    auto* watcher = new QFutureWatcher<ProjectScan>(this);
    connect(watcher, &QFutureWatcher<ProjectScan>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_generation)
            acceptScan(watcher->result());
    });
    const ProjectScanner scanner(m_folder, m_fileLimit);
    watcher->setFuture(
        QtConcurrent::run([scanner, cancel = m_cancel] { return scanner.scan(cancel.get()); }));
}

void Project::acceptScan(ProjectScan scan) {
    const qint64 scanMs = m_clock.elapsed();
    m_scanning = false;
    m_scanned = true;
    for (const QString& note : std::as_const(scan.notes))
        Q_EMIT logged(note);
    if (scan.capped) {
        Q_EMIT logged(
            QStringLiteral("Stopped after %1 files: the folder is larger than a project usually is. "
                           "Specs in files after that were not looked at; open a smaller folder.")
                .arg(scan.filesVisited));
    }

    QStringList specFiles;
    for (const ProjectFile& file : std::as_const(scan.files))
        specFiles.append(QDir(scan.folder).filePath(file.path));
    m_watcher->watch(scan.watchedFolders, specFiles);

    replaceScan(std::move(scan));
    const ProblemCount problems = problemCount();
    Q_EMIT logged(QStringLiteral("Scan done: ImageSpecs %1, files with specs %2, errors %3, warnings %4 "
                                 "(looked at %5 files in %6 ms)")
                      .arg(specCount())
                      .arg(m_scan.files.size())
                      .arg(problems.errors)
                      .arg(problems.warnings)
                      .arg(m_scan.filesVisited)
                      .arg(scanMs));
}

void Project::replaceScan(ProjectScan scan) {
    Q_EMIT filesAboutToChange();
    m_scan = std::move(scan);
    m_references.clear();
    for (const ProjectFile& file : std::as_const(m_scan.files))
        m_references.append(QList<ReferenceStatus>(file.specs.size()));
    // Started before filesChanged() so that listeners see the references as being computed.
    if (m_scanned)
        computeReferences();
    Q_EMIT filesChanged();
}

void Project::computeReferences() {
    m_clock.start();
    const quint64 generation = m_generation;
    for (int fileIndex = 0; fileIndex < m_scan.files.size(); ++fileIndex) {
        const QList<SpecEntry>& specs = m_scan.files[fileIndex].specs;
        for (int specIndex = 0; specIndex < specs.size(); ++specIndex) {
            const SpecEntry& entry = specs[specIndex];
            ReferenceStatus& status = m_references[fileIndex][specIndex];
            if (!entry.noReferenceReason.isEmpty()) {
                status = {ReferenceStatus::State::Unavailable, {}, entry.noReferenceReason};
                continue;
            }
            ++m_pendingReferences;
            auto* watcher = new QFutureWatcher<Result<QString>>(this);
            connect(watcher, &QFutureWatcher<Result<QString>>::finished, this,
                    [this, watcher, generation, fileIndex, specIndex] {
                        watcher->deleteLater();
                        if (generation == m_generation)
                            acceptReference(fileIndex, specIndex, watcher->result());
                    });
            watcher->setFuture(QtConcurrent::run(
                [spec = entry.spec, host = m_scan.host, cancel = m_cancel, digests = m_digests] {
                    return spec::specImageName(spec, host, cancel.get(), digests.get());
                }));
        }
    }
    if (m_pendingReferences == 0)
        Q_EMIT referencesFinished();
}

void Project::acceptReference(int fileIndex, int specIndex, const Result<QString>& reference) {
    ReferenceStatus& status = m_references[fileIndex][specIndex];
    if (reference) {
        status = {ReferenceStatus::State::Ready, *reference, {}};
    } else {
        status = {ReferenceStatus::State::Failed, {}, reference.error().describe()};
        Q_EMIT logged(QStringLiteral("%1 (%2): no image reference: %3")
                          .arg(m_scan.files[fileIndex].specs[specIndex].displayName(),
                               m_scan.files[fileIndex].path, status.message));
    }
    Q_EMIT referenceChanged(fileIndex, specIndex);
    if (--m_pendingReferences == 0) {
        Q_EMIT logged(QStringLiteral("Image references computed in %1 ms").arg(m_clock.elapsed()));
        Q_EMIT referencesFinished();
    }
}

} // namespace slipway::project
