#include "project/imagestatuses.h"

#include "check/verdictlook.h"
#include "project/buildhistory.h"
#include "project/buildrecord.h"

#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

namespace slipway::ui {

using docker::BuildOutcome;
using project::BuildRecord;

namespace {

// What one record says about its image. A push that failed after the build finished (its layers
// had started to go up) still left a built image behind.
SpecBuildState recordState(const BuildRecord& record) {
    if (!record.outcome)
        return SpecBuildState::NotBuilt;
    const BuildOutcome& outcome = *record.outcome;
    switch (outcome.status) {
    case BuildOutcome::Status::Succeeded:
    case BuildOutcome::Status::SkippedExists:
        // A digest is the registry's receipt for a push (or, when skipped, for the image already there).
        return record.options.push || !outcome.digest.isEmpty() ? SpecBuildState::Pushed
                                                                : SpecBuildState::Built;
    case BuildOutcome::Status::Failed:
    case BuildOutcome::Status::Cancelled:
        return record.pushLayers.isEmpty() || record.specFile.isEmpty() ? SpecBuildState::NotBuilt
                                                                        : SpecBuildState::Built;
    }
    return SpecBuildState::NotBuilt;
}

// Fix texts come in lines (a step per line); the tooltip is rich text, which would run them together.
QString escaped(const QString& text) {
    return text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

// "sha256:" and 12 hex digits, as docker shows image ids: the whole digest is one unbreakable word wider
// than a tooltip. The pull check view shows it in full, with Copy.
QString shortDigest(const QString& digest) {
    constexpr qsizetype kShown = 12;
    const qsizetype colon = digest.indexOf(QLatin1Char(':'));
    return digest.size() - colon - 1 > kShown ? digest.left(colon + 1 + kShown) + QStringLiteral("…")
                                              : digest;
}

QString buildLine(SpecBuildState build) {
    switch (build) {
    case SpecBuildState::NotBuilt:
        return QStringLiteral("No build of this image is recorded on this machine.");
    case SpecBuildState::Built:
        return QStringLiteral("Built on this machine; no push recorded.");
    case SpecBuildState::Pushed:
        return QStringLiteral("Pushed from this machine.");
    }
    return {};
}

} // namespace

QHash<QString, SpecBuildState> buildStatesByImage(const QList<BuildRecord>& records) {
    QHash<QString, SpecBuildState> states;
    for (const BuildRecord& record : records) {
        const SpecBuildState state = recordState(record);
        if (state == SpecBuildState::NotBuilt)
            continue;
        const QString reference = record.outcome && !record.outcome->imageReference.isEmpty()
                                      ? record.outcome->imageReference
                                      : record.imageReference;
        SpecBuildState& known = states[project::ImageStatusStore::key(reference)];
        known = std::max(known, state);
    }
    return states;
}

std::optional<registry::PullVerdict> ImageStatus::verdict() const {
    return lastCheck ? std::optional(lastCheck->verdict) : std::nullopt;
}

BadgeLook ImageStatus::look() const {
    return specStatusLook(status, verdict());
}

QString ImageStatus::toolTip(const QString& reference) const {
    const BadgeLook badge = look();
    QStringList parts{QStringLiteral("<b>%1</b> — %2").arg(escaped(badge.text), escaped(badge.toolTip)),
                      QStringLiteral("<tt>%1</tt>").arg(escaped(reference)), escaped(buildLine(build))};
    if (!lastCheck) {
        parts.append(
            QStringLiteral("Not checked yet: Re-check asks the registry whether the cluster can pull it."));
    } else {
        const QString when = QLocale().toString(lastCheck->checkedAt.toLocalTime(), QLocale::ShortFormat);
        parts.append(QStringLiteral("Last pull check (%1): %2")
                         .arg(escaped(when), escaped(verdictLook(lastCheck->verdict).text)));
        if (!lastCheck->message.isEmpty())
            parts.append(escaped(lastCheck->message));
        if (!lastCheck->digest.isEmpty())
            parts.append(QStringLiteral("Digest: <tt>%1</tt>").arg(escaped(shortDigest(lastCheck->digest))));
        if (!lastCheck->fix.isEmpty())
            parts.append(QStringLiteral("<b>Fix:</b> %1").arg(escaped(lastCheck->fix)));
    }
    return QStringLiteral("<p>") + parts.join(QStringLiteral("</p><p>")) + QStringLiteral("</p>");
}

// The folder is watched as well as the signal: a build from slipway-cli in a terminal, or one saved
// through another BuildHistory object, shows up too.
ImageStatuses::ImageStatuses(QObject* parent)
    : QObject(parent), m_historyFolder(new QFileSystemWatcher(this)) {
    connect(m_historyFolder, &QFileSystemWatcher::directoryChanged, this, &ImageStatuses::reloadHistory);
}

void ImageStatuses::setSources(const project::BuildHistory* history,
                               const project::ImageStatusStore* statuses) {
    if (m_history)
        disconnect(m_history, nullptr, this, nullptr);
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_history = history;
    m_store = statuses;
    watchHistoryFolder();
    if (history) {
        connect(history, &project::BuildHistory::changed, this, &ImageStatuses::reloadHistory);
        connect(history, &QObject::destroyed, this, &ImageStatuses::forgetHistory, Qt::QueuedConnection);
    }
    if (statuses) {
        connect(statuses, &project::ImageStatusStore::changed, this, &ImageStatuses::changed);
        connect(statuses, &QObject::destroyed, this, &ImageStatuses::changed, Qt::QueuedConnection);
    }
    forgetHistory();
}

// What was read from another history (or one that is gone) must not come back when its reading ends.
void ImageStatuses::forgetHistory() {
    ++m_generation;
    m_historyLoaded = false;
    m_builds.clear();
    reloadHistory();
}

// Reading every record parses JSON files from disk: on the thread pool, from the folder alone, so the
// worker shares nothing with the history object. One reading at a time; changes that arrive meanwhile
// (a running build saves its record now and then) are read once more when it ends.
void ImageStatuses::reloadHistory() {
    if (m_reading) {
        m_readAgain = true;
        return;
    }
    m_readAgain = false;
    if (!m_history) {
        m_historyLoaded = true;
        Q_EMIT changed();
        return;
    }
    watchHistoryFolder(); // it may not have existed before the first build
    m_reading = true;
    const quint64 generation = m_generation;
    const QString directory = m_history->directory();
    auto* watcher = new QFutureWatcher<QHash<QString, SpecBuildState>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        m_reading = false;
        if (generation == m_generation) {
            m_builds = watcher->result();
            m_historyLoaded = true;
            Q_EMIT changed();
        }
        if (m_readAgain || generation != m_generation)
            reloadHistory();
    });
    watcher->setFuture(QtConcurrent::run([directory] {
        const project::BuildHistory history(directory);
        return buildStatesByImage(history.list().records);
    }));
}

void ImageStatuses::watchHistoryFolder() {
    const QString folder = m_history ? m_history->directory() : QString();
    if (m_historyFolder->directories() == QStringList{folder})
        return;
    if (!m_historyFolder->directories().isEmpty())
        m_historyFolder->removePaths(m_historyFolder->directories());
    if (!folder.isEmpty() && QFileInfo(folder).isDir())
        m_historyFolder->addPath(folder);
}

std::optional<ImageStatus> ImageStatuses::status(const QString& reference) const {
    if (!hasSources() || !m_historyLoaded || reference.isEmpty())
        return std::nullopt;
    ImageStatus result;
    result.build = m_builds.value(project::ImageStatusStore::key(reference), SpecBuildState::NotBuilt);
    if (m_store)
        result.lastCheck = m_store->lastCheck(reference);
    result.status = specStatus(result.build, result.verdict());
    return result;
}

} // namespace slipway::ui
