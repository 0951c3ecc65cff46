#pragma once

#include <QString>
#include <optional>

class QWidget;

namespace slipway::ui {

// File choosers with the same test seam as FolderDialog: a queued answer instead of a modal dialog.
class FileDialog {
public:
    static QString getOpenFileName(QWidget* parent, const QString& caption, const QString& directory,
                                   const QString& filter = {});
    static QString getSaveFileName(QWidget* parent, const QString& caption, const QString& path,
                                   const QString& filter = {});

    // The next get*FileName() returns `path` (empty = the user cancelled) without a dialog.
    static void setNextFileName(const QString& path);

private:
    static std::optional<QString> s_nextFileName;
};

} // namespace slipway::ui
