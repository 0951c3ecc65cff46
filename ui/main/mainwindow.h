#pragma once

#include <QMainWindow>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QStackedWidget;

namespace slipway::credentials {
class KeychainCredentialStore;
class SessionCredentialStore;
} // namespace slipway::credentials
namespace slipway::project {
class BuildHistory;
class ImageStatusStore;
class Project;
} // namespace slipway::project
namespace slipway::registry {
class RegistryClient;
}
namespace slipway::spec {
struct Diagnostic;
}

namespace slipway::ui {

class BuildActions;
class OutputPanel;
class ProblemsPanel;
class ProjectPanel;
class SpecDetailsPanel;
class SpecEditor;
class WelcomePage;

// The main window: the project tree on the left, the selected spec's editor in the centre, Problems and
// Output below. Wires panels to the Project; the panels hold the presentation, the Project the domain.
// Feature panels join as docks through addPanelDock(), and spec actions (build, push) join the
// editor's tool bar (specEditor()->toolBar()).
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens `folder`; when it cannot be opened, says why and returns false.
    bool openProject(const QString& folder);
    // What to show with no folder on the command line: the project open when Slipway last closed.
    void openLastProject();
    // Selects the first ImageSpec once the next scan finishes, so the details show right away.
    void selectFirstSpecWhenScanned();

    project::Project* project() const { return m_project; }
    SpecEditor* specEditor() const { return m_editor; }
    BuildActions* buildActions() const { return m_buildActions; }
    project::BuildHistory* buildHistory() const { return m_buildHistory; }
    project::ImageStatusStore* imageStatus() const { return m_imageStatus; }
    // A dock for a feature panel (e.g. builds), listed in the View menu; hidden with the project.
    QDockWidget* addPanelDock(QWidget* panel, const QString& title, const QString& objectName,
                              Qt::DockWidgetArea area);

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createStatusBar();
    void createBuildActions();
    void restoreLayout();
    void setProjectLayout(bool projectOpen);
    void applyDefaultDockSizes();

    void chooseFolder();
    void closeProject();
    void showAbout();
    void showProblem(int fileIndex, int specIndex, const spec::Diagnostic& diagnostic);
    void onCurrentChanged(int fileIndex, int specIndex);
    void showEditorFor(int fileIndex, int specIndex);
    void selectEditedSpec();
    void newSpec();
    void onEditorDocumentChanged();
    QString editedRelativePath() const;
    void rebuildRecentMenu();
    void updateWindow();
    void updateStatus();
    void onFilesChanged();
    void reportOpenFailure(const QString& message);

    project::Project* m_project;
    QStackedWidget* m_centre;
    WelcomePage* m_welcome;
    SpecDetailsPanel* m_details;
    SpecEditor* m_editor;
    ProjectPanel* m_projectPanel;
    ProblemsPanel* m_problemsPanel;
    OutputPanel* m_outputPanel;
    // The registry logins and the client that tests them: the wizard, the logins dialog, builds,
    // pushes and pull checks share them for as long as the window lives.
    credentials::KeychainCredentialStore* m_keychain;
    credentials::SessionCredentialStore* m_sessionLogins;
    registry::RegistryClient* m_registryClient;
    project::BuildHistory* m_buildHistory;
    project::ImageStatusStore* m_imageStatus;
    BuildActions* m_buildActions = nullptr;
    QDockWidget* m_projectDock = nullptr;
    QDockWidget* m_problemsDock = nullptr;
    QDockWidget* m_outputDock = nullptr;
    QLabel* m_counts = nullptr;
    QLabel* m_activity = nullptr;

    QAction* m_openAction = nullptr;
    QAction* m_reloadAction = nullptr;
    QAction* m_closeAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_newSpecAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QList<QDockWidget*> m_docks;

    bool m_selectFirstSpec = false;
    bool m_selectingBack = false; // putting the tree back on the edited spec after "Cancel"
    QString m_selectWhenScanned;  // absolute path of a spec file to select once the project lists it
    // The welcome page stands alone; the docks' layout waits here until a project opens again.
    bool m_projectLayoutShown = true;
    QByteArray m_projectLayout;
    bool m_defaultDockSizesPending = false;
};

} // namespace slipway::ui
