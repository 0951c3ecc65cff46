#pragma once

#include "common/error.h"
#include "credentials/registrycredential.h"

#include <QWizardPage>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QToolButton;

namespace slipway::credentials {
class CredentialStore;
}
namespace slipway::registry {
struct LoginCheck;
}

namespace slipway::ui {

class CredentialWizard;
class LoginTester;
class MessageBanner;

// Page 3: username, secret (hidden, with Show), what kind of secret it is, and the repository to test
// push permission on. Test runs the real login check; Save (the wizard's Finish) is possible once the
// test passed for exactly these values, and stores into the keychain — or, when no keychain answers,
// offers to keep the login for this session only.
class LoginPage : public QWizardPage {
    Q_OBJECT

public:
    explicit LoginPage(CredentialWizard* wizard);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

private:
    struct Draft {
        credentials::RegistryCredential login;
        QString repository;
        friend bool operator==(const Draft&, const Draft&) = default;
    };

    Draft draft() const;
    void onEdited();
    void onUsernameChanged();
    void chooseKeyFile();
    void startTest();
    void cancelTest();
    void onTested(const Result<registry::LoginCheck>& result);
    void setTesting(bool testing);
    void save(credentials::CredentialStore* store);
    void onSaved(const Result<void>& result, credentials::CredentialStore* store, const Draft& saved);

    CredentialWizard* m_wizard;
    LoginTester* m_tester;
    MessageBanner* m_reason;
    QComboBox* m_username;
    QComboBox* m_kind;
    QLabel* m_kindLabel;
    QLineEdit* m_secret;
    QToolButton* m_showSecret;
    QPushButton* m_keyFile;
    QLabel* m_keyFileNote;
    QLineEdit* m_repository;
    QPushButton* m_test;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    MessageBanner* m_testResult;
    MessageBanner* m_saveResult;
    std::optional<Draft> m_testing;
    std::optional<Draft> m_passed;
    bool m_saving = false;
    bool m_saved = false;
};

} // namespace slipway::ui
