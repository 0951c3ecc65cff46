#pragma once

#include <QSet>
#include <QWidget>

class QTreeView;

namespace slipway::project {
class Project;
}

namespace slipway::ui {

class ProjectTreeModel;

// The project tree: spec files and their ImageSpecs. Keeps the selection and the collapsed files
// across rescans, so a file saved in an editor does not throw the user's place away.
class ProjectPanel : public QWidget {
    Q_OBJECT

public:
    explicit ProjectPanel(project::Project* project, QWidget* parent = nullptr);

    void selectSpec(int fileIndex, int specIndex);
    void selectFile(int fileIndex);
    // Selects the first ImageSpec of the project; false when there is none.
    bool selectFirstSpec();
    QTreeView* view() const { return m_view; }
    // The index of the file with this project-relative path; -1 when the project does not list it.
    int fileIndexOf(const QString& path) const;
    void setModifiedFile(const QString& path);

Q_SIGNALS:
    // specIndex is -1 when a file row is current; both are -1 when nothing is.
    void currentChanged(int fileIndex, int specIndex);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void rememberPlace();
    void fitReferenceColumn();
    void restorePlace();
    void emitCurrent();

    project::Project* m_project;
    ProjectTreeModel* m_model;
    QTreeView* m_view;
    QSet<QString> m_collapsedFiles;
    QString m_currentFile;
    QString m_currentSpec; // display name, to find the spec again after a rescan
    int m_currentSpecIndex = -1;
    bool m_restoring = false;
};

} // namespace slipway::ui
