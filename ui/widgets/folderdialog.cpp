#include "widgets/folderdialog.h"

#include <QFileDialog>

namespace slipway::ui {

std::optional<QString> FolderDialog::s_nextDirectory;

QString FolderDialog::getExistingDirectory(QWidget* parent, const QString& caption,
                                           const QString& directory) {
    if (s_nextDirectory) {
        return std::exchange(s_nextDirectory, std::nullopt).value();
    }
    return QFileDialog::getExistingDirectory(parent, caption, directory);
}

void FolderDialog::setNextDirectory(const QString& directory) {
    s_nextDirectory = directory;
}

} // namespace slipway::ui
