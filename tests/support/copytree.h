#pragma once

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>

namespace slipway::testing {

// Copies the folder `from` into `to` (created), so a test can change a fixture project freely.
inline bool copyTree(const QString& from, const QString& to) {
    QDir().mkpath(to);
    for (const QFileInfo& entry : QDir(from).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString target = QDir(to).filePath(entry.fileName());
        if (!(entry.isDir() ? copyTree(entry.absoluteFilePath(), target)
                            : QFile::copy(entry.absoluteFilePath(), target)))
            return false;
    }
    return true;
}

} // namespace slipway::testing
