#include "widgets/filedialog.h"

#include <QFileDialog>

namespace slipway::ui {

std::optional<QString> FileDialog::s_nextFileName;

QString FileDialog::getOpenFileName(QWidget* parent, const QString& caption, const QString& directory,
                                    const QString& filter) {
    if (s_nextFileName)
        return std::exchange(s_nextFileName, std::nullopt).value();
    return QFileDialog::getOpenFileName(parent, caption, directory, filter);
}

QString FileDialog::getSaveFileName(QWidget* parent, const QString& caption, const QString& path,
                                    const QString& filter) {
    if (s_nextFileName)
        return std::exchange(s_nextFileName, std::nullopt).value();
    return QFileDialog::getSaveFileName(parent, caption, path, filter);
}

void FileDialog::setNextFileName(const QString& path) {
    s_nextFileName = path;
}

} // namespace slipway::ui
