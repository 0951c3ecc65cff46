#pragma once

#include <QWidget>

class QLineEdit;
class QToolButton;

namespace slipway::ui {

// A path relative to the project folder, typed or picked. The picker starts in the project folder and
// turns what is chosen into a path relative to it, as flytekit resolves paths against the folder it
// runs in. Emits edited() as the user types or picks, never for setPath().
class PathEdit : public QWidget {
    Q_OBJECT

public:
    enum class Kind { File, Folder };

    PathEdit(Kind kind, QWidget* parent = nullptr);

    void setBaseFolder(const QString& folder) { m_baseFolder = folder; }
    void setPath(const QString& path);
    QString path() const;
    void setReadOnly(bool readOnly);
    void setPlaceholderText(const QString& text);
    QLineEdit* lineEdit() const { return m_edit; }
    QToolButton* browseButton() const { return m_browse; }

    // Relative to `folder` when inside it, else absolute; '/'-separated.
    static QString relativeTo(const QString& folder, const QString& path);

Q_SIGNALS:
    void edited(const QString& path);

private:
    void browse();

    Kind m_kind;
    QString m_baseFolder;
    QLineEdit* m_edit;
    QToolButton* m_browse;
};

} // namespace slipway::ui
