#pragma once

#include <QSet>
#include <QWidget>

class QAction;
class QTreeView;

namespace slipway::project {
class BuildHistory;
class ImageStatusStore;
class Project;
} // namespace slipway::project

namespace slipway::ui {

class ProjectTreeModel;

// The project tree: spec files and their ImageSpecs. Keeps the selection and the collapsed files
// across rescans, so a file saved in an editor does not throw the user's place away. With status
// sources, each spec shows how far its image got (Not built / Built / Pushed / Public / Private /
// Platform mismatch) and its context menu offers a fresh pull check.
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
    // The build history and pull check results the image status column reads; null hides the column.
    // Both must outlive the panel or be destroyed before it (then their statuses go away).
    void setStatusSources(const project::BuildHistory* history, const project::ImageStatusStore* statuses);
    QAction* recheckAction() const { return m_recheckAction; }

Q_SIGNALS:
    // specIndex is -1 when a file row is current; both are -1 when nothing is.
    void currentChanged(int fileIndex, int specIndex);
    // The user asked for a fresh pull check of a spec's current image.
    void recheckRequested(const QString& imageRef);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void rememberPlace();
    void fitNameColumn();
    void fitReferenceColumn();
    void restorePlace();
    void emitCurrent();
    void updateRecheckAction();
    void fitImageStatusColumn();

    project::Project* m_project;
    ProjectTreeModel* m_model;
    QTreeView* m_view;
    QAction* m_recheckAction;
    QSet<QString> m_collapsedFiles;
    QString m_currentFile;
    QString m_currentSpec; // display name, to find the spec again after a rescan
    int m_currentSpecIndex = -1;
    bool m_restoring = false;
    bool m_narrow = false; // the reference column is hidden for lack of room
};

} // namespace slipway::ui
