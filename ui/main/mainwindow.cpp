#include "main/mainwindow.h"

#include "build/buildcoordinator.h"
#include "credentials/keychaincredentialstore.h"
#include "credentials/sessioncredentialstore.h"
#include "main/buildactions.h"
#include "main/outputpanel.h"
#include "main/recentprojects.h"
#include "main/welcomepage.h"
#include "project/buildhistory.h"
#include "project/imagestatusstore.h"
#include "project/problemsmodel.h"
#include "project/problemspanel.h"
#include "project/project.h"
#include "project/projectpanel.h"
#include "project/specdetailspanel.h"
#include "registry/registryclient.h"
#include "spec/newspecdialog.h"
#include "spec/specdocument.h"
#include "spec/speceditor.h"
#include "spec/spectemplates.h"
#include "widgets/counted.h"
#include "widgets/folderdialog.h"
#include "widgets/icons.h"
#include "widgets/messagebox.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
#include <QScopedValueRollback>
#include <QScreen>
#include <QSettings>
#include <QShowEvent>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTreeView>

namespace slipway::ui {

namespace {
const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
constexpr int kStatusMessageMs = 4000;
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_project(new project::Project(this)), m_centre(new QStackedWidget(this)),
      m_welcome(new WelcomePage(this)), m_details(new SpecDetailsPanel(m_project, this)),
      m_editor(new SpecEditor(this)), m_projectPanel(new ProjectPanel(m_project, this)),
      m_problemsPanel(new ProblemsPanel(m_project, this)), m_outputPanel(new OutputPanel(this)),
      m_keychain(new credentials::KeychainCredentialStore(this)),
      m_sessionLogins(new credentials::SessionCredentialStore(this)),
      m_registryClient(new registry::RegistryClient(this)),
      m_buildHistory(new project::BuildHistory(project::BuildHistory::defaultDirectory(), this)),
      m_imageStatus(new project::ImageStatusStore(project::ImageStatusStore::defaultDirectory(), this)) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(icon(IconName::App));
    // Shared with the CLI: a pull check of a registry pinged in an earlier run starts with its token,
    // and a config read before is not read again.
    m_registryClient->rememberEndpointsIn(
        registry::RegistryEndpointStore(registry::RegistryEndpointStore::defaultPath()));
    m_registryClient->rememberConfigPlatformsIn(
        registry::ConfigPlatformStore(registry::ConfigPlatformStore::defaultPath()));
    setMinimumSize(760, 480);
    setDockOptions(AnimatedDocks | AllowTabbedDocks);

    m_centre->setObjectName(QStringLiteral("centreStack"));
    m_centre->addWidget(m_welcome);
    m_centre->addWidget(m_details);
    m_centre->addWidget(m_editor);
    setCentralWidget(m_centre);

    m_projectDock = addPanelDock(m_projectPanel, QStringLiteral("Project"), QStringLiteral("projectDock"),
                                 Qt::LeftDockWidgetArea);
    m_problemsDock = addPanelDock(m_problemsPanel, QStringLiteral("Problems"), QStringLiteral("problemsDock"),
                                  Qt::BottomDockWidgetArea);
    m_outputDock = addPanelDock(m_outputPanel, QStringLiteral("Output"), QStringLiteral("outputDock"),
                                Qt::BottomDockWidgetArea);

    createActions();
    createMenus();
    createStatusBar();
    createBuildActions();

    connect(m_welcome, &WelcomePage::openFolderRequested, this, &MainWindow::chooseFolder);
    connect(m_welcome, &WelcomePage::recentFolderRequested, this, &MainWindow::openProject);
    connect(m_projectPanel, &ProjectPanel::currentChanged, this, &MainWindow::onCurrentChanged);
    connect(m_problemsPanel, &ProblemsPanel::problemActivated, this, &MainWindow::showProblem);
    connect(m_details, &SpecDetailsPanel::referenceCopied, this, [this](const QString& reference) {
        statusBar()->showMessage(QStringLiteral("Copied %1 to the clipboard").arg(reference),
                                 kStatusMessageMs);
    });
    connect(m_editor, &SpecEditor::referenceCopied, m_details, &SpecDetailsPanel::referenceCopied);
    connect(m_editor, &SpecEditor::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, kStatusMessageMs); });
    connect(m_editor, &SpecEditor::documentChanged, this, &MainWindow::onEditorDocumentChanged);
    connect(m_editor, &SpecEditor::modifiedChanged, this, &MainWindow::onEditorDocumentChanged);
    connect(m_editor, &SpecEditor::diagnosticsChanged, this, [this](const spec::Diagnostics& diagnostics) {
        const bool yaml = m_editor->hasDocument() && !m_editor->document()->isReadOnly();
        m_problemsPanel->model()->setLiveDiagnostics(yaml ? editedRelativePath() : QString(),
                                                     yaml ? diagnostics : spec::Diagnostics{});
    });
    connect(m_editor, &SpecEditor::saved, this, [this](const QString& path) {
        m_selectWhenScanned = path;
        m_project->reload();
    });
    connect(m_project, &project::Project::logged, m_outputPanel, &OutputPanel::appendLine);
    connect(m_project, &project::Project::folderChanged, this, &MainWindow::updateWindow);
    connect(m_project, &project::Project::scanStarted, this, &MainWindow::updateStatus);
    connect(m_project, &project::Project::filesChanged, this, &MainWindow::onFilesChanged);
    connect(m_project, &project::Project::referencesFinished, this, &MainWindow::updateStatus);

    restoreLayout();
    updateWindow();
}

MainWindow::~MainWindow() = default;

QDockWidget* MainWindow::addPanelDock(QWidget* panel, const QString& title, const QString& objectName,
                                      Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setAccessibleName(title);
    dock->setWidget(panel);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                      QDockWidget::DockWidgetFloatable);
    addDockWidget(area, dock);
    m_docks.append(dock);
    if (m_viewMenu) {
        QAction* toggle = dock->toggleViewAction();
        toggle->setObjectName(QStringLiteral("actionToggle_%1").arg(objectName));
        m_viewMenu->addAction(toggle);
        toggle->setEnabled(m_projectLayoutShown);
        dock->setVisible(m_projectLayoutShown);
    }
    return dock;
}

void MainWindow::createActions() {
    m_openAction = new QAction(icon(IconName::Folder), QStringLiteral("&Open Folder…"), this);
    m_openAction->setObjectName(QStringLiteral("actionOpenFolder"));
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setStatusTip(QStringLiteral("Open a project folder and list its ImageSpecs"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::chooseFolder);

    m_reloadAction = new QAction(QStringLiteral("&Reload"), this);
    m_reloadAction->setObjectName(QStringLiteral("actionReload"));
    m_reloadAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_reloadAction->setStatusTip(QStringLiteral("Scan the project folder again"));
    connect(m_reloadAction, &QAction::triggered, m_project, &project::Project::reload);

    m_newSpecAction = new QAction(icon(IconName::NewSpec), QStringLiteral("&New ImageSpec…"), this);
    m_newSpecAction->setObjectName(QStringLiteral("actionNewSpec"));
    m_newSpecAction->setShortcut(QKeySequence::New);
    m_newSpecAction->setStatusTip(
        QStringLiteral("Create an ImageSpec YAML file in the project from a template"));
    connect(m_newSpecAction, &QAction::triggered, this, &MainWindow::newSpec);

    m_closeAction = new QAction(QStringLiteral("&Close Folder"), this);
    m_closeAction->setObjectName(QStringLiteral("actionCloseFolder"));
    m_closeAction->setShortcut(QKeySequence::Close);
    connect(m_closeAction, &QAction::triggered, this, &MainWindow::closeProject);

    m_quitAction = new QAction(QStringLiteral("&Quit"), this);
    m_quitAction->setObjectName(QStringLiteral("actionQuit"));
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_aboutAction = new QAction(QStringLiteral("&About Slipway"), this);
    m_aboutAction->setObjectName(QStringLiteral("actionAbout"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(QStringLiteral("&File"));
    file->setObjectName(QStringLiteral("menuFile"));
    file->addAction(m_newSpecAction);
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(QStringLiteral("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("menuOpenRecent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();
    file->addSeparator();
    file->addAction(m_editor->saveAction());
    file->addAction(m_editor->saveAsAction());
    file->addAction(m_editor->revertAction());
    file->addSeparator();
    file->addAction(m_reloadAction);
    file->addAction(m_closeAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* edit = menuBar()->addMenu(QStringLiteral("&Edit"));
    edit->setObjectName(QStringLiteral("menuEdit"));
    edit->addAction(m_editor->undoAction());
    edit->addAction(m_editor->redoAction());

    m_viewMenu = menuBar()->addMenu(QStringLiteral("&View"));
    m_viewMenu->setObjectName(QStringLiteral("menuView"));
    for (QDockWidget* dock : std::as_const(m_docks)) {
        QAction* toggle = dock->toggleViewAction();
        toggle->setObjectName(QStringLiteral("actionToggle_%1").arg(dock->objectName()));
        m_viewMenu->addAction(toggle);
    }

    QMenu* help = menuBar()->addMenu(QStringLiteral("&Help"));
    help->setObjectName(QStringLiteral("menuHelp"));
    help->addAction(m_aboutAction);
}

void MainWindow::createStatusBar() {
    m_activity = new QLabel(this);
    m_activity->setObjectName(QStringLiteral("statusActivity"));
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("statusCounts"));
    m_counts->setAccessibleName(QStringLiteral("Project summary"));
    statusBar()->setObjectName(QStringLiteral("statusBar"));
    statusBar()->addPermanentWidget(m_activity);
    statusBar()->addPermanentWidget(m_counts);
}

void MainWindow::createBuildActions() {
    m_buildActions = new BuildActions(this, CredentialServices{m_keychain, m_sessionLogins, m_registryClient},
                                      m_buildHistory);
    m_buildActions->setStatusStore(m_imageStatus);
    // Each spec's badge in the tree: built, pushed, and what the last pull check said.
    m_projectPanel->setStatusSources(m_buildHistory, m_imageStatus);
    connect(m_projectPanel, &ProjectPanel::recheckRequested, m_buildActions, &BuildActions::checkImage);
    menuBar()->insertMenu(m_viewMenu->menuAction(), m_buildActions->menu());
    connect(m_buildActions, &BuildActions::statusMessage, this, [this](const QString& message) {
        statusBar()->showMessage(message, kStatusMessageMs);
        m_outputPanel->appendLine(message);
    });
    // Below the editor: Problems, Output and Builds as tabs, the pull check beside them at the right.
    // Split before tabifying: splitting a dock that is already a tab adds the new one as a tab.
    splitDockWidget(m_problemsDock, m_buildActions->pullCheckDock(), Qt::Horizontal);
    tabifyDockWidget(m_problemsDock, m_outputDock);
    tabifyDockWidget(m_problemsDock, m_buildActions->buildsDock());
    m_problemsDock->raise();
}

void MainWindow::restoreLayout() {
    const QSettings settings;
    // The first time, the whole screen: the tree, the details and the problems all want room.
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray())) {
        setGeometry(screen()->availableGeometry());
        setWindowState(windowState() | Qt::WindowMaximized);
    }
    m_defaultDockSizesPending = !restoreState(settings.value(kStateKey).toByteArray());
}

void MainWindow::setProjectLayout(bool projectOpen) {
    if (projectOpen == m_projectLayoutShown)
        return;
    m_projectLayoutShown = projectOpen;
    const QList<QDockWidget*> docks = m_docks;
    if (projectOpen && !restoreState(m_projectLayout)) {
        for (QDockWidget* dock : docks)
            dock->show();
        m_problemsDock->raise();
    }
    if (!projectOpen) {
        m_projectLayout = saveState();
        for (QDockWidget* dock : docks)
            dock->hide();
    }
    for (QDockWidget* dock : docks)
        dock->toggleViewAction()->setEnabled(projectOpen);
    applyDefaultDockSizes();
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    // Queued: the size the window manager gives a maximized window lands after this.
    QMetaObject::invokeMethod(this, &MainWindow::applyDefaultDockSizes, Qt::QueuedConnection);
}

// Dock sizes in proportion to the window, once it is shown with its docks and no saved layout says.
void MainWindow::applyDefaultDockSizes() {
    if (!m_defaultDockSizesPending || !isVisible() || !m_projectLayoutShown)
        return;
    m_defaultDockSizesPending = false;
    resizeDocks({m_projectDock}, {width() * 27 / 100}, Qt::Horizontal);
    resizeDocks({m_problemsDock}, {height() / 4}, Qt::Vertical);
    resizeDocks({m_buildActions->pullCheckDock()}, {width() * 36 / 100}, Qt::Horizontal);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!m_editor->maybeSave(QStringLiteral("closing Slipway"))) {
        event->ignore();
        return;
    }
    BuildCoordinator* builds = m_buildActions->coordinator();
    if (builds->isBusy()) {
        if (MessageBox::question(this, QStringLiteral("Quit Slipway"), QStringLiteral("A build is running."),
                                 QStringLiteral("Quitting cancels it."), QMessageBox::Yes | QMessageBox::No,
                                 QMessageBox::No) != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        builds->cancel();
    }
    m_editor->closeDocument();
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, m_projectLayoutShown ? saveState() : m_projectLayout);
    RecentProjects::setLastOpen(m_project->folder());
    QMainWindow::closeEvent(event);
}

bool MainWindow::openProject(const QString& folder) {
    if (!m_editor->maybeSave(QStringLiteral("opening another folder")))
        return false;
    const Result<void> opened = m_project->open(folder);
    if (!opened) {
        RecentProjects::remove(folder);
        reportOpenFailure(opened.error().describe());
        return false;
    }
    m_editor->closeDocument();
    RecentProjects::add(m_project->folder());
    RecentProjects::setLastOpen(m_project->folder());
    m_welcome->setNotice({});
    updateWindow();
    return true;
}

void MainWindow::openLastProject() {
    const QString last = RecentProjects::lastOpen();
    if (!last.isEmpty())
        openProject(last);
}

void MainWindow::selectFirstSpecWhenScanned() {
    m_selectFirstSpec = true;
}

void MainWindow::reportOpenFailure(const QString& message) {
    m_outputPanel->appendLine(message);
    statusBar()->showMessage(message, kStatusMessageMs);
    if (!m_project->isOpen())
        m_welcome->setNotice(message);
    m_welcome->setRecentFolders(RecentProjects::folders());
}

void MainWindow::chooseFolder() {
    const QString start = m_project->isOpen() ? m_project->folder() : QDir::homePath();
    const QString folder =
        FolderDialog::getExistingDirectory(this, QStringLiteral("Open Project Folder"), start);
    if (!folder.isEmpty())
        openProject(folder);
}

void MainWindow::closeProject() {
    if (!m_editor->maybeSave(QStringLiteral("closing the folder")))
        return;
    m_editor->closeDocument();
    m_project->close();
    RecentProjects::setLastOpen({});
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, QStringLiteral("About Slipway"),
        QStringLiteral("<h3>Slipway %1</h3>"
                       "<p>Specify, build, push and check the container images of Flyte and "
                       "Union workflows.</p>"
                       "<p>Image references are computed as flytekit 1.15.4 and later computes "
                       "them.</p>")
            .arg(QCoreApplication::applicationVersion()));
}

void MainWindow::showProblem(int fileIndex, int specIndex, const spec::Diagnostic& diagnostic) {
    m_projectDock->show();
    const bool inEditor = m_editor->hasDocument() && !m_editor->document()->isReadOnly() &&
                          diagnostic.file == editedRelativePath();
    if (!inEditor && fileIndex >= 0) {
        if (specIndex >= 0)
            m_projectPanel->selectSpec(fileIndex, specIndex);
        else
            m_projectPanel->selectFile(fileIndex);
    }
    if (m_centre->currentWidget() == m_editor && m_editor->hasDocument() &&
        diagnostic.file == m_editor->document()->displayPath())
        m_editor->showDiagnostic(diagnostic);
}

// A YAML file, or any spec row, opens in the editor; a Python file row shows what the file holds.
void MainWindow::onCurrentChanged(int fileIndex, int specIndex) {
    if (m_selectingBack)
        return;
    m_details->showSelection(fileIndex, specIndex);
    const project::ProjectFile* file =
        fileIndex >= 0 && fileIndex < m_project->files().size() ? &m_project->files()[fileIndex] : nullptr;
    if (!file) {
        // The row went away (a rescan) or nothing is selected: an open spec stays open.
        m_centre->setCurrentWidget(m_editor->hasDocument() ? static_cast<QWidget*>(m_editor) : m_details);
        return;
    }
    const bool python = file->source == project::SpecSource::Python;
    const bool wantsEditor = !python || specIndex >= 0;
    const QString path = QFileInfo(QDir(m_project->folder()).filePath(file->path)).absoluteFilePath();
    const project::SpecEntry* entry = m_project->spec(fileIndex, specIndex);
    const spec::SpecDocument* document = m_editor->document();
    const bool same = wantsEditor && document && document->filePath() == path &&
                      (python ? document->isReadOnly() && entry && document->variable() == entry->variable
                              : !document->isReadOnly());
    if (same) {
        // A Python spec has no edits to lose: show what the file says now.
        if (python && !(entry->spec == document->spec()))
            showEditorFor(fileIndex, specIndex);
        m_centre->setCurrentWidget(m_editor);
        return;
    }
    if (document && !m_editor->maybeSave(QStringLiteral("opening another spec"))) {
        selectEditedSpec();
        return;
    }
    if (wantsEditor) {
        showEditorFor(fileIndex, specIndex);
        return;
    }
    m_editor->closeDocument();
    m_centre->setCurrentWidget(m_details);
}

void MainWindow::showEditorFor(int fileIndex, int specIndex) {
    const project::ProjectFile& file = m_project->files()[fileIndex];
    const QString path = QDir(m_project->folder()).filePath(file.path);
    if (file.source == project::SpecSource::Python) {
        const project::SpecEntry* entry = m_project->spec(fileIndex, specIndex);
        m_editor->openPython(path, entry->variable, entry->spec, entry->diagnostics, m_project->folder(),
                             entry->noReferenceReason);
    } else if (!m_editor->openYaml(path, m_project->folder())) {
        m_editor->closeDocument();
        m_centre->setCurrentWidget(m_details);
        return;
    }
    m_centre->setCurrentWidget(m_editor);
}

// Puts the tree back on the spec the editor shows (after the user cancelled switching away).
void MainWindow::selectEditedSpec() {
    const int file = m_projectPanel->fileIndexOf(editedRelativePath());
    if (file < 0)
        return;
    const QScopedValueRollback guard(m_selectingBack, true);
    const auto& specs = m_project->files()[file].specs;
    for (int spec = 0; spec < specs.size(); ++spec) {
        if (specs[spec].variable == m_editor->document()->variable()) {
            m_projectPanel->selectSpec(file, spec);
            return;
        }
    }
    m_projectPanel->selectFile(file);
}

QString MainWindow::editedRelativePath() const {
    if (!m_editor->hasDocument() || !m_project->isOpen())
        return {};
    return QDir(m_project->folder()).relativeFilePath(m_editor->document()->filePath());
}

void MainWindow::onEditorDocumentChanged() {
    const bool modified = m_editor->isModified();
    m_projectPanel->setModifiedFile(modified ? editedRelativePath() : QString());
    if (!m_editor->hasDocument() || m_editor->document()->isReadOnly())
        m_problemsPanel->model()->setLiveDiagnostics({}, {});
    updateWindow();
}

void MainWindow::newSpec() {
    if (!m_project->isOpen())
        return;
    const std::optional<NewSpecDialog::Answer> answer = NewSpecDialog::ask(m_project->folder(), this);
    if (!answer || !m_editor->maybeSave(QStringLiteral("creating a new spec")))
        return;
    const Result<QString> text = instantiateTemplate(answer->templateId, answer->name, answer->requirements);
    QString failure;
    if (!text) {
        failure = text.error().describe();
    } else {
        QDir().mkpath(QFileInfo(answer->filePath).absolutePath());
        QSaveFile file(answer->filePath);
        if (!file.open(QIODevice::WriteOnly) || file.write(text->toUtf8()) < 0 || !file.commit())
            failure = QStringLiteral("Cannot create %1: %2. Check that you may write to the project folder.")
                          .arg(QDir::toNativeSeparators(answer->filePath), file.errorString());
    }
    if (!failure.isEmpty()) {
        m_outputPanel->appendLine(failure);
        statusBar()->showMessage(failure, kStatusMessageMs);
        return;
    }
    if (m_editor->openYaml(answer->filePath, m_project->folder()))
        m_centre->setCurrentWidget(m_editor);
    m_selectWhenScanned = answer->filePath;
    m_project->reload();
}

void MainWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    const QStringList folders = RecentProjects::folders();
    for (const QString& folder : folders) {
        QAction* action = m_recentMenu->addAction(icon(IconName::Folder), QDir::toNativeSeparators(folder));
        connect(action, &QAction::triggered, this, [this, folder] { openProject(folder); });
    }
    if (!folders.isEmpty())
        m_recentMenu->addSeparator();
    QAction* clear = m_recentMenu->addAction(QStringLiteral("Clear Recent"));
    clear->setObjectName(QStringLiteral("actionClearRecent"));
    clear->setEnabled(!folders.isEmpty());
    connect(clear, &QAction::triggered, this, [this] {
        RecentProjects::clear();
        m_welcome->setRecentFolders({});
    });
}

void MainWindow::updateWindow() {
    const bool open = m_project->isOpen();
    QString title = open ? QStringLiteral("Slipway — %1").arg(m_project->name()) : QStringLiteral("Slipway");
    if (open && m_editor->hasDocument())
        title = QStringLiteral("%1[*] — %2").arg(m_editor->document()->displayPath(), title);
    setWindowTitle(title);
    setWindowModified(m_editor->isModified());
    m_reloadAction->setEnabled(open);
    m_closeAction->setEnabled(open);
    m_newSpecAction->setEnabled(open);
    if (!open)
        m_welcome->setRecentFolders(RecentProjects::folders());
    QWidget* centre = m_welcome;
    if (open)
        centre = m_editor->hasDocument() ? static_cast<QWidget*>(m_editor) : m_details;
    m_centre->setCurrentWidget(centre);
    setProjectLayout(open);
    updateStatus();
}

void MainWindow::onFilesChanged() {
    if (m_selectFirstSpec && m_project->hasScanned() && m_projectPanel->selectFirstSpec())
        m_selectFirstSpec = false;
    if (!m_selectWhenScanned.isEmpty() && m_project->hasScanned()) {
        const int file =
            m_projectPanel->fileIndexOf(QDir(m_project->folder()).relativeFilePath(m_selectWhenScanned));
        if (file >= 0) {
            m_selectWhenScanned.clear();
            if (m_project->files()[file].specs.isEmpty())
                m_projectPanel->selectFile(file);
            else
                m_projectPanel->selectSpec(file, 0);
        }
    }
    onEditorDocumentChanged();
    updateStatus();
}

void MainWindow::updateStatus() {
    if (!m_project->isOpen()) {
        m_counts->clear();
        m_activity->clear();
        return;
    }
    if (m_project->isScanning())
        m_activity->setText(QStringLiteral("Scanning…"));
    else if (m_project->isComputingReferences())
        m_activity->setText(QStringLiteral("Computing image references…"));
    else
        m_activity->clear();
    if (!m_project->hasScanned()) {
        m_counts->clear();
        return;
    }
    const project::ProblemCount problems = m_project->problemCount();
    QStringList parts{
        counted(m_project->specCount(), QStringLiteral("ImageSpec"), QStringLiteral("ImageSpecs")),
        counted(m_project->files().size(), QStringLiteral("file"), QStringLiteral("files")),
        counted(problems.errors, QStringLiteral("error"), QStringLiteral("errors")),
        counted(problems.warnings, QStringLiteral("warning"), QStringLiteral("warnings")),
    };
    if (m_project->lastScan().capped)
        parts.append(QStringLiteral("stopped after %1 files").arg(m_project->lastScan().filesVisited));
    m_counts->setText(parts.join(QStringLiteral("  ·  ")));
}

} // namespace slipway::ui
