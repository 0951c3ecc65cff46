#pragma once

#include <QMainWindow>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QStackedWidget;

namespace slipway::project {
class Project;
}

namespace slipway::ui {

class OutputPanel;
class ProblemsPanel;
class ProjectPanel;
class SpecDetailsPanel;
class WelcomePage;

// The main window: the project tree on the left, the selected spec in the centre, Problems and Output
// below. Wires panels to the Project; the panels hold the presentation, the Project the domain.
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

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void createActions();
    void createMenus();
    QDockWidget* addPanelDock(QWidget* panel, const QString& title, const QString& objectName,
                              Qt::DockWidgetArea area);
    void createStatusBar();
    void restoreLayout();
    void setProjectLayout(bool projectOpen);
    void applyDefaultDockSizes();

    void chooseFolder();
    void closeProject();
    void showAbout();
    void showProblem(int fileIndex, int specIndex);
    void rebuildRecentMenu();
    void updateWindow();
    void updateStatus();
    void onFilesChanged();
    void reportOpenFailure(const QString& message);

    project::Project* m_project;
    QStackedWidget* m_centre;
    WelcomePage* m_welcome;
    SpecDetailsPanel* m_details;
    ProjectPanel* m_projectPanel;
    ProblemsPanel* m_problemsPanel;
    OutputPanel* m_outputPanel;
    QDockWidget* m_projectDock = nullptr;
    QDockWidget* m_problemsDock = nullptr;
    QDockWidget* m_outputDock = nullptr;
    QLabel* m_counts = nullptr;
    QLabel* m_activity = nullptr;

    QAction* m_openAction = nullptr;
    QAction* m_reloadAction = nullptr;
    QAction* m_closeAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QMenu* m_recentMenu = nullptr;

    bool m_selectFirstSpec = false;
    // The welcome page stands alone; the docks' layout waits here until a project opens again.
    bool m_projectLayoutShown = true;
    QByteArray m_projectLayout;
    bool m_defaultDockSizesPending = false;
};

} // namespace slipway::ui
