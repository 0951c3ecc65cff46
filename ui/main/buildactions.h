#pragma once

#include "build/buildcoordinator.h"
#include "credentials/credentialservices.h"

#include <QObject>
#include <QPointer>
#include <memory>

class QAction;
class QDockWidget;
class QMenu;

namespace slipway::project {
class BuildHistory;
class BuildRun;
class ImageStatusStore;
} // namespace slipway::project
namespace slipway::registry {
struct PullCheckResult;
}

namespace slipway::ui {

class BuildNotificationSink;
class BuildNotifier;
class BuildsPanel;
class CredentialWizard;
class MainWindow;
class PullCheckPanel;

// Build, Push, Build & Push (F5) and Build Options on the spec editor's tool bar and in the Build
// menu; the Builds and Pull check docks; the credential wizard when a push needs a login, and the
// pull check after every push. Builds what the editor shows (unsaved edits included): the reference
// on screen is the one built and pushed, and the record keeps the spec as built.
class BuildActions : public QObject {
    Q_OBJECT

public:
    BuildActions(MainWindow* window, const CredentialServices& services, project::BuildHistory* history);
    ~BuildActions() override;

    QMenu* menu() const { return m_menu; }
    QDockWidget* buildsDock() const { return m_buildsDock; }
    QDockWidget* pullCheckDock() const { return m_pullCheckDock; }
    BuildsPanel* buildsPanel() const { return m_buildsPanel; }
    PullCheckPanel* pullCheckPanel() const { return m_pullCheck; }
    BuildCoordinator* coordinator() const { return m_coordinator; }
    // A pull check of `reference` in the Pull Check dock (after a push, or a Re-check elsewhere).
    void checkImage(const QString& reference);
    // Where "your build finished" goes when the window is not active; the desktop's by default.
    void setNotificationSink(std::unique_ptr<BuildNotificationSink> sink);
    // Where pull-check verdicts are recorded for the project tree's badges (not owned; may be null).
    void setStatusStore(project::ImageStatusStore* store);

Q_SIGNALS:
    // The credential wizard opened by itself (a push needs a login); it deletes itself when closed.
    void wizardOpened(slipway::ui::CredentialWizard* wizard);
    void statusMessage(const QString& message);

private:
    void createActions();
    void updateActions();
    QString notReadyReason() const;
    void trigger(BuildRequest::Kind kind);
    void editOptions();
    void showCredentials();
    void onRunStarted(project::BuildRun* run);
    void onLoginNeeded(const QString& registry, const QString& repository, const QString& reason);
    void onChecked(const registry::PullCheckResult& result);
    QString specKey() const;

    MainWindow* m_window;
    CredentialServices m_services;
    BuildCoordinator* m_coordinator;
    BuildNotifier* m_notifier;
    BuildsPanel* m_buildsPanel;
    PullCheckPanel* m_pullCheck;
    QDockWidget* m_buildsDock = nullptr;
    QDockWidget* m_pullCheckDock = nullptr;
    project::ImageStatusStore* m_statusStore = nullptr;
    QMenu* m_menu = nullptr;
    QAction* m_buildAction = nullptr;
    QAction* m_pushAction = nullptr;
    QAction* m_buildPushAction = nullptr;
    QAction* m_optionsAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_credentialsAction = nullptr;
};

} // namespace slipway::ui
