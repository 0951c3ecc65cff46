#pragma once

#include <QStringList>

namespace slipway::ui {

// Recently opened project folders, newest first, kept in QSettings. Paths only: nothing secret.
class RecentProjects {
public:
    static constexpr int kMaxEntries = 10;

    static QStringList folders();
    static void add(const QString& folder);
    static void remove(const QString& folder);
    static void clear();

    // The project that was open when Slipway last closed; empty when none was.
    static QString lastOpen();
    static void setLastOpen(const QString& folder);
};

} // namespace slipway::ui
