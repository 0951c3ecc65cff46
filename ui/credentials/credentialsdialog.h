#pragma once

#include "common/error.h"
#include "credentials/credentialservices.h"
#include "credentials/dockerimport.h"
#include "credentials/registrycredential.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace slipway::registry {
struct LoginCheck;
}

namespace slipway::ui {

class CredentialWizard;
class LoginTester;
class MessageBanner;

// The registry logins Slipway has: registry, username, kind of secret and where it is kept (keychain
// or this session only). Add opens the credential wizard, Test checks the selected login against its
// registry, Replace opens the wizard for its registry, Remove asks first. Import copies docker's
// logins and lists what it took and what it skipped, with reasons. The opt-in "Let docker and pyflyte
// use Slipway's logins" points docker's credsStore at docker-credential-slipway (with a backup).
class CredentialsDialog : public QDialog {
    Q_OBJECT

public:
    explicit CredentialsDialog(const CredentialServices& services, QWidget* parent = nullptr);

    // Docker's config folder for Import and the credsStore switch; dockerConfigDir() by default.
    void setDockerConfigDir(const QString& directory);
    QString dockerConfigDir() const { return m_dockerConfigDir; }

    // Reads the list again from the stores (also done whenever a store changes).
    void refresh();

Q_SIGNALS:
    // The list shows what the stores hold (after every refresh).
    void refreshed();
    // A wizard was opened (Add, Replace); it is a child of the dialog and closes itself after Save.
    void wizardOpened(slipway::ui::CredentialWizard* wizard);
    // An import finished and its report is shown.
    void imported();
    // A Test finished and its result is shown.
    void tested();

private:
    struct Login {
        credentials::CredentialSummary summary;
        bool persistent = true;
    };

    void showLogins(const QList<Login>& logins);
    std::optional<Login> selectedLogin() const;
    credentials::CredentialStore* storeOf(const Login& login) const;
    void updateButtons();
    void openWizard(CredentialWizard* wizard);
    void addLogin();
    void replaceLogin();
    void removeLogin();
    void testLogin();
    void onTested(const Result<registry::LoginCheck>& result, const QString& registry);
    void importFromDocker();
    void showImportReport(const credentials::ImportReport& report);
    void readHelperState();
    void toggleHelper(bool enable);
    void showMessage(int kind, const QString& text);

    CredentialServices m_services;
    QString m_dockerConfigDir;
    LoginTester* m_tester;
    MessageBanner* m_banner;
    QTreeWidget* m_logins;
    QPushButton* m_add;
    QPushButton* m_test;
    QPushButton* m_replace;
    QPushButton* m_remove;
    QPushButton* m_import;
    QTreeWidget* m_importReport;
    QCheckBox* m_shareWithDocker;
    QLabel* m_shareExplanation;
    QList<Login> m_shown;
    int m_generation = 0;
    bool m_busy = false;
};

} // namespace slipway::ui
