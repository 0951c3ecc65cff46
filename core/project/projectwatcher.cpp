#include "project/projectwatcher.h"

namespace slipway::project {

namespace {
constexpr int kDefaultQuietPeriodMs = 300;
}

ProjectWatcher::ProjectWatcher(QObject* parent) : QObject(parent) {
    m_quiet.setSingleShot(true);
    m_quiet.setInterval(kDefaultQuietPeriodMs);
    connect(&m_quiet, &QTimer::timeout, this, &ProjectWatcher::changed);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, &m_quiet, qOverload<>(&QTimer::start));
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, &m_quiet, qOverload<>(&QTimer::start));
}

void ProjectWatcher::watch(const QStringList& folders, const QStringList& files) {
    clear();
    if (!folders.isEmpty())
        m_watcher.addPaths(folders);
    if (!files.isEmpty())
        m_watcher.addPaths(files);
}

void ProjectWatcher::clear() {
    m_quiet.stop();
    const QStringList watched = m_watcher.files() + m_watcher.directories();
    if (!watched.isEmpty())
        m_watcher.removePaths(watched);
}

void ProjectWatcher::setQuietPeriod(int milliseconds) {
    m_quiet.setInterval(milliseconds);
}

} // namespace slipway::project
