#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace slipway::project {

// Tells when spec files or the folders holding them change on disk. Editors save in bursts (write,
// rename, chmod) and watchers fire once per step, so changes are reported once after a quiet period.
class ProjectWatcher : public QObject {
    Q_OBJECT

public:
    explicit ProjectWatcher(QObject* parent = nullptr);

    // Replaces what is watched. Folders catch files that are added, removed or saved by rename.
    void watch(const QStringList& folders, const QStringList& files);
    void clear();
    void setQuietPeriod(int milliseconds);

Q_SIGNALS:
    void changed();

private:
    QFileSystemWatcher m_watcher;
    QTimer m_quiet;
};

} // namespace slipway::project
