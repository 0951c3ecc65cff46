#include "widgets/pathedit.h"

#include "widgets/filedialog.h"
#include "widgets/folderdialog.h"
#include "widgets/icons.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

namespace slipway::ui {

PathEdit::PathEdit(Kind kind, QWidget* parent)
    : QWidget(parent), m_kind(kind), m_edit(new QLineEdit(this)), m_browse(new QToolButton(this)) {
    m_edit->setObjectName(QStringLiteral("pathField"));
    m_edit->setClearButtonEnabled(true);
    m_browse->setObjectName(QStringLiteral("browseButton"));
    m_browse->setIcon(icon(kind == Kind::File ? IconName::File : IconName::Folder));
    m_browse->setText(QStringLiteral("Browse…"));
    m_browse->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    const QString toolTip = kind == Kind::File ? QStringLiteral("Choose a file in the project")
                                               : QStringLiteral("Choose a folder in the project");
    m_browse->setToolTip(toolTip);
    m_browse->setAccessibleName(toolTip);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_browse);
    setFocusProxy(m_edit);
    connect(m_edit, &QLineEdit::textEdited, this, &PathEdit::edited);
    connect(m_browse, &QToolButton::clicked, this, &PathEdit::browse);
}

void PathEdit::setPath(const QString& path) {
    if (m_edit->text() != path)
        m_edit->setText(path);
}

QString PathEdit::path() const {
    return m_edit->text();
}

void PathEdit::setReadOnly(bool readOnly) {
    m_edit->setReadOnly(readOnly);
    m_browse->setEnabled(!readOnly);
}

void PathEdit::setPlaceholderText(const QString& text) {
    m_edit->setPlaceholderText(text);
}

QString PathEdit::relativeTo(const QString& folder, const QString& path) {
    if (folder.isEmpty())
        return QDir::fromNativeSeparators(path);
    const QString relative = QDir(folder).relativeFilePath(path);
    if (relative.startsWith(QLatin1String("..")))
        return QDir::fromNativeSeparators(QDir::cleanPath(path));
    return relative.isEmpty() ? QStringLiteral(".") : relative;
}

void PathEdit::browse() {
    const QString current =
        m_edit->text().isEmpty() ? m_baseFolder : QDir(m_baseFolder).filePath(m_edit->text());
    const QString chosen =
        m_kind == Kind::File
            ? FileDialog::getOpenFileName(this, QStringLiteral("Choose a File"), current)
            : FolderDialog::getExistingDirectory(this, QStringLiteral("Choose a Folder"), current);
    if (chosen.isEmpty())
        return;
    const QString path = relativeTo(m_baseFolder, chosen);
    m_edit->setText(path);
    Q_EMIT edited(path);
}

} // namespace slipway::ui
