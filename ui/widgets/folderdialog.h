#pragma once

#include <QString>
#include <optional>

class QWidget;

namespace slipway::ui {

// The "choose a folder" dialog, with a seam for tests: a queued answer is returned instead of opening
// a modal dialog that nobody would close (the KeePassXC MessageBox::setNextAnswer pattern).
class FolderDialog {
public:
    static QString getExistingDirectory(QWidget* parent, const QString& caption, const QString& directory);

    // The next getExistingDirectory() returns `directory` (empty = the user cancelled) without a dialog.
    static void setNextDirectory(const QString& directory);

private:
    static std::optional<QString> s_nextDirectory;
};

} // namespace slipway::ui
