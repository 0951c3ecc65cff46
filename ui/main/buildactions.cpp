#include "main/buildactions.h"

#include "build/buildhistoryview.h"
#include "build/buildnotifier.h"
#include "build/buildoptionsdialog.h"
#include "build/buildpanel.h"
#include "build/buildspanel.h"
#include "check/pullcheckpanel.h"
#include "credentials/credentialsdialog.h"
#include "credentials/credentialwizard.h"
#include "main/mainwindow.h"
#include "project/buildoptionsdefaults.h"
#include "project/buildrun.h"
#include "project/imagestatusstore.h"
#include "project/livereference.h"
#include "project/project.h"
#include "registry/pullverdict.h"
#include "spec/specdocument.h"
#include "spec/speceditor.h"
#include "widgets/messagebox.h"

#include <QAction>
#include <QDockWidget>
#include <QFileInfo>
#include <QMenu>
#include <QTimer>
#include <QToolBar>

namespace slipway::ui {

BuildActions::BuildActions(MainWindow* window, const CredentialServices& services,
                           project::BuildHistory* history)
    : QObject(window), m_window(window), m_services(services),
      m_coordinator(new BuildCoordinator(services, history, this)),
      m_notifier(new BuildNotifier(window, nullptr, this)), m_buildsPanel(new BuildsPanel(history, window)),
      m_pullCheck(new PullCheckPanel(*services.registryClient, window)) {
    m_buildsDock = window->addPanelDock(m_buildsPanel, QStringLiteral("Builds"), QStringLiteral("buildsDock"),
                                        Qt::BottomDockWidgetArea);
    m_pullCheckDock = window->addPanelDock(m_pullCheck, QStringLiteral("Pull Check"),
                                           QStringLiteral("pullCheckDock"), Qt::BottomDockWidgetArea);
    createActions();

    SpecEditor* editor = window->specEditor();
    connect(editor, &SpecEditor::documentChanged, this, &BuildActions::updateActions);
    connect(editor, &SpecEditor::diagnosticsChanged, this, &BuildActions::updateActions);
    connect(editor->reference(), &project::LiveReference::statusChanged, this, &BuildActions::updateActions);
    connect(window->project(), &project::Project::folderChanged, this, &BuildActions::updateActions);
    connect(m_coordinator, &BuildCoordinator::busyChanged, this, &BuildActions::updateActions);
    connect(m_coordinator, &BuildCoordinator::runStarted, this, &BuildActions::onRunStarted);
    connect(m_coordinator, &BuildCoordinator::loginNeeded, this, &BuildActions::onLoginNeeded);
    connect(m_coordinator, &BuildCoordinator::pushed, this,
            [this](const QString& reference) { checkImage(reference); });
    connect(m_buildsPanel->buildPanel(), &BuildPanel::cancelRequested, m_coordinator,
            &BuildCoordinator::cancel);
    connect(m_buildsPanel->historyView(), &BuildHistoryView::problem, this, &BuildActions::statusMessage);
    connect(m_pullCheck, &PullCheckPanel::checked, this, &BuildActions::onChecked);
    // The cluster pull secret is chosen per project.
    m_pullCheck->setProjectFolder(window->project()->folder());
    connect(window->project(), &project::Project::folderChanged, this,
            [this] { m_pullCheck->setProjectFolder(m_window->project()->folder()); });
    updateActions();
}

BuildActions::~BuildActions() = default;

void BuildActions::checkImage(const QString& reference) {
    m_pullCheckDock->show();
    m_pullCheckDock->raise();
    m_pullCheck->check(reference);
}

void BuildActions::setNotificationSink(std::unique_ptr<BuildNotificationSink> sink) {
    delete m_notifier;
    m_notifier = new BuildNotifier(m_window, std::move(sink), this);
    if (project::BuildRun* run = m_coordinator->currentRun(); run && !run->isFinished())
        m_notifier->watch(run);
}

void BuildActions::setStatusStore(project::ImageStatusStore* store) {
    m_statusStore = store;
}

void BuildActions::createActions() {
    const auto make = [this](const QString& text, const QString& objectName, const QString& tip) {
        auto* action = new QAction(text, this);
        action->setObjectName(objectName);
        action->setStatusTip(tip);
        return action;
    };
    m_buildAction = make(QStringLiteral("&Build"), QStringLiteral("actionBuild"),
                         QStringLiteral("Build the spec's image on the Docker engine"));
    m_buildAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    m_pushAction = make(QStringLiteral("&Push"), QStringLiteral("actionPush"),
                        QStringLiteral("Push the image built from this spec to its registry"));
    m_buildPushAction =
        make(QStringLiteral("Build && P&ush"), QStringLiteral("actionBuildAndPush"),
             QStringLiteral("Build the image, push it, then check that the cluster can pull it"));
    m_buildPushAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_optionsAction = make(QStringLiteral("Build &Options…"), QStringLiteral("actionBuildOptions"),
                           QStringLiteral("Platform, installer, flytekit, cache: how this spec is built"));
    m_cancelAction = make(QStringLiteral("&Cancel Build"), QStringLiteral("actionCancelBuild"),
                          QStringLiteral("Stop the build or push that is running"));
    m_credentialsAction = make(QStringLiteral("Registry &Logins…"), QStringLiteral("actionCredentials"),
                               QStringLiteral("The registry logins Slipway keeps in the OS keychain"));
    m_buildAction->setIcon(QIcon(QStringLiteral(":/icons/actions/build.svg")));
    m_pushAction->setIcon(QIcon(QStringLiteral(":/icons/actions/push.svg")));
    m_buildPushAction->setIcon(QIcon(QStringLiteral(":/icons/actions/build-push.svg")));
    m_optionsAction->setIcon(QIcon(QStringLiteral(":/icons/actions/options.svg")));
    // Icon only on the editor's tool bar (its tool tip names it): the bar keeps room for the title.
    m_optionsAction->setPriority(QAction::LowPriority);

    connect(m_buildAction, &QAction::triggered, this, [this] { trigger(BuildRequest::Kind::Build); });
    connect(m_pushAction, &QAction::triggered, this, [this] { trigger(BuildRequest::Kind::Push); });
    connect(m_buildPushAction, &QAction::triggered, this,
            [this] { trigger(BuildRequest::Kind::BuildAndPush); });
    connect(m_optionsAction, &QAction::triggered, this, &BuildActions::editOptions);
    connect(m_cancelAction, &QAction::triggered, m_coordinator, &BuildCoordinator::cancel);
    connect(m_credentialsAction, &QAction::triggered, this, &BuildActions::showCredentials);

    QToolBar* toolBar = m_window->specEditor()->toolBar();
    toolBar->addSeparator();
    toolBar->addAction(m_buildAction);
    toolBar->addAction(m_pushAction);
    toolBar->addAction(m_buildPushAction);
    toolBar->addAction(m_optionsAction);

    m_menu = new QMenu(QStringLiteral("&Build"), m_window);
    m_menu->setObjectName(QStringLiteral("menuBuild"));
    m_menu->addAction(m_buildAction);
    m_menu->addAction(m_pushAction);
    m_menu->addAction(m_buildPushAction);
    m_menu->addAction(m_cancelAction);
    m_menu->addSeparator();
    m_menu->addAction(m_optionsAction);
    m_menu->addAction(m_credentialsAction);
}

// Why the spec on screen cannot be built now; empty when it can.
QString BuildActions::notReadyReason() const {
    const SpecEditor* editor = m_window->specEditor();
    const spec::SpecDocument* document = editor->document();
    if (!m_window->project()->isOpen() || !document)
        return QStringLiteral("Open an ImageSpec to build it");
    if (!document->isTextValid() || spec::hasErrors(document->diagnostics()))
        return QStringLiteral("Fix the spec's errors (see Problems) to build it");
    const project::ReferenceStatus& reference = editor->reference()->status();
    if (reference.state == project::ReferenceStatus::State::Computing)
        return QStringLiteral("Computing the image reference…");
    if (reference.state != project::ReferenceStatus::State::Ready)
        return reference.message.isEmpty() ? QStringLiteral("The spec has no image reference")
                                           : reference.message;
    if (m_coordinator->isBusy())
        return QStringLiteral("A build is running: wait for it or cancel it");
    return {};
}

void BuildActions::updateActions() {
    const QString reason = notReadyReason();
    const bool ready = reason.isEmpty();
    for (QAction* action : {m_buildAction, m_pushAction, m_buildPushAction}) {
        action->setEnabled(ready);
        action->setToolTip(ready ? action->statusTip() : reason);
    }
    const bool specOpen = m_window->project()->isOpen() && m_window->specEditor()->hasDocument();
    m_optionsAction->setEnabled(specOpen);
    m_cancelAction->setEnabled(m_coordinator->isBusy());
}

QString BuildActions::specKey() const {
    const spec::SpecDocument* document = m_window->specEditor()->document();
    return project::buildDefaultsSpecKey(m_window->project()->folder(), document->filePath(),
                                         document->isReadOnly() ? document->variable() : QString());
}

void BuildActions::trigger(BuildRequest::Kind kind) {
    if (!notReadyReason().isEmpty())
        return;
    SpecEditor* editor = m_window->specEditor();
    const spec::SpecDocument* document = editor->document();
    const BuildOptionsSettings::Loaded options =
        BuildOptionsSettings(m_window->project()->folder(), specKey()).load();
    if (!options.problem.isEmpty())
        Q_EMIT statusMessage(options.problem);
    BuildRequest request;
    request.kind = kind;
    request.spec = document->spec();
    request.host = document->host();
    request.specFile = document->filePath();
    request.specName =
        document->isReadOnly() ? document->variable() : QFileInfo(document->filePath()).fileName();
    request.specYaml = document->text();
    request.imageReference = editor->reference()->status().reference;
    request.digests = editor->reference()->digestCache();
    request.options = options.options;
    request.unsaved = editor->isModified();
    m_coordinator->start(request);
}

void BuildActions::editOptions() {
    const spec::SpecDocument* document = m_window->specEditor()->document();
    if (!document)
        return;
    auto* dialog = new BuildOptionsDialog(BuildOptionsSettings(m_window->project()->folder(), specKey()),
                                          QFileInfo(document->displayPath()).fileName(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void BuildActions::showCredentials() {
    auto* dialog = new CredentialsDialog(m_services, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void BuildActions::onRunStarted(project::BuildRun* run) {
    m_buildsPanel->showRun(run);
    m_buildsDock->show();
    m_buildsDock->raise();
    // Steps, log and result want more room than Problems: grow the dock when it is short.
    const int wanted = m_window->height() * 45 / 100;
    if (!m_buildsDock->isFloating() && m_buildsDock->height() < wanted)
        m_window->resizeDocks({m_buildsDock}, {wanted}, Qt::Vertical);
    m_notifier->watch(run);
}

void BuildActions::onLoginNeeded(const QString& registry, const QString& repository, const QString& reason) {
    CredentialWizard* wizard =
        CredentialWizard::forRegistry(m_services, registry, repository, reason, m_window);
    wizard->setObjectName(QStringLiteral("credentialWizard"));
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &CredentialWizard::saved, this, [this] {
        // Queued: the wizard closes itself after saving; the question comes after it.
        QTimer::singleShot(0, this, [this] {
            const std::optional<BuildRequest>& request = m_coordinator->lastRequest();
            if (!m_coordinator->canRetry() || !request)
                return;
            const bool pushOnly = m_coordinator->retryPushesOnly();
            const QString question =
                pushOnly ? QStringLiteral("Push %1 again with the new login?").arg(request->imageReference)
                         : QStringLiteral("Build and push %1 now?").arg(request->imageReference);
            if (MessageBox::question(m_window, QStringLiteral("Login saved"), question, {},
                                     QMessageBox::Yes | QMessageBox::No,
                                     QMessageBox::Yes) == QMessageBox::Yes)
                m_coordinator->retry();
        });
    });
    wizard->open();
    Q_EMIT wizardOpened(wizard);
}

void BuildActions::onChecked(const registry::PullCheckResult& result) {
    const QString reference = m_pullCheck->checkedReference();
    if (reference.isEmpty())
        return;
    if (m_statusStore)
        m_statusStore->recordCheck(reference, result);
    Q_EMIT statusMessage(
        QStringLiteral("Pull check of %1: %2").arg(reference, registry::verdictName(result.verdict)));
}

} // namespace slipway::ui
