#include "main/recentprojects.h"

#include <QSettings>

namespace slipway::ui {

namespace {
const QString kRecentKey = QStringLiteral("projects/recent");
const QString kLastKey = QStringLiteral("projects/last");
} // namespace

QStringList RecentProjects::folders() {
    return QSettings().value(kRecentKey).toStringList();
}

void RecentProjects::add(const QString& folder) {
    QStringList list = folders();
    list.removeAll(folder);
    list.prepend(folder);
    while (list.size() > kMaxEntries)
        list.removeLast();
    QSettings().setValue(kRecentKey, list);
}

void RecentProjects::remove(const QString& folder) {
    QStringList list = folders();
    list.removeAll(folder);
    QSettings().setValue(kRecentKey, list);
}

void RecentProjects::clear() {
    QSettings().remove(kRecentKey);
}

QString RecentProjects::lastOpen() {
    return QSettings().value(kLastKey).toString();
}

void RecentProjects::setLastOpen(const QString& folder) {
    QSettings settings;
    if (folder.isEmpty())
        settings.remove(kLastKey);
    else
        settings.setValue(kLastKey, folder);
}

} // namespace slipway::ui
